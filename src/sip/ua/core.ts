// What the call handles need from the UA core (RFC 3261 §8, §12-§17 "UA core"): its settings,
// client transactions with a callback per request, responses through server transactions, ACKs
// for 2xx sent outside any transaction, and the table that routes in-dialog requests to dialogs.
// UserAgent implements it; the handles see nothing else of it.
import type { Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import type { FsmLogger } from '../../core/fsm.js';
import type { Result } from '../../core/result.js';
import type { Dialog, DialogOwner } from '../dialog/dialog.js';
import type { SessionTimerConfig } from '../dialog/session-expires.js';
import type { SipMessage, SipRequest, SipResponse, Uri } from '../message/index.js';
import type { TxTarget } from '../transaction/message.js';
import type { SipTxRequest, SipTxResponse } from '../transaction/parser-adapter.js';
import type { SipTimerBase } from '../transaction/timers.js';
import type { ServerTransaction } from '../transaction/transaction-user.js';
import type { LocalAddress } from './builders.js';
import type { IdSource } from './ids.js';

export type SipServerTx = ServerTransaction<SipMessage>;

/** Where the responses to one client request go. */
export interface ClientHandler {
  /** every response the transaction passes up: provisionals once, each 2xx to an INVITE */
  response(response: SipResponse): void;
  /** timeout (GW_ERR_TX_TIMEOUT), transport error, or the layer refused the request */
  failure(error: GwError): void;
}

/** The owner of a dialog: the call handle that gets the dialog's requests. */
export interface DialogUser extends DialogOwner {
  /** a request within the dialog, in its new server transaction */
  request(tx: SipServerTx, dialog: Dialog): void;
  /** an ACK for a 2xx sent in the dialog */
  ack(ack: SipTxRequest, dialog: Dialog): void;
  /** a 2xx retransmission after the INVITE client transaction ended (RFC 6026 §7.2) */
  stray2xx(response: SipTxResponse, dialog: Dialog): void;
}

/** What the core tells a call about the INVITE transaction that created it (a ServerCall's). */
export interface InviteHooks {
  /** a CANCEL matched the INVITE (RFC 3261 §9.2), in its own server transaction */
  cancelled(tx: SipServerTx): void;
  /** the INVITE server transaction failed to send a response */
  transportFailed(error: GwError): void;
}

/** How the core and the call's dialogs reach a call: one object per call. */
export interface CallLink extends DialogUser, InviteHooks {}

/** A call the core keeps until it ends, so that closing the UA can stop its timers. */
export interface LiveCall {
  /** stops the call's timers without sending anything or emitting events (the UA is closing) */
  abandon(): void;
}

export interface UaSettings {
  readonly clock: Clock;
  readonly log: FsmLogger | undefined;
  readonly ids: IdSource;
  readonly local: LocalAddress;
  /** the User-Agent of requests (responses get it as Server) */
  readonly product: string;
  /** body types accepted */
  readonly accept: readonly string[];
  readonly sessionTimer: SessionTimerConfig;
  readonly timers: Partial<SipTimerBase>;
}

export interface UaCore extends UaSettings {
  /** starts a client transaction for `request` (its top Via carries a fresh branch) */
  request(request: SipRequest, target: TxTarget, handler: ClientHandler): void;
  /** sends an ACK for a 2xx, outside any transaction (RFC 3261 §13.2.2.4, §17.1.1.3) */
  sendAck(ack: SipRequest, target: TxTarget): void;
  respond(tx: SipServerTx, response: SipResponse): void;
  targetOf(uri: Uri): Result<TxTarget, GwError>;
  /** a dialog of a call: its owner (`dialog.owner`) gets its requests */
  addDialog(dialog: Dialog<DialogUser>): void;
  /** a call began (its constructor) / ended (terminated or abandoned) */
  addCall(call: LiveCall): void;
  removeCall(call: LiveCall): void;
  removeDialog(dialog: Dialog): void;
}
