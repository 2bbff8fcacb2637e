// Circuit supervision requests this side sends (Q.764 §2.8 blocking, §2.9.3 group blocking,
// §2.10.3 reset): which messages carry an operation on a set of circuits, and the requests
// awaiting their acknowledgement, repeated and alerted on the Q.764 timers.
import type { Clock, TimerHandle } from '../core/clock.js';
import { group, grs, simple, supervisionKind, type BlockingKind } from '../drivers/isup-messages.js';
import type { OnCircuit, PortMessage } from '../drivers/port.js';
import { REQUEST_TIMERS, type SupervisionRequestType, type SupervisionTimer } from './supervision-timers.js';

export type RequestMessage = { [M in SupervisionRequestType]: OnCircuit<M> }[SupervisionRequestType];

/** Circuits one group message may cover (range ≤ 31; Q.764 allows at most 32 circuits marked). */
const MAX_GROUP = 32;

function windows(cics: readonly number[], contiguous: boolean): number[][] {
  const sorted = [...new Set(cics)].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const cic of sorted) {
    const w = out.at(-1);
    const start = w?.[0];
    const fits = w !== undefined && start !== undefined && cic - start < MAX_GROUP && (!contiguous || cic === (w.at(-1) as number) + 1);
    if (fits) w.push(cic);
    else out.push([cic]);
  }
  return out;
}

/**
 * Messages that block (or unblock) `cics`: BLO/UBL for a lone circuit under maintenance, CGB/CGU
 * otherwise. Hardware failure blocking exists only as a group message, so a lone circuit is sent
 * with range 1 and only its own status bit set.
 */
export function blockingRequests(cics: readonly number[], kind: BlockingKind, block: boolean): RequestMessage[] {
  return windows(cics, false).map((w): RequestMessage => {
    const first = w[0] as number;
    if (w.length === 1 && kind === 'maintenance') return simple(block ? 'BLO' : 'UBL', first);
    const span = Math.max(2, (w.at(-1) as number) - first + 1);
    const status = Array.from({ length: span }, (_, i) => w.includes(first + i));
    return group(block ? 'CGB' : 'CGU', first, kind, status);
  });
}

/** Messages that reset `cics`: RSC for a lone circuit, GRS for each run of consecutive CICs (2..32). */
export function resetRequests(cics: readonly number[]): RequestMessage[] {
  return windows(cics, true).map((w): RequestMessage => (w.length === 1 ? simple('RSC', w[0] as number) : grs(w[0] as number, w.length)));
}

const ACK_OF: Partial<Record<PortMessage['type'], SupervisionRequestType>> = { BLA: 'BLO', UBA: 'UBL', RLC: 'RSC', CGBA: 'CGB', CGUA: 'CGU', GRA: 'GRS' };
const OPPOSITE: Partial<Record<SupervisionRequestType, SupervisionRequestType>> = { BLO: 'UBL', UBL: 'BLO', CGB: 'CGU', CGU: 'CGB' };

function kindOf(m: PortMessage): string {
  return 'circuitGroupSupervisionMessageType' in m.params ? (supervisionKind(m.params.circuitGroupSupervisionMessageType.type) ?? '?') : '';
}
const keyOf = (type: SupervisionRequestType, cic: number, kind: string): string => `${type}:${cic}:${kind}`;

export interface PendingView {
  type: SupervisionRequestType;
  cic: number;
  /** how many circuits it covers */
  circuits: number;
  since: number;
  /** how many times it was sent */
  sent: number;
}

interface Pending {
  readonly message: RequestMessage;
  readonly since: number;
  sent: number;
  repeat?: TimerHandle;
  alert?: TimerHandle;
}

export interface PendingRequestsOptions {
  clock: Clock;
  timers: Readonly<Record<SupervisionTimer, number>>;
  send: (m: RequestMessage) => void;
  /** the request went unacknowledged for its long timer */
  alert: (m: RequestMessage, timer: SupervisionTimer) => void;
}

/** Requests sent and not yet acknowledged, for one trunk group. */
export class PendingRequests {
  readonly #pending = new Map<string, Pending>();

  constructor(private readonly o: PendingRequestsOptions) {}

  /** Send `m` now and keep repeating it until acknowledged. It replaces the same request, or the opposite one, on the same circuits. */
  request(m: RequestMessage): void {
    const kind = kindOf(m);
    const opposite = OPPOSITE[m.type];
    if (opposite !== undefined) this.#stop(keyOf(opposite, m.cic, kind));
    const key = keyOf(m.type, m.cic, kind);
    this.#stop(key);
    const p: Pending = { message: m, since: this.o.clock.now(), sent: 0 };
    this.#pending.set(key, p);
    const [repeatTimer, alertTimer] = REQUEST_TIMERS[m.type];
    const repeat = (): void => {
      this.#send(p);
      p.repeat = this.o.clock.setTimer(this.o.timers[repeatTimer], repeat);
    };
    const alert = (): void => {
      p.repeat?.cancel();
      delete p.repeat;
      this.o.alert(m, alertTimer);
      this.#send(p);
      p.alert = this.o.clock.setTimer(this.o.timers[alertTimer], alert);
    };
    repeat();
    p.alert = this.o.clock.setTimer(this.o.timers[alertTimer], alert);
  }

  /** The request `ack` answers, now stopped; undefined when none is pending. */
  acknowledge(ack: PortMessage): RequestMessage | undefined {
    const type = ACK_OF[ack.type];
    if (type === undefined) return undefined;
    const key = keyOf(type, ack.cic, kindOf(ack));
    const p = this.#pending.get(key);
    this.#stop(key);
    return p?.message;
  }

  list(): PendingView[] {
    return [...this.#pending.values()].map(({ message: m, since, sent }) => ({
      type: m.type,
      cic: m.cic,
      circuits: 'rangeAndStatus' in m.params ? m.params.rangeAndStatus.range + 1 : 1,
      since,
      sent,
    }));
  }

  /** Stop every request (the driver is going away). */
  clear(): void {
    for (const key of [...this.#pending.keys()]) this.#stop(key);
  }

  #send(p: Pending): void {
    p.sent++;
    this.o.send(p.message);
  }

  #stop(key: string): void {
    const p = this.#pending.get(key);
    if (p === undefined) return;
    p.repeat?.cancel();
    p.alert?.cancel();
    this.#pending.delete(key);
  }
}
