// The ISDN PRI/BRI span driver: the span driver port (ISUP-typed messages per CIC) over one Q.931
// interface, its Q.921 data link and a D-channel transport, all injected. Call messages are mapped
// per Q.699 (q699.ts); B-channels are named by CIC through the trunk group's channel map. The link
// is up only once the data link is established AND our RESTART of the whole interface (Q.931
// §5.5) was acknowledged. Losing the D-channel clears every call upward with cause 41 (temporary
// failure, as Q.931 §5.8.9 clears calls on data link failure) and frees every channel.
// Circuit supervision has no DSS1 counterpart except RESTART: RSC and GRS restart the channels,
// blocking messages are acknowledged locally. See docs/isdn-driver.md.
import type { Clock } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { GwError } from '../../core/errors.js';
import type { L2Indication, L2Service } from '../../isdn/l2/service.js';
import type { CallId, ChannelChoice, InterfaceKind, Q931Event, Q931Interface } from '../../isdn/q931/service.js';
import { LinkDownError, MediaError, UnknownCicError, type DriverError } from '../errors.js';
import { gra, group, rlc, simple, type BlockingKind } from '../isup-messages.js';
import type { DriverListener, LinkState, MediaSession, OnCircuit, PortMessage, SpanDriver } from '../port.js';
import { answerSdp, chooseG711, type RtpEcho, type RtpEchoFactory } from '../sim/media.js';
import type { DChannelEvent, DChannelTransport } from './dchannel-socket.js';
import { ChannelBusyError, NoCallError, Q931RefusedError } from './errors.js';
import { backwardIndicators, backwardToIsdn, backwardToIsup, causeToIsdn, causeToIsup, iamFromSetup, inbandParam, localCause, NO_FLAGS, setupFromIam, type BackwardIsup } from './q699.js';

/** One B-channel of the interface and the CIC the trunk group gives it. */
export interface IsdnChannelMap {
  readonly channel: number;
  readonly cic: number;
}

export interface IsdnDriverOptions {
  readonly name: string;
  readonly side: 'network' | 'user';
  readonly kind: InterfaceKind;
  /** BRI point-to-multipoint */
  readonly ptmp: boolean;
  /** the B-channels of the interface that belong to the trunk group, with their CICs */
  readonly channels: readonly IsdnChannelMap[];
  readonly clock: Clock;
  /** channel identification in our SETUPs: `exclusive` (only this channel) or `preferred` (the network may pick another) */
  readonly channelSelection: 'exclusive' | 'preferred';
  /** bearer media: no TDM hardware exists here, so a factory provides it (the sim's RTP loopback in the app and tests) */
  readonly media: RtpEchoFactory;
  readonly q931: Q931Interface;
  readonly l2: L2Service;
  readonly transport: DChannelTransport;
  /** every IAM is complete (SETUP with sending complete) even without ST; default true */
  readonly enBloc?: boolean;
  /**
   * An incoming SETUP without sending complete: true (default) answers SETUP ACKNOWLEDGE and passes
   * INFORMATION digits up as SAMs (overlap receiving, Q.931 §5.2.4); false answers CALL PROCEEDING
   * at once, the number being complete as received (the network's own determination, §5.2.4.3): for
   * groups whose call control is en bloc, so that T302 never clears a call the side above is already
   * routing.
   */
  readonly overlapReceiving?: boolean;
  /** wait before repeating an unacknowledged RESTART of the interface; default 10000 ms */
  readonly restartRetryMs?: number;
}

/** Q.850 causes the driver originates. */
export const DriverCause = {
  NORMAL: 16,
  NO_CHANNEL: 34,
  /** the D-channel was lost: calls are cleared upward with this cause */
  LINK_LOST: 41,
  CHANNEL_UNAVAILABLE: 44,
  BEARER_NOT_IMPLEMENTED: 65,
  CHANNEL_DOES_NOT_EXIST: 82,
} as const;

type Upper = 'open' | 'relUp' | 'relDown' | 'done';
type Lower = 'open' | 'disconnected' | 'releasing' | 'cleared';

interface Call {
  readonly cic: number;
  readonly outgoing: boolean;
  id: CallId | undefined;
  /** the B-channel the call uses (may differ from the CIC's channel when the network picked another) */
  bearer: number | undefined;
  upper: Upper;
  lower: Lower;
  /** outgoing: ACM went up; incoming: what went down */
  acmUp: boolean;
  proceedingDown: boolean;
  alertingDown: boolean;
  /** outgoing: the network sent a first response (the channel is settled: no glare any more) */
  answered: boolean;
  /** incoming call that won glare over the call above on its CIC: the delivery of its IAM, until done */
  glareIam?: () => void;
}

export type ChannelState = 'idle' | 'seized' | 'busy' | 'restarting';

export interface ChannelView {
  readonly cic: number;
  readonly channel: number;
  readonly state: ChannelState;
  readonly callId?: CallId;
}

export interface IsdnDriverCounters {
  callsOut: number;
  callsIn: number;
  rejected: number;
  glareLost: number;
  linkLosses: number;
  fcsErrors: number;
  q931Errors: number;
}

type Reset = { readonly kind: 'RSC'; readonly cic: number } | { readonly kind: 'GRS'; readonly cic: number; readonly count: number };

export class IsdnDriver implements SpanDriver {
  readonly name: string;
  readonly cics: readonly number[];
  readonly #o: IsdnDriverOptions;
  readonly #cicOf = new Map<number, number>();
  readonly #channelOf = new Map<number, number>();
  readonly #listeners = new Set<DriverListener>();
  readonly #queue: (() => void)[] = [];
  #flushing = false;
  readonly #byCic = new Map<number, Call>();
  readonly #byId = new Map<CallId, Call>();
  readonly #seized = new Set<number>();
  /** Q.931 calls nobody above follows any more (lost glare, reset, link loss): released when they disconnect */
  readonly #orphans = new Set<CallId>();
  readonly #resets: { channels: number[]; reset: Reset }[] = [];
  readonly #media = new Set<RtpEcho>();
  readonly #counters: IsdnDriverCounters = { callsOut: 0, callsIn: 0, rejected: 0, glareLost: 0, linkLosses: 0, fcsErrors: 0, q931Errors: 0 };
  #link: LinkState = 'down';
  /** whether the circuits were last reported hardware-blocked (CGB sent up, no CGU since) */
  #hardwareBlocked = false;
  #running = false;
  /** the D-channel: transport up and data link established (physical only, for a ptmp network side) */
  #dchannel = false;
  #restartPending = false;
  #retry: { cancel(): void } | undefined;
  #sessions = 0;
  readonly #unsubscribe: (() => void)[] = [];
  /** while q931.setup() runs: events for ids not known yet */
  #early: Q931Event[] | undefined;

  constructor(options: IsdnDriverOptions) {
    this.#o = options;
    this.name = options.name;
    for (const m of options.channels) {
      this.#cicOf.set(m.channel, m.cic);
      this.#channelOf.set(m.cic, m.channel);
    }
    this.cics = [...this.#channelOf.keys()].sort((a, b) => a - b);
  }

  get link(): LinkState {
    return this.#link;
  }

  subscribe(listener: DriverListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe.push(
      this.#o.transport.subscribe((e) => this.#onTransport(e)),
      this.#o.l2.subscribe((i) => this.#onL2(i)),
      this.#o.q931.subscribe((e) => this.#onQ931(e)),
    );
    this.#o.transport.start();
    if (this.#o.transport.up) this.#onTransport({ kind: 'up' });
  }

  stop(): void {
    if (!this.#running) return;
    this.#dchannelDown();
    this.#running = false;
    for (const u of this.#unsubscribe.splice(0)) u();
    this.#o.l2.physical(false);
    this.#o.transport.stop();
    for (const m of this.#media) m.close();
    this.#media.clear();
  }

  seize(cic: number): Result<void, DriverError> {
    const usable = this.#usable(cic);
    if (!usable.ok) return usable;
    if (!this.#free(this.#channelOf.get(cic) as number)) return err(new ChannelBusyError(`${this.name} CIC ${cic}`));
    this.#seized.add(cic);
    return ok(undefined);
  }

  send(m: PortMessage): Result<void, DriverError> {
    // REL and RLC are accepted with the link down: clearing is local bookkeeping then (the calls
    // were cleared upward when the D-channel went), and a channel must never stay taken
    const usable = m.type === 'REL' || m.type === 'RLC' ? this.#known(m.cic) : this.#usable(m.cic);
    if (!usable.ok) return usable;
    switch (m.type) {
      case 'IAM':
        return this.#outgoing(m);
      case 'SAM':
        return this.#onCall(m.cic, (c, id) => this.#q(this.#o.q931.information(id, m.params.subsequentNumber.digits.replace(/F$/, ''), m.params.subsequentNumber.digits.endsWith('F')), c));
      case 'ACM':
      case 'CPG':
      case 'ANM':
      case 'CON':
        return this.#backward(m);
      case 'REL':
        return this.#upperRelease(m);
      case 'RLC':
        return this.#upperReleaseComplete(m.cic);
      case 'RSC':
        return this.#reset({ kind: 'RSC', cic: m.cic }, [m.cic]);
      case 'GRS': {
        const count = m.params.rangeAndStatus.range + 1;
        return this.#reset({ kind: 'GRS', cic: m.cic, count }, Array.from({ length: count }, (_, i) => m.cic + i));
      }
      case 'BLO':
      case 'UBL':
        // DSS1 has no circuit blocking: acknowledged here; the manager keeps the block and refuses seizure
        this.#emit(simple(m.type === 'BLO' ? 'BLA' : 'UBA', m.cic));
        return ok(undefined);
      case 'CGB':
      case 'CGU': {
        const kind: BlockingKind = m.params.circuitGroupSupervisionMessageType.type === 1 ? 'hardware' : 'maintenance';
        const { range, status } = m.params.rangeAndStatus;
        this.#emit(group(m.type === 'CGB' ? 'CGBA' : 'CGUA', m.cic, kind, status ?? Array.from({ length: range + 1 }, () => true)));
        return ok(undefined);
      }
      default:
        // acknowledgements (BLA, UBA, CGBA, CGUA, GRA) answer requests this driver never sends
        return err(new NoCallError(`${this.name} CIC ${m.cic}: ${m.type} is not expected from above`));
    }
  }

  async openMedia(cic: number, offer: string): Promise<Result<MediaSession, DriverError>> {
    const usable = this.#usable(cic);
    if (!usable.ok) return usable;
    const choice = chooseG711(offer);
    if (!choice.ok) return err(new MediaError(`${this.name} CIC ${cic}: ${choice.error}`));
    const echo = await this.#o.media.open(choice.value.payloadType);
    if (!this.#running) {
      echo.close();
      return err(new LinkDownError(this.name));
    }
    this.#media.add(echo);
    return ok({
      answer: answerSdp(choice.value, echo, ++this.#sessions),
      close: () => {
        echo.close();
        this.#media.delete(echo);
      },
    });
  }

  /** Each B-channel's state, by CIC, for diagnostics and tests. */
  channels(): ChannelView[] {
    return this.cics.map((cic) => {
      const channel = this.#channelOf.get(cic) as number;
      const call = this.#byCic.get(cic) ?? [...this.#byCic.values()].find((c) => c.bearer === channel);
      const restarting = this.#resets.some((r) => r.channels.includes(channel));
      const state: ChannelState = call !== undefined ? 'busy' : this.#seized.has(cic) ? 'seized' : restarting ? 'restarting' : 'idle';
      return { cic, channel, state, ...(call?.id === undefined ? {} : { callId: call.id }) };
    });
  }

  counters(): IsdnDriverCounters {
    return { ...this.#counters };
  }

  // ------------------------------------------------------------ D-channel and link

  #onTransport(e: DChannelEvent): void {
    switch (e.kind) {
      case 'up':
        // the D-channel counts as up once a data link is established, also on a ptmp network side:
        // the RESTART ACKNOWLEDGE comes back in a TE's I frame, which a TE whose link survived the
        // outage on its side sends before it re-establishes; sent then, it would be lost (DM)
        this.#o.l2.physical(true);
        return;
      case 'down':
        this.#o.l2.physical(false);
        this.#dchannelDown();
        return;
      case 'frame':
        this.#o.l2.receive(e.frame);
        return;
      case 'fcsError':
        this.#counters.fcsErrors++;
        return;
    }
  }

  #onL2(i: L2Indication): void {
    if (i.kind === 'established') this.#dchannelUp();
    // point-to-multipoint: one TE's link going away does not take the interface down
    else if (i.kind === 'released' && (!this.#o.ptmp || this.#o.l2.established().length === 0) && !(this.#o.ptmp && this.#o.side === 'network')) this.#dchannelDown();
  }

  #dchannelUp(): void {
    if (!this.#running || this.#dchannel) return;
    this.#dchannel = true;
    this.#restartInterface();
  }

  #restartInterface(): void {
    this.#retry?.cancel();
    this.#retry = undefined;
    const r = this.#o.q931.restart('all');
    this.#restartPending = r.ok;
    if (!r.ok) this.#retryRestart();
  }

  #retryRestart(): void {
    this.#retry = this.#o.clock.setTimer(this.#o.restartRetryMs ?? 10_000, () => {
      this.#retry = undefined;
      if (this.#dchannel && this.#link === 'down') this.#restartInterface();
    });
  }

  #dchannelDown(): void {
    this.#retry?.cancel();
    this.#retry = undefined;
    this.#restartPending = false;
    const wasUp = this.#dchannel || this.#link === 'up';
    this.#dchannel = false;
    if (!wasUp) return;
    this.#counters.linkLosses++;
    // every call is cleared upward once; the Q.931 side is cleaned by the RESTART when the link returns
    for (const call of [...this.#byCic.values()]) {
      if (call.id !== undefined && call.lower !== 'cleared') this.#orphan(call.id);
      call.lower = 'cleared';
      this.#lowerGone(call, DriverCause.LINK_LOST);
    }
    this.#seized.clear();
    for (const r of this.#resets.splice(0)) this.#resetDone(r.reset);
    this.#hardwareBlock(true);
    this.#setLink('down');
  }

  /**
   * D-channel lost: every circuit of the span is reported hardware-blocked by the far end
   * (CGB, hardware failure oriented, after the calls' RELs); D-channel back and restarted: CGU.
   * DSS1 has no blocking messages: this is how the port says "unusable until the link returns",
   * and the trunk-group manager shows it as a remote hardware lock (docs/isdn-driver.md).
   */
  #hardwareBlock(blocked: boolean): void {
    if (this.#hardwareBlocked === blocked) return;
    this.#hardwareBlocked = blocked;
    const type = blocked ? 'CGB' : 'CGU';
    for (let i = 0; i < this.cics.length; ) {
      const first = this.cics[i] as number;
      const status: boolean[] = [];
      while (i < this.cics.length && (this.cics[i] as number) - first < 32) {
        const cic = this.cics[i] as number;
        while (first + status.length < cic) status.push(false);
        status.push(true);
        i++;
      }
      this.#emit(group(type, first, 'hardware', status));
    }
  }

  #setLink(state: LinkState): void {
    if (this.#link === state) return;
    this.#link = state;
    this.#queue.push(() => {
      for (const l of [...this.#listeners]) l({ kind: 'link', state });
    });
    this.#schedule();
  }

  // ------------------------------------------------------------ Q.931 events

  #onQ931(e: Q931Event): void {
    switch (e.kind) {
      case 'setup':
        this.#incoming(e.id, e.info);
        return;
      case 'restartAck':
        this.#restartAck(e.channels, e.acknowledged);
        return;
      case 'restart':
        return; // the far end restarted: its calls were cleared first ('cleared' events)
      case 'protocolError':
        this.#counters.q931Errors++;
        return;
      case 'status':
      case 'connectAck':
        return;
      default:
        break;
    }
    if (this.#orphans.has(e.id)) {
      if (e.kind === 'disconnect') this.#o.q931.release(e.id);
      if (e.kind === 'cleared') this.#orphans.delete(e.id);
      return;
    }
    const call = this.#byId.get(e.id);
    if (call === undefined) {
      // an event about the call being set up, emitted before setup() returned its id
      if (this.#early !== undefined) this.#early.push(e);
      return;
    }
    switch (e.kind) {
      case 'setupAck':
        // overlap sending: the network wants more digits (SAM from above); the channel is settled
        if (!this.#progressing(call)) return;
        call.answered = true;
        if (e.channel !== undefined) this.#takeChannel(call, e.channel);
        return;
      case 'proceeding':
      case 'alerting':
      case 'progress':
      case 'connect':
        // only an outgoing call still open both ways progresses; anything else is late or misplaced
        if (!this.#progressing(call)) return;
        call.answered = true;
        if ('channel' in e && e.channel !== undefined && !this.#takeChannel(call, e.channel)) return;
        this.#forwardBackward(call, backwardToIsup(e.kind, 'progress' in e ? e.progress : undefined, call.acmUp));
        return;
      case 'information':
        if (call.outgoing || call.upper !== 'open' || call.lower !== 'open') return;
        this.#emit({ type: 'SAM', cic: call.cic, params: { subsequentNumber: { digits: `${e.digits}${e.sendingComplete ? 'F' : ''}` } }, optional: [] });
        return;
      case 'disconnect':
        this.#lowerDisconnect(call, e.cause);
        return;
      case 'cleared':
        this.#byId.delete(e.id);
        call.lower = 'cleared';
        this.#lowerGone(call, e.cause?.causeValue ?? DriverCause.LINK_LOST, e.cause);
        return;
    }
  }

  #progressing(call: Call): boolean {
    return call.outgoing && call.upper === 'open' && call.lower === 'open';
  }

  /** The network told us the B-channel of our outgoing call; false when the call had to be cleared. */
  #takeChannel(call: Call, choice: ChannelChoice): boolean {
    if (choice.channel === 'any' || choice.channel === call.bearer) return true;
    if (this.#cicOf.has(choice.channel) && this.#free(choice.channel)) {
      // preferred: the network chose another channel, which carries the call from now on
      call.bearer = choice.channel;
      return true;
    }
    // the network picked a channel this side has in use (or does not carry): clear the call
    if (call.id !== undefined) this.#q(this.#o.q931.disconnect(call.id, localCause(DriverCause.CHANNEL_UNAVAILABLE, this.#o.side)), call);
    call.lower = 'releasing';
    this.#relUp(call, DriverCause.CHANNEL_UNAVAILABLE);
    return false;
  }

  #forwardBackward(call: Call, b: BackwardIsup): void {
    if (call.upper !== 'open') return;
    const cic = call.cic;
    switch (b.type) {
      case 'none':
        return;
      case 'ANM':
        this.#emit({ type: 'ANM', cic, params: {}, optional: [] });
        return;
      case 'CON':
        call.acmUp = true;
        this.#emit({ type: 'CON', cic, params: { backwardCallIndicators: backwardIndicators('noIndication', NO_FLAGS) }, optional: [] });
        return;
      case 'ACM':
        call.acmUp = true;
        this.#emit({ type: 'ACM', cic, params: { backwardCallIndicators: backwardIndicators(b.status, b.flags) }, optional: b.flags.inband ? [inbandParam()] : [] });
        return;
      case 'CPG':
        this.#emit({ type: 'CPG', cic, params: { eventInformation: { event: b.event, presentationRestricted: false } }, optional: b.flags.inband ? [inbandParam()] : [] });
        return;
    }
  }

  #lowerDisconnect(call: Call, cause: Parameters<typeof causeToIsup>[0] | undefined): void {
    if (call.id === undefined || call.lower !== 'open') return;
    if (call.upper === 'open') {
      call.lower = 'disconnected';
      this.#relUp(call, DriverCause.NORMAL, cause);
      return;
    }
    // clearing collision, or nobody above any more: complete the Q.931 clearing
    call.lower = 'releasing';
    this.#q(this.#o.q931.release(call.id), call);
  }

  /** Q.931 is done with the call (cleared, or the D-channel went away). */
  #lowerGone(call: Call, causeValue: number, cause?: Parameters<typeof causeToIsup>[0]): void {
    if (call.upper === 'open') this.#relUp(call, causeValue, cause);
    else if (call.upper === 'relDown') {
      call.upper = 'done';
      this.#emit(rlc(call.cic));
    }
    this.#finish(call);
  }

  #relUp(call: Call, causeValue: number, cause?: Parameters<typeof causeToIsup>[0]): void {
    call.upper = 'relUp';
    const indicators = cause === undefined ? causeToIsup(localCause(causeValue, this.#o.side)) : causeToIsup(cause);
    this.#emit({ type: 'REL', cic: call.cic, params: { causeIndicators: indicators }, optional: [] });
  }

  #finish(call: Call): void {
    if (call.upper !== 'done' || call.lower !== 'cleared') return;
    if (this.#byCic.get(call.cic) === call) this.#byCic.delete(call.cic);
    if (call.id !== undefined && this.#byId.get(call.id) === call) this.#byId.delete(call.id);
  }

  #orphan(id: CallId): void {
    this.#orphans.add(id);
    this.#byId.delete(id);
  }

  // ------------------------------------------------------------ incoming calls

  #incoming(id: CallId, info: Parameters<typeof iamFromSetup>[1]): void {
    if (this.#link === 'down') {
      this.#reject(id, DriverCause.NO_CHANNEL);
      return;
    }
    const chosen = this.#chooseIncoming(info.channel);
    if (typeof chosen === 'object') {
      this.#reject(id, chosen.cause);
      return;
    }
    const cic = this.#cicOf.get(chosen) as number;
    const mapped = iamFromSetup(cic, info, this.#o.side === 'network');
    if (!mapped.ok) {
      this.#reject(id, mapped.cause);
      return;
    }
    const holder = this.#byCic.get(cic);
    if (holder !== undefined) {
      // glare on the user side: the network's call takes the channel, ours backs off without REL
      // upward (the IAM on the same CIC tells the manager, whose fixed policy lets the network win)
      this.#counters.glareLost++;
      if (holder.id !== undefined) {
        this.#o.q931.disconnect(holder.id, localCause(DriverCause.CHANNEL_UNAVAILABLE, this.#o.side));
        this.#orphan(holder.id);
      }
      if (this.#byCic.get(holder.cic) === holder) this.#byCic.delete(holder.cic);
    }
    this.#seized.delete(cic);
    const call: Call = { cic, outgoing: false, id, bearer: chosen, upper: 'open', lower: 'open', acmUp: false, proceedingDown: false, alertingDown: false, answered: false };
    this.#byCic.set(cic, call);
    this.#byId.set(id, call);
    this.#counters.callsIn++;
    const channel: ChannelChoice = { channel: chosen, exclusive: true };
    if (info.sendingComplete || this.#o.overlapReceiving === false) {
      call.proceedingDown = true;
      this.#q(this.#o.q931.proceeding(id, channel), call);
    } else this.#q(this.#o.q931.setupAck(id, channel), call);
    if (holder === undefined) this.#emit(mapped.iam);
    else {
      // until the side above has this IAM, what it sends on the CIC is about its own call, which is gone
      call.glareIam = this.#emit(mapped.iam, () => delete call.glareIam);
    }
  }

  /** The B-channel for an incoming SETUP, or the cause to reject it with. */
  #chooseIncoming(choice: ChannelChoice | undefined): number | { cause: number } {
    const anyFree = (): number | { cause: number } => {
      const free = [...this.#cicOf.keys()].sort((a, b) => a - b).find((ch) => this.#free(ch));
      return free ?? { cause: DriverCause.NO_CHANNEL };
    };
    if (choice === undefined || choice.channel === 'any') return anyFree();
    const ch = choice.channel;
    if (!this.#cicOf.has(ch)) return choice.exclusive ? { cause: DriverCause.CHANNEL_DOES_NOT_EXIST } : anyFree();
    if (this.#free(ch)) return ch;
    // the network side decides: an exclusive request for a busy channel is refused
    if (this.#o.side === 'user' && this.#ownPendingSetup(ch)) return ch;
    return choice.exclusive ? { cause: DriverCause.CHANNEL_UNAVAILABLE } : anyFree();
  }

  /** User side: our outgoing call on `ch` has had no answer from the network yet (glare candidate). */
  #ownPendingSetup(ch: number): boolean {
    const cic = this.#cicOf.get(ch) as number;
    if (this.#seized.has(cic) && !this.#byCic.has(cic)) return true;
    const call = this.#byCic.get(cic);
    return call !== undefined && call.outgoing && call.bearer === ch && call.upper === 'open' && call.lower === 'open' && !call.answered;
  }

  #reject(id: CallId, causeValue: number): void {
    this.#counters.rejected++;
    this.#o.q931.disconnect(id, localCause(causeValue, this.#o.side));
    this.#orphans.add(id);
  }

  // ------------------------------------------------------------ outgoing calls and messages from above

  #outgoing(m: OnCircuit<'IAM'>): Result<void, DriverError> {
    const channel = this.#channelOf.get(m.cic) as number;
    if (this.#byCic.has(m.cic) || (!this.#seized.has(m.cic) && !this.#free(channel))) return err(new ChannelBusyError(`${this.name} CIC ${m.cic}`));
    this.#seized.delete(m.cic);
    const call: Call = { cic: m.cic, outgoing: true, id: undefined, bearer: channel, upper: 'open', lower: 'open', acmUp: false, proceedingDown: false, alertingDown: false, answered: false };
    this.#byCic.set(m.cic, call);
    this.#counters.callsOut++;
    const info = setupFromIam(m, this.#o.kind, this.#o.enBloc ?? true);
    if (info === undefined) {
      call.lower = 'cleared';
      this.#relUp(call, DriverCause.BEARER_NOT_IMPLEMENTED);
      return ok(undefined);
    }
    this.#early = [];
    const r = this.#o.q931.setup({ ...info, channel: { channel, exclusive: this.#o.channelSelection === 'exclusive' } });
    const early = this.#early;
    this.#early = undefined;
    if (!r.ok) {
      this.#byCic.delete(m.cic);
      return err(new Q931RefusedError(`${this.name} CIC ${m.cic}: ${r.error.message}`, { cause: r.error }));
    }
    call.id = r.value;
    this.#byId.set(r.value, call);
    for (const e of early) if ('id' in e && e.id === r.value) this.#onQ931(e);
    return ok(undefined);
  }

  #backward(m: OnCircuit<'ACM'> | OnCircuit<'CPG'> | OnCircuit<'ANM'> | OnCircuit<'CON'>): Result<void, DriverError> {
    return this.#onCall(m.cic, (call, id) => {
      if (call.outgoing) return err(new NoCallError(`${this.name} CIC ${m.cic}: ${m.type} on an outgoing call`));
      const bci = m.type === 'ACM' || m.type === 'CON' ? m.params.backwardCallIndicators : undefined;
      const event = m.type === 'CPG' ? m.params.eventInformation.event : undefined;
      const b = backwardToIsdn({ type: m.type, ...(bci === undefined ? {} : { bci }), ...(event === undefined ? {} : { event }), optional: m.optional }, { proceeding: call.proceedingDown, alerting: call.alertingDown }, localCause(0, this.#o.side).location);
      switch (b.send) {
        case 'alerting':
          call.alertingDown = true;
          return this.#q(this.#o.q931.alerting(id, b.progress.length > 0 ? { progress: b.progress } : undefined), call);
        case 'proceeding': {
          call.proceedingDown = true;
          const r = this.#q(this.#o.q931.proceeding(id), call);
          return !r.ok || b.progress.length === 0 ? r : this.#q(this.#o.q931.progress(id, b.progress), call);
        }
        case 'progress':
          return this.#q(this.#o.q931.progress(id, b.progress), call);
        case 'connect':
          return this.#q(this.#o.q931.connect(id), call);
        case 'nothing':
          return ok(undefined);
      }
    });
  }

  #upperRelease(m: OnCircuit<'REL'>): Result<void, DriverError> {
    const call = this.#byCic.get(m.cic);
    if (call?.glareIam !== undefined) {
      // the REL is for the call that lost glare (already cleared below): answer it ahead of the
      // new call's IAM, and keep the new call
      this.#emit(rlc(m.cic), undefined, call.glareIam);
      return ok(undefined);
    }
    this.#seized.delete(m.cic);
    if (call === undefined) {
      // Q.764 §2.3: a REL on an idle circuit is answered by RLC
      this.#emit(rlc(m.cic));
      return ok(undefined);
    }
    if (call.upper === 'relUp') {
      // both sides released at once: answer the REL; ours counts as answered too
      call.upper = 'done';
      this.#emit(rlc(m.cic));
      if (call.lower === 'disconnected' && call.id !== undefined) {
        call.lower = 'releasing';
        this.#q(this.#o.q931.release(call.id), call);
      }
      this.#finish(call);
      return ok(undefined);
    }
    if (call.upper !== 'open') return ok(undefined);
    call.upper = 'relDown';
    if (call.lower === 'cleared') {
      call.upper = 'done';
      this.#emit(rlc(m.cic));
      this.#finish(call);
      return ok(undefined);
    }
    if (call.lower === 'open' && call.id !== undefined) {
      if (!this.#q(this.#o.q931.disconnect(call.id, causeToIsdn(m.params.causeIndicators)), call).ok) this.#lowerRefused(call);
    }
    return ok(undefined);
  }

  /** Q.931 refused to clear the call (it no longer knows it): nothing more will come from below, so it is done there. */
  #lowerRefused(call: Call): void {
    if (call.id !== undefined) this.#orphan(call.id);
    call.lower = 'cleared';
    this.#lowerGone(call, DriverCause.LINK_LOST);
  }

  #upperReleaseComplete(cic: number): Result<void, DriverError> {
    const call = this.#byCic.get(cic);
    if (call === undefined || call.upper !== 'relUp') return ok(undefined); // late RLC after a collision: nothing to do
    call.upper = 'done';
    if (call.lower === 'disconnected' && call.id !== undefined) {
      call.lower = 'releasing';
      if (!this.#q(this.#o.q931.release(call.id), call).ok) this.#lowerRefused(call);
    }
    this.#finish(call);
    return ok(undefined);
  }

  #onCall(cic: number, f: (call: Call, id: CallId) => Result<void, DriverError>): Result<void, DriverError> {
    const call = this.#byCic.get(cic);
    if (call?.glareIam !== undefined) return ok(undefined); // meant for the call that lost glare
    if (call === undefined || call.id === undefined || call.upper !== 'open' || call.lower !== 'open') return err(new NoCallError(`${this.name} CIC ${cic}`));
    return f(call, call.id);
  }

  /** A Q.931 request's result as the port's: a refusal is counted and returned as GW_ERR_ISDN_Q931_REFUSED. */
  #q(r: Result<void, GwError>, call: Call): Result<void, DriverError> {
    if (r.ok) return ok(undefined);
    this.#counters.q931Errors++;
    return err(new Q931RefusedError(`${this.name} CIC ${call.cic}: ${r.error.message}`, { cause: r.error }));
  }

  // ------------------------------------------------------------ resets (RSC, GRS) as RESTART

  #reset(reset: Reset, cics: number[]): Result<void, DriverError> {
    const channels: number[] = [];
    for (const cic of cics) {
      const ch = this.#channelOf.get(cic);
      if (ch === undefined) continue;
      channels.push(ch);
      this.#seized.delete(cic);
      const call = this.#byCic.get(cic);
      if (call !== undefined) {
        // a reset clears the call without its release sequence above (Q.764 §2.10.3)
        if (call.id !== undefined && call.lower !== 'cleared') this.#orphan(call.id);
        this.#byCic.delete(cic);
      }
    }
    if (channels.length === 0) return err(new UnknownCicError(`${this.name} CIC ${reset.cic}`));
    const r = this.#o.q931.restart(channels);
    if (!r.ok) {
      this.#resetDone(reset);
      return ok(undefined);
    }
    this.#resets.push({ channels, reset });
    return ok(undefined);
  }

  #resetDone(reset: Reset): void {
    if (reset.kind === 'RSC') this.#emit(rlc(reset.cic));
    else this.#emit(gra(reset.cic, Array.from({ length: reset.count }, () => false)));
  }

  #restartAck(channels: readonly number[] | 'all', acknowledged: boolean): void {
    if (channels === 'all') {
      if (!this.#restartPending || !this.#dchannel) return;
      this.#restartPending = false;
      if (acknowledged) {
        this.#hardwareBlock(false);
        this.#setLink('up');
      }
      else this.#retryRestart();
      return;
    }
    const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((c) => b.includes(c));
    const i = this.#resets.findIndex((r) => same(r.channels, channels));
    if (i < 0) return;
    const [done] = this.#resets.splice(i, 1);
    if (done !== undefined) this.#resetDone(done.reset);
  }

  // ------------------------------------------------------------ helpers

  #usable(cic: number): Result<void, DriverError> {
    if (this.#link === 'down') return err(new LinkDownError(this.name));
    return this.#known(cic);
  }

  #known(cic: number): Result<void, DriverError> {
    return this.#channelOf.has(cic) ? ok(undefined) : err(new UnknownCicError(`${this.name} CIC ${cic}`));
  }

  /** A B-channel with no reservation, no call (as its CIC or as its bearer) and no restart under way. */
  #free(ch: number): boolean {
    const cic = this.#cicOf.get(ch);
    if (cic === undefined || this.#seized.has(cic) || this.#byCic.has(cic)) return false;
    for (const c of this.#byCic.values()) if (c.bearer === ch) return false;
    return !this.#resets.some((r) => r.channels.includes(ch));
  }

  /** `delivered` runs once the listeners have the message; `before` puts it ahead of a queued delivery. */
  #emit(m: PortMessage, delivered?: () => void, before?: () => void): () => void {
    const delivery = (): void => {
      for (const l of [...this.#listeners]) l({ kind: 'message', message: m });
      delivered?.();
    };
    const at = before === undefined ? -1 : this.#queue.indexOf(before);
    if (at < 0) this.#queue.push(delivery);
    else this.#queue.splice(at, 0, delivery);
    this.#schedule();
    return delivery;
  }

  /** Events go out asynchronously (never from inside send), in order. */
  #schedule(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    this.#o.clock.setTimer(0, () => {
      this.#flushing = false;
      for (const f of this.#queue.splice(0)) f();
    });
  }
}
