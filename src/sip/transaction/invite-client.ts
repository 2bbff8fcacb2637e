// The INVITE client transaction (RFC 3261 §17.1.1, RFC 6026 §7.2): runs ICT_FSM for one INVITE.
// It builds the ACK for a 300-699 response itself (§17.1.1.3); a 2xx is the TU's to acknowledge.
import { Fsm } from '../../core/fsm.js';
import { TxTimeout, TxTransportError } from './errors.js';
import { ICT_FSM, type IctAction, type IctEvent, type IctState, type IctTimer } from './invite-client.fsm.js';
import type { TxMessage, TxRequest, TxResponse, TxTarget } from './message.js';
import { sipTimerInterval } from './timers.js';
import { failureOf, responseOf, type ClientTransaction, type TxContext, type TxInput } from './transaction-user.js';

export class InviteClientTransaction<P> implements ClientTransaction<P> {
  readonly kind = 'ict';
  readonly #onTerminated: () => void;
  readonly #fsm: Fsm<IctState, IctEvent, IctAction, IctTimer, TxInput<P>>;

  constructor(
    readonly id: string,
    readonly request: TxRequest<P>,
    readonly target: TxTarget,
    ctx: TxContext<P>,
    onTerminated: () => void,
  ) {
    this.#onTerminated = onTerminated;
    const { tu, factory } = ctx;
    const send = (message: TxMessage<P>): void =>
      ctx.send(message, target, (reason) => this.#fsm.fire('transportError', { kind: 'failure', reason }));
    this.#fsm = new Fsm(ICT_FSM, {
      id,
      clock: ctx.clock,
      log: ctx.log,
      duration: (timer, nth) => sipTimerInterval(timer, ctx.base, target.reliable, nth),
      actions: {
        sendInvite: () => send(request),
        retransmit: () => send(request),
        passUp: (data) => tu({ type: 'response', tx: this, response: responseOf(data) }),
        ackAndPassUp: (data) => {
          const response = responseOf(data);
          send(factory.ack(request, response));
          tu({ type: 'response', tx: this, response });
        },
        ack: (data) => send(factory.ack(request, responseOf(data))),
        timeout: () => tu({ type: 'error', tx: this, error: new TxTimeout('Timer B') }),
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

  get state(): IctState {
    return this.#fsm.state;
  }

  /** Sends the INVITE; call once, after the layer can match responses to this transaction. */
  start(): void {
    this.#fsm.start();
  }

  /** A response matched to this transaction (RFC 3261 §17.1.3). */
  receive(response: TxResponse<P>): void {
    this.#fsm.fire(response.status < 200 ? '1xx' : response.status < 300 ? '2xx' : '300-699', response);
  }
}
