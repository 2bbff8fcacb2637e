// What a call does once it has a dialog, on either side (RFC 3261 §12.2, §13.2.2.4, §14, §15;
// RFC 3311; RFC 4028): requests sent within the dialog (BYE, re-INVITE with its ACK, UPDATE,
// INFO), requests received in it (CSeq order, BYE, re-INVITE with 2xx retransmission until the
// ACK, UPDATE, INFO, OPTIONS), INVITE and offer glare (491, 500), 481/408 ending the dialog, and
// the session timer. ServerCall and ClientCall add how the dialog comes to be.
import { randomInt } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import type { FsmLogger } from '../../core/fsm.js';
import { err, ok, type Result } from '../../core/result.js';
import type { DigestClient } from '../auth/client.js';
import { contactUri, Dialog, type DialogInit } from '../dialog/dialog.js';
import { requestSessionHeaders, uacSessionInterval, uasSessionDecision, type SessionInterval } from '../dialog/session-expires.js';
import { SessionTimer, type SessionTimerOptions } from '../dialog/session-timer.js';
import { badRequestReason, parseCSeq, readOne, type HeaderField, type SipRequest, type SipResponse } from '../message/index.js';
import { sipRequestOf, type SipTxRequest, type SipTxResponse } from '../transaction/parser-adapter.js';
import { Uas2xxRetransmitter } from '../transaction/uas-2xx-retransmitter.js';
import { decodeBody, sdpString } from './body.js';
import { buildAnswer, buildResponse, contactField, reasonFields, type ResponseOptions, type ResponseParts } from './builders.js';
import { allowField, capabilityFields } from './capabilities.js';
import { requestWithAuth } from './challenge.js';
import type { CallLink, ClientHandler, LiveCall, SipServerTx, UaCore } from './core.js';
import { Emitter } from './emitter.js';
import { CallState, RequestPending, SessionExpired, SipStatusError } from './errors.js';
import { allowedMethods, failureStatus, inDialogRequest, refreshOnly, type Outgoing } from './in-dialog.js';
import { IncomingRequest } from './incoming-request.js';
import { requestView, responseView, type ReceivedRequest } from './received.js';
import type { ByeOptions, RequestOptions, RequestOutcome, SessionEvents, Termination } from './session-events.js';

function cseqOf(response: SipResponse): number | undefined {
  const cseq = readOne(response.headers, 'CSeq', parseCSeq);
  return cseq.ok ? cseq.value?.seq : undefined;
}

const NO_METHODS: ReadonlySet<string> = new Set();

function dialogList(dialogs: Dialog | readonly Dialog[] | undefined): readonly Dialog[] {
  return dialogs === undefined ? [] : dialogs instanceof Dialog ? [dialogs] : dialogs;
}

export abstract class Session<E extends SessionEvents> extends Emitter<E> implements LiveCall {
  /** The one class of `link`: its methods run the call's own (private ones included). */
  static readonly #Link = class SessionLink implements CallLink {
    constructor(readonly call: Session<SessionEvents>) {}

    get clock(): Clock {
      return this.call.core.clock;
    }

    get log(): FsmLogger | undefined {
      return this.call.core.log;
    }

    request(tx: SipServerTx, dialog: Dialog): void {
      this.call.#onRequest(tx, dialog);
    }

    ack(ack: SipTxRequest): void {
      this.call.#onAck(ack);
    }

    stray2xx(response: SipTxResponse, dialog: Dialog): void {
      this.call.#onStray2xx(response, dialog);
    }

    dialogTerminated(dialog: Dialog): void {
      this.call.#dialogTerminated(dialog);
    }

    cancelled(tx: SipServerTx): void {
      this.call.onInviteCancelled(tx);
    }

    transportFailed(error: GwError): void {
      this.call.terminate({ cause: 'failed', error });
    }
  };

  protected readonly core: UaCore;
  /** the dialog requests are sent in: the confirmed one, or at the UAC the latest early one */
  protected dialog: Dialog | undefined;
  /** the SDP last sent, as the layer above gave it (resent as is by a session refresh) */
  protected localSdp: Uint8Array | string | undefined;
  /**
   * the SDP last received, one character per octet (sdpString): a string of its own costs less
   * than octets, and holds no received buffer alive
   */
  protected remoteSdp: string | undefined;
  /** the methods in the peer's Allow (RFC 3261 §20.5): UPDATE there makes refreshes UPDATEs */
  protected peerAllow: ReadonlySet<string> = NO_METHODS;
  /** answers 401/407 to this call's requests (challenge.ts); none: they fail */
  protected auth: DigestClient | undefined;
  /** the dialogs of this call still open (one at the UAS; at the UAC one per forked early dialog) */
  #dialogs: Dialog | readonly Dialog[] | undefined;
  /**
   * How the core, the call's dialogs and its INVITE transaction reach the call: one small object
   * of a shared class, instead of a bag of closures for each.
   */
  protected readonly link: CallLink = new Session.#Link(this);
  #ended = false;
  #timer: SessionTimer | undefined;
  #inviteOut = false;
  #inviteIn = false;
  #offerOut = false;
  #pendingAck: { readonly seq: number; readonly retransmitter: Uas2xxRetransmitter } | undefined;
  /** the last ACK for a 2xx sent in each dialog, sent again for each retransmission of that 2xx (made by the first ACK: a UAS sends none) */
  #sentAcks: WeakMap<Dialog, Outgoing & { readonly seq: number }> | undefined;

  protected constructor(core: UaCore) {
    super();
    this.core = core;
    core.addCall(this);
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** The agreed session interval (RFC 4028), while a session timer runs. */
  get sessionInterval(): SessionInterval | undefined {
    return this.#timer?.session;
  }

  /**
   * Stops the call where it is because its UA is closing (UserAgent.close() calls it): the
   * session timer, the 2xx retransmission and what the subclass runs (reliable provisional
   * retransmission, the CANCEL's 64*T1 guard) stop without sending anything; no event is
   * emitted, and the call counts as ended (bye() and the like fail). Nothing if already ended.
   */
  abandon(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#timer?.abandon();
    this.#timer = undefined;
    this.#pendingAck?.retransmitter.abandon();
    this.#pendingAck = undefined;
    this.onAbandoned();
    this.core.removeCall(this);
  }

  /** §15.1.1: ends a confirmed call. */
  bye(options: ByeOptions = {}): Result<void, GwError> {
    const dialog = this.dialog;
    if (this.#ended || dialog?.state !== 'Confirmed') return err(new CallState('bye() needs a confirmed dialog'));
    this.sendBye(dialog, options);
    this.terminate({ cause: 'local-bye' });
    return ok(undefined);
  }

  /** §14.1: a re-INVITE, e.g. with a new SDP offer; resolves with its final response. */
  reinvite(options: RequestOptions = {}): RequestOutcome {
    return this.#modify('INVITE', options);
  }

  /** RFC 3311: an UPDATE (early or confirmed dialog); resolves with its final response. */
  update(options: RequestOptions = {}): RequestOutcome {
    return this.#modify('UPDATE', options);
  }

  /** An INFO within the dialog (RFC 6086), e.g. carrying an application/isup part. */
  sendInfo(options: RequestOptions = {}): RequestOutcome {
    const dialog = this.dialog;
    if (this.#ended || dialog === undefined) return Promise.resolve(err(new CallState('sendInfo() needs a dialog')));
    return this.#transact('INFO', dialog, options, () => undefined);
  }

  // ---- from the core

  #onRequest(tx: SipServerTx, dialog: Dialog): void {
    const request = sipRequestOf(tx.request);
    if (!dialog.acceptRemoteCSeq(tx.request.cseq.seq)) {
      this.respondTo(tx, 500, { reason: 'CSeq Out of Order' });
      return;
    }
    const body = decodeBody(request);
    if (!body.ok) {
      this.respondTo(tx, 400, { reason: badRequestReason(body.error) });
      return;
    }
    const view = requestView(request, body.value);
    switch (request.method) {
      case 'BYE':
        this.respondTo(tx, 200);
        this.onBye(dialog, view);
        return;
      case 'INVITE':
      case 'UPDATE':
        this.#onModify(tx, dialog, view);
        return;
      case 'INFO':
        this.#offer('info', view, (status, options) => this.respondWith(tx, status, options, []), () => ({}));
        return;
      case 'PRACK':
        this.onPrack(tx, view);
        return;
      case 'OPTIONS':
        this.respondTo(tx, 200, { headers: capabilityFields(this.core.accept) });
        return;
      default:
        this.respondTo(tx, 405, { headers: [allowField()] });
    }
  }

  /** The ACK for the 2xx being retransmitted stops it; any other ACK (a retransmission) is absorbed. */
  #onAck(ack: SipTxRequest): void {
    const pending = this.#pendingAck;
    if (pending?.seq !== ack.cseq.seq) return;
    pending.retransmitter.ack();
    this.#pendingAck = undefined;
    const body = decodeBody(sipRequestOf(ack));
    const view = requestView(sipRequestOf(ack), body.ok ? body.value : { parts: [] });
    if (view.body.sdp !== undefined) this.remoteSdp = sdpString(view.body.sdp);
    this.onAcked(ack.cseq.seq, view);
  }

  #onStray2xx(response: SipTxResponse, dialog: Dialog): void {
    const sent = this.#sentAcks?.get(dialog);
    if (sent?.seq === response.cseq.seq) this.core.sendAck(sent.request, sent.target);
  }

  // ---- for ServerCall and ClientCall

  protected emitSession<K extends keyof SessionEvents>(event: K, value: SessionEvents[K]): void {
    this.emit(event, value as E[K]);
  }

  /** A dialog of this call, known to the core until it ends. */
  protected createDialog(init: DialogInit): Dialog {
    const dialog = new Dialog<CallLink>(init, this.link);
    // One dialog as itself (most calls have one); concat() makes room for exactly what it holds.
    this.#dialogs = this.#dialogs === undefined ? dialog : dialogList(this.#dialogs).concat([dialog]);
    this.core.addDialog(dialog);
    return dialog;
  }

  #dialogTerminated(dialog: Dialog): void {
    const all = dialogList(this.#dialogs);
    const i = all.indexOf(dialog);
    if (i >= 0) {
      const left = all.slice(0, i).concat(all.slice(i + 1));
      this.#dialogs = left.length === 0 ? undefined : left.length === 1 ? left[0] : left;
    }
    this.core.removeDialog(dialog);
  }

  /** A CANCEL matched the INVITE that created this call (only a ServerCall has one). */
  protected onInviteCancelled(tx: SipServerTx): void {
    this.respondTo(tx, 481);
  }

  /** Ends the call once: timers stopped, dialogs still open failed, `terminated` emitted. */
  protected terminate(termination: Termination): void {
    if (this.#ended) return;
    this.#ended = true;
    this.core.removeCall(this);
    this.#stopSessionTimer();
    this.#pendingAck?.retransmitter.ack();
    this.#pendingAck = undefined;
    this.onEnded();
    for (const dialog of dialogList(this.#dialogs)) dialog.fail();
    this.emitSession('terminated', termination);
  }

  /** Starts the session timer for an agreed interval (none: stops it), replacing the running one. */
  protected startSessionTimer(session: SessionInterval | undefined): void {
    this.#stopSessionTimer();
    const dialog = this.dialog;
    if (session === undefined || dialog === undefined || this.#ended) return;
    this.#timer = new SessionTimer(new Session.#TimerHooks(this, dialog, session));
  }

  /** What a session timer calls: one object of a shared class per timer, no closures. */
  static readonly #TimerHooks = class SessionTimerHooks implements SessionTimerOptions {
    constructor(
      readonly call: Session<SessionEvents>,
      readonly dialog: Dialog,
      readonly session: SessionInterval,
    ) {}

    /** Only logs read it. */
    get id(): string {
      return `${this.dialog.id.callId};${this.dialog.id.localTag}`;
    }

    get clock(): Clock {
      return this.call.core.clock;
    }

    get log(): FsmLogger | undefined {
      return this.call.core.log;
    }

    refresh(): void {
      this.call.#refresh();
    }

    expire(): void {
      const { call } = this;
      if (call.dialog?.state === 'Confirmed') call.sendBye(call.dialog, {});
      call.terminate({ cause: 'session-expired', error: new SessionExpired(`interval ${this.session.interval} s`) });
    }
  };

  /** Sends `method` in `dialog` (§12.2.1.1) with a new CSeq unless `seq` is given. */
  protected sendRequest(method: string, dialog: Dialog, options: RequestOptions, handler: ClientHandler, seq = dialog.nextCSeq()): Result<void, GwError> {
    const outgoing = inDialogRequest(this.core, dialog, method, seq, options);
    if (!outgoing.ok) return outgoing;
    const auth = this.auth;
    requestWithAuth(this.core, outgoing.value.request, outgoing.value.target, handler, auth === undefined ? undefined : { client: auth, nextSeq: () => dialog.nextCSeq() });
    return ok(undefined);
  }

  /** §13.2.2.4: the ACK for a 2xx to the INVITE with CSeq `seq`, the same one again for each 2xx retransmission. */
  protected sendAckFor(dialog: Dialog, seq: number): void {
    const sentAcks = (this.#sentAcks ??= new WeakMap());
    let sent = sentAcks.get(dialog);
    if (sent?.seq !== seq) {
      const ack = inDialogRequest(this.core, dialog, 'ACK', seq, {});
      if (!ack.ok) return;
      sent = { seq, ...ack.value };
      sentAcks.set(dialog, sent);
    }
    this.core.sendAck(sent.request, sent.target);
  }

  protected sendBye(dialog: Dialog, options: ByeOptions): void {
    const headers = [...reasonFields(options.reason), ...(options.headers ?? [])];
    this.sendRequest('BYE', dialog, { headers, ...(options.parts === undefined ? {} : { parts: options.parts }) }, { response: () => undefined, failure: () => undefined });
    dialog.bye();
  }

  protected respondTo(tx: SipServerTx, status: number, parts: ResponseParts = {}): void {
    this.core.respond(tx, buildResponse(sipRequestOf(tx.request), status, parts));
  }

  /**
   * Retransmits a 2xx to an INVITE until its ACK (RFC 3261 §13.3.1.4); without one in 64*T1 the
   * call ends with a BYE.
   */
  protected awaitAck(tx: SipServerTx, response: SipResponse): void {
    this.#pendingAck?.retransmitter.ack();
    const retransmitter = new Uas2xxRetransmitter({
      id: `${tx.request.callId};${tx.request.cseq.seq}`,
      clock: this.core.clock,
      log: this.core.log,
      timers: this.core.timers,
      retransmit: () => this.core.respond(tx, response),
      giveUp: (error) => {
        this.#pendingAck = undefined;
        if (this.dialog?.state === 'Confirmed') this.sendBye(this.dialog, {});
        this.terminate({ cause: 'no-ack', error });
      },
    });
    this.#pendingAck = { seq: tx.request.cseq.seq, retransmitter };
  }

  /** The peer's Allow methods, from the INVITE or its 2xx. */
  protected learnAllow(message: SipRequest | SipResponse): void {
    this.peerAllow = allowedMethods(message) ?? this.peerAllow;
  }

  /** A BYE arrived (already answered 200). */
  protected onBye(dialog: Dialog, view: ReceivedRequest): void {
    dialog.bye();
    this.emitSession('bye', view);
    this.terminate({ cause: 'remote-bye' });
  }

  /** A PRACK arrived: only a UAS that sent reliable provisionals expects one (RFC 3262 §3). */
  protected abstract onPrack(tx: SipServerTx, view: ReceivedRequest): void;

  /** The ACK for a 2xx this call sent to the INVITE with CSeq `seq`. */
  protected abstract onAcked(seq: number, view: ReceivedRequest): void;

  /** The call is ending (terminated or abandoned): stop what the subclass runs, sending nothing. */
  protected abstract onEnded(): void;

  /** The UA is closing: stop what the subclass runs, sending nothing (by default as onEnded()). */
  protected onAbandoned(): void {
    this.onEnded();
  }

  // ---- internals

  #stopSessionTimer(): void {
    const timer = this.#timer;
    this.#timer = undefined;
    if (timer?.state === 'Running' || timer?.state === 'Refreshing') timer.stop();
  }

  /** RFC 4028 §10: the refresher's half-interval. UPDATE if the peer allows it, else re-INVITE with the same SDP. */
  #refresh(): void {
    if (this.#inviteOut || this.#inviteIn) return;
    const sdp = this.localSdp === undefined ? {} : { sdp: this.localSdp };
    void (this.peerAllow.has('UPDATE') ? this.update() : this.reinvite(sdp));
  }

  #modify(method: 'INVITE' | 'UPDATE', options: RequestOptions): RequestOutcome {
    const dialog = this.dialog;
    const allowed = method === 'UPDATE' ? dialog?.state === 'Early' || dialog?.state === 'Confirmed' : dialog?.state === 'Confirmed';
    if (this.#ended || dialog === undefined || !allowed) return Promise.resolve(err(new CallState(`${method} needs a ${method === 'UPDATE' ? '' : 'confirmed '}dialog`)));
    const offer = options.sdp;
    if ((method === 'INVITE' && (this.#inviteOut || this.#inviteIn)) || (offer !== undefined && this.#offerOut)) {
      return Promise.resolve(err(new RequestPending(`${method} while another is in progress`)));
    }
    if (method === 'INVITE') this.#inviteOut = true;
    if (offer !== undefined) this.#offerOut = true;
    // Session timers concern confirmed dialogs only (RFC 4028 §7.1): an early UPDATE carries none.
    const confirmed = dialog.state === 'Confirmed';
    const timerHeaders = confirmed ? requestSessionHeaders(this.core.sessionTimer, this.sessionInterval) : [];
    const withTimer = { ...options, headers: [...timerHeaders, ...(options.headers ?? [])] };
    return this.#transact(method, dialog, withTimer, (response) => {
      if (method === 'INVITE') this.#inviteOut = false;
      if (offer !== undefined) this.#offerOut = false;
      if (response === undefined || response.status >= 300) return;
      if (offer !== undefined) this.localSdp = offer;
      const answer = decodeBody(response);
      if (answer.ok && answer.value.sdp !== undefined) this.remoteSdp = sdpString(answer.value.sdp);
      const target = contactUri(response.headers);
      dialog.refreshTarget(target.ok ? target.value : undefined);
      const session = uacSessionInterval(response.headers);
      if (confirmed) this.startSessionTimer(session.ok ? session.value : undefined);
    });
  }

  /** Sends a request in `dialog`; `onFinal` sees its final response (undefined: none came) once; §12.2.1.2 on 481/408. */
  #transact(method: string, dialog: Dialog, options: RequestOptions, onFinal: (response: SipResponse | undefined) => void): RequestOutcome {
    return new Promise((resolve) => {
      const seq = dialog.nextCSeq();
      let done = false;
      const finish = (response: SipResponse | undefined, error: SipStatusError | undefined): void => {
        if (done) return;
        done = true;
        onFinal(response);
        const status = error?.status ?? 200;
        if (status === 481 || status === 408) this.#dialogFailed(dialog, status, error);
        resolve(error === undefined && response !== undefined ? ok(responseView(response)) : err(error ?? new SipStatusError(500, 'no response')));
      };
      const sent = this.sendRequest(method, dialog, options, {
        response: (response) => {
          if (response.status < 200) return;
          // The CSeq of the 2xx: higher than `seq` when a challenge was answered (challenge.ts).
          if (method === 'INVITE' && response.status < 300) this.sendAckFor(dialog, cseqOf(response) ?? seq);
          finish(response, response.status >= 300 ? new SipStatusError(response.status, response.reason, response) : undefined);
        },
        failure: (error) => finish(undefined, failureStatus(error)),
      }, seq);
      if (!sent.ok) {
        done = true;
        onFinal(undefined);
        resolve(sent);
      }
    });
  }

  /** §12.2.1.2: a 481 ends the dialog; a 408 too, with a BYE. */
  #dialogFailed(dialog: Dialog, status: number, error: GwError | undefined): void {
    if (this.#ended) return;
    if (status === 408 && dialog.state === 'Confirmed') this.sendBye(dialog, {});
    this.terminate({ cause: 'dialog-failure', ...(error === undefined ? {} : { error }) });
  }

  /** A re-INVITE or UPDATE received: glare, session timer, then the layer above or a refresh answer. */
  #onModify(tx: SipServerTx, dialog: Dialog, view: ReceivedRequest): void {
    const invite = view.method === 'INVITE';
    if ((invite && this.#inviteOut) || (view.body.sdp !== undefined && this.#offerOut)) {
      this.respondTo(tx, 491);
      return;
    }
    if (invite && this.#inviteIn) {
      this.respondTo(tx, 500, { headers: [{ name: 'Retry-After', value: String(randomInt(0, 11)) }] });
      return;
    }
    const decision = uasSessionDecision(view.message.headers, this.core.sessionTimer);
    if (!decision.ok) {
      this.respondTo(tx, 400, { reason: badRequestReason(decision.error) });
      return;
    }
    const accepted = decision.value;
    if (accepted.kind === 'too-small') {
      this.respondTo(tx, 422, { headers: [{ name: 'Min-SE', value: String(accepted.minSE) }] });
      return;
    }
    if (invite) this.#inviteIn = true;
    const event = invite ? 'reinvite' : 'update';
    const respond = (status: number, options: ResponseOptions): Result<void, GwError> => {
      if (invite) this.#inviteIn = false;
      if (this.#ended) {
        this.respondTo(tx, 481);
        return err(new CallState('the call has ended'));
      }
      if (status >= 300) return this.respondWith(tx, status, options, []);
      const confirmed = dialog.state === 'Confirmed';
      const response = this.respondWith(tx, status, options, [contactField(this.core.local), ...(confirmed ? accepted.headers : [])]);
      if (view.body.sdp !== undefined) this.remoteSdp = sdpString(view.body.sdp);
      this.localSdp = options.sdp ?? this.localSdp;
      const target = contactUri(view.message.headers);
      dialog.refreshTarget(target.ok ? target.value : undefined);
      if (confirmed) this.startSessionTimer(accepted.session);
      return response;
    };
    // A re-INVITE's 2xx carries an offer or answer; an UPDATE's only answers one (RFC 3311 §5.2).
    const refresh = (): ResponseOptions => (this.localSdp === undefined || (!invite && view.body.sdp === undefined) ? {} : { sdp: this.localSdp });
    if (refreshOnly(view.body, this.remoteSdp)) {
      void respond(200, refresh());
      return;
    }
    this.#offer(event, view, respond, refresh);
  }

  /** Passes a request to the layer above, or answers it with `fallback` when nobody listens. */
  #offer(event: 'reinvite' | 'update' | 'info', view: ReceivedRequest, respond: (status: number, options: ResponseOptions) => Result<void, GwError>, fallback: () => ResponseOptions): void {
    const incoming = new IncomingRequest(view, respond);
    if (this.listenerCount(event) > 0) this.emitSession(event, incoming);
    else void incoming.accept(fallback());
  }

  /** Sends a final response built from `options`; a 2xx to an INVITE is retransmitted until its ACK. */
  protected respondWith(tx: SipServerTx, status: number, options: ResponseOptions, extra: readonly HeaderField[]): Result<void, GwError> {
    const request = sipRequestOf(tx.request);
    const response = buildAnswer(request, status, options, { headers: extra, newBoundary: this.core.ids.boundary });
    this.core.respond(tx, response);
    if (request.method === 'INVITE' && status < 300) this.awaitAck(tx, response);
    return ok(undefined);
  }
}
