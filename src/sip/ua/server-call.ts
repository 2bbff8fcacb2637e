// An incoming call: the UAS side of an INVITE (RFC 3261 §13.3, §12.1.1). Provisional responses
// (reliable ones per RFC 3262: RSeq, retransmitted until the PRACK, later responses held back
// meanwhile), the 2xx retransmitted until the ACK, rejection, and the races: CANCEL before the
// final response (200 to the CANCEL, 487 to the INVITE), CANCEL after it (200, the call stays
// answered), BYE in the early dialog (200, then 487 to the INVITE), BYE before the ACK (§15).
import type { GwError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Dialog, DialogInit } from '../dialog/dialog.js';
import { ReliableProvisional } from '../dialog/reliable-provisional.js';
import { parseRAck } from '../dialog/rseq.js';
import { optionTags, type UasSessionDecision } from '../dialog/session-expires.js';
import { parseFromTo, readOne, type FromTo, type HeaderField, type SipResponse } from '../message/index.js';
import { pick, sipRequestOf } from '../transaction/parser-adapter.js';
import { sdpString } from './body.js';
import { buildAnswer, contactField, type ResponseOptions } from './builders.js';
import { allowField, supportedField } from './capabilities.js';
import type { InviteHooks, SipServerTx, UaCore } from './core.js';
import { CallState, NoPrack } from './errors.js';
import { IncomingRequest } from './incoming-request.js';
import { requestView, type ReceivedRequest } from './received.js';
import { Session } from './session.js';
import type { ByeOptions, SessionEvents } from './session-events.js';

export interface ServerCallEvents extends SessionEvents {
  /** CANCEL before the final response: the CANCEL was answered 200 and the INVITE 487; `terminated` follows */
  cancel: ReceivedRequest;
  /** the ACK for the 2xx (it carries the SDP answer when the 2xx made the offer) */
  ack: ReceivedRequest;
  /** a PRACK for a reliable provisional response; answer it (without listeners: 200) */
  prack: IncomingRequest;
}

export interface ProgressOptions extends ResponseOptions {
  /**
   * Send it reliably (RFC 3262) if the caller supports 100rel; it is reliable anyway when the
   * caller requires 100rel. Until its PRACK, later provisional and final responses wait.
   */
  readonly reliable?: boolean;
}

/** What the UA core checked before handing the INVITE over, and where it keeps the hooks. */
export interface ServerCallInit {
  readonly tx: SipServerTx;
  readonly invite: ReceivedRequest;
  readonly dialog: DialogInit;
  readonly session: Extract<UasSessionDecision, { kind: 'accept' }>;
  /** where the core keeps what it tells the call about the INVITE transaction (the call's link) */
  readonly attach: (hooks: InviteHooks) => void;
}

function party(headers: readonly HeaderField[], name: string): FromTo {
  const value = readOne(headers, name, parseFromTo);
  if (!value.ok || value.value === undefined) throw new Error(`INVITE without a valid ${name}: the parser guarantees one`);
  return value.value;
}

/**
 * What a call keeps of its INVITE until the final response: the request (its responses copy its
 * fields, §8.2.6), the dialog it will create, and the session-timer headers of the 2xx.
 */
interface UntilFinal {
  readonly tx: SipServerTx;
  readonly invite: ReceivedRequest;
  readonly from: FromTo;
  readonly to: FromTo;
  readonly dialog: DialogInit;
  readonly session: ServerCallInit['session'];
}

function peer100rel(headers: readonly HeaderField[]): 'required' | 'supported' | 'no' {
  if (optionTags(headers, 'Require').includes('100rel')) return 'required';
  return optionTags(headers, 'Supported').includes('100rel') ? 'supported' : 'no';
}

export class ServerCall extends Session<ServerCallEvents> {
  readonly callId: string;
  /** the INVITE's CSeq number, which its ACK and a PRACK's RAck carry */
  readonly #seq: number;
  /** the To tag of every response (the dialog's local tag) */
  readonly #localTag: string;
  /** released at the final response: a call held for hours keeps none of its INVITE */
  #untilFinal: UntilFinal | undefined;
  readonly #peer100rel: 'required' | 'supported' | 'no';
  #final: number | undefined;
  #acked = false;
  #rseq: number | undefined;
  #reliable: ReliableProvisional | undefined;
  /** responses waiting for the PRACK of the reliable provisional response in flight */
  #held: (() => void)[] | undefined;
  #byeHeld: ByeOptions | undefined;

  constructor(core: UaCore, init: ServerCallInit) {
    super(core);
    const { message } = init.invite;
    this.#seq = init.tx.request.cseq.seq;
    this.#localTag = init.dialog.id.localTag;
    this.#untilFinal = { tx: init.tx, invite: init.invite, from: party(message.headers, 'From'), to: party(message.headers, 'To'), dialog: init.dialog, session: init.session };
    // The dialog id's own strings (uasDialogInit made them), shared rather than copied again.
    this.callId = init.dialog.id.callId;
    // A copy: the parser's body is a view into a buffer shared with other messages.
    this.remoteSdp = init.invite.body.sdp === undefined ? undefined : sdpString(init.invite.body.sdp);
    this.learnAllow(message);
    this.#peer100rel = peer100rel(message.headers);
    init.attach(this.link);
  }

  /**
   * The INVITE as received. It is released once the final response is sent (a call held for
   * hours keeps none of it): read what you need before answering or rejecting.
   */
  get invite(): ReceivedRequest {
    return this.#kept('invite').invite;
  }

  /** The From of the INVITE (until the final response, like `invite`). */
  get from(): FromTo {
    return this.#kept('from').from;
  }

  /** The To of the INVITE, without the tag this side adds (until the final response, like `invite`). */
  get to(): FromTo {
    return this.#kept('to').to;
  }

  #kept(what: string): UntilFinal {
    const kept = this.#untilFinal;
    if (kept === undefined) throw new Error(`ServerCall.${what} read after the final response ${this.#final ?? ''}: the INVITE is released then`);
    return kept;
  }

  /** The final status sent, if any. */
  get finalStatus(): number | undefined {
    return this.#final;
  }

  /** Sends a provisional response (101-199; the 100 went at once) and creates the early dialog. */
  progress(status: number, options: ProgressOptions = {}): Result<void, GwError> {
    if (!Number.isInteger(status) || status <= 100 || status > 199) throw new RangeError(`progress: ${status} is not 101-199`);
    return this.#whenFree(() => this.#sendProgress(status, options));
  }

  /** Answers with a 2xx (200 by default): the dialog is confirmed, the 2xx retransmitted until the ACK. */
  answer(options: ResponseOptions = {}, status = 200): Result<void, GwError> {
    if (!Number.isInteger(status) || status < 200 || status > 299) throw new RangeError(`answer: ${status} is not a 2xx`);
    return this.#whenFree(() => this.#sendAnswer(status, options));
  }

  /** Rejects with a final response of 300-699 (Reason headers in `options.reason`). */
  reject(status: number, options: ResponseOptions = {}): Result<void, GwError> {
    if (!Number.isInteger(status) || status < 300 || status > 699) throw new RangeError(`reject: ${status} is not 300-699`);
    if (this.ended || this.#final !== undefined) return err(new CallState(`reject() after the final response ${this.#final ?? ''}`));
    this.#sendFinal(status, options);
    this.dialog?.reject();
    this.terminate({ cause: 'rejected' });
    return ok(undefined);
  }

  /** §15: ends an answered call; before the ACK the BYE waits for it (or for the 2xx to time out). */
  override bye(options: ByeOptions = {}): Result<void, GwError> {
    if (this.ended || this.#final === undefined || this.#final >= 300) return err(new CallState('bye() needs an answered call; reject() before the answer'));
    if (this.#acked) return super.bye(options);
    this.#byeHeld = options;
    return ok(undefined);
  }

  /** A CANCEL for the INVITE: 200, and 487 unless the INVITE has its final response already. */
  protected override onInviteCancelled(tx: SipServerTx): void {
    this.respondTo(tx, 200);
    if (this.#final !== undefined || this.ended) return;
    this.#terminateInvite();
    this.dialog?.reject();
    const cancel = sipRequestOf(tx.request);
    this.emit('cancel', requestView(cancel, { parts: [] }));
    this.terminate({ cause: 'cancelled' });
  }

  protected override onBye(dialog: Dialog, view: ReceivedRequest): void {
    // §15.1.2: a BYE in the early dialog; the INVITE gets 487.
    if (this.#final === undefined) this.#terminateInvite();
    super.onBye(dialog, view);
  }

  protected onPrack(tx: SipServerTx, view: ReceivedRequest): void {
    const rack = readOne(view.message.headers, 'RAck', parseRAck);
    const reliable = this.#reliable;
    const matches =
      rack.ok && rack.value !== undefined && reliable !== undefined && rack.value.rseq === reliable.rseq && rack.value.cseq === this.#seq && rack.value.method === 'INVITE';
    if (!matches || reliable === undefined) {
      this.respondTo(tx, 481);
      return;
    }
    reliable.prack();
    this.#reliable = undefined;
    const prack = new IncomingRequest(view, (status, options) => this.respondWith(tx, status, options, []));
    if (this.listenerCount('prack') > 0) this.emit('prack', prack);
    else void prack.accept();
    // What waited for this PRACK follows the 200 to it (see #terminateInvite for why a 0 ms timer).
    this.core.clock.setTimer(0, () => {
      while (this.#reliable === undefined && !this.ended) {
        const next = this.#held?.shift();
        if (next === undefined) break;
        next();
      }
    });
  }

  protected onAcked(seq: number, view: ReceivedRequest): void {
    if (seq !== this.#seq || this.#acked) return;
    this.#acked = true;
    this.emit('ack', view);
    const held = this.#byeHeld;
    if (held !== undefined && !this.ended) super.bye(held);
  }

  protected onEnded(): void {
    this.#stopReliable();
  }

  protected override onAbandoned(): void {
    this.#held = undefined;
    this.#reliable?.abandon();
    this.#reliable = undefined;
  }

  /** Runs `send` now, or after the PRACK of the reliable provisional response in flight (RFC 3262 §3). */
  #whenFree(send: () => void): Result<void, GwError> {
    if (this.ended || this.#final !== undefined) return err(new CallState(`the INVITE has its final response ${this.#final ?? ''}`));
    if (this.#reliable === undefined) send();
    else (this.#held ??= []).push(send);
    return ok(undefined);
  }

  /** Contact, Record-Route (§12.1.1), Allow, Supported: the headers of a dialog-creating response. */
  #dialogHeaders(): HeaderField[] {
    return [contactField(this.core.local), ...pick(this.invite.message.headers, ['Record-Route']), allowField(), supportedField()];
  }

  /** Sends a response to the INVITE; a final one releases what the call kept of the INVITE. */
  #respond(status: number, options: ResponseOptions, headers: readonly HeaderField[]): SipResponse {
    const { tx, invite } = this.#kept('invite');
    const response = buildAnswer(invite.message, status, options, { toTag: this.#localTag, headers, newBoundary: this.core.ids.boundary });
    if (status >= 200) this.#untilFinal = undefined;
    this.core.respond(tx, response);
    this.localSdp = options.sdp ?? this.localSdp;
    return response;
  }

  #sendProgress(status: number, options: ProgressOptions): void {
    if (this.ended || this.#final !== undefined) return;
    if (this.dialog === undefined) this.dialog = this.createDialog(this.#kept('dialog').dialog);
    else this.dialog.provisional();
    const reliable = this.#peer100rel === 'required' || (options.reliable === true && this.#peer100rel === 'supported');
    if (!reliable) {
      this.#respond(status, options, this.#dialogHeaders());
      return;
    }
    const { tx } = this.#kept('tx');
    const rseq = (this.#rseq = this.#rseq === undefined ? this.core.ids.rseq() : this.#rseq + 1);
    const response = this.#respond(status, options, [...this.#dialogHeaders(), { name: 'Require', value: '100rel' }, { name: 'RSeq', value: String(rseq) }]);
    this.#reliable = new ReliableProvisional({
      id: `${this.callId};${this.#localTag};${rseq}`,
      rseq,
      clock: this.core.clock,
      log: this.core.log,
      timers: this.core.timers,
      retransmit: () => this.core.respond(tx, response),
      giveUp: () => {
        this.#reliable = undefined;
        this.#sendFinal(504, {});
        this.dialog?.reject();
        this.terminate({ cause: 'no-prack', error: new NoPrack(`RSeq ${rseq}`) });
      },
    });
  }

  #sendAnswer(status: number, options: ResponseOptions): void {
    if (this.ended || this.#final !== undefined) return;
    this.#final = status;
    const { tx, dialog: init, session } = this.#kept('dialog');
    const dialog = this.dialog ?? this.createDialog(init);
    this.dialog = dialog;
    dialog.confirm();
    const response = this.#respond(status, options, [...this.#dialogHeaders(), ...session.headers]);
    this.awaitAck(tx, response);
    this.startSessionTimer(session.session);
  }

  /**
   * 487 to the INVITE after a CANCEL or an early BYE. The 200 to that request leaves once the
   * transaction layer's callback returns; the 487 follows it on a 0 ms timer, so the peer sees
   * them in the usual order. The call counts as finally answered at once.
   */
  #terminateInvite(): void {
    this.#final = 487;
    this.#stopReliable();
    this.core.clock.setTimer(0, () => this.#respond(487, {}, []));
  }

  #stopReliable(): void {
    this.#held = undefined;
    if (this.#reliable?.state === 'Retransmitting') this.#reliable.finalSent();
    this.#reliable = undefined;
  }

  /** A final response of 300-699: nothing held back is sent any more. */
  #sendFinal(status: number, options: ResponseOptions): void {
    this.#final = status;
    this.#stopReliable();
    this.#respond(status, options, []);
  }
}
