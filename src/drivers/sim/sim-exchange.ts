// A far-end exchange in software, behind the span driver port: it answers Tandem's IAMs per
// called-number behaviour (ACM, CPG, ANM/CON, REL with a cause; REL → RLC, Q.764 §2.1–2.3),
// originates calls toward Tandem on demand or at a rate, resolves dual seizure (Q.764
// §2.9.1.4), runs far-end circuit supervision (sim-supervision.ts), and gives each circuit an
// RTP echo as its bearer. All time comes from the injected Clock, so a FakeClock makes it exact.
import { findOptional } from 'ss7-isup-codec';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import { LinkDownError, MediaError, UnknownCicError, type DriverError } from '../errors.js';
import { acm, anm, calledDigits, con, cpg, iam, rel, rlc, type BlockingKind } from '../isup-messages.js';
import type { DriverListener, LinkState, MediaSession, OnCircuit, PortMessage, SpanDriver } from '../port.js';
import { answerAfter, behaviourFor, Cause, compileRules, type SimBehaviour, type SimRule, type SimStep } from './behaviour.js';
import { SimNoCircuitError } from './errors.js';
import { answerSdp, chooseG711, remoteOf, type G711, type MediaChoice, type RemoteMedia, type RtpEcho, type RtpEchoFactory } from './media.js';
import { udpRtpEcho, type UdpRtpEchoFactory } from './rtp-echo.js';
import { blocked, dropCall, noBlocks, viewOf, type SimCall, type SimCircuit, type SimCircuitView } from './sim-circuit.js';
import { onTandemSupervision, sendBlocking, sendReset, type SimSupervisionContext } from './sim-supervision.js';

export interface OriginateRequest {
  called: string;
  calling?: string;
  /** the circuit to use; otherwise the exchange hunts (highest free CIC first) */
  cic?: number;
  /** release (cause 16) this long after Tandem answers; otherwise the call lasts until Tandem releases */
  holdMs?: number;
}

export interface OriginateSchedule extends Omit<OriginateRequest, 'cic'> {
  /** one call every intervalMs */
  intervalMs: number;
  /** stop after this many calls; otherwise until stopOriginating() */
  count?: number;
}

export interface SimExchangeOptions {
  name: string;
  cics: readonly number[];
  clock: Clock;
  /** behaviours by called number; the first matching rule wins */
  rules?: readonly SimRule[];
  /** when no rule matches; default: answer at once */
  defaultBehaviour?: SimBehaviour;
  /** one-way delay of every message toward Tandem, in ms; default 0 (still asynchronous) */
  signallingDelayMs?: number;
  /** dual seizure: the CICs this exchange controls; default 'none' (Tandem's IAM wins) */
  controls?: 'even' | 'odd' | 'all' | 'none';
  /** originate at a rate from start() */
  originate?: OriginateSchedule;
  /** RTP echo sockets; default UDP on 127.0.0.1 */
  media?: RtpEchoFactory;
}

export interface SimCounters {
  /** IAMs from Tandem that started a call */
  terminated: number;
  /** IAMs sent to Tandem */
  originated: number;
  glareWon: number;
  glareLost: number;
}

export interface SimState {
  link: LinkState;
  circuits: SimCircuitView[];
  counters: SimCounters;
  /** messages from Tandem that did not fit the circuit's state */
  unexpected: PortMessage[];
}

const CONTROLS: Record<NonNullable<SimExchangeOptions['controls']>, (cic: number) => boolean> = {
  even: (cic) => cic % 2 === 0,
  odd: (cic) => cic % 2 === 1,
  all: () => true,
  none: () => false,
};

/** A simulated bearer: it echoes RTP to its sender, and records the far side's SDP answer. */
export interface SimMediaSession extends MediaSession {
  /** from the last `setRemote` */
  readonly remote: RemoteMedia | undefined;
  setRemote(sdp: string): Result<void, DriverError>;
}

/**
 * A session of the simulated bearer: fields and methods, not closures, since a held call keeps it.
 * Its answer is written when asked for (the call reads it once or twice) rather than kept.
 */
class SimSession implements SimMediaSession {
  remote: RemoteMedia | undefined;
  readonly #exchange: string;
  readonly #cic: number;
  readonly #payloadType: number;
  readonly #codec: G711;
  readonly #echo: RtpEcho;
  readonly #id: number;
  /** the exchange's open sessions, which this one leaves on close */
  readonly #open: Set<SimSession>;

  constructor(exchange: string, cic: number, choice: MediaChoice, echo: RtpEcho, id: number, open: Set<SimSession>) {
    this.#exchange = exchange;
    this.#cic = cic;
    this.#payloadType = choice.payloadType;
    this.#codec = choice.codec;
    this.#echo = echo;
    this.#id = id;
    this.#open = open;
  }

  get answer(): string {
    return answerSdp({ payloadType: this.#payloadType, codec: this.#codec }, this.#echo, this.#id);
  }

  setRemote(sdp: string): Result<void, DriverError> {
    const read = remoteOf(sdp);
    if (!read.ok) return err(new MediaError(`${this.#exchange} CIC ${this.#cic}: remote SDP: ${read.error}`));
    this.remote = read.value;
    return ok(undefined);
  }

  close(): void {
    this.#echo.close();
    this.#open.delete(this);
  }
}

export class SimExchange implements SpanDriver {
  readonly name: string;
  readonly cics: readonly number[];
  #link: LinkState = 'down';
  readonly #clock: Clock;
  readonly #circuits = new Map<number, SimCircuit>();
  readonly #listeners = new Set<DriverListener>();
  readonly #rules: ReturnType<typeof compileRules>;
  readonly #fallback: SimBehaviour;
  readonly #delay: number;
  readonly #controls: (cic: number) => boolean;
  readonly #media: RtpEchoFactory;
  /** the default echo factory, made by this exchange: its idle sockets are closed on stop() */
  readonly #ownMedia: UdpRtpEchoFactory | undefined;
  readonly #open = new Set<SimSession>();
  readonly #counters: SimCounters = { terminated: 0, originated: 0, glareWon: 0, glareLost: 0 };
  readonly #unexpected: PortMessage[] = [];
  readonly #deliveries = new Set<TimerHandle>();
  #schedule: TimerHandle | undefined;
  #sessions = 0;

  constructor(private readonly o: SimExchangeOptions) {
    this.name = o.name;
    this.cics = [...o.cics].sort((a, b) => a - b);
    this.#clock = o.clock;
    for (const cic of this.cics) this.#circuits.set(cic, { cic, call: undefined, local: noBlocks(), remote: noBlocks(), resetting: false });
    this.#rules = compileRules(o.rules ?? []);
    this.#fallback = o.defaultBehaviour ?? answerAfter(0);
    this.#delay = o.signallingDelayMs ?? 0;
    this.#controls = CONTROLS[o.controls ?? 'none'];
    this.#ownMedia = o.media === undefined ? udpRtpEcho() : undefined;
    this.#media = o.media ?? (this.#ownMedia as UdpRtpEchoFactory);
  }

  get link(): LinkState {
    return this.#link;
  }

  start(): void {
    this.#setLink('up');
    if (this.o.originate !== undefined) this.startOriginating(this.o.originate);
  }

  stop(): void {
    this.stopOriginating();
    for (const c of this.#circuits.values()) dropCall(c);
    for (const d of this.#deliveries) d.cancel();
    this.#deliveries.clear();
    for (const session of this.#open) session.close();
    this.#ownMedia?.closeIdle();
    this.#setLink('down');
  }

  subscribe(listener: DriverListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  seize(cic: number): Result<void, DriverError> {
    return this.#usable(cic);
  }

  send(m: PortMessage): Result<void, DriverError> {
    const usable = this.#usable(m.cic);
    if (!usable.ok) return usable;
    if (!onTandemSupervision(m, this.#supervision) && !this.#onCallMessage(m)) this.#unexpected.push(m);
    return ok(undefined);
  }

  /** The port's openMedia; the session also tells what `setRemote` learnt (the far side's RTP address). */
  async openMedia(cic: number, offer: string): Promise<Result<SimMediaSession, DriverError>> {
    const usable = this.#usable(cic);
    if (!usable.ok) return usable;
    const choice = chooseG711(offer);
    if (!choice.ok) return err(new MediaError(`${this.name} CIC ${cic}: ${choice.error}`));
    const echo = await this.#media.open(choice.value.payloadType);
    if (this.#link === 'down') {
      // stopped while the socket was opening
      echo.close();
      return err(new LinkDownError(this.name));
    }
    const session = new SimSession(this.name, cic, choice.value, echo, ++this.#sessions, this.#open);
    this.#open.add(session);
    return ok(session);
  }

  /** Send an IAM toward Tandem on `req.cic` or on the highest free circuit; returns the CIC used. */
  originate(req: OriginateRequest): Result<number, DriverError | InstanceType<typeof SimNoCircuitError>> {
    if (this.#link === 'down') return err(new LinkDownError(this.name));
    const free = (c: SimCircuit): boolean => c.call === undefined && !c.resetting && !blocked(c.local) && !blocked(c.remote);
    const c = req.cic === undefined ? [...this.#circuits.values()].reverse().find(free) : this.#circuits.get(req.cic);
    if (c === undefined || !free(c)) return err(new SimNoCircuitError(req.cic === undefined ? this.name : `${this.name} CIC ${req.cic}`));
    const call: SimCall = {
      direction: 'originating',
      state: 'setup',
      called: req.called,
      calling: req.calling,
      holdMs: req.holdMs,
      timer: undefined,
    };
    c.call = call;
    this.#counters.originated++;
    this.#emit(iam(c.cic, { called: req.called, ...(req.calling === undefined ? {} : { calling: req.calling }) }));
    return ok(c.cic);
  }

  /** Originate one call every `s.intervalMs` (the first one interval from now). Calls that find no free circuit are skipped. */
  startOriginating(s: OriginateSchedule): void {
    this.stopOriginating();
    let left = s.count ?? Infinity;
    const tick = (): void => {
      this.originate(s);
      left--;
      this.#schedule = left > 0 ? this.#clock.setTimer(s.intervalMs, tick) : undefined;
    };
    if (left > 0) this.#schedule = this.#clock.setTimer(s.intervalMs, tick);
  }

  stopOriginating(): void {
    this.#schedule?.cancel();
    this.#schedule = undefined;
  }

  /** Far-end maintenance: block circuits (BLO, or CGB for several or for hardware). */
  block(cics: readonly number[], kind: BlockingKind = 'maintenance'): void {
    sendBlocking(cics, kind, true, this.#supervision);
  }

  unblock(cics: readonly number[], kind: BlockingKind = 'maintenance'): void {
    sendBlocking(cics, kind, false, this.#supervision);
  }

  /** Far-end maintenance: reset one circuit (RSC). */
  reset(cic: number): void {
    sendReset(cic, 1, this.#supervision);
  }

  /** Far-end maintenance: reset `count` circuits from `cic` (GRS, 2..32 circuits). */
  groupReset(cic: number, count: number): void {
    sendReset(cic, count, this.#supervision);
  }

  state(): SimState {
    return {
      link: this.#link,
      circuits: [...this.#circuits.values()].map(viewOf),
      counters: { ...this.#counters },
      unexpected: [...this.#unexpected],
    };
  }

  readonly #supervision: SimSupervisionContext = {
    circuit: (cic) => this.#circuits.get(cic),
    emit: (m) => this.#emit(m),
  };

  #usable(cic: number): Result<void, DriverError> {
    if (this.#link === 'down') return err(new LinkDownError(this.name));
    return this.#circuits.has(cic) ? ok(undefined) : err(new UnknownCicError(`${this.name} CIC ${cic}`));
  }

  /** A call message from Tandem; false when it does not fit the circuit's state. */
  #onCallMessage(m: PortMessage): boolean {
    const c = this.#circuits.get(m.cic) as SimCircuit;
    const call = c.call;
    switch (m.type) {
      case 'IAM':
        return this.#onIam(c, m);
      case 'REL':
        // Q.764 §2.3: REL is answered by RLC, whatever the state of the circuit
        dropCall(c);
        this.#emit(rlc(c.cic));
        return true;
      case 'RLC':
        if (call?.state === 'releasing') c.call = undefined;
        else if (c.resetting) c.resetting = false;
        else return false;
        return true;
      case 'ACM':
      case 'CPG':
      case 'CON':
      case 'ANM':
        if (call?.direction !== 'originating' || call.state === 'releasing') return false;
        if (m.type === 'ACM') call.state = 'alerting';
        if (m.type === 'ANM' || m.type === 'CON') this.#answered(c, call);
        return true;
      default:
        return false;
    }
  }

  #onIam(c: SimCircuit, m: OnCircuit<'IAM'>): boolean {
    if (blocked(c.local)) {
      // an IAM on a circuit this exchange has blocked is disregarded, and the block repeated
      if (c.local.maintenance) sendBlocking([c.cic], 'maintenance', true, this.#supervision);
      if (c.local.hardware) sendBlocking([c.cic], 'hardware', true, this.#supervision);
      return true;
    }
    const ours = c.call;
    if (ours !== undefined) {
      if (ours.direction !== 'originating' || ours.state !== 'setup') return false;
      if (this.#controls(c.cic)) {
        this.#counters.glareWon++;
        return true;
      }
      this.#counters.glareLost++;
      dropCall(c);
    }
    c.remote.maintenance = false;
    c.remote.hardware = false;
    const called = calledDigits(m);
    const calling = findOptional(m.optional, 'callingPartyNumber')?.digits;
    c.call = { direction: 'terminating', state: 'setup', called, calling, timer: undefined };
    this.#counters.terminated++;
    this.#runSteps(c, c.call, behaviourFor(this.#rules, called, this.#fallback).steps, 0);
    // Q.764 §2.9.1.4: the exchange that backed off re-attempts on another circuit
    if (ours !== undefined) this.originate(ours);
    return true;
  }

  #runSteps(c: SimCircuit, call: SimCall, steps: readonly SimStep[], i: number): void {
    const step = steps[i];
    if (step === undefined) return;
    call.timer = this.#clock.setTimer(step.afterMs, () => {
      // a fired timer is not kept: an answered call would hold it, and its closure, until released
      call.timer = undefined;
      if (step.send === 'REL') call.state = 'releasing';
      if (step.send === 'ACM') call.state = 'alerting';
      if (step.send === 'ANM' || step.send === 'CON') call.state = 'answered';
      // Tandem may answer at once (REL, a reset): then the call is gone and its script ends
      this.#emitLater(this.#stepMessage(c.cic, step));
      if (step.send !== 'REL' && c.call === call) this.#runSteps(c, call, steps, i + 1);
    });
  }

  #stepMessage(cic: number, step: SimStep): PortMessage {
    switch (step.send) {
      case 'ACM':
        return acm(cic, step.status, step.inband);
      case 'CPG':
        return cpg(cic, step.event);
      case 'ANM':
        return anm(cic);
      case 'CON':
        return con(cic);
      case 'REL':
        return rel(cic, step.cause);
    }
  }

  #answered(c: SimCircuit, call: SimCall): void {
    call.state = 'answered';
    if (call.holdMs === undefined) return;
    call.timer = this.#clock.setTimer(call.holdMs, () => {
      call.timer = undefined;
      call.state = 'releasing';
      this.#emitLater(rel(c.cic, Cause.NORMAL_CLEARING));
    });
  }

  #emit(m: PortMessage): void {
    const handle = this.#clock.setTimer(this.#delay, () => {
      this.#deliveries.delete(handle);
      this.#deliver(m);
    });
    this.#deliveries.add(handle);
  }

  /**
   * #emit from a timer callback (a scripted step, the hold time): already asynchronous to
   * anything Tandem did, so without a signalling delay the message goes out at once instead of
   * through one more zero-delay timer (same instant, one timer and one event-loop turn fewer).
   */
  #emitLater(m: PortMessage): void {
    if (this.#delay === 0) this.#deliver(m);
    else this.#emit(m);
  }

  #deliver(m: PortMessage): void {
    if (this.#link === 'up') for (const l of [...this.#listeners]) l({ kind: 'message', message: m });
  }

  #setLink(state: LinkState): void {
    if (this.#link === state) return;
    this.#link = state;
    this.#clock.setTimer(0, () => {
      for (const l of [...this.#listeners]) l({ kind: 'link', state });
    });
  }
}
