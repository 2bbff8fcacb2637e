// One Q.931 call: the call table of its side (user-call.fsm.ts or network-call.fsm.ts) run by
// the core FSM engine, and the named actions that send messages (Q.931 §3.1 contents) and tell
// the driver. The call ends exactly once, in Null, with one 'cleared' event (onFinal).
import { Fsm, type FsmLogger, type FsmTable } from '../../core/fsm.js';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { findAllIes, findIe, type Cause, type InformationElement, type MessageName, type ProgressIndicator, type Q931Message } from 'q931-codec';
import { CALL_STATE_NUMBER, type CallAction, type CallEvent, type CallStateName, type CallTimer } from './call-states.js';
import { decodeChannel, encodeChannel } from './channel.js';
import { callStateIe, causeIe, ordered, setupIes } from './ies.js';
import { NETWORK_CALL_FSM } from './network-call.fsm.js';
import type { CallId, CallInfo, ChannelChoice, InterfaceKind, Q931Event } from './service.js';
import type { Q931TimerValues } from './timers.js';
import { USER_CALL_FSM } from './user-call.fsm.js';

type WithIes = Exclude<Q931Message, { type: 'UNKNOWN' }>;
type CallTable = FsmTable<CallStateName, CallEvent, CallAction, CallTimer>;

/** The call table of a side (the network table has no N8 state: it is typed on a narrower state set). */
export function callTable(side: 'network' | 'user'): CallTable {
  return side === 'user' ? USER_CALL_FSM : (NETWORK_CALL_FSM as unknown as CallTable);
}

/** What an event carries into the call table. */
export interface CallInput {
  readonly msg?: WithIes;
  readonly info?: CallInfo;
  readonly channel?: ChannelChoice;
  readonly progress?: readonly ProgressIndicator[];
  readonly others?: readonly InformationElement[];
  readonly digits?: string;
  readonly sendingComplete?: boolean;
  readonly cause?: Cause;
}

/** What a call needs from its interface. */
export interface CallContext {
  readonly side: 'network' | 'user';
  readonly kind: InterfaceKind;
  readonly timers: Q931TimerValues;
  readonly clock: Clock;
  readonly log: FsmLogger;
  send(call: Call, type: MessageName, ies: InformationElement[]): void;
  emit(event: Q931Event): void;
  /** the call reached Null: forget it (before 'cleared' is emitted) */
  finished(call: Call): void;
}

export class Call {
  readonly fsm: Fsm<CallStateName, CallEvent, CallAction, CallTimer, CallInput>;
  channel: number | undefined;
  /** network side, point-to-multipoint: SETUP broadcast and no TE selected yet */
  broadcast = false;
  /** the TEIs that answered a broadcast SETUP and have not been released */
  readonly responders = new Set<number>();
  /** a TE's rejection of a broadcast SETUP (cause of the call if nobody answers) */
  rejectCause: Cause | undefined;
  /** the data link is down (T309 running) */
  linkDown = false;
  /** DISCONNECT without cause received: RELEASE carries cause 96 (§5.8.5.2) */
  releaseCause: Cause | undefined;
  #clearCause: Cause | undefined;
  #ourDisconnect: Cause | undefined;
  #farDisconnect: Cause | undefined;
  #setup: InformationElement[] = [];
  #responded = false;
  #progressSeen = false;
  #t303 = 0;
  #t308 = 0;
  #t322: TimerHandle | undefined;
  #t322Count = 0;
  #called: { typeOfNumber: number; numberingPlan: number } | undefined;

  constructor(
    readonly id: CallId,
    readonly callReference: number,
    readonly outgoing: boolean,
    public tei: number,
    private readonly ctx: CallContext,
  ) {
    const table = callTable(ctx.side);
    const timers = ctx.timers;
    this.fsm = new Fsm(table, {
      id: `${outgoing ? 'o' : 'i'}${callReference}`,
      clock: ctx.clock,
      log: ctx.log,
      duration: (timer) => (timer === 'T309' && !this.linkDown ? null : timers[timer]),
      actions: this.#actions(),
      onFinal: () => {
        this.#t322?.cancel();
        ctx.finished(this);
        ctx.emit({ kind: 'cleared', id, ...(this.#clearCause === undefined ? {} : { cause: this.#clearCause }), ...(this.channel === undefined ? {} : { channel: this.channel }) });
      },
    });
    this.fsm.start();
  }

  get state(): number {
    return CALL_STATE_NUMBER[this.fsm.state];
  }

  /** Does the call table accept `event` in the current state? */
  accepts(event: CallEvent): boolean {
    return Object.hasOwn(callTable(this.ctx.side).states[this.fsm.state].on, event);
  }

  fire(event: CallEvent, input?: CallInput): void {
    this.fsm.fire(event, input);
  }

  /** STATUS ENQUIRY sent: T322 (§5.8.10), outside the call table since it runs across states. */
  startT322(): void {
    this.#t322?.cancel();
    this.#t322 = this.ctx.clock.setTimer(this.ctx.timers.T322, () => {
      this.#t322 = undefined;
      if (this.#t322Count++ === 0) {
        this.ctx.send(this, 'STATUS_ENQUIRY', []);
        this.startT322();
      } else if (this.accepts('disconnectReq')) this.fire('disconnectReq', { cause: this.#cause(41) });
    });
  }

  /** STATUS received: T322 stops. */
  stopT322(): void {
    this.#t322?.cancel();
    this.#t322 = undefined;
    this.#t322Count = 0;
  }

  #cause(value: number): Cause {
    return causeIe(value, this.ctx.side);
  }

  #send(type: MessageName, ies: InformationElement[]): void {
    this.ctx.send(this, type, ordered(ies));
  }

  /** The channel element of a response: the first response always carries it (§5.2.3.1, §5.1.2). */
  #channelIes(choice: ChannelChoice | undefined, connect = false): InformationElement[] {
    if (choice !== undefined && typeof choice.channel === 'number') this.channel = choice.channel;
    const first = !this.#responded;
    this.#responded = true;
    if (choice === undefined && !(first || connect)) return [];
    const c = choice ?? (this.channel === undefined ? undefined : { channel: this.channel, exclusive: true });
    const value = c === undefined ? undefined : encodeChannel(this.ctx.kind, c);
    return value === undefined ? [] : [{ name: 'channelIdentification', value }];
  }

  /** The channel a received response names; it becomes the call's channel. */
  #channelOf(msg: WithIes | undefined): ChannelChoice | undefined {
    const ci = msg === undefined ? undefined : findIe(msg.ies, 'channelIdentification');
    if (ci === undefined) return undefined;
    const d = decodeChannel(this.ctx.kind, ci);
    if (!('channels' in d) || d.choice === undefined) return undefined;
    if (typeof d.choice.channel === 'number') this.channel = d.choice.channel;
    return d.choice;
  }

  #progressIes(p: readonly ProgressIndicator[] | undefined): InformationElement[] {
    return (p ?? []).map((value) => ({ name: 'progressIndicator', value }));
  }

  #disconnect(cause: Cause, progress?: readonly ProgressIndicator[]): void {
    this.#ourDisconnect = cause;
    this.#clearCause ??= cause;
    this.#send('DISCONNECT', [{ name: 'cause', value: cause }, ...this.#progressIes(progress)]);
  }

  #release(cause: Cause | undefined): void {
    const c = cause ?? this.releaseCause ?? this.#farDisconnect ?? this.#ourDisconnect ?? this.#cause(16);
    this.#clearCause ??= c;
    this.#send('RELEASE', [{ name: 'cause', value: c }]);
  }

  #causeOf(msg: WithIes | undefined): Cause | undefined {
    return msg === undefined ? undefined : findIe(msg.ies, 'cause');
  }

  #emit(event: Q931Event): void {
    this.ctx.emit(event);
  }

  #actions(): { readonly [K in CallAction]: (data: CallInput | undefined) => void } {
    const id = this.id;
    const chan = (c: ChannelChoice | undefined): { channel?: ChannelChoice } => (c === undefined ? {} : { channel: c });
    return {
      sendSetup: (d) => {
        const info = d?.info as CallInfo;
        if (typeof info.channel?.channel === 'number') this.channel = info.channel.channel;
        if (info.called !== undefined) this.#called = { typeOfNumber: info.called.typeOfNumber, numberingPlan: info.called.numberingPlan };
        this.#setup = setupIes(info, this.ctx.kind) ?? [];
        this.ctx.send(this, 'SETUP', this.#setup);
      },
      indicateSetup: (d) => {
        const info = d?.info as CallInfo;
        if (typeof info.channel?.channel === 'number') this.channel = info.channel.channel;
        this.#emit({ kind: 'setup', id, tei: this.tei, info });
      },
      sendSetupAck: (d) => this.#send('SETUP_ACKNOWLEDGE', this.#channelIes(d?.channel)),
      sendProceeding: (d) => this.#send('CALL_PROCEEDING', this.#channelIes(d?.channel)),
      sendAlerting: (d) => this.#send('ALERTING', [...this.#channelIes(d?.channel), ...this.#progressIes(d?.progress)]),
      sendProgress: (d) => this.#send('PROGRESS', this.#progressIes(d?.progress)),
      sendConnect: (d) => this.#send('CONNECT', [...this.#channelIes(d?.channel, true), ...(d?.others ?? [])]),
      sendInformation: (d) =>
        this.#send('INFORMATION', [
          { name: 'calledPartyNumber', value: { typeOfNumber: this.#called?.typeOfNumber ?? 0, numberingPlan: this.#called?.numberingPlan ?? 1, digits: d?.digits ?? '' } },
          ...(d?.sendingComplete === true ? [{ name: 'sendingComplete' } as InformationElement] : []),
        ]),
      sendDisconnect: (d) => this.#disconnect(d?.cause ?? this.#cause(16), d?.progress),
      sendRelease: (d) => this.#release(d?.cause),
      rejectSetup: (d) => {
        const cause = d?.cause ?? this.#cause(16);
        this.#clearCause = cause;
        this.#send('RELEASE_COMPLETE', [{ name: 'cause', value: cause }]);
      },
      indicateSetupAck: (d) => this.#emit({ kind: 'setupAck', id, ...chan(this.#channelOf(d?.msg)) }),
      indicateProceeding: (d) => this.#emit({ kind: 'proceeding', id, ...chan(this.#channelOf(d?.msg)) }),
      indicateAlerting: (d) => {
        const progress = d?.msg === undefined ? [] : findAllIes(d.msg.ies, 'progressIndicator');
        this.#emit({ kind: 'alerting', id, ...chan(this.#channelOf(d?.msg)), ...(progress.length === 0 ? {} : { progress }) });
      },
      indicateProgress: (d) => {
        this.#progressSeen = true;
        this.#emit({ kind: 'progress', id, progress: d?.msg === undefined ? [] : findAllIes(d.msg.ies, 'progressIndicator') });
      },
      indicateConnect: (d) => this.#emit({ kind: 'connect', id, ...chan(this.#channelOf(d?.msg)) }),
      acknowledgeConnect: (d) => {
        const channel = this.#channelOf(d?.msg);
        this.#send('CONNECT_ACKNOWLEDGE', []);
        const others = d?.msg === undefined ? [] : d.msg.ies.filter((ie) => ie.name !== 'channelIdentification');
        this.#emit({ kind: 'connect', id, ...chan(channel), ...(others.length === 0 ? {} : { others }) });
      },
      indicateConnectAck: () => this.#emit({ kind: 'connectAck', id }),
      indicateInformation: (d) => {
        const ies = d?.msg?.ies ?? [];
        const digits = findIe(ies, 'calledPartyNumber')?.digits ?? String.fromCharCode(...(findIe(ies, 'keypadFacility') ?? []));
        this.#emit({ kind: 'information', id, digits, sendingComplete: ies.some((ie) => ie.name === 'sendingComplete') });
      },
      indicateDisconnect: (d) => {
        const cause = this.#causeOf(d?.msg);
        this.#farDisconnect = cause;
        this.#clearCause ??= cause;
        const progress = d?.msg === undefined ? [] : findAllIes(d.msg.ies, 'progressIndicator');
        this.#emit({ kind: 'disconnect', id, ...(cause === undefined ? {} : { cause }), ...(progress.length === 0 ? {} : { progress }) });
      },
      answerRelease: (d) => {
        const cause = this.#causeOf(d?.msg);
        this.#clearCause ??= cause;
        this.#send('RELEASE_COMPLETE', []);
        this.#emit({ kind: 'disconnect', id, ...(cause === undefined ? {} : { cause }) });
      },
      completeRelease: (d) => {
        this.#clearCause ??= this.#causeOf(d?.msg);
        this.#send('RELEASE_COMPLETE', []);
      },
      releaseCollision: (d) => {
        this.#clearCause ??= this.#causeOf(d?.msg);
      },
      releaseCompleted: (d) => {
        this.#clearCause ??= this.#causeOf(d?.msg);
      },
      clearLocal: (d) => {
        this.#clearCause ??= d?.cause ?? this.#cause(102);
      },
      reportLinkUp: () => this.#send('STATUS', [{ name: 'cause', value: this.#cause(31) }, callStateIe(this.state)]),
      t301Expiry: () => this.#disconnect(this.#cause(19)),
      t302Expiry: () => this.#disconnect(this.#cause(28)),
      t303Expiry: () => {
        this.#t303++;
        if (this.broadcast && this.rejectCause !== undefined) this.fire('timeoutClear', { cause: this.rejectCause });
        else if (this.#t303 === 1) this.ctx.send(this, 'SETUP', this.#setup);
        else {
          this.#send('RELEASE_COMPLETE', [{ name: 'cause', value: this.#cause(102) }]);
          this.fire('timeoutClear', { cause: this.#cause(this.ctx.side === 'user' ? 102 : 18) });
        }
      },
      t304Expiry: () => this.#disconnect(this.#cause(102)),
      t305Expiry: () => this.#release(this.#ourDisconnect),
      t308Expiry: () => {
        if (++this.#t308 === 1) this.#release(undefined);
        else this.fire('timeoutClear', { cause: this.#cause(102) });
      },
      t309Expiry: () => {
        if (this.linkDown) this.fire('abort', { cause: this.#cause(27) });
      },
      t310Expiry: () => {
        if (!this.#progressSeen) this.fire('timeoutDisconnect', { cause: this.#cause(102) });
      },
      t313Expiry: () => this.#disconnect(this.#cause(102)),
    };
  }
}
