// The trunk-group manager: seizes circuits for calls (hunting, admission control, dual seizure
// per Q.764 §2.9.1.4), releases them, runs maintenance (block, unblock, reset, drain) with an
// audit trail, applies what the far end's supervision messages say (circuit-supervision.ts), and
// reports every change as an event and the whole state on demand.
import type { Clock } from '../core/clock.js';
import { transition } from '../core/fsm.js';
import { err, ok, type Result } from '../core/result.js';
import type { BlockingKind } from '../drivers/isup-messages.js';
import type { DriverEvent, SpanDriver } from '../drivers/port.js';
import { Admission, type AdmissionState } from './admission.js';
import { CIRCUIT_CALL_STATE, type CallStateEvent } from './circuit-call-state.fsm.js';
import { onSupervisionMessage, reassertLocalBlocks, type SupervisionOps } from './circuit-supervision.js';
import { isLocallyLocked, lockName, viewOf, type Circuit, type CircuitHolder, type CircuitView, type LockSide } from './circuit.js';
import {
  BadTrunkSpecError,
  CacLimitError,
  CircuitBlockedError,
  CircuitStateError,
  DualSeizureError,
  GlareLimitError,
  GroupDrainingError,
  NoCircuitError,
  NotHolderError,
  UnknownCircuitError,
  UnknownGroupError,
  UnknownPeerError,
  type TrunkGroupError,
} from './errors.js';
import type { AuditRecord, ClearReason, MaintenanceAction, TrunkGroupEvent, TrunkGroupListener } from './events.js';
import { controlsCircuit } from './glare.js';
import type { PeerSpec, TrunkGroupSpec } from './spec.js';
import { blockingRequests, resetRequests } from './supervision-requests.js';
import { TrunkGroup, type GroupSnapshot } from './trunk-group.js';

export interface TrunkGroupManagerOptions {
  groups: readonly TrunkGroupSpec[];
  peers?: readonly PeerSpec[];
  /** every driver a group names */
  drivers: readonly SpanDriver[];
  clock: Clock;
  /** uniform in [0, 1), for random hunting; defaults to Math.random */
  random?: () => number;
  /** audit records kept for auditLog(); default 1000 */
  auditLimit?: number;
}

/** A circuit seized for an outgoing call: send the IAM through `driver` on `circuit.cic`. */
export interface Seizure {
  group: string;
  circuit: CircuitView;
  driver: SpanDriver;
  callId: string;
  peer?: string;
  attempt: number;
}

/** An outgoing call that lost a dual seizure: pass it to reattempt(). */
export type BackedOffCall = Omit<Seizure, 'circuit' | 'driver'> & { cic: number };

export interface IncomingSeizure {
  group: string;
  circuit: CircuitView;
  /** this side's outgoing call that lost the circuit to this one (dual seizure) */
  backedOff?: BackedOffCall;
  /** set when the group is draining: release the call; the circuit stays busy until release() */
  refuse?: InstanceType<typeof GroupDrainingError>;
}

export interface MaintenanceOrder {
  who: string;
  why: string;
  /** the circuits, by CIC; all of the group when absent */
  cics?: readonly number[];
}

export interface ManagerSnapshot {
  at: number;
  groups: GroupSnapshot[];
  peers: { name: string; admission: AdmissionState }[];
}

/** The events whose clearCall action takes a call off its circuit, and the reason reported. */
const CLEAR_REASON = { resetSent: 'localReset', resetReceived: 'remoteReset', hardwareBlocked: 'hardwareBlocked' } as const satisfies Partial<Record<CallStateEvent, ClearReason>>;
const clears = (e: CallStateEvent): e is keyof typeof CLEAR_REASON => Object.hasOwn(CLEAR_REASON, e);
const busy = (c: Circuit): boolean => c.callState === 'outgoingBusy' || c.callState === 'incomingBusy';

export class TrunkGroupManager {
  readonly #clock: Clock;
  readonly #groups = new Map<string, TrunkGroup>();
  readonly #peers = new Map<string, Admission>();
  readonly #drivers = new Map<string, SpanDriver>();
  /** driver name → CIC → group */
  readonly #byCircuit = new Map<string, Map<number, TrunkGroup>>();
  readonly #listeners = new Set<TrunkGroupListener>();
  readonly #audit: AuditRecord[] = [];
  readonly #auditLimit: number;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(o: TrunkGroupManagerOptions) {
    this.#clock = o.clock;
    this.#auditLimit = o.auditLimit ?? 1000;
    for (const d of o.drivers) this.#drivers.set(d.name, d);
    for (const p of o.peers ?? []) {
      if (this.#peers.has(p.name)) throw new BadTrunkSpecError(`peer ${p.name} listed twice`);
      this.#peers.set(p.name, new Admission(p.cac, o.clock));
    }
    for (const spec of o.groups) {
      const driver = this.#drivers.get(spec.driver);
      if (driver === undefined) throw new BadTrunkSpecError(`${spec.name}: no driver named ${spec.driver}`);
      if (this.#groups.has(spec.name)) throw new BadTrunkSpecError(`group ${spec.name} listed twice`);
      const g = new TrunkGroup(spec, {
        clock: o.clock,
        random: o.random ?? Math.random,
        driver,
        alert: (m, timer) => this.#emit({ type: 'maintenanceAlert', at: this.#clock.now(), group: spec.name, message: m.type, cic: m.cic, timer }),
      });
      this.#groups.set(spec.name, g);
      const index = this.#byCircuit.get(driver.name) ?? new Map<number, TrunkGroup>();
      this.#byCircuit.set(driver.name, index);
      for (const cic of g.circuits.keys()) {
        if (index.has(cic)) throw new BadTrunkSpecError(`${spec.name}: CIC ${cic} of ${driver.name} is also in ${index.get(cic)?.name}`);
        if (!driver.cics.includes(cic)) throw new BadTrunkSpecError(`${spec.name}: driver ${driver.name} has no CIC ${cic}`);
        index.set(cic, g);
      }
    }
    for (const driver of this.#drivers.values()) {
      if (this.#byCircuit.has(driver.name)) this.#unsubscribe.push(driver.subscribe((e) => this.#onDriverEvent(driver, e)));
    }
  }

  subscribe(listener: TrunkGroupListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Seize a circuit of `groupName` for a new outgoing call (SIP → PSTN). */
  seize(groupName: string, call: { callId: string; peer?: string }): Result<Seizure, TrunkGroupError> {
    return this.#seizeOutgoing(groupName, { callId: call.callId, ...(call.peer === undefined ? {} : { peer: call.peer }), attempt: 0 }, new Set());
  }

  /** Seize another circuit for a call that lost a dual seizure (at most glare.maxReattempts times). */
  reattempt(lost: BackedOffCall): Result<Seizure, TrunkGroupError> {
    const g = this.#groups.get(lost.group);
    if (g === undefined) return err(new UnknownGroupError(lost.group));
    if (lost.attempt >= g.spec.glare.maxReattempts) return err(new GlareLimitError(`${lost.callId} after ${lost.attempt} re-attempts`));
    const holder: CircuitHolder = { callId: lost.callId, ...(lost.peer === undefined ? {} : { peer: lost.peer }), attempt: lost.attempt + 1 };
    return this.#seizeOutgoing(lost.group, holder, new Set([lost.cic]));
  }

  /** An IAM arrived on `cic` of `driverName`: seize the circuit for the incoming call, resolving dual seizure. */
  seizeIncoming(driverName: string, cic: number, callId: string): Result<IncomingSeizure, TrunkGroupError> {
    const g = this.#byCircuit.get(driverName)?.get(cic);
    const c = g?.circuits.get(cic);
    if (g === undefined || c === undefined) return err(new UnknownCircuitError(`${driverName} CIC ${cic}`));
    let backedOff: BackedOffCall | undefined;
    const holder: CircuitHolder = { callId, attempt: 0 };
    if (c.callState === 'idle' && isLocallyLocked(c.locks)) {
      reassertLocalBlocks([cic], ['maintenance', 'hardware'], this.#ops(driverName));
      return err(new CircuitBlockedError(`${g.name} CIC ${cic}`));
    }
    if (c.callState === 'outgoingBusy' && c.holder !== undefined) {
      const ours = c.holder;
      if (controlsCircuit(g.spec.glare, cic)) {
        this.#fire(g, c, 'dualSeizureWon');
        this.#emit({ type: 'glare', at: this.#clock.now(), group: g.name, cic, callId: ours.callId, outcome: 'kept' });
        return err(new DualSeizureError(`${g.name} CIC ${cic}`));
      }
      backedOff = { group: g.name, cic, callId: ours.callId, attempt: ours.attempt, ...(ours.peer === undefined ? {} : { peer: ours.peer }) };
      this.#fire(g, c, 'dualSeizureLost', holder);
    } else {
      const fired = this.#fire(g, c, 'seizeIncoming', holder);
      if (!fired.ok) return fired;
    }
    // an IAM (not a test call) removes the far end's blocking of the circuit
    this.#setLock(g, c, 'remote', 'maintenance', false);
    this.#setLock(g, c, 'remote', 'hardware', false);
    g.admission.occupy();
    const seizure: IncomingSeizure = { group: g.name, circuit: viewOf(c) };
    if (backedOff !== undefined) seizure.backedOff = backedOff;
    if (g.draining) seizure.refuse = new GroupDrainingError(g.name, g.retryAfterSeconds);
    return ok(seizure);
  }

  /** The call's release sequence (REL/RLC) completed: the circuit is idle again. */
  release(groupName: string, cic: number, callId: string): Result<void, TrunkGroupError> {
    const found = this.#circuit(groupName, cic);
    if (!found.ok) return found;
    const { g, c } = found.value;
    if (c.holder?.callId !== callId) return err(new NotHolderError(`${callId} on ${groupName} CIC ${cic}`));
    const fired = this.#fire(g, c, 'release');
    return fired.ok ? ok(undefined) : fired;
  }

  /** The CIC of the circuit on `span`/`channel` of a group. */
  cicAt(groupName: string, span: number, channel: number): number | undefined {
    return this.#groups.get(groupName)?.circuitAt(span, channel)?.cic;
  }

  /** Block circuits toward the far end; a hardware block also releases their calls. */
  block(groupName: string, order: MaintenanceOrder & { kind: BlockingKind }): Result<AuditRecord, TrunkGroupError> {
    return this.#maintain(groupName, 'block', order, (g, cics) => {
      for (const c of cics) {
        this.#setLock(g, c, 'local', order.kind, true);
        if (order.kind === 'hardware') this.#fire(g, c, 'hardwareBlocked');
      }
      for (const m of blockingRequests(cics.map((c) => c.cic), order.kind, true)) g.pending.request(m);
    });
  }

  unblock(groupName: string, order: MaintenanceOrder & { kind: BlockingKind }): Result<AuditRecord, TrunkGroupError> {
    return this.#maintain(groupName, 'unblock', order, (g, cics) => {
      for (const c of cics) this.#setLock(g, c, 'local', order.kind, false);
      for (const m of blockingRequests(cics.map((c) => c.cic), order.kind, false)) g.pending.request(m);
    });
  }

  /** Reset circuits (RSC, GRS): their calls are cleared; they are idle when the far end acknowledges. */
  reset(groupName: string, order: MaintenanceOrder): Result<AuditRecord, TrunkGroupError> {
    return this.#maintain(groupName, 'reset', order, (g, cics) => {
      for (const c of cics) this.#fire(g, c, 'resetSent');
      const numbers = cics.map((c) => c.cic);
      for (const m of resetRequests(numbers)) g.pending.request(m);
      reassertLocalBlocks(numbers, ['maintenance', 'hardware'], this.#ops(g.spec.driver));
    });
  }

  /** No new calls on the group; calls in progress finish ('drained' is reported when the last ends). */
  drain(groupName: string, order: Omit<MaintenanceOrder, 'cics'>): Result<AuditRecord, TrunkGroupError> {
    return this.#maintain(groupName, 'drain', order, (g) => {
      g.draining = true;
      this.#emit({ type: 'draining', at: this.#clock.now(), group: g.name, draining: true });
      this.#drainedCheck(g);
    });
  }

  resume(groupName: string, order: Omit<MaintenanceOrder, 'cics'>): Result<AuditRecord, TrunkGroupError> {
    return this.#maintain(groupName, 'resume', order, (g) => {
      g.draining = false;
      this.#emit({ type: 'draining', at: this.#clock.now(), group: g.name, draining: false });
    });
  }

  snapshot(): ManagerSnapshot {
    return {
      at: this.#clock.now(),
      groups: [...this.#groups.values()].map((g) => g.snapshot()),
      peers: [...this.#peers].map(([name, a]) => ({ name, admission: a.state() })),
    };
  }

  /** The latest maintenance operations, oldest first. */
  auditLog(): AuditRecord[] {
    return this.#audit.map((r) => ({ ...r, cics: [...r.cics] }));
  }

  /** Stop listening to the drivers and stop every pending supervision request. */
  dispose(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
    for (const g of this.#groups.values()) g.pending.clear();
  }

  #seizeOutgoing(groupName: string, holder: CircuitHolder, exclude: Set<number>): Result<Seizure, TrunkGroupError> {
    const g = this.#groups.get(groupName);
    if (g === undefined) return err(new UnknownGroupError(groupName));
    if (g.draining) return err(new GroupDrainingError(g.name, g.retryAfterSeconds));
    const peer = holder.peer === undefined ? undefined : this.#peers.get(holder.peer);
    if (holder.peer !== undefined && peer === undefined) return err(new UnknownPeerError(holder.peer));
    const rated = holder.attempt === 0;
    for (const [scope, name, admission] of [['group', g.name, g.admission], ['peer', holder.peer ?? '', peer]] as const) {
      const check = admission?.check(rated);
      if (check === undefined || check.admitted) continue;
      this.#emit({ type: 'admissionRejected', at: this.#clock.now(), group: g.name, scope, name, limit: check.limit });
      const retry = check.waitMs === undefined ? g.retryAfterSeconds : Math.max(1, Math.ceil(check.waitMs / 1000));
      return err(new CacLimitError(`${scope} ${name}: ${check.limit}`, scope, check.limit, retry));
    }
    const driver = this.#drivers.get(g.spec.driver) as SpanDriver;
    for (;;) {
      const c = g.pick(exclude);
      if (c === undefined) {
        this.#emit({ type: 'noCircuit', at: this.#clock.now(), group: g.name });
        return err(new NoCircuitError(g.link === 'up' ? g.name : `${g.name} (link down)`, g.retryAfterSeconds));
      }
      if (!driver.seize(c.cic).ok) {
        exclude.add(c.cic);
        continue;
      }
      g.hunt.lastCic = c.cic;
      this.#fire(g, c, 'seizeOutgoing', holder);
      g.admission.admit(rated);
      peer?.admit(rated);
      return ok({ group: g.name, circuit: viewOf(c), driver, ...holder });
    }
  }

  /**
   * Run a call-state event on a circuit: state, holder (`next` takes the circuit), event, and the
   * transition's actions. The previous holder leaves when the circuit stops being busy or `next` comes.
   */
  #fire(g: TrunkGroup, c: Circuit, event: CallStateEvent, next?: CircuitHolder): Result<void, TrunkGroupError> {
    const step = transition(CIRCUIT_CALL_STATE, c.callState, event);
    if (!step.ok) return err(new CircuitStateError(`${g.name} CIC ${c.cic}: ${event} in ${c.callState}`));
    const from = c.callState;
    const holder = c.holder;
    c.callState = step.value.to;
    if (holder !== undefined && (!busy(c) || next !== undefined)) this.#dropHolder(g, c, holder);
    if (next !== undefined) c.holder = next;
    const at = this.#clock.now();
    const callId = (next ?? holder)?.callId;
    if (from !== c.callState) {
      this.#emit({ type: 'callState', at, group: g.name, cic: c.cic, from, to: c.callState, event, ...(callId === undefined ? {} : { callId }) });
    }
    if (holder === undefined) return ok(undefined);
    for (const effect of step.value.effects) {
      if (effect.kind !== 'action') continue;
      if (effect.action === 'clearCall') {
        if (clears(event)) this.#emit({ type: 'callCleared', at, group: g.name, cic: c.cic, callId: holder.callId, reason: CLEAR_REASON[event] });
      } else {
        this.#emit({ type: 'glare', at, group: g.name, cic: c.cic, callId: holder.callId, outcome: 'backedOff' });
      }
    }
    if (!busy(c)) this.#drainedCheck(g);
    return ok(undefined);
  }

  #dropHolder(g: TrunkGroup, c: Circuit, holder: CircuitHolder): void {
    c.holder = undefined;
    c.releasedSeq = g.nextReleaseSeq();
    g.admission.end();
    if (holder.peer !== undefined) this.#peers.get(holder.peer)?.end();
  }

  #drainedCheck(g: TrunkGroup): void {
    if (g.draining && g.activeCalls() === 0) this.#emit({ type: 'drained', at: this.#clock.now(), group: g.name });
  }

  #setLock(g: TrunkGroup, c: Circuit, side: LockSide, kind: BlockingKind, blocked: boolean): void {
    const name = lockName(side, kind);
    if (c.locks[name] === blocked) return;
    c.locks[name] = blocked;
    this.#emit({ type: 'locks', at: this.#clock.now(), group: g.name, cic: c.cic, side, kind, blocked, locks: { ...c.locks } });
  }

  #maintain(
    groupName: string,
    action: MaintenanceAction,
    order: MaintenanceOrder & { kind?: BlockingKind },
    apply: (g: TrunkGroup, circuits: Circuit[]) => void,
  ): Result<AuditRecord, TrunkGroupError> {
    const g = this.#groups.get(groupName);
    if (g === undefined) return err(new UnknownGroupError(groupName));
    const circuits: Circuit[] = [];
    const scoped = action !== 'drain' && action !== 'resume';
    for (const cic of scoped ? (order.cics ?? [...g.circuits.keys()]) : []) {
      const c = g.circuits.get(cic);
      if (c === undefined) return err(new UnknownCircuitError(`${groupName} CIC ${cic}`));
      circuits.push(c);
    }
    const record: AuditRecord = { at: this.#clock.now(), who: order.who, why: order.why, action, group: g.name, cics: circuits.map((c) => c.cic) };
    if (order.kind !== undefined) record.kind = order.kind;
    this.#audit.push(record);
    if (this.#audit.length > this.#auditLimit) this.#audit.shift();
    this.#emit({ type: 'audit', record: { ...record, cics: [...record.cics] } });
    apply(g, circuits);
    return ok(record);
  }

  #circuit(groupName: string, cic: number): Result<{ g: TrunkGroup; c: Circuit }, TrunkGroupError> {
    const g = this.#groups.get(groupName);
    if (g === undefined) return err(new UnknownGroupError(groupName));
    const c = g.circuits.get(cic);
    return c === undefined ? err(new UnknownCircuitError(`${groupName} CIC ${cic}`)) : ok({ g, c });
  }

  #ops(driverName: string): SupervisionOps {
    const driver = this.#drivers.get(driverName) as SpanDriver;
    const groupOf = (cic: number): TrunkGroup | undefined => this.#byCircuit.get(driverName)?.get(cic);
    return {
      lookup: (cic) => {
        const group = groupOf(cic);
        const circuit = group?.circuits.get(cic);
        return group === undefined || circuit === undefined ? undefined : { group, circuit };
      },
      setLock: (g, c, side, kind, blocked) => this.#setLock(g, c, side, kind, blocked),
      fire: (g, c, event) => void this.#fire(g, c, event),
      reply: (m) => void driver.send(m),
      request: (m) => groupOf(m.cic)?.pending.request(m),
      acknowledge: (m) => groupOf(m.cic)?.pending.acknowledge(m),
    };
  }

  #onDriverEvent(driver: SpanDriver, e: DriverEvent): void {
    if (e.kind === 'message') {
      onSupervisionMessage(e.message, this.#ops(driver.name));
      return;
    }
    for (const g of this.#groups.values()) {
      if (g.spec.driver !== driver.name || g.link === e.state) continue;
      g.link = e.state;
      this.#emit({ type: 'link', at: this.#clock.now(), group: g.name, state: e.state });
    }
  }

  #emit(event: TrunkGroupEvent): void {
    for (const l of [...this.#listeners]) l(event);
  }
}
