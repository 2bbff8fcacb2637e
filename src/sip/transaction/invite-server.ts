// The INVITE server transaction (RFC 3261 §17.2.1, RFC 6026 §7.1): runs IST_FSM for one INVITE.
// It answers the INVITE with 100 (Trying) at once (the RFC allows it whenever the TU's answer may
// take longer than 200 ms, which a PSTN call always may) and keeps the last response it sent
// for retransmissions. Retransmitting a 2xx until the ACK is the UAS core's (uas-2xx-retransmitter).
//
// Memory: the transaction lives on after the final response (Timer L, 32 s, in Accepted; Timer
// H or I in Completed and Confirmed), while every call set up in that time is held. From the final
// response on it keeps only what it still uses: the request's matching fields (the factory's
// `settled`), not the parsed INVITE; the To tag of its responses only when an RFC 2543 ACK must be
// matched with it; and it is its machine's options itself (duration, actions and onFinal are its
// methods, the actions one table shared by every transaction), so it holds no closures of its own.
import { Fsm, type FsmLogger } from '../../core/fsm.js';
import type { Clock } from '../../core/clock.js';
import { ownString } from '../../core/strings.js';
import { TxNoAck, TxTransportError } from './errors.js';
import { hasMagicCookie } from './matching.js';
import { IST_FSM, type IstAction, type IstEvent, type IstState, type IstTimer } from './invite-server.fsm.js';
import type { TxRequest, TxResponse, TxTarget } from './message.js';
import { sipTimerInterval } from './timers.js';
import { failureOf, requestOf, responseOf, type ServerTransaction, type TimerLUser, type TxContext, type TxInput } from './transaction-user.js';

type Ist = InviteServerTransaction<unknown>;

export class InviteServerTransaction<P> implements ServerTransaction<P>, TimerLUser {
  readonly kind = 'ist';
  readonly #fsm: Fsm<IstState, IstEvent, IstAction, IstTimer, TxInput<P>>;
  readonly #ctx: TxContext<P>;
  /** its name in the layer's maps, for leaving the layer */
  readonly #key: string;
  #request: TxRequest<P>;
  /** the last response, kept while the transaction may resend it (Proceeding, Completed) */
  #last: TxResponse<P> | undefined;
  /** RFC 2543 requests only: the To tag of the last response sent */
  #lastToTag: string | undefined;

  /** `key`: the transaction's name in the layer, passed to `ctx.remove` when it ends. */
  constructor(
    request: TxRequest<P>,
    readonly source: TxTarget,
    ctx: TxContext<P>,
    key: string,
  ) {
    this.#ctx = ctx;
    this.#key = key;
    this.#request = request;
    this.#last = ctx.factory.trying(request);
    this.#lastToTag = this.#rfc2543 ? this.#last.toTag : undefined;
    this.#fsm = new Fsm(IST_FSM, this);
  }

  /** The branch, or for an RFC 2543 request the layer's name for it (the machine's id in logs). */
  get id(): string {
    return hasMagicCookie(this.#request.branch) ? this.#request.branch : this.#key;
  }

  get #rfc2543(): boolean {
    return !hasMagicCookie(this.#request.branch);
  }

  // ---- the machine's options (FsmOptions): the transaction is its own

  get clock(): Clock {
    return this.#ctx.clock;
  }

  get log(): FsmLogger | undefined {
    return this.#ctx.log;
  }

  /**
   * Timer L is the layer's (ctx.timerL): one timer for every transaction in Accepted instead of
   * one each, which a held call would keep for 32 s; so the machine itself runs no Timer L.
   */
  duration(timer: IstTimer, nth: number): number | null {
    const ms = sipTimerInterval(timer, this.#ctx.base, this.source.reliable, nth);
    if (timer !== 'L' || ms === null) return ms;
    this.#ctx.timerL(this, ms);
    return null;
  }

  /** The layer's Timer L fired for this transaction. */
  timerLExpired(): void {
    if (this.#fsm.state === 'Accepted') this.#fsm.fire('timerL');
  }

  actions(action: IstAction, data: TxInput<P> | undefined): void {
    InviteServerTransaction.#ACTIONS[action](this as unknown as Ist, data);
  }

  onFinal(): void {
    this.#ctx.remove(this.#key, this);
    this.#ctx.tu({ type: 'terminated', tx: this });
  }

  /**
   * The INVITE. Until the final response it is the request as received; from then on, its
   * matching fields and a payload the factory reduced to what a response copies (§8.2.6).
   */
  get request(): TxRequest<P> {
    return this.#request;
  }

  /**
   * Stops the transaction where it is (the layer is closing): its timers are cancelled, nothing
   * more is sent or passed to the TU (no `terminated` either), and it leaves the layer.
   */
  abandon(): void {
    this.#fsm.stop();
    this.#ctx.remove(this.#key, this);
  }

  get state(): IstState {
    return this.#fsm.state;
  }

  /**
   * The To tag of the last response sent, which an RFC 2543 ACK must carry (RFC 3261 §17.2.3);
   * kept for RFC 2543 requests only (undefined for a request with the magic cookie, whose ACK is
   * matched by its branch).
   */
  get responseToTag(): string | undefined {
    return this.#lastToTag;
  }

  /** Sends 100 (Trying) and passes the INVITE to the TU; call once the layer can match retransmissions. */
  start(): void {
    this.#fsm.start();
  }

  respond(response: TxResponse<P>): void {
    const s = response.status;
    this.#fsm.fire(s < 200 ? '1xx from TU' : s < 300 ? '2xx from TU' : '300-699 from TU', response);
  }

  /** A retransmitted INVITE, or an ACK, matched to this transaction (RFC 3261 §17.2.3). */
  receive(request: TxRequest<P>): void {
    this.#fsm.fire(request.method === 'ACK' ? 'ACK' : 'INVITE', request);
  }

  #send(response: TxResponse<P>): void {
    this.#ctx.send(response, this.source, (reason) => this.#fsm.fire('transportError', { kind: 'failure', reason }));
  }

  /** The table's actions, one table for every transaction (each runs on the transaction it is given). */
  static readonly #ACTIONS: { readonly [K in IstAction]: (tx: Ist, data: TxInput<unknown> | undefined) => void } = {
    tryingAndPassUp: (tx) => {
      if (tx.#last !== undefined) tx.#send(tx.#last);
      tx.#ctx.tu({ type: 'request', tx, request: tx.#request });
    },
    resendResponse: (tx) => {
      if (tx.#last !== undefined) tx.#send(tx.#last);
    },
    sendResponse: (tx, data) => {
      const response = responseOf(data);
      if (tx.#rfc2543) tx.#lastToTag = response.toTag === undefined ? undefined : ownString(response.toTag);
      // Accepted never resends: 2xx retransmissions are the TU's (RFC 6026 §7.1), so the 2xx is not kept.
      tx.#last = tx.#fsm.state === 'Accepted' ? undefined : response;
      // After the final response only the matching fields are read.
      if (response.status >= 200) tx.#request = tx.#ctx.factory.settled(tx.#request);
      tx.#send(response);
    },
    ackToTu: (tx, data) => tx.#ctx.tu({ type: 'ack', ack: requestOf(data), tx }),
    noAck: (tx) => tx.#ctx.tu({ type: 'error', tx, error: new TxNoAck('Timer H') }),
    transportError: (tx, data) => tx.#ctx.tu({ type: 'error', tx, error: new TxTransportError(failureOf(data)) }),
  };
}
