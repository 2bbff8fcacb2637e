// The non-INVITE client transaction (RFC 3261 §17.1.2): runs NICT_FSM for one request.
import { Fsm } from '../../core/fsm.js';
import { TxTimeout, TxTransportError } from './errors.js';
import type { TxMessage, TxRequest, TxResponse, TxTarget } from './message.js';
import { NICT_FSM, type NictAction, type NictEvent, type NictState, type NictTimer } from './non-invite-client.fsm.js';
import { sipTimerInterval } from './timers.js';
import { failureOf, responseOf, type ClientTransaction, type TxContext, type TxInput } from './transaction-user.js';

export class NonInviteClientTransaction<P> implements ClientTransaction<P> {
  readonly kind = 'nict';
  readonly #onTerminated: () => void;
  readonly #fsm: Fsm<NictState, NictEvent, NictAction, NictTimer, TxInput<P>>;

  constructor(
    readonly id: string,
    readonly request: TxRequest<P>,
    readonly target: TxTarget,
    ctx: TxContext<P>,
    onTerminated: () => void,
  ) {
    this.#onTerminated = onTerminated;
    const { tu } = ctx;
    const send = (message: TxMessage<P>): void =>
      ctx.send(message, target, (reason) => this.#fsm.fire('transportError', { kind: 'failure', reason }));
    this.#fsm = new Fsm(NICT_FSM, {
      id,
      clock: ctx.clock,
      log: ctx.log,
      // §17.1.2.2: "If Timer E fires while in the Proceeding state, ... reset with a value of T2".
      duration: (timer, nth, state) =>
        timer === 'E' && state === 'Proceeding' ? ctx.base.T2 : sipTimerInterval(timer, ctx.base, target.reliable, nth),
      actions: {
        sendRequest: () => send(request),
        retransmit: () => send(request),
        passUp: (data) => tu({ type: 'response', tx: this, response: responseOf(data) }),
        timeout: () => tu({ type: 'error', tx: this, error: new TxTimeout('Timer F') }),
        transportError: (data) => tu({ type: 'error', tx: this, error: new TxTransportError(failureOf(data)) }),
      },
      onFinal: () => {
        onTerminated();
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
    this.#onTerminated();
  }

  get state(): NictState {
    return this.#fsm.state;
  }

  /** Sends the request; call once, after the layer can match responses to this transaction. */
  start(): void {
    this.#fsm.start();
  }

  /** A response matched to this transaction (RFC 3261 §17.1.3). */
  receive(response: TxResponse<P>): void {
    this.#fsm.fire(response.status < 200 ? '1xx' : '200-699', response);
  }
}
