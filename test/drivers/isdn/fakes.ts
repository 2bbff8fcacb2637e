// Recording fakes of the driver's collaborators (the real Q.921 and Q.931 arrive separately): each
// records the requests the driver makes and lets a test play the events the real one would emit.
import { ok, err, type Result } from '../../../src/core/result.js';
import { GwError } from '../../../src/core/errors.js';
import type { L2Indication, L2Listener, L2Service } from '../../../src/isdn/l2/service.js';
import type { CallId, CallInfo, CallSnapshot, ChannelChoice, Q931Event, Q931Interface, Q931Listener } from '../../../src/isdn/q931/service.js';
import type { Cause, ProgressIndicator } from 'q931-codec';
import type { DChannelEvent, DChannelListener, DChannelTransport } from '../../../src/drivers/isdn/dchannel-socket.js';

export type Q931Request =
  | { op: 'setup'; id: CallId; info: CallInfo }
  | { op: 'setupAck' | 'proceeding'; id: CallId; channel?: ChannelChoice }
  | { op: 'alerting'; id: CallId; progress?: readonly ProgressIndicator[] }
  | { op: 'progress'; id: CallId; progress: readonly ProgressIndicator[] }
  | { op: 'connect'; id: CallId }
  | { op: 'information'; id: CallId; digits: string; sendingComplete: boolean }
  | { op: 'disconnect'; id: CallId; cause: Cause }
  | { op: 'release'; id: CallId }
  | { op: 'restart'; channels: readonly number[] | 'all' }
  | { op: 'statusEnquiry'; id: CallId };

export class FakeQ931 implements Q931Interface {
  readonly requests: Q931Request[] = [];
  readonly #listeners = new Set<Q931Listener>();
  #next = 1;
  /** make the next requests fail */
  refuse = false;

  #r(req: Q931Request): Result<void, GwError> {
    if (this.refuse) return err(new GwError('GW_ERR_TEST_REFUSED', 'refused'));
    this.requests.push(req);
    return ok(undefined);
  }

  setup(info: CallInfo): Result<CallId, GwError> {
    if (this.refuse) return err(new GwError('GW_ERR_TEST_REFUSED', 'refused'));
    const id = this.#next++;
    this.requests.push({ op: 'setup', id, info });
    return ok(id);
  }
  setupAck(id: CallId, channel?: ChannelChoice) {
    return this.#r({ op: 'setupAck', id, ...(channel ? { channel } : {}) });
  }
  proceeding(id: CallId, channel?: ChannelChoice) {
    return this.#r({ op: 'proceeding', id, ...(channel ? { channel } : {}) });
  }
  alerting(id: CallId, o?: { progress?: readonly ProgressIndicator[] }) {
    return this.#r({ op: 'alerting', id, ...(o?.progress ? { progress: o.progress } : {}) });
  }
  progress(id: CallId, progress: readonly ProgressIndicator[]) {
    return this.#r({ op: 'progress', id, progress });
  }
  connect(id: CallId) {
    return this.#r({ op: 'connect', id });
  }
  information(id: CallId, digits: string, sendingComplete: boolean) {
    return this.#r({ op: 'information', id, digits, sendingComplete });
  }
  disconnect(id: CallId, cause: Cause) {
    return this.#r({ op: 'disconnect', id, cause });
  }
  release(id: CallId) {
    return this.#r({ op: 'release', id });
  }
  restart(channels: readonly number[] | 'all') {
    return this.#r({ op: 'restart', channels });
  }
  statusEnquiry(id: CallId) {
    return this.#r({ op: 'statusEnquiry', id });
  }
  calls(): readonly CallSnapshot[] {
    return [];
  }
  subscribe(l: Q931Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
  /** An incoming call id the far end allocated (distinct from ours). */
  incomingId(): CallId {
    return 1000 + this.#next++;
  }
  emit(e: Q931Event): void {
    for (const l of [...this.#listeners]) l(e);
  }
  /** requests since the last take() */
  take(): Q931Request[] {
    return this.requests.splice(0);
  }
}

export class FakeL2 implements L2Service {
  readonly calls: string[] = [];
  readonly received: Uint8Array[] = [];
  readonly #listeners = new Set<L2Listener>();
  links: number[] = [];

  physical(up: boolean): void {
    this.calls.push(`physical(${up})`);
    if (!up) {
      const was = this.links;
      this.links = [];
      for (const tei of was) this.emit({ kind: 'released', tei });
    }
  }
  receive(frame: Uint8Array): void {
    this.received.push(frame);
  }
  establish(): void {
    this.calls.push('establish');
  }
  release(): void {
    this.calls.push('release');
  }
  data(): void {
    this.calls.push('data');
  }
  unitData(): void {
    this.calls.push('unitData');
  }
  established(): readonly number[] {
    return this.links;
  }
  subscribe(l: L2Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
  emit(i: L2Indication): void {
    if (i.kind === 'established' && !this.links.includes(i.tei)) this.links.push(i.tei);
    if (i.kind === 'released') this.links = this.links.filter((t) => t !== i.tei);
    for (const l of [...this.#listeners]) l(i);
  }
}

export class FakeTransport implements DChannelTransport {
  up = false;
  started = 0;
  stopped = 0;
  readonly sent: Uint8Array[] = [];
  readonly #listeners = new Set<DChannelListener>();
  start(): void {
    this.started++;
  }
  stop(): void {
    this.stopped++;
    if (this.up) this.emit({ kind: 'down', reason: 'stopped' });
  }
  send(frame: Uint8Array): boolean {
    if (this.up) this.sent.push(frame);
    return this.up;
  }
  subscribe(l: DChannelListener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
  emit(e: DChannelEvent): void {
    if (e.kind === 'up') this.up = true;
    if (e.kind === 'down') this.up = false;
    for (const l of [...this.#listeners]) l(e);
  }
}
