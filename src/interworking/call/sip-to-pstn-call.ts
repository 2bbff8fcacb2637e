// A gateway call from SIP into the PSTN: the actions of SIP_TO_PSTN_FSM. INVITE → IAM on a circuit
// of the route's first trunk group that has one (failover to the next on the route's causes),
// ACM/CPG → 180/183 (RFC 3398 §7.2.5-§7.2.9), ANM/CON → 200 with the circuit's SDP, REL before
// answer → the final response of the peer's cause table (487 once cancelled), REL after answer →
// BYE with Reason, CANCEL and BYE → REL 16 or the Reason's cause, every REL answered with RLC.
// SIP-I and SIP-T callers get each ISUP message in its SIP message and their encapsulated IAM is
// forwarded (merge.ts).
import type { CauseIndicators, IsupMessageOf } from 'ss7-isup-codec';
import type { Clock } from '../../core/clock.js';
import { Fsm, type FsmLogger, type FsmOptions } from '../../core/fsm.js';
import type { PortMessage } from '../../drivers/port.js';
import type { IncomingRequest, ServerCall } from '../../sip/ua/index.js';
import type { BackedOffCall, Seizure } from '../../trunkgroups/manager.js';
import type { TrunkGroupError } from '../../trunkgroups/errors.js';
import { iamFromInvite, reasonFor, releaseForRequest, responseForRelease, statusForBackward, statusForCause, CAUSE_TO_STATUS_TABLES, type BackwardMessage } from '../mapping/index.js';
import { ISUP_MESSAGES, mergeIam } from '../sipi/index.js';
import { gatewayCause, type GatewayCause } from './causes.js';
import type { CallRecord, Clearing } from './cdr.js';
import { CircuitLeg, releaseMessage, releasingActions } from './circuit-leg.js';
import { SIP_FAILURES, SIP_TIMEOUTS, take, takeIsup, type CallContext, type CallInput, type CallSnapshot, type GatewayCall, type Refusal } from './context.js';
import type { InviteIn } from './invite-facts.js';
import { logs } from './lazy-logger.js';
import type { CallLogger } from './options.js';
import { findRoute, mappingFor, targetsOf } from './routing.js';
import { sdpText } from './sdp.js';
import { reasonsOf, type SipPeer } from './sip-peer.js';
import { SIP_TO_PSTN_FSM, type SipToPstnAction, type SipToPstnEvent, type SipToPstnState, type SipToPstnTimer } from './sip-to-pstn.fsm.js';
import { callTimers } from './timers.js';

export interface SipToPstnInit {
  readonly key: string;
  readonly sip: ServerCall;
  readonly peer: SipPeer;
  readonly invite: InviteIn;
  /** the IAM of a SIP-I or SIP-T INVITE */
  readonly encapsulated: IsupMessageOf<'IAM'> | undefined;
  readonly ctx: CallContext;
  readonly log: CallLogger;
  readonly record: CallRecord;
}

function seizeRefusal(error: TrunkGroupError): Refusal {
  const retry = 'retryAfterSeconds' in error ? [{ name: 'Retry-After', value: String(error.retryAfterSeconds) }] : [];
  const [id, by]: [GatewayCause, Refusal['by']] =
    error.code === 'GW_ERR_CAC_LIMIT' ? ['admission', 'cac'] : error.code === 'GW_ERR_GROUP_DRAINING' ? ['noCircuit', 'draining'] : ['noCircuit', 'noCircuit'];
  return { cause: gatewayCause(id), by, headers: retry };
}

/** A loop, not find() with a closure: no closure per seizure. */
function groupNamed<G extends { readonly name: string }>(groups: readonly G[], name: string): G | undefined {
  for (const g of groups) if (g.name === name) return g;
  return undefined;
}

export class SipToPstnCall implements GatewayCall, FsmOptions<SipToPstnState, SipToPstnAction, SipToPstnTimer, CallInput> {
  readonly key: string;
  /** FsmOptions: where the call's machine logs its transitions (only when the call's logger writes debug lines) */
  readonly log: FsmLogger | undefined;
  readonly #ctx: CallContext;
  readonly #log: CallLogger;
  /** what routing and seizure read of the INVITE: released once answered (no hunting after that) */
  #setup: Pick<SipToPstnInit, 'invite' | 'encapsulated'> | undefined;
  readonly #sip: ServerCall;
  readonly #peer: SipPeer;
  readonly #record: CallRecord;
  readonly #fsm: Fsm<SipToPstnState, SipToPstnEvent, SipToPstnAction, SipToPstnTimer, CallInput>;
  #failoverCauses: readonly number[] = [];
  #targets: readonly string[] = [];
  #target = -1;
  #leg: CircuitLeg | undefined;
  #iam: IsupMessageOf<'IAM'> | undefined;
  #timers = callTimers(undefined);

  constructor(init: SipToPstnInit) {
    this.key = init.key;
    this.#ctx = init.ctx;
    this.#log = init.log;
    this.#setup = { invite: init.invite, encapsulated: init.encapsulated };
    this.#sip = init.sip;
    this.#peer = init.peer;
    this.#record = init.record;
    // The closure names `this` only: one naming `init` would keep all of it for the call's life.
    this.log = logs(init.log, 'debug') ? (record) => this.#log.debug(record, 'fsm') : undefined;
    this.#fsm = new Fsm(SIP_TO_PSTN_FSM, this);
    const sip = init.sip;
    sip.on('cancel', (request) => this.#fsm.fire('CANCEL', { kind: 'request', request }));
    sip.on('bye', (request) => this.#fsm.fire('BYE', { kind: 'request', request }));
    sip.on('terminated', (t) => {
      if (SIP_TIMEOUTS.includes(t.cause) || SIP_FAILURES.includes(t.cause)) this.#fsm.fire('sipEnded', { kind: 'ended', cause: t.cause });
    });
    if (init.peer.isup !== undefined) {
      sip.on('info', (info) => {
        this.#fsm.fire('INFO', { kind: 'info', info });
        if (!info.responded) void info.accept();
      });
    }
  }

  // ---- FsmOptions: the call is its own machine's options (no options object and closures per call)

  /** the machine's id in its log records: the call key */
  get id(): string {
    return this.key;
  }

  get clock(): Clock {
    return this.#ctx.clock;
  }

  duration(timer: SipToPstnTimer): number | null {
    return this.#timers[timer];
  }

  actions(action: SipToPstnAction, data: CallInput | undefined): void {
    SipToPstnCall.#ACTIONS[action](this, data);
  }

  onFinal(): void {
    this.#ctx.done(this);
  }

  start(): void {
    this.#fsm.start();
  }

  fromPstn(message: PortMessage): void {
    const data: CallInput = { kind: 'pstn', message };
    const early = this.#fsm.state === 'AwaitingAddressComplete' || this.#fsm.state === 'AwaitingAnswer';
    const failover = message.type === 'REL' && early && this.#canFailOver(message.params.causeIndicators.causeValue);
    this.#fsm.fire(failover ? 'failover' : (message.type as SipToPstnEvent), data);
  }

  /** Dual seizure lost: before the far end answered the IAM, re-attempt; later (a protocol error) the circuit is gone. */
  glare(lost: BackedOffCall): void {
    if (this.#leg?.held !== true) return;
    this.#leg.lost();
    const early = this.#fsm.state === 'AwaitingMedia' || this.#fsm.state === 'AwaitingAddressComplete';
    if (early) this.#fsm.fire('glare', { kind: 'glare', lost });
    else this.#fsm.fire('cleared');
  }

  cleared(): void {
    if (this.#leg?.held !== true) return;
    this.#leg.lost();
    this.#fsm.fire('cleared');
  }

  release(refusal: Refusal): void {
    this.#fsm.fire('release', { kind: 'refusal', refusal });
  }

  snapshot(): CallSnapshot {
    const leg = this.#leg;
    return {
      callKey: this.key,
      direction: 'sipToPstn',
      state: this.#fsm.state,
      peer: this.#peer.name,
      sipCallId: this.#sip.callId,
      ...(leg === undefined ? {} : { trunkGroup: leg.group, cic: leg.cic }),
    };
  }

  #canFailOver(cause: number): boolean {
    return this.#failoverCauses.includes(cause) && this.#target < this.#targets.length - 1;
  }

  /** The table's actions, one table for every call (each runs on the call it is given). */
  static readonly #ACTIONS: { readonly [K in SipToPstnAction]: (call: SipToPstnCall, data: CallInput | undefined) => void } = {
    route: (call) => call.#route(),
    openMedia: (call) => call.#openMedia(),
    sendIam: (call, d) => call.#sendIam(d),
    refuse: (call, d) => call.#refuse(take(d, 'refusal').refusal),
    refuseMedia: (call, d) => {
      const media = take(d, 'media').result;
      if (!media.ok) call.#log.warn({ err: media.error }, 'circuit refused the SDP offer');
      call.#leg?.free();
      call.#refuse({ cause: gatewayCause('bearer') });
    },
    reattempt: (call, d) => call.#reattempt(d),
    abandon: (call, d) => {
      call.#leg?.free();
      if (d?.kind === 'request') call.#record.released('sip', { cause: releaseForRequest(reasonsOf(d.request.message)), sipStatus: 487 });
      else call.#record.released('sip', { cause: gatewayCause('sipFailure') });
    },
    acknowledgeRelease: (call) => call.#leg?.answerRelease(),
    addressComplete: (call, d) => call.#backward(takeIsup(d, 'ACM')),
    progress: (call, d) => call.#backward(takeIsup(d, 'CPG')),
    answer: (call, d) => call.#answer(take(d, 'pstn').message as BackwardMessage),
    rejectForRel: (call, d) => call.#rejectForRel(takeIsup(d, 'REL')),
    failover: (call) => {
      call.#leg?.answerRelease();
      call.#leg?.free();
      call.#hunt(call.#target + 1);
    },
    releaseForCancel: (call, d) => {
      const ci = releaseForRequest(reasonsOf(take(d, 'request').request.message));
      call.#leg?.release(releaseMessage(ci));
      call.#record.released('sip', { cause: ci, sipStatus: 487 });
    },
    timeoutT7: (call) => call.#timeout('addressComplete', 'T7'),
    timeoutT9: (call) => call.#timeout('noAnswer', 'T9'),
    releaseForBye: (call, d) => {
      const bye = take(d, 'request').request;
      const rel = call.#peer.releaseFrom(bye.body, releaseForRequest(reasonsOf(bye.message)), call.#log);
      call.#leg?.release(rel);
      call.#record.released('sip', { cause: rel.params.causeIndicators, sipStatus: 200 });
    },
    releaseForSipEnd: (call, d) => {
      const ci = gatewayCause(SIP_TIMEOUTS.includes(take(d, 'ended').cause) ? 'sipTimeout' : 'sipFailure');
      call.#leg?.release(releaseMessage(ci));
      call.#record.released('sip', { cause: ci });
    },
    byeForRel: (call, d) => {
      const rel = takeIsup(d, 'REL');
      call.#leg?.answerRelease();
      call.#leg?.free();
      call.#bye('pstn', rel);
    },
    forwardToSip: (call, d) => {
      const parts = call.#peer.parts(takeIsup(d, 'CPG'), call.#log);
      if (parts.length > 0) void call.#sip.sendInfo({ parts });
    },
    forwardToPstn: (call, d) => call.#forwardInfo(take(d, 'info').info),
    failCleared: (call) => call.#refuse({ cause: gatewayCause('circuitCleared') }),
    byeCleared: (call) => call.#bye('gateway', releaseMessage(gatewayCause('circuitCleared'))),
    refuseForRelease: (call, d) => {
      call.#leg?.free();
      call.#refuse(take(d, 'refusal').refusal);
    },
    rejectForRelease: (call, d) => {
      const rel = releaseMessage(take(d, 'refusal').refusal.cause);
      call.#leg?.release(rel);
      call.#record.released('gateway', call.#reject(rel.params.causeIndicators, rel));
    },
    byeForRelease: (call, d) => {
      const rel = releaseMessage(take(d, 'refusal').refusal.cause);
      call.#leg?.release(rel);
      call.#bye('gateway', rel);
    },
    ...releasingActions<SipToPstnCall>((call) => call.#leg),
  };

  // ---- routing and seizure

  #route(): void {
    const setup = this.#setup;
    if (setup === undefined) return;
    const { called } = setup.invite;
    if (called === undefined) {
      this.#fsm.fire('refused', { kind: 'refusal', refusal: { cause: gatewayCause('addressIncomplete'), status: 484 } });
      return;
    }
    const route = findRoute(this.#ctx.config.routes, this.#peer.name, called);
    this.#targets = route === undefined ? [] : targetsOf(route, 'trunkGroup');
    if (route === undefined || this.#targets.length === 0) {
      this.#fsm.fire('refused', { kind: 'refusal', refusal: { cause: gatewayCause('noRoute'), by: 'noRoute' } });
      return;
    }
    this.#failoverCauses = route.failoverCauses;
    this.#record.step({ type: 'routed', route: route.name, profile: this.#peer.config.profile });
    this.#hunt(0);
  }

  /** Seizes a circuit of the first target from `from` on that has one; fires `seized` or `refused`. */
  #hunt(from: number): void {
    for (let i = from; i < this.#targets.length; i++) {
      this.#target = i;
      const group = this.#targets[i] as string;
      const setup = this.#setup;
      if (setup === undefined) return;
      const mapped = iamFromInvite(setup.invite.facts, mappingFor(this.#ctx.mapping, group));
      if (!mapped.ok) {
        const f = mapped.error;
        this.#fsm.fire('refused', { kind: 'refusal', refusal: { cause: gatewayCause(f.code === 'BAD_NUMBER' ? 'addressIncomplete' : 'bearer'), status: f.status } });
        return;
      }
      const encapsulated = setup.encapsulated;
      this.#iam = encapsulated === undefined ? mapped.value : mergeIam(encapsulated, mapped.value);
      const seized = this.#ctx.manager.seize(group, { callId: this.key, peer: this.#peer.name });
      if (seized.ok) {
        this.#useSeizure(seized.value);
        return;
      }
      this.#log.info({ group, err: seized.error }, 'no circuit');
      const refusal = seizeRefusal(seized.error);
      if (!this.#canFailOver(refusal.cause.causeValue)) {
        this.#fsm.fire('refused', { kind: 'refusal', refusal });
        return;
      }
    }
  }

  #useSeizure(s: Seizure): void {
    this.#timers = callTimers(groupNamed(this.#ctx.config.trunkGroups, s.group));
    const circuit = { cic: s.circuit.cic, ...(s.circuit.span === undefined ? {} : { span: s.circuit.span }), ...(s.circuit.channel === undefined ? {} : { channel: s.circuit.channel }) };
    const leg = new CircuitLeg({ call: this, ctx: this.#ctx, driver: s.driver, group: s.group, circuit, log: this.#log });
    this.#leg = leg;
    this.#ctx.hold(this, leg);
    this.#record.step({ type: 'circuitSeized', trunkGroup: s.group, circuit });
    this.#fsm.fire('seized');
  }

  #reattempt(d: CallInput | undefined): void {
    this.#record.step({ type: 'glare' });
    const again = this.#ctx.manager.reattempt(take(d, 'glare').lost);
    if (again.ok) {
      this.#useSeizure(again.value);
      return;
    }
    const refusal = seizeRefusal(again.error);
    if (this.#canFailOver(refusal.cause.causeValue)) this.#hunt(this.#target + 1);
    else this.#fsm.fire('refused', { kind: 'refusal', refusal });
  }

  #openMedia(): void {
    const leg = this.#leg as CircuitLeg;
    void leg.openMedia(sdpText(this.#sip.invite.body.sdp)).then((result) => {
      if (result !== undefined && leg === this.#leg) this.#fsm.fire(result.ok ? 'mediaReady' : 'mediaFailed', { kind: 'media', result });
    });
  }

  #sendIam(d: CallInput | undefined): void {
    take(d, 'media');
    const iam = this.#iam as IsupMessageOf<'IAM'>;
    (this.#leg as CircuitLeg).send(iam);
    const calling = iam.optional.find((p) => p.name === 'callingPartyNumber');
    this.#record.step({ type: 'setupSent', called: iam.params.calledPartyNumber.digits, ...(calling?.name === 'callingPartyNumber' ? { calling: calling.value.digits } : {}) });
  }

  // ---- backward messages toward the SIP caller

  #media(): { sdp?: string } {
    const answer = this.#leg?.mediaAnswer;
    this.#record.media(answer);
    return answer === undefined ? {} : { sdp: answer };
  }

  #backward(message: IsupMessageOf<'ACM'> | IsupMessageOf<'CPG'>): void {
    this.#record.step({ type: 'backwardMessage', message: message.type });
    const status = statusForBackward(message);
    if (status === undefined) return;
    if (status === 180) this.#record.step({ type: 'alerting' });
    const media = status === 183 ? this.#media() : {};
    this.#sip.progress(status, { ...media, reliable: media.sdp !== undefined, parts: this.#peer.parts(message, this.#log) });
  }

  #answer(message: BackwardMessage): void {
    this.#record.step({ type: 'backwardMessage', message: message.type });
    this.#sip.answer({ ...this.#media(), parts: this.#peer.parts(message, this.#log) });
    this.#record.step({ type: 'answered' });
    // No hunting or IAM after the answer: a call held for hours keeps none of its setup.
    this.#setup = undefined;
    this.#iam = undefined;
  }

  #forwardInfo(info: IncomingRequest): void {
    const read = this.#peer.read(info.body, ISUP_MESSAGES);
    if (!read.ok) {
      void info.reject(read.error.status, { phrase: read.error.phrase, headers: read.error.headers });
      return;
    }
    if (read.value?.type === 'CPG') this.#leg?.send(read.value);
    else if (read.value !== undefined) this.#log.info({ message: read.value.type }, 'ISUP message in INFO not forwarded');
    void info.accept();
  }

  // ---- release

  #rejectForRel(rel: IsupMessageOf<'REL'>): void {
    this.#leg?.answerRelease();
    this.#leg?.free();
    this.#record.released('pstn', this.#reject(rel.params.causeIndicators, rel));
  }

  #timeout(id: GatewayCause, timer: 'T7' | 'T9'): void {
    const rel = releaseMessage(gatewayCause(id));
    this.#leg?.release(rel);
    this.#record.released('gateway', { ...this.#reject(rel.params.causeIndicators, rel), timer });
  }

  /** The final response for a release with `ci` (REL before answer), the REL in it for SIP-I and SIP-T. */
  #reject(ci: CauseIndicators, rel: IsupMessageOf<'REL'>): Clearing {
    const response = responseForRelease(ci, this.#peer.policy, false);
    this.#sip.reject(response.status, { ...(response.reason === undefined ? {} : { reason: [response.reason] }), parts: this.#peer.parts(rel, this.#log) });
    return { cause: ci, sipStatus: response.status, ...(response.reason === undefined ? {} : { reason: response.reason }) };
  }

  /** Refuses the INVITE (no circuit held any more): the refusal's status, or the cause table's. */
  #refuse(refusal: Refusal): void {
    const status = refusal.status ?? statusForCause(refusal.cause, CAUSE_TO_STATUS_TABLES[this.#peer.policy.table], this.#peer.policy.toSip).status;
    const reason = reasonFor(refusal.cause, this.#peer.policy);
    this.#sip.reject(status, { ...(reason === undefined ? {} : { reason: [reason] }), ...(refusal.headers === undefined ? {} : { headers: refusal.headers }) });
    this.#record.refused(refusal.by, { cause: refusal.cause, sipStatus: status, ...(reason === undefined ? {} : { reason }) });
  }

  /** BYE with Reason (RFC 3326) after answer; a SIP-I or SIP-T peer also gets `rel` in it (RFC 3372). */
  #bye(side: 'pstn' | 'gateway', rel: IsupMessageOf<'REL'>): void {
    const ci = rel.params.causeIndicators;
    const reason = reasonFor(ci, this.#peer.policy);
    this.#sip.bye({ ...(reason === undefined ? {} : { reason: [reason] }), parts: this.#peer.parts(rel, this.#log) });
    this.#record.released(side, { cause: ci, sipStatus: 200, ...(reason === undefined ? {} : { reason }) });
  }
}
