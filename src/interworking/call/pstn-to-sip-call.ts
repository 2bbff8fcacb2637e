// A gateway call from the PSTN into SIP: the actions of PSTN_TO_SIP_FSM. IAM (+ SAMs until the
// number is complete) → one INVITE to the route's first peer (failover to the next on the route's
// causes), 180/183/181 → ACM or CPG, 200 → ANM or CON (RFC 3398 §8.2.3-§8.2.4), 4xx-6xx → REL with
// the mapped cause (a Reason's Q.850 cause or an encapsulated REL wins; 484 → 28), BYE → REL 16
// or the Reason's cause, REL before answer → CANCEL, after answer → BYE, both with Reason; every
// REL answered with RLC. SIP-I and SIP-T peers get the IAM in the INVITE, and their encapsulated
// backward messages are sent in place of the mapped ones of the same type.
import { CauseLocation, findOptional, NatureOfAddress, type CauseIndicators, type IsupMessageOf } from 'ss7-isup-codec';
import type { Clock } from '../../core/clock.js';
import { Fsm, type FsmLogger, type FsmOptions } from '../../core/fsm.js';
import type { PortMessage, SpanDriver } from '../../drivers/port.js';
import type { ClientCall, IncomingRequest, ReceivedResponse, SipStatusError } from '../../sip/ua/index.js';
import { decodeBodyLeniently } from '../../sip/ua/body.js';
import type { IncomingSeizure } from '../../trunkgroups/manager.js';
import { backwardForSip, causeIndicators, codecsForBearer, reasonFor, releaseForRequest, releaseForResponse, type ProgressMessage } from '../mapping/index.js';
import { ISUP_MESSAGES, preferEncapsulated } from '../sipi/index.js';
import { gatewayCause } from './causes.js';
import { presentationOf, type CallRecord } from './cdr.js';
import { CircuitLeg, releaseMessage, releasingActions } from './circuit-leg.js';
import { SIP_FAILURES, SIP_TIMEOUTS, take, takeIsup, type CallContext, type CallInput, type CallSnapshot, type GatewayCall, type Refusal, type SipFailure } from './context.js';
import { logs } from './lazy-logger.js';
import type { CallLogger, OverlapRule } from './options.js';
import { outgoingInvite } from './outgoing-invite.js';
import { isComplete, isEnough, withoutSt } from './overlap.js';
import { PSTN_TO_SIP_FSM, type PstnToSipAction, type PstnToSipEvent, type PstnToSipState, type PstnToSipTimer } from './pstn-to-sip.fsm.js';
import { findRoute, targetsOf } from './routing.js';
import { circuitOffer, sdpText } from './sdp.js';
import { reasonsOf, SipPeer } from './sip-peer.js';
import { callTimers } from './timers.js';

export interface PstnToSipInit {
  readonly key: string;
  readonly iam: Extract<PortMessage, { type: 'IAM' }>;
  readonly seizure: IncomingSeizure;
  readonly driver: SpanDriver;
  readonly ctx: CallContext;
  readonly log: CallLogger;
  readonly record: CallRecord;
}

export class PstnToSipCall implements GatewayCall, FsmOptions<PstnToSipState, PstnToSipAction, PstnToSipTimer, CallInput> {
  readonly key: string;
  /** FsmOptions: where the call's machine logs its transitions (only when the call's logger writes debug lines) */
  readonly log: FsmLogger | undefined;
  readonly #timers: ReturnType<typeof callTimers>;
  readonly #init: PstnToSipInit;
  readonly #leg: CircuitLeg;
  readonly #record: CallRecord;
  readonly #fsm: Fsm<PstnToSipState, PstnToSipEvent, PstnToSipAction, PstnToSipTimer, CallInput>;
  /** the IAM to send on: the one received without its CIC, its called number completed by the SAMs */
  #iam: IsupMessageOf<'IAM'>;
  #digits: string;
  #routeName = '';
  #failoverCauses: readonly number[] = [];
  #targets: SipPeer[] = [];
  #target = -1;
  #client: ClientCall | undefined;
  #acmSent = false;

  constructor(init: PstnToSipInit) {
    this.key = init.key;
    this.#init = init;
    this.#record = init.record;
    const { iam, seizure } = init;
    this.#iam = { type: 'IAM', params: iam.params, optional: iam.optional, ...(iam.trailing === undefined ? {} : { trailing: iam.trailing }) };
    this.#digits = iam.params.calledPartyNumber.digits;
    const c = seizure.circuit;
    const circuit = { cic: c.cic, ...(c.span === undefined ? {} : { span: c.span }), ...(c.channel === undefined ? {} : { channel: c.channel }) };
    this.#leg = new CircuitLeg({ call: this, ctx: init.ctx, driver: init.driver, group: seizure.group, circuit, log: init.log });
    init.ctx.hold(this, this.#leg);
    this.#timers = callTimers(init.ctx.config.trunkGroups.find((g) => g.name === seizure.group));
    this.log = logs(init.log, 'debug') ? (record) => init.log.debug(record, 'fsm') : undefined;
    this.#fsm = new Fsm(PSTN_TO_SIP_FSM, this);
  }

  // ---- FsmOptions: the call is its own machine's options (no options object and closures per call)

  /** the machine's id in its log records: the call key */
  get id(): string {
    return this.key;
  }

  get clock(): Clock {
    return this.#init.ctx.clock;
  }

  duration(timer: PstnToSipTimer): number | null {
    return this.#timers[timer];
  }

  actions(action: PstnToSipAction, data: CallInput | undefined): void {
    PstnToSipCall.#ACTIONS[action](this, data);
  }

  onFinal(): void {
    this.#init.ctx.done(this);
  }

  start(): void {
    this.#fsm.start({ kind: 'pstn', message: this.#init.iam });
  }

  fromPstn(message: PortMessage): void {
    this.#fsm.fire(message.type as PstnToSipEvent, { kind: 'pstn', message });
  }

  cleared(): void {
    if (!this.#leg.held) return;
    this.#leg.lost();
    this.#fsm.fire('cleared');
  }

  release(refusal: Refusal): void {
    this.#fsm.fire('release', { kind: 'refusal', refusal });
  }

  snapshot(): CallSnapshot {
    const peer = this.#targets[this.#target];
    return {
      callKey: this.key,
      direction: 'pstnToSip',
      state: this.#fsm.state,
      trunkGroup: this.#leg.group,
      cic: this.#leg.cic,
      ...(peer === undefined ? {} : { peer: peer.name }),
      ...(this.#client === undefined ? {} : { sipCallId: this.#client.callId }),
    };
  }

  get #peer(): SipPeer {
    return this.#targets[this.#target] as SipPeer;
  }

  /** The table's actions, one table for every call (each runs on the call it is given). */
  static readonly #ACTIONS: { readonly [K in PstnToSipAction]: (call: PstnToSipCall, data: CallInput | undefined) => void } = {
    admit: (call, d) => call.#admit(takeIsup(d, 'IAM')),
    abandon: (call, d) => {
      call.#leg.answerRelease();
      call.#leg.free();
      call.#record.released('pstn', { cause: takeIsup(d, 'REL').params.causeIndicators });
    },
    recordCleared: (call) => call.#record.released('gateway', { cause: gatewayCause('circuitCleared') }),
    collect: (call, d) => {
      call.#digits += takeIsup(d, 'SAM').params.subsequentNumber.digits;
      if (isComplete(call.#digits, call.#overlapRule())) call.#fsm.fire('complete');
    },
    addressTimeout: (call) => {
      if (isEnough(call.#digits, call.#overlapRule())) call.#fsm.fire('complete');
      else call.#fsm.fire('refused', { kind: 'refusal', refusal: { cause: gatewayCause('addressIncomplete') } });
    },
    route: (call) => call.#route(),
    sendRel: (call, d) => {
      if (d?.kind === 'media' && !d.result.ok) call.#init.log.warn({ err: d.result.error }, 'circuit refused the SDP offer');
      const refusal: Refusal = d?.kind === 'refusal' ? d.refusal : { cause: gatewayCause('bearer') };
      call.#leg.release(releaseMessage(refusal.cause));
      call.#record.refused(refusal.by, { cause: refusal.cause });
    },
    invite: (call, d) => {
      take(d, 'media');
      call.#invite(0);
    },
    inviteNext: (call) => call.#invite(call.#target + 1),
    progress: (call, d) => call.#progress(take(d, 'response').response),
    sendAcm: (call) => {
      // T11: the callee is silent; an ACM "no indication" keeps the preceding exchange's T7 from expiring.
      const acm = backwardForSip({ status: 183, sdp: false, acmSent: false }, call.#progressOptions());
      if (acm !== undefined) call.#sendBackward(acm);
    },
    answer: (call, d) => call.#answer(take(d, 'response').response),
    releaseForFailure: (call, d) => {
      const { rel, status, reason } = take(d, 'failure').failure;
      call.#leg.release(rel);
      call.#record.released('sip', { cause: rel.params.causeIndicators, sipStatus: status, ...(reason === undefined ? {} : { reason }) });
    },
    cancelInvite: (call, d) => {
      call.#leg.answerRelease();
      call.#leg.free();
      call.#endSip('pstn', takeIsup(d, 'REL').params.causeIndicators, 487);
    },
    cancelCleared: (call) => call.#endSip('gateway', gatewayCause('circuitCleared'), 487),
    releaseForBye: (call, d) => {
      const bye = take(d, 'request').request;
      const rel = call.#peer.releaseFrom(bye.body, releaseForRequest(reasonsOf(bye.message)), call.#init.log);
      call.#leg.release(rel);
      call.#record.released('sip', { cause: rel.params.causeIndicators, sipStatus: 200 });
    },
    releaseForSipEnd: (call, d) => {
      const ci = gatewayCause(SIP_TIMEOUTS.includes(take(d, 'ended').cause) ? 'sipTimeout' : 'sipFailure');
      call.#leg.release(releaseMessage(ci));
      call.#record.released('sip', { cause: ci });
    },
    byeForRel: (call, d) => {
      call.#leg.answerRelease();
      call.#leg.free();
      const rel = takeIsup(d, 'REL');
      call.#endSip('pstn', rel.params.causeIndicators, 200, rel);
    },
    byeCleared: (call) => call.#endSip('gateway', gatewayCause('circuitCleared'), 200),
    cancelForRelease: (call, d) => {
      const { cause } = take(d, 'refusal').refusal;
      call.#leg.release(releaseMessage(cause));
      call.#endSip('gateway', cause, 487);
    },
    byeForRelease: (call, d) => {
      const { cause } = take(d, 'refusal').refusal;
      call.#leg.release(releaseMessage(cause));
      call.#endSip('gateway', cause, 200);
    },
    forwardToSip: (call, d) => {
      const parts = call.#peer.parts(takeIsup(d, 'CPG'), call.#init.log);
      if (parts.length > 0) void call.#client?.sendInfo({ parts });
    },
    forwardToPstn: (call, d) => call.#forwardInfo(take(d, 'info').info),
    ...releasingActions<PstnToSipCall>((call) => call.#leg),
  };

  #overlapRule(): OverlapRule | undefined {
    return this.#init.ctx.mapping?.overlap?.[this.#leg.group];
  }

  #progressOptions(): { charge: number } {
    return { charge: this.#init.ctx.mapping?.charge ?? 0 };
  }

  // ---- address and routing

  #admit(iam: IsupMessageOf<'IAM'>): void {
    const calling = findOptional(iam.optional, 'callingPartyNumber');
    const redirecting = findOptional(iam.optional, 'redirectingNumber');
    const presentation = presentationOf(calling?.presentation);
    this.#record.step({
      type: 'attemptStarted',
      direction: 'pstnToSip',
      trunkGroup: this.#leg.group,
      circuit: this.#leg.circuit,
      called: withoutSt(iam.params.calledPartyNumber.digits),
      ...(calling === undefined ? {} : { calling: calling.digits }),
      ...(presentation === undefined ? {} : { presentation }),
      ...(redirecting === undefined ? {} : { redirecting: redirecting.digits }),
    });
    if (this.#init.seizure.refuse !== undefined) this.#fsm.fire('refused', { kind: 'refusal', refusal: { cause: gatewayCause('noCircuit'), by: 'draining' } });
    else if (isComplete(this.#digits, this.#overlapRule())) this.#fsm.fire('complete');
  }

  #route(): void {
    const cpn = this.#iam.params.calledPartyNumber;
    const digits = withoutSt(this.#digits);
    this.#iam = { ...this.#iam, params: { ...this.#iam.params, calledPartyNumber: { ...cpn, digits: this.#digits } } };
    const { config, mapping } = this.#init.ctx;
    const route = findRoute(config.routes, this.#leg.group, cpn.natureOfAddress === NatureOfAddress.INTERNATIONAL ? `+${digits}` : digits);
    const names = route === undefined ? [] : targetsOf(route, 'peer');
    this.#targets = config.peers.filter((p) => names.includes(p.name)).sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name)).map((p) => SipPeer.of(p, mapping));
    const [first] = this.#targets;
    if (route === undefined || first === undefined) {
      this.#fsm.fire('refused', { kind: 'refusal', refusal: { cause: gatewayCause('noRoute'), by: 'noRoute' } });
      return;
    }
    this.#failoverCauses = route.failoverCauses;
    this.#routeName = route.name;
    const codecs = codecsForBearer(this.#iam.params.transmissionMediumRequirement, findOptional(this.#iam.optional, 'userServiceInformation'), first.mapping.bearer);
    if (!codecs.ok) {
      this.#fsm.fire('refused', { kind: 'refusal', refusal: { cause: gatewayCause('bearer') } });
      return;
    }
    void this.#leg.openMedia(circuitOffer(codecs.value)).then((result) => {
      if (result !== undefined) this.#fsm.fire(result.ok ? 'mediaReady' : 'mediaFailed', { kind: 'media', result });
    });
  }


  // ---- the INVITE and its responses

  /** INVITEs target `index`; a failure to send it counts as that target's failure. */
  #invite(index: number): void {
    this.#target = index;
    const peer = this.#peer;
    this.#record.step({ type: 'routed', route: this.#routeName, sipPeer: peer.name, profile: peer.config.profile });
    const out = outgoingInvite(this.#iam, peer, this.#leg.mediaAnswer ?? '', this.#init.log);
    if (!out.ok) {
      this.#failed({ rel: releaseMessage(causeIndicators(out.error.cause, CauseLocation.PUBLIC_NETWORK_LOCAL)), status: out.error.status });
      return;
    }
    const placed = this.#init.ctx.ua.invite(out.value.target, out.value.options);
    if (!placed.ok) {
      this.#init.log.warn({ err: placed.error, peer: peer.name }, 'INVITE not sent');
      this.#failed({ rel: releaseMessage(gatewayCause('sipFailure')), status: 503 });
      return;
    }
    const client = placed.value;
    this.#client = client;
    this.#listen(client, peer);
    this.#record.step({ type: 'setupSent', callId: client.callId, called: out.value.called, ...(out.value.calling === undefined ? {} : { calling: out.value.calling }) });
  }

  #listen(client: ClientCall, peer: SipPeer): void {
    const mine = (): boolean => client === this.#client;
    client.on('provisional', (response) => mine() && this.#fsm.fire('provisional', { kind: 'response', response }));
    client.on('answered', (response) => mine() && this.#fsm.fire('answered', { kind: 'response', response }));
    client.on('failed', (error) => mine() && this.#onFailed(error, peer));
    client.on('bye', (request) => mine() && this.#fsm.fire('BYE', { kind: 'request', request }));
    client.on('terminated', (t) => {
      if (mine() && (SIP_TIMEOUTS.includes(t.cause) || (SIP_FAILURES.includes(t.cause) && t.cause !== 'failed'))) this.#fsm.fire('sipEnded', { kind: 'ended', cause: t.cause });
    });
    if (peer.isup === undefined) return;
    client.on('info', (info) => {
      if (mine()) this.#fsm.fire('INFO', { kind: 'info', info });
      if (!info.responded) void info.accept();
    });
  }

  #onFailed(error: SipStatusError, peer: SipPeer): void {
    const response = error.response;
    const reasons = response === undefined ? [] : reasonsOf(response);
    const mapped = releaseForResponse(error.status, reasons, peer.policy);
    const rel = response === undefined ? releaseMessage(mapped) : peer.releaseFrom(decodeBodyLeniently(response), mapped, this.#init.log);
    const [reason] = reasons;
    this.#failed({ rel, status: error.status, ...(reason === undefined ? {} : { reason }) });
  }

  #failed(failure: SipFailure): void {
    const cause = failure.rel.params.causeIndicators.causeValue;
    const next = this.#failoverCauses.includes(cause) && this.#target < this.#targets.length - 1;
    this.#fsm.fire(next ? 'failover' : 'failed', { kind: 'failure', failure });
  }

  #progress(response: ReceivedResponse): void {
    this.#record.step({ type: 'backwardMessage', message: String(response.status) });
    if (response.status === 180) this.#record.step({ type: 'alerting' });
    this.#record.media(response.body.sdp);
    this.#remoteMedia(response);
    const mapped = backwardForSip({ status: response.status, sdp: response.body.sdp !== undefined, acmSent: this.#acmSent }, this.#progressOptions());
    if (mapped !== undefined) this.#sendBackward(preferEncapsulated(mapped, this.#peer.readOrIgnore(response.body, ['ACM', 'CPG'], this.#init.log)));
  }

  #answer(response: ReceivedResponse): void {
    this.#record.media(response.body.sdp);
    this.#remoteMedia(response);
    const mapped = backwardForSip({ status: 200, sdp: response.body.sdp !== undefined, acmSent: this.#acmSent }, this.#progressOptions());
    if (mapped !== undefined) this.#sendBackward(preferEncapsulated(mapped, this.#peer.readOrIgnore(response.body, ['ANM', 'CON'], this.#init.log)));
    this.#record.step({ type: 'answered' });
  }

  /** The callee's SDP answer (RFC 3264) in an 18x or the 200 goes to the circuit's bearer. */
  #remoteMedia(response: ReceivedResponse): void {
    const sdp = response.body.sdp;
    if (sdp !== undefined) this.#leg.setRemote(sdpText(sdp));
  }

  #sendBackward(message: ProgressMessage): void {
    this.#leg.send(message);
    if (message.type === 'ACM') this.#acmSent = true;
  }

  #forwardInfo(info: IncomingRequest): void {
    const read = this.#peer.read(info.body, ISUP_MESSAGES);
    if (!read.ok) {
      void info.reject(read.error.status, { phrase: read.error.phrase, headers: read.error.headers });
      return;
    }
    if (read.value?.type === 'CPG') this.#leg.send(read.value);
    else if (read.value !== undefined) this.#init.log.info({ message: read.value.type }, 'ISUP message in INFO not forwarded');
    void info.accept();
  }

  /**
   * CANCEL before the answer, BYE after, with Reason (RFC 3326). A SIP-I or SIP-T peer gets the
   * REL in the BYE (RFC 3372); a CANCEL cannot carry it (RFC 3261 §9.1).
   */
  #endSip(side: 'pstn' | 'gateway', ci: CauseIndicators, sipStatus: number, rel: IsupMessageOf<'REL'> = releaseMessage(ci)): void {
    const reason = reasonFor(ci, this.#peer.policy);
    const parts = sipStatus === 200 ? this.#peer.parts(rel, this.#init.log) : [];
    this.#client?.bye({ ...(reason === undefined ? {} : { reason: [reason] }), ...(parts.length === 0 ? {} : { parts }) });
    this.#record.released(side, { cause: ci, sipStatus, ...(reason === undefined ? {} : { reason }) });
  }
}
