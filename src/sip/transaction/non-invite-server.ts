// The non-INVITE server transaction (RFC 3261 §17.2.2): runs NIST_FSM for one request.
import { Fsm } from '../../core/fsm.js';
import { TxTransportError } from './errors.js';
import type { TxRequest, TxResponse, TxTarget } from './message.js';
import { NIST_FSM, type NistAction, type NistEvent, type NistState, type NistTimer } from './non-invite-server.fsm.js';
import { sipTimerInterval } from './timers.js';
import { failureOf, responseOf, type ServerTransaction, type TxContext, type TxInput } from './transaction-user.js';

export class NonInviteServerTransaction<P> implements ServerTransaction<P> {
  readonly kind = 'nist';
  /** its name in the layer's maps, for leaving the layer */
  readonly #key: string;
  readonly #ctx: TxContext<P>;
  readonly #fsm: Fsm<NistState, NistEvent, NistAction, NistTimer, TxInput<P>>;
  /** The last response sent; set on leaving Trying, the only state that has none to resend. */
  #last: TxResponse<P> | undefined;

  /** `cancels`: for a CANCEL, the INVITE server transaction it cancels (RFC 3261 §9.2). */
  constructor(
    readonly id: string,
    readonly request: TxRequest<P>,
    readonly source: TxTarget,
    ctx: TxContext<P>,
    key: string,
    cancels?: ServerTransaction<P>,
  ) {
    this.#key = key;
    this.#ctx = ctx;
    const { tu } = ctx;
    const send = (response: TxResponse<P>): void =>
      ctx.send(response, source, (reason) => this.#fsm.fire('transportError', { kind: 'failure', reason }));
    this.#fsm = new Fsm(NIST_FSM, {
      id,
      clock: ctx.clock,
      log: ctx.log,
      duration: (timer, nth) => sipTimerInterval(timer, ctx.base, source.reliable, nth),
      actions: {
        passUp: () => tu({ type: 'request', tx: this, request, cancels }),
        resendResponse: () => {
          if (this.#last !== undefined) send(this.#last);
        },
        sendResponse: (data) => {
          this.#last = responseOf(data);
          send(this.#last);
        },
        transportError: (data) => tu({ type: 'error', tx: this, error: new TxTransportError(failureOf(data)) }),
      },
      onFinal: () => {
        ctx.remove(key, this);
        tu({ type: 'terminated', tx: this });
      },
    });
  }

  /**
   * Stops the transaction where it is (the layer is closing): its timers are cancelled, nothing
   * more is sent or passed to the TU (no `terminated` either), and it leaves the layer.
   */
  abandon(): void {
    this.#fsm.stop();
    this.#ctx.remove(this.#key, this);
  }

  get state(): NistState {
    return this.#fsm.state;
  }

  /** Passes the request to the TU; call once the layer can match retransmissions. */
  start(): void {
    this.#fsm.start();
  }

  respond(response: TxResponse<P>): void {
    this.#fsm.fire(response.status < 200 ? '1xx from TU' : '200-699 from TU', response);
  }

  /** A retransmission of the request (RFC 3261 §17.2.3). */
  receive(request: TxRequest<P>): void {
    this.#fsm.fire('request', request);
  }
}
