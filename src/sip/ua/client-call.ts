// An outgoing call: the UAC side of an INVITE (RFC 3261 §13.2, §12.1.2). Early dialogs from
// provisional responses with a To tag, PRACK for reliable ones in RSeq order (RFC 3262 §4), the
// ACK for each 2xx (§13.2.2.4) with ACK and BYE for a second, forked 2xx, a retry with a larger
// Session-Expires after 422 (RFC 4028 §7.4), and CANCEL (§9.1): sent only after a provisional
// response, followed by ACK and BYE if a 2xx wins the race, given up 64*T1 after the CANCEL.
import type { TimerHandle } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import type { DigestClient } from '../auth/client.js';
import { contactUri, uacDialogInit, type Dialog } from '../dialog/dialog.js';
import { routeSetOf } from '../dialog/route-set.js';
import { formatRAck, parseRSeq } from '../dialog/rseq.js';
import { after422, optionTags, requestSessionHeaders, uacSessionInterval, type SessionTimerConfig } from '../dialog/session-expires.js';
import { formatFromTo, parseFromTo, readOne, type FromTo, type SipRequest, type SipResponse } from '../message/index.js';
import type { TxTarget } from '../transaction/message.js';
import { buildCancel, sipRequestOf } from '../transaction/parser-adapter.js';
import { SIP_TIMER_DEFAULTS } from '../transaction/timers.js';
import { encodeBody, sdpString } from './body.js';
import { contactField, reasonFields, viaField } from './builders.js';
import { allowField, supportedField } from './capabilities.js';
import { requestWithAuth } from './challenge.js';
import type { SipServerTx, UaCore } from './core.js';
import { CallState, SipStatusError } from './errors.js';
import { responseView, type ReceivedResponse } from './received.js';
import { failureStatus } from './in-dialog.js';
import { Session } from './session.js';
import type { ByeOptions, RequestOptions, SessionEvents, Termination } from './session-events.js';

export interface ProvisionalResponse extends ReceivedResponse {
  /** sent reliably (RFC 3262) and acknowledged with a PRACK */
  readonly reliable: boolean;
}

export interface ClientCallEvents extends SessionEvents {
  /** a provisional response other than 100, with its body (e.g. SDP for early media) */
  provisional: ProvisionalResponse;
  /** the 2xx; the ACK has been sent */
  answered: ReceivedResponse;
  /** a final response of 300-699, a timeout (408) or a transport error (503); `terminated` follows */
  failed: SipStatusError;
}

export interface InviteOptions extends RequestOptions {
  /** the caller: a name-addr or URI, e.g. `"Alice" <sip:+15551230000@gw.example.net>`; a tag is added */
  readonly from: string;
  /** the callee; the target URI by default */
  readonly to?: string;
  /** Require: 100rel (else only Supported) */
  readonly require100rel?: boolean;
  /** Max-Forwards of the INVITE (RFC 3261 §8.1.1.6), e.g. from an IAM's hop counter; default 70, kept within 0-255 */
  readonly maxForwards?: number;
  /**
   * Answers 401/407 to the INVITE and to the call's in-dialog requests (RFC 3261 §22.2): one
   * retry with credentials, new CSeq and branch. Without it a 401/407 fails the call.
   */
  readonly auth?: DigestClient;
}

const DEFAULT_MAX_FORWARDS = 70;

function maxForwardsValue(hops: number | undefined): string {
  if (hops === undefined || !Number.isFinite(hops)) return String(DEFAULT_MAX_FORWARDS);
  return String(Math.min(255, Math.max(0, Math.trunc(hops))));
}

/** What the UA resolved and checked before creating the call. */
export interface ClientCallInit {
  readonly requestUri: string;
  readonly target: TxTarget;
  readonly from: FromTo;
  readonly to: FromTo;
  readonly options: InviteOptions;
}

export class ClientCall extends Session<ClientCallEvents> {
  readonly callId: string;
  readonly #init: ClientCallInit;
  readonly #fromTag: string;
  #config: SessionTimerConfig;
  #seq = 1;
  #invite: SipRequest;
  #retried422 = false;
  readonly #early = new Map<string, Dialog>();
  readonly #rseq = new Map<string, number>();
  #provisional = false;
  #cancel: ByeOptions | undefined;
  #cancelSent = false;
  #final: 'answered' | 'failed' | undefined;
  #answeredTag: string | undefined;
  #guard: TimerHandle | undefined;

  constructor(core: UaCore, init: ClientCallInit) {
    super(core);
    this.#init = init;
    this.callId = core.ids.callId();
    this.#fromTag = core.ids.tag();
    this.#config = core.sessionTimer;
    this.localSdp = init.options.sdp;
    this.auth = init.options.auth;
    this.#invite = this.#build();
  }

  /** The INVITE as last sent (after a 422, the retry). */
  get request(): SipRequest {
    return this.#invite;
  }

  /** Sends the INVITE; the UA calls it once, after the caller attached its listeners. */
  start(): void {
    const handler = { response: (response: SipResponse) => this.#onResponse(response), failure: (error: GwError) => this.#fail(failureStatus(error)) };
    const auth = this.auth;
    const retry = auth === undefined
      ? undefined
      : {
          client: auth,
          nextSeq: () => ++this.#seq,
          retried: (request: SipRequest) => {
            this.#invite = request;
            this.#provisional = false;
          },
          proceed: () => this.#cancel === undefined && this.#final === undefined && !this.ended,
        };
    requestWithAuth(this.core, this.#invite, this.#init.target, handler, retry);
  }

  /** §9.1: cancels the INVITE; the CANCEL goes once a provisional response has arrived. */
  cancel(options: ByeOptions = {}): Result<void, GwError> {
    if (this.ended || this.#final !== undefined) return err(new CallState('cancel() after the final response'));
    this.#cancel ??= options;
    if (this.#provisional) this.#sendCancel();
    return ok(undefined);
  }

  /** Ends the call: BYE once answered, CANCEL before. */
  override bye(options: ByeOptions = {}): Result<void, GwError> {
    return this.#final === undefined ? this.cancel(options) : super.bye(options);
  }

  protected onPrack(tx: SipServerTx): void {
    this.respondTo(tx, 481);
  }

  protected onAcked(): void {
    // Only ACKs of 2xx to re-INVITEs this side answered reach a UAC; Session already stopped the retransmission.
  }

  protected onEnded(): void {
    this.#guard?.cancel();
  }

  #build(): SipRequest {
    const { options, requestUri } = this.#init;
    const body = encodeBody(options, this.core.ids.boundary);
    const headers = [
      viaField(this.core.local, this.core.ids.branch()),
      { name: 'Max-Forwards', value: maxForwardsValue(options.maxForwards) },
      { name: 'From', value: formatFromTo({ ...this.#init.from, tag: this.#fromTag }) },
      { name: 'To', value: formatFromTo(this.#init.to) },
      { name: 'Call-ID', value: this.callId },
      { name: 'CSeq', value: `${this.#seq} INVITE` },
      contactField(this.core.local),
      allowField(),
      supportedField(),
      ...(options.require100rel === true ? [{ name: 'Require', value: '100rel' }] : []),
      ...requestSessionHeaders(this.#config, undefined),
      { name: 'User-Agent', value: this.core.product },
      ...(options.headers ?? []),
      ...body.headers,
    ];
    return { kind: 'request', method: 'INVITE', uri: requestUri, headers, body: body.body };
  }

  #onResponse(response: SipResponse): void {
    if (response.status < 200) this.#onProvisional(response);
    else if (response.status < 300) this.#on2xx(response);
    else this.#onFinalFailure(response);
  }

  #toTag(response: SipResponse): string | undefined {
    const to = readOne(response.headers, 'To', parseFromTo);
    return to.ok ? to.value?.tag : undefined;
  }

  /** The early dialog of a 1xx with a To tag (§12.1.2), created on its first response. */
  #earlyDialog(tag: string, response: SipResponse): Dialog | undefined {
    const known = this.#early.get(tag);
    if (known !== undefined) {
      known.provisional();
      return known;
    }
    const init = uacDialogInit(this.#invite, response);
    if (!init.ok) return undefined;
    const dialog = this.createDialog(init.value);
    this.#early.set(tag, dialog);
    return dialog;
  }

  #onProvisional(response: SipResponse): void {
    this.#provisional = true;
    if (this.#cancel !== undefined) this.#sendCancel();
    if (response.status === 100 || this.#final !== undefined || this.ended) return;
    const tag = this.#toTag(response);
    const dialog = tag === undefined ? undefined : this.#earlyDialog(tag, response);
    if (dialog !== undefined) this.dialog = dialog;
    const rseq = readOne(response.headers, 'RSeq', parseRSeq);
    const reliable = dialog !== undefined && tag !== undefined && optionTags(response.headers, 'Require').includes('100rel') && rseq.ok && rseq.value !== undefined;
    if (reliable) {
      // RFC 3262 §4: the first RSeq of a dialog, then each one more; anything else is a retransmission or out of order.
      const last = this.#rseq.get(tag);
      const value = rseq.value;
      if (last !== undefined && value !== last + 1) return;
      this.#rseq.set(tag, value);
      const rack = formatRAck({ rseq: value, cseq: this.#seq, method: 'INVITE' });
      this.sendRequest('PRACK', dialog, { headers: [{ name: 'RAck', value: rack }] }, { response: () => undefined, failure: () => undefined });
    }
    const view = responseView(response);
    if (view.body.sdp !== undefined) this.remoteSdp = sdpString(view.body.sdp);
    this.emit('provisional', { ...view, reliable });
  }

  #on2xx(response: SipResponse): void {
    const tag = this.#toTag(response);
    if (tag === undefined) return;
    const answered = this.#answeredTag;
    const dialog = tag === answered ? this.dialog : this.#confirm(tag, response);
    if (dialog === undefined) return;
    this.sendAckFor(dialog, this.#seq);
    if (tag === answered) return;
    if (answered !== undefined || this.#cancel !== undefined || this.ended) {
      // A second 2xx from another fork, or a 2xx that won the race with our CANCEL: §13.2.2.4, §15.
      this.sendBye(dialog, this.#cancel ?? {});
      if (answered === undefined && !this.ended) this.#settle('answered', { cause: 'cancelled' });
      return;
    }
    this.#answeredTag = tag;
    this.dialog = dialog;
    for (const [other, early] of this.#early) if (other !== tag) early.reject();
    this.#final = 'answered';
    this.#guard?.cancel();
    this.learnAllow(response);
    const view = responseView(response);
    if (view.body.sdp !== undefined) this.remoteSdp = sdpString(view.body.sdp);
    const session = uacSessionInterval(response.headers);
    this.startSessionTimer(session.ok ? session.value : undefined);
    this.emit('answered', view);
  }

  /** §13.2.2.4: the early dialog of this tag confirmed with the 2xx's target and route set, or a new dialog. */
  #confirm(tag: string, response: SipResponse): Dialog | undefined {
    const early = this.#early.get(tag);
    if (early?.state === 'Early') {
      const target = contactUri(response.headers);
      const routeSet = routeSetOf(response.headers, 'uac');
      early.confirm({ ...(target.ok && target.value !== undefined ? { remoteTarget: target.value } : {}), ...(routeSet.ok ? { routeSet: routeSet.value } : {}) });
      return early;
    }
    const init = uacDialogInit(this.#invite, response);
    if (!init.ok) return undefined;
    const dialog = this.createDialog(init.value);
    dialog.confirm();
    return dialog;
  }

  #onFinalFailure(response: SipResponse): void {
    if (this.#final !== undefined) return;
    const retry = response.status === 422 && !this.#retried422 ? after422(this.#config, response.headers) : undefined;
    if (retry !== undefined && this.#cancel === undefined) {
      // RFC 4028 §7.4: the same call again, with a Session-Expires the UAS accepts.
      this.#retried422 = true;
      this.#config = retry;
      this.#seq += 1;
      this.#provisional = false;
      const rebuilt = this.#build();
      this.#invite = { ...rebuilt, headers: [...rebuilt.headers, ...(this.auth?.authorize(rebuilt) ?? [])] };
      this.start();
      return;
    }
    this.#fail(new SipStatusError(response.status, response.reason, response));
  }

  #fail(error: SipStatusError): void {
    if (this.#final !== undefined) return;
    for (const early of this.#early.values()) early.reject();
    this.emit('failed', error);
    this.#settle('failed', { cause: this.#cancel === undefined ? 'failed' : 'cancelled', error });
  }

  #settle(final: 'answered' | 'failed', termination: Termination): void {
    this.#final = final;
    this.#guard?.cancel();
    this.terminate(termination);
  }

  #sendCancel(): void {
    if (this.#cancelSent) return;
    this.#cancelSent = true;
    const cancel = buildCancel(this.#invite, reasonFields(this.#cancel?.reason));
    this.core.request(sipRequestOf(cancel), this.#init.target, { response: () => undefined, failure: () => undefined });
    // §9.1: no final response within 64*T1 of the CANCEL: the INVITE is considered cancelled.
    const T1 = this.core.timers.T1 ?? SIP_TIMER_DEFAULTS.T1;
    this.#guard = this.core.clock.setTimer(64 * T1, () => this.#fail(new SipStatusError(408, 'no final response after CANCEL')));
  }
}
