// One trunk group: its circuits, hunting memory, admission counters, drain and link state.
// The manager changes it; this file only holds it and answers questions about it.
import type { Clock } from '../core/clock.js';
import type { LinkState, SpanDriver } from '../drivers/port.js';
import { Admission, type AdmissionState } from './admission.js';
import { CIRCUIT_CALL_STATE, type CallState } from './circuit-call-state.fsm.js';
import { isLocked, noLocks, viewOf, type Circuit, type CircuitView } from './circuit.js';
import { BadTrunkSpecError } from './errors.js';
import { huntSorted, type HuntContext } from './hunting.js';
import { cicOf, type HuntingSpec, type TrunkGroupSpec } from './spec.js';
import { PendingRequests, type PendingView, type RequestMessage } from './supervision-requests.js';
import { supervisionTimerValues, type SupervisionTimer } from './supervision-timers.js';

const DEFAULT_RETRY_AFTER_S = 5;

export interface GroupSnapshot {
  name: string;
  driver: string;
  link: LinkState;
  draining: boolean;
  hunting: HuntingSpec;
  /** circuits per call state, and how many are locked (any flag) or available for a new call */
  counts: Record<CallState, number> & { locked: number; available: number };
  admission: AdmissionState;
  circuits: CircuitView[];
  /** supervision requests sent and not yet acknowledged */
  pending: PendingView[];
}

export interface TrunkGroupOptions {
  clock: Clock;
  random: () => number;
  driver: SpanDriver;
  /** a supervision request went unacknowledged for its long timer */
  alert: (m: RequestMessage, timer: SupervisionTimer) => void;
}

export class TrunkGroup {
  readonly name: string;
  readonly circuits = new Map<number, Circuit>();
  /** the same circuits in ascending CIC order, for hunting */
  readonly #byCic: Circuit[];
  readonly admission: Admission;
  readonly hunt: HuntContext;
  readonly retryAfterSeconds: number;
  /** this group's supervision requests awaiting acknowledgement */
  readonly pending: PendingRequests;
  draining = false;
  link: LinkState;
  /** the last release sequence number handed out (least-recently-used hunting) */
  #releases = 0;

  constructor(
    readonly spec: TrunkGroupSpec,
    o: TrunkGroupOptions,
  ) {
    this.name = spec.name;
    this.admission = new Admission(spec.cac ?? {}, o.clock);
    this.hunt = { lastCic: undefined, random: o.random };
    this.retryAfterSeconds = spec.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S;
    this.link = o.driver.link;
    const timers = supervisionTimerValues(spec.timers);
    if (!timers.ok) throw new BadTrunkSpecError(`${spec.name}: ${timers.error}`);
    this.pending = new PendingRequests({
      clock: o.clock,
      timers: timers.value,
      send: (m) => o.driver.send(m),
      alert: o.alert,
    });
    if (!Number.isInteger(spec.glare.maxReattempts) || spec.glare.maxReattempts < 0) {
      throw new BadTrunkSpecError(`${spec.name}: glare.maxReattempts must be a whole number ≥ 0`);
    }
    for (const c of spec.circuits) {
      const cic = cicOf(c);
      if (!Number.isInteger(cic) || cic < 0) throw new BadTrunkSpecError(`${spec.name}: circuit ${JSON.stringify(c)} has no valid CIC`);
      if (this.circuits.has(cic)) throw new BadTrunkSpecError(`${spec.name}: CIC ${cic} listed twice`);
      this.circuits.set(cic, {
        cic,
        ...(c.span === undefined ? {} : { span: c.span }),
        ...(c.channel === undefined ? {} : { channel: c.channel }),
        callState: CIRCUIT_CALL_STATE.start.to,
        locks: noLocks(),
        // there from the start: adding it at the first call would give each circuit a property array
        holder: undefined,
        releasedSeq: 0,
      });
    }
    this.#byCic = [...this.circuits.values()].sort((a, b) => a.cic - b.cic);
  }

  /** Whether `c` may be seized for a new outgoing call now. */
  available(c: Circuit): boolean {
    return this.link === 'up' && c.callState === 'idle' && !isLocked(c.locks);
  }

  /** The available circuit the group's hunting strategy picks, leaving out `exclude`. */
  pick(exclude: ReadonlySet<number>): Circuit | undefined {
    return huntSorted(this.spec.hunting, this.#byCic, (c) => this.available(c) && !exclude.has(c.cic), this.hunt);
  }

  nextReleaseSeq(): number {
    return ++this.#releases;
  }

  /** Calls holding circuits of the group. */
  activeCalls(): number {
    let n = 0;
    for (const c of this.circuits.values()) if (c.holder !== undefined) n++;
    return n;
  }

  /** The circuit on `span`/`channel`, if the group has it. */
  circuitAt(span: number, channel: number): Circuit | undefined {
    for (const c of this.circuits.values()) if (c.span === span && c.channel === channel) return c;
    return undefined;
  }

  snapshot(): GroupSnapshot {
    const counts = { idle: 0, outgoingBusy: 0, incomingBusy: 0, resetting: 0, locked: 0, available: 0 };
    const circuits: CircuitView[] = [];
    for (const c of [...this.circuits.values()].sort((a, b) => a.cic - b.cic)) {
      counts[c.callState]++;
      if (isLocked(c.locks)) counts.locked++;
      if (this.available(c)) counts.available++;
      circuits.push(viewOf(c));
    }
    return {
      name: this.name,
      driver: this.spec.driver,
      link: this.link,
      draining: this.draining,
      hunting: this.spec.hunting,
      counts,
      admission: this.admission.state(),
      circuits,
      pending: this.pending.list(),
    };
  }
}
