// A span driver double that records what Tandem sends and lets a test play the far end message
// by message (the simulated exchange plays it by behaviour instead).
import { ok, err, type Result } from '../../src/core/result.js';
import { LinkDownError, UnknownCicError, type DriverError } from '../../src/drivers/errors.js';
import type { DriverListener, LinkState, MediaSession, PortMessage, SpanDriver } from '../../src/drivers/port.js';
import type { TrunkGroupEvent } from '../../src/trunkgroups/events.js';
import { TrunkGroupManager, type TrunkGroupManagerOptions } from '../../src/trunkgroups/manager.js';
import type { TrunkGroupSpec } from '../../src/trunkgroups/spec.js';
import { FakeClock } from '../../src/core/clock.js';

export class RecordingDriver implements SpanDriver {
  readonly sent: PortMessage[] = [];
  /** CICs whose seize() the driver refuses */
  readonly refuse = new Set<number>();
  readonly #listeners = new Set<DriverListener>();

  constructor(
    readonly name: string,
    readonly cics: readonly number[],
    public link: LinkState = 'up',
  ) {}

  start(): void {
    this.setLink('up');
  }

  stop(): void {
    this.setLink('down');
  }

  seize(cic: number): Result<void, DriverError> {
    if (this.link === 'down') return err(new LinkDownError(this.name));
    return this.refuse.has(cic) || !this.cics.includes(cic) ? err(new UnknownCicError(String(cic))) : ok(undefined);
  }

  send(m: PortMessage): Result<void, DriverError> {
    this.sent.push(m);
    return ok(undefined);
  }

  openMedia(): Promise<Result<MediaSession, DriverError>> {
    return Promise.resolve(ok({ answer: '', close: () => undefined }));
  }

  subscribe(listener: DriverListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The far end sends `m`. */
  deliver(m: PortMessage): void {
    for (const l of this.#listeners) l({ kind: 'message', message: m });
  }

  setLink(state: LinkState): void {
    this.link = state;
    for (const l of this.#listeners) l({ kind: 'link', state });
  }

  /** The types and CICs sent since the last call, e.g. ['BLO 3', 'CGB 4+2']. */
  take(): string[] {
    return this.sent.splice(0).map((m) => ('rangeAndStatus' in m.params ? `${m.type} ${m.cic}+${m.params.rangeAndStatus.range}` : `${m.type} ${m.cic}`));
  }
}

export function group(name: string, cics: number[], over: Partial<TrunkGroupSpec> = {}): TrunkGroupSpec {
  return {
    name,
    driver: 'd',
    circuits: cics.map((cic) => ({ cic })),
    hunting: { strategy: 'ascending' },
    glare: { policy: 'fixed', winner: 'local', maxReattempts: 1 },
    ...over,
  };
}

/** A manager over one RecordingDriver named 'd', with a FakeClock and every event collected. */
export function setup(groups: TrunkGroupSpec[], o: Partial<TrunkGroupManagerOptions> = {}) {
  const cics = groups.flatMap((g) => g.circuits.map((c) => ('cic' in c ? c.cic : c.span * 32 + c.channel)));
  const driver = new RecordingDriver('d', cics);
  const clock = new FakeClock();
  const manager = new TrunkGroupManager({ groups, drivers: [driver], clock, ...o });
  const events: TrunkGroupEvent[] = [];
  manager.subscribe((e) => events.push(e));
  const circuit = (groupName: string, cic: number) => {
    const c = manager.snapshot().groups.find((g) => g.name === groupName)?.circuits.find((x) => x.cic === cic);
    if (c === undefined) throw new Error(`no circuit ${groupName}/${cic}`);
    return c;
  };
  const seize = (groupName: string, callId: string, peer?: string) => {
    const r = manager.seize(groupName, peer === undefined ? { callId } : { callId, peer });
    if (!r.ok) throw r.error;
    return r.value;
  };
  return { driver, clock, manager, events, circuit, seize };
}
