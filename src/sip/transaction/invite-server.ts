// The INVITE server transaction (RFC 3261 §17.2.1, RFC 6026 §7.1): runs IST_FSM for one INVITE.
// It answers the INVITE with 100 (Trying) at once (the RFC allows it whenever the TU's answer may
// take longer than 200 ms, which a PSTN call always may) and keeps the last response it sent
// for retransmissions. Retransmitting a 2xx until the ACK is the UAS core's (uas-2xx-retransmitter).
import { Fsm } from '../../core/fsm.js';
import { TxNoAck, TxTransportError } from './errors.js';
import { IST_FSM, type IstAction, type IstEvent, type IstState, type IstTimer } from './invite-server.fsm.js';
import type { TxRequest, TxResponse, TxTarget } from './message.js';
import { sipTimerInterval } from './timers.js';
import { failureOf, requestOf, responseOf, type ServerTransaction, type TxContext, type TxInput } from './transaction-user.js';

export class InviteServerTransaction<P> implements ServerTransaction<P> {
  readonly kind = 'ist';
  readonly #fsm: Fsm<IstState, IstEvent, IstAction, IstTimer, TxInput<P>>;
  /** the last response, kept while the transaction may resend it (Proceeding, Completed) */
  #last: TxResponse<P> | undefined;
  #lastToTag: string | undefined;

  constructor(
    readonly id: string,
    readonly request: TxRequest<P>,
    readonly source: TxTarget,
    ctx: TxContext<P>,
    onTerminated: () => void,
  ) {
    const { tu } = ctx;
    this.#last = ctx.factory.trying(request);
    this.#lastToTag = this.#last.toTag;
    const send = (response: TxResponse<P>): void =>
      ctx.send(response, source, (reason) => this.#fsm.fire('transportError', { kind: 'failure', reason }));
    this.#fsm = new Fsm(IST_FSM, {
      id,
      clock: ctx.clock,
      log: ctx.log,
      duration: (timer, nth) => sipTimerInterval(timer, ctx.base, source.reliable, nth),
      actions: {
        tryingAndPassUp: () => {
          if (this.#last !== undefined) send(this.#last);
          tu({ type: 'request', tx: this, request });
        },
        resendResponse: () => {
          if (this.#last !== undefined) send(this.#last);
        },
        sendResponse: (data) => {
          const response = responseOf(data);
          this.#lastToTag = response.toTag;
          // Accepted never resends: 2xx retransmissions are the TU's (RFC 6026 §7.1), so the 2xx is not kept.
          this.#last = this.#fsm.state === 'Accepted' ? undefined : response;
          send(response);
        },
        ackToTu: (data) => tu({ type: 'ack', ack: requestOf(data), tx: this }),
        noAck: () => tu({ type: 'error', tx: this, error: new TxNoAck('Timer H') }),
        transportError: (data) => tu({ type: 'error', tx: this, error: new TxTransportError(failureOf(data)) }),
      },
      onFinal: () => {
        onTerminated();
        tu({ type: 'terminated', tx: this });
      },
    });
  }

  get state(): IstState {
    return this.#fsm.state;
  }

  /** The To tag of the last response sent, which an RFC 2543 ACK must carry (RFC 3261 §17.2.3). */
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
}
