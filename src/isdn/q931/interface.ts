// One Q.931 interface: call references (§4.3), the routing of received messages to calls, the
// error procedures of §5.8 (call reference, message type, mandatory and invalid elements, STATUS
// and STATUS ENQUIRY), restart (§5.5), data link failure (§5.8.9, T309) and the network side of
// a point-to-multipoint BRI (§5.2.1-§5.2.5: broadcast SETUP, first CONNECT wins, cause 26).
import { findIe, tryEncodeMessage, type Cause, type InformationElement, type MessageName, type Q931Message } from 'q931-codec';
import type { FsmLogger } from '../../core/fsm.js';
import { err, ok, type Result } from '../../core/result.js';
import type { GwError } from '../../core/errors.js';
import { BROADCAST_TEI, type L2Indication } from '../l2/service.js';
import { Call, type CallContext, type CallInput } from './call.js';
import type { CallEvent, CallMessageEvent } from './call-states.js';
import { channelsOf, encodeChannel, isChannel, decodeChannel } from './channel.js';
import { Q931BadIe, Q931BadRequest, Q931CallReference, Q931CallState, Q931Decode, Q931NoCallReference, Q931Unexpected, Q931UnknownCall } from './errors.js';
import { callInfoOf, callStateIe, callStateOf, causeIe, setupIes } from './ies.js';
import { RestartProcedure, receiveRestart } from './restart.js';
import type { CallId, CallInfo, CallSnapshot, ChannelChoice, InterfaceOptions, Q931Event, Q931Interface, Q931Listener } from './service.js';
import { q931TimerValues, type Q931TimerValues } from './timers.js';
import { decodeLenient, parseHeader } from './wire.js';

type WithIes = Exclude<Q931Message, { type: 'UNKNOWN' }>;

const CALL_MESSAGES: ReadonlySet<string> = new Set<CallMessageEvent>([
  'SETUP', 'SETUP_ACKNOWLEDGE', 'CALL_PROCEEDING', 'ALERTING', 'PROGRESS', 'CONNECT', 'CONNECT_ACKNOWLEDGE', 'DISCONNECT', 'RELEASE', 'RELEASE_COMPLETE', 'INFORMATION',
]);

/** Elements mandatory in a received message, both directions (§3.1); SETUP is checked apart. */
const MANDATORY: Partial<Record<MessageName, readonly ('cause' | 'progressIndicator' | 'callState' | 'notificationIndicator')[]>> = {
  DISCONNECT: ['cause'],
  PROGRESS: ['progressIndicator'],
  STATUS: ['cause', 'callState'],
  NOTIFY: ['notificationIndicator'],
};
const IE_ID = { cause: 0x08, progressIndicator: 0x1e, callState: 0x14, notificationIndicator: 0x27, bearerCapability: 0x04, channelIdentification: 0x18 } as const;

export class Q931InterfaceImpl implements Q931Interface, CallContext {
  readonly side: 'network' | 'user';
  readonly kind: InterfaceOptions['kind'];
  readonly timers: Q931TimerValues;
  readonly clock: InterfaceOptions['clock'];
  readonly log: FsmLogger;
  readonly crLength: number;
  readonly #options: InterfaceOptions;
  readonly #calls = new Map<CallId, Call>();
  readonly #byRef = new Map<string, Call>();
  readonly #listeners = new Set<Q931Listener>();
  readonly restarts = new Set<RestartProcedure>();
  #nextId = 1;
  #nextCr = 1;
  #ownTei: number | undefined;

  constructor(options: InterfaceOptions) {
    this.#options = options;
    this.side = options.side;
    this.kind = options.kind;
    this.clock = options.clock;
    this.timers = q931TimerValues(options.side, options.timers);
    this.log = options.log ?? (() => undefined);
    this.crLength = options.kind === 'BRI' ? 1 : 2;
    options.l2.subscribe((ind) => this.#indication(ind));
  }

  get variant(): InterfaceOptions['variant'] {
    return this.#options.variant;
  }

  get #ptmpNetwork(): boolean {
    return this.side === 'network' && this.#options.ptmp;
  }

  // ---- CallContext ----

  emit(event: Q931Event): void {
    for (const l of [...this.#listeners]) {
      try {
        l(event);
      } catch (e) {
        // a failing listener must not leave a call half-way through a transition: report it later
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  finished(call: Call): void {
    this.#calls.delete(call.id);
    for (const [k, c] of this.#byRef) if (c === call) this.#byRef.delete(k);
  }

  send(call: Call, type: MessageName, ies: InformationElement[]): void {
    const bytes = this.#encode(type, { length: this.crLength, flag: !call.outgoing, value: call.callReference }, ies);
    if (bytes === undefined) return;
    if (call.broadcast) {
      if (type === 'SETUP') this.#options.l2.unitData(BROADCAST_TEI, bytes);
      else for (const t of call.responders) this.#options.l2.data(t, bytes);
      if (type === 'DISCONNECT' && call.responders.size === 0) call.fire('abort', { cause: findIe(ies, 'cause') ?? causeIe(16, this.side) });
      return;
    }
    this.#options.l2.data(call.tei, bytes);
  }

  #encode(type: MessageName, callReference: { length: number; flag: boolean; value: number }, ies: InformationElement[]): Uint8Array | undefined {
    const r = tryEncodeMessage({ type, callReference, ies });
    if (r.ok) return r.value;
    this.emit({ kind: 'protocolError', code: Q931BadRequest.code, text: `${type}: ${r.error.message}` });
    return undefined;
  }

  /** A message outside any call (unknown call reference, global call reference). */
  sendRaw(tei: number, cr: { length: number; flag: boolean; value: number }, type: MessageName, ies: InformationElement[]): void {
    const bytes = this.#encode(type, cr, ies);
    if (bytes === undefined) return;
    if (tei === BROADCAST_TEI) this.#options.l2.unitData(BROADCAST_TEI, bytes);
    else this.#options.l2.data(tei, bytes);
  }

  /** The TEI of this side's data link for messages outside calls (global call reference). */
  linkTei(): number {
    if (!this.#options.ptmp) return 0;
    return this.side === 'network' ? BROADCAST_TEI : (this.#ownTei ?? 0);
  }

  protocolError(code: string, text: string, id?: CallId): void {
    this.emit({ kind: 'protocolError', code, text, ...(id === undefined ? {} : { id }) });
  }

  /** Clears every call on `channels` ('all': every call) at once, e.g. for a RESTART. */
  clearChannels(channels: readonly number[] | 'all', cause: Cause): void {
    for (const call of [...this.#calls.values()]) {
      if (channels === 'all' || (call.channel !== undefined && channels.includes(call.channel))) call.fire('abort', { cause });
    }
  }

  // ---- requests ----

  setup(info: CallInfo): Result<CallId, GwError> {
    const ies = setupIes(info, this.kind);
    if (ies === undefined) return err(new Q931BadRequest(`channel ${String(info.channel?.channel)} does not exist on a ${this.kind} interface`));
    const probe = tryEncodeMessage({ type: 'SETUP', callReference: { length: this.crLength, flag: false, value: 1 }, ies });
    if (!probe.ok) return err(new Q931BadRequest(probe.error.message));
    const cr = this.#allocate();
    if (cr === undefined) return err(new Q931NoCallReference());
    const tei = this.side === 'user' ? this.linkTei() : this.#ptmpNetwork ? BROADCAST_TEI : 0;
    const call = this.#newCall(cr, true, tei, `L:${cr}`);
    call.broadcast = this.#ptmpNetwork;
    call.fire('setupReq', { info });
    return ok(call.id);
  }

  setupAck(id: CallId, channel?: ChannelChoice): Result<void, GwError> {
    return this.#request(id, 'setupAckReq', channel === undefined ? {} : { channel });
  }

  proceeding(id: CallId, channel?: ChannelChoice): Result<void, GwError> {
    return this.#request(id, 'proceedingReq', channel === undefined ? {} : { channel });
  }

  alerting(id: CallId, options: { channel?: ChannelChoice; progress?: readonly import('q931-codec').ProgressIndicator[] } = {}): Result<void, GwError> {
    return this.#request(id, 'alertingReq', options);
  }

  progress(id: CallId, progress: readonly import('q931-codec').ProgressIndicator[]): Result<void, GwError> {
    return this.#request(id, 'progressReq', { progress });
  }

  connect(id: CallId, options: { channel?: ChannelChoice; others?: readonly InformationElement[] } = {}): Result<void, GwError> {
    return this.#request(id, 'connectReq', options);
  }

  information(id: CallId, digits: string, sendingComplete: boolean): Result<void, GwError> {
    if (!/^[\x20-\x7e]*$/.test(digits)) return err(new Q931BadRequest(`digits ${JSON.stringify(digits)} are not IA5`));
    return this.#request(id, 'infoReq', { digits, sendingComplete });
  }

  disconnect(id: CallId, cause: Cause, progress?: readonly import('q931-codec').ProgressIndicator[]): Result<void, GwError> {
    return this.#request(id, 'disconnectReq', progress === undefined ? { cause } : { cause, progress });
  }

  release(id: CallId, cause?: Cause): Result<void, GwError> {
    return this.#request(id, 'releaseReq', cause === undefined ? {} : { cause });
  }

  restart(channels: readonly number[] | 'all'): Result<void, GwError> {
    if (channels !== 'all') {
      const bad = channels.find((c) => !isChannel(this.kind, c));
      if (channels.length === 0 || bad !== undefined) return err(new Q931BadRequest(`restart of channel ${String(bad)} on a ${this.kind} interface`));
    }
    this.clearChannels(channels, causeIe(41, this.side));
    new RestartProcedure(this, channels).start();
    return ok(undefined);
  }

  statusEnquiry(id: CallId): Result<void, GwError> {
    const call = this.#calls.get(id);
    if (call === undefined) return err(new Q931UnknownCall(`call ${id}`));
    this.send(call, 'STATUS_ENQUIRY', []);
    call.startT322();
    return ok(undefined);
  }

  calls(): readonly CallSnapshot[] {
    return [...this.#calls.values()].map((c) => ({
      id: c.id,
      state: c.state,
      callReference: c.callReference,
      outgoing: c.outgoing,
      ...(c.channel === undefined ? {} : { channel: c.channel }),
      tei: c.tei,
    }));
  }

  subscribe(listener: Q931Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #request(id: CallId, event: CallEvent, input: CallInput): Result<void, GwError> {
    const call = this.#calls.get(id);
    if (call === undefined) return err(new Q931UnknownCall(`call ${id}`));
    if (input.channel !== undefined && encodeChannel(this.kind, input.channel) === undefined) {
      return err(new Q931BadRequest(`channel ${String(input.channel.channel)} does not exist on a ${this.kind} interface`));
    }
    if (!call.accepts(event)) return err(new Q931CallState(`${event} in ${call.fsm.state} (state ${call.state})`));
    call.fire(event, input);
    return ok(undefined);
  }

  #allocate(): number | undefined {
    const max = this.crLength === 1 ? 0x7f : 0x7fff;
    for (let k = 0; k < max; k++) {
      const cr = this.#nextCr;
      this.#nextCr = cr >= max ? 1 : cr + 1;
      if (!this.#byRef.has(`L:${cr}`)) return cr;
    }
    return undefined;
  }

  #newCall(cr: number, outgoing: boolean, tei: number, key: string): Call {
    const call = new Call(this.#nextId++, cr, outgoing, tei, this);
    this.#calls.set(call.id, call);
    this.#byRef.set(key, call);
    return call;
  }

  // ---- layer 2 ----

  #indication(ind: L2Indication): void {
    switch (ind.kind) {
      case 'data':
      case 'unitData':
        this.#receive(ind.tei, ind.info);
        return;
      case 'established':
        for (const call of [...this.#calls.values()]) {
          if (call.linkDown && this.#bound(call, ind.tei)) {
            call.linkDown = false;
            call.fire('linkUp');
          }
        }
        return;
      case 'released':
        this.#linkLost(ind.tei);
        return;
      case 'teiAssigned':
        if (this.side === 'user') this.#ownTei = ind.tei;
        return;
      case 'teiRemoved':
        if (this.side === 'user' && ind.tei === this.#ownTei) this.#linkLost(ind.tei);
        return;
      case 'error':
        return;
    }
  }

  /** Is `call` carried by the data link on `tei`? */
  #bound(call: Call, tei: number): boolean {
    return this.side === 'user' || !this.#options.ptmp || call.tei === tei;
  }

  #linkLost(tei: number): void {
    for (const call of [...this.#calls.values()]) {
      if (call.broadcast) {
        if (call.responders.delete(tei)) this.#afterRejection(call);
        continue;
      }
      if (!this.#bound(call, tei)) continue;
      if (call.fsm.state === 'Active' && this.timers.T309 > 0) {
        if (call.linkDown) continue;
        call.linkDown = true;
        call.fire('linkLost');
      } else call.fire('abort', { cause: causeIe(27, this.side) });
    }
  }

  // ---- received messages ----

  #receive(tei: number, bytes: Uint8Array): void {
    const header = parseHeader(bytes);
    if (header === undefined) return this.protocolError(Q931Decode.code, 'no Q.931 header (protocol discriminator, call reference, message type)');
    if (header.crLength === 0) return this.protocolError(Q931CallReference.code, 'dummy call reference: ignored');
    if (header.crLength !== this.crLength) return this.protocolError(Q931CallReference.code, `call reference of ${header.crLength} octet(s) on a ${this.kind} interface`);
    const decoded = decodeLenient(bytes, header);
    if (!decoded.ok) return this.protocolError(Q931Decode.code, `${decoded.error.code} at ${decoded.error.place.join('.')}: ${decoded.error.message}`);
    const msg = decoded.message;
    const from = tei === BROADCAST_TEI && this.side === 'user' ? this.linkTei() : tei;
    if (header.crValue === 0) return this.#global(from, msg);
    const key = header.flag ? `L:${header.crValue}` : `R:${this.side === 'network' ? from : 0}:${header.crValue}`;
    const call = this.#byRef.get(key);
    const reply = { length: this.crLength, flag: !header.flag, value: header.crValue };
    if (call === undefined) return this.#unknownCall(from, msg, reply, header.flag, decoded.invalid);
    if (msg.type === 'UNKNOWN') {
      if (call.fsm.state !== 'ReleaseRequest') this.#status(call, 97, from);
      return this.protocolError(Q931Unexpected.code, `message type 0x${header.type.toString(16)} not implemented`, call.id);
    }
    if (this.#ptmpNetwork && call.outgoing && (call.broadcast || call.tei !== from)) return this.#ptmpResponse(call, from, msg, reply);
    this.#callMessage(call, msg, decoded.invalid);
  }

  #status(call: Call, cause: number, tei?: number): void {
    const ies = [{ name: 'cause', value: causeIe(cause, this.side) } as InformationElement, callStateIe(call.state)];
    if (tei !== undefined && call.broadcast) this.sendRaw(tei, { length: this.crLength, flag: !call.outgoing, value: call.callReference }, 'STATUS', ies);
    else this.send(call, 'STATUS', ies);
  }

  /** The first mandatory element missing, or invalid (its identifier was stripped), if any. */
  #mandatoryProblem(msg: WithIes, invalid: number | undefined): { cause: 96 | 100; ie: string } | undefined {
    for (const name of MANDATORY[msg.type] ?? []) {
      if (invalid === IE_ID[name]) return { cause: 100, ie: name };
      if (findIe(msg.ies, name) === undefined) return { cause: 96, ie: name };
    }
    return undefined;
  }

  #callMessage(call: Call, msg: WithIes, invalid: number | undefined): void {
    const problem = this.#mandatoryProblem(msg, invalid);
    switch (msg.type) {
      case 'STATUS_ENQUIRY':
        return this.#status(call, 30);
      case 'STATUS': {
        if (problem !== undefined) return this.protocolError(Q931BadIe.code, `STATUS without a valid ${problem.ie}`, call.id);
        call.stopT322();
        const callState = callStateOf(msg.ies) ?? 0;
        const cause = findIe(msg.ies, 'cause');
        this.emit({ kind: 'status', id: call.id, callState, ...(cause === undefined ? {} : { cause }) });
        // §5.8.11: the far end is in Null: the call is gone there
        if (callState === 0) call.fire('abort', { cause: cause ?? causeIe(101, this.side) });
        return;
      }
      case 'NOTIFY':
      case 'FACILITY':
      case 'SETUP':
        return; // NOTIFY and FACILITY carry nothing the driver uses; a repeated SETUP is ignored (§5.8.3.2 e)
      default:
    }
    if (!CALL_MESSAGES.has(msg.type)) {
      if (call.fsm.state !== 'ReleaseRequest') this.#status(call, 98);
      return this.protocolError(Q931Unexpected.code, `${msg.type} is not implemented`, call.id);
    }
    if (problem !== undefined) {
      this.protocolError(Q931BadIe.code, `${msg.type}: ${problem.ie} ${problem.cause === 96 ? 'missing' : 'invalid'}`, call.id);
      // §5.8.5.2 / §5.8.6.2: a DISCONNECT without (valid) cause still clears; the RELEASE carries the cause
      if (msg.type === 'DISCONNECT') call.releaseCause = causeIe(problem.cause, this.side);
      else return this.#status(call, problem.cause);
    } else if (invalid !== undefined) {
      this.protocolError(Q931BadIe.code, `${msg.type}: element 0x${invalid.toString(16)} invalid, ignored`, call.id);
      if (msg.type !== 'RELEASE' && msg.type !== 'RELEASE_COMPLETE') this.#status(call, 100);
    }
    const event = msg.type as CallMessageEvent;
    if (call.accepts(event)) return call.fire(event, { msg });
    if (event === 'INFORMATION' || call.fsm.state === 'ReleaseRequest') return;
    this.#status(call, 101);
    this.protocolError(Q931Unexpected.code, `${msg.type} in ${call.fsm.state} (state ${call.state})`, call.id);
  }

  #unknownCall(tei: number, msg: Q931Message, reply: { length: number; flag: boolean; value: number }, flag: boolean, invalid: number | undefined): void {
    const cause = (v: number): InformationElement[] => [{ name: 'cause', value: causeIe(v, this.side) }];
    switch (msg.type) {
      case 'SETUP':
        if (flag) return this.protocolError(Q931CallReference.code, 'SETUP with the call reference flag set: ignored');
        return this.#incomingSetup(tei, msg, reply, invalid);
      case 'RELEASE_COMPLETE':
        return;
      case 'STATUS_ENQUIRY':
        return this.sendRaw(tei, reply, 'STATUS', [...cause(30), callStateIe(0)]);
      case 'STATUS':
        if ((callStateOf(msg.ies) ?? 0) !== 0) this.sendRaw(tei, reply, 'RELEASE_COMPLETE', cause(101));
        return;
      default:
        this.protocolError(Q931CallReference.code, `${msg.type} for unknown call reference ${reply.value}`);
        return this.sendRaw(tei, reply, 'RELEASE_COMPLETE', cause(81));
    }
  }

  #incomingSetup(tei: number, msg: WithIes, reply: { length: number; flag: boolean; value: number }, invalid: number | undefined): void {
    const reject = (v: number, text: string): void => {
      this.protocolError(Q931BadIe.code, `SETUP rejected with cause ${v}: ${text}`);
      this.sendRaw(tei, reply, 'RELEASE_COMPLETE', [{ name: 'cause', value: causeIe(v, this.side) }]);
    };
    if (invalid === IE_ID.bearerCapability || invalid === IE_ID.channelIdentification) return reject(100, 'invalid mandatory element');
    const info = callInfoOf(msg, this.kind);
    if (info === undefined) return reject(96, 'no bearer capability');
    const ci = findIe(msg.ies, 'channelIdentification');
    if (ci === undefined && this.side === 'user') return reject(96, 'no channel identification');
    const decoded = ci === undefined ? { channels: [] as number[] } : decodeChannel(this.kind, ci);
    if (!('channels' in decoded)) return reject(decoded.cause, decoded.text);
    const chosen = this.#chooseChannel(decoded.choice);
    if (typeof chosen === 'number' && chosen > 0) return reject(chosen, 'channel not available');
    const channel = typeof chosen === 'object' ? chosen : decoded.choice;
    const call = this.#newCall(reply.value, false, tei, `R:${this.side === 'network' ? tei : 0}:${reply.value}`);
    call.fire('SETUP', { msg, info: channel === undefined ? info : { ...info, channel } });
  }

  /**
   * The channel for an incoming SETUP. User side: the network's choice stands unless the driver
   * says it is not available (cause 44 when exclusive). Network side: the requested channel if it
   * is free, else (when preferred or any) the lowest free one; cause 44 / 34 when there is none.
   */
  #chooseChannel(choice: ChannelChoice | undefined): ChannelChoice | number | undefined {
    const free = (c: number): boolean =>
      (this.#options.channelAvailable?.(c) ?? true) && ![...this.#calls.values()].some((call) => call.channel === c);
    if (this.side === 'user') {
      if (choice === undefined || choice.channel === 'any') return choice;
      if (this.#options.channelAvailable?.(choice.channel) === false) {
        if (choice.exclusive) return 44;
        const other = channelsOf(this.kind).find(free);
        return other === undefined ? 34 : { channel: other, exclusive: true };
      }
      return choice;
    }
    if (choice !== undefined && choice.channel !== 'any') {
      if (free(choice.channel)) return { channel: choice.channel, exclusive: true };
      if (choice.exclusive) return 44;
    }
    const other = channelsOf(this.kind).find(free);
    return other === undefined ? 34 : { channel: other, exclusive: true };
  }

  #global(tei: number, msg: Q931Message): void {
    const reply = { length: this.crLength, flag: true, value: 0 };
    if (msg.type === 'RESTART') return receiveRestart(this, tei, msg);
    if (msg.type === 'RESTART_ACKNOWLEDGE') {
      for (const r of this.restarts) if (r.matches(msg)) return r.acknowledge();
      const first = this.restarts.values().next().value;
      if (first !== undefined) return first.acknowledge();
      return this.protocolError(Q931CallReference.code, 'RESTART ACKNOWLEDGE without a restart in progress');
    }
    if (msg.type === 'STATUS') return;
    if (msg.type === 'STATUS_ENQUIRY') return this.sendRaw(tei, reply, 'STATUS', [{ name: 'cause', value: causeIe(30, this.side) }, callStateIe(0)]);
    this.protocolError(Q931CallReference.code, `${msg.type} on the global call reference`);
    this.sendRaw(tei, reply, 'STATUS', [{ name: 'cause', value: causeIe(81, this.side) }, callStateIe(0)]);
  }

  // ---- point-to-multipoint, network side ----

  #ptmpResponse(call: Call, tei: number, msg: Q931Message, reply: { length: number; flag: boolean; value: number }): void {
    const causeOf = (): Cause | undefined => (msg.type === 'UNKNOWN' ? undefined : findIe(msg.ies, 'cause'));
    if (!call.broadcast) {
      // a TE that was not selected (it got RELEASE cause 26, or answered late)
      if (msg.type === 'RELEASE') this.sendRaw(tei, reply, 'RELEASE_COMPLETE', []);
      else if (msg.type !== 'RELEASE_COMPLETE') this.sendRaw(tei, reply, 'RELEASE', [{ name: 'cause', value: causeIe(26, this.side) }]);
      return;
    }
    switch (msg.type) {
      case 'STATUS_ENQUIRY':
        return this.#status(call, 30, tei);
      case 'RELEASE_COMPLETE':
      case 'RELEASE':
      case 'DISCONNECT':
        if (msg.type === 'RELEASE') this.sendRaw(tei, reply, 'RELEASE_COMPLETE', []);
        if (msg.type === 'DISCONNECT') this.sendRaw(tei, reply, 'RELEASE', [{ name: 'cause', value: causeOf() ?? causeIe(16, this.side) }]);
        call.rejectCause = causeOf() ?? call.rejectCause;
        call.responders.delete(tei);
        return this.#afterRejection(call);
      case 'CONNECT': {
        // §5.2.5.2 (point-to-multipoint): the first CONNECT wins, every other responder is released with cause 26
        const others = [...call.responders].filter((t) => t !== tei);
        call.broadcast = false;
        call.responders.clear();
        call.tei = tei;
        for (const t of others) this.sendRaw(t, reply, 'RELEASE', [{ name: 'cause', value: causeIe(26, this.side) }]);
        if (call.accepts('CONNECT')) call.fire('CONNECT', { msg });
        return;
      }
      case 'CALL_PROCEEDING':
      case 'ALERTING':
      case 'SETUP_ACKNOWLEDGE':
      case 'PROGRESS':
        call.responders.add(tei);
        if (call.accepts(msg.type)) call.fire(msg.type, { msg });
        return;
      default:
    }
  }

  /** A TE rejected a broadcast call: once nobody is left after the first answers, the call ends with its cause. */
  #afterRejection(call: Call): void {
    if (call.responders.size === 0 && call.fsm.state !== 'CallPresent') call.fire('abort', { cause: call.rejectCause ?? causeIe(18, this.side) });
  }
}
