// The contract between the transaction layer and its transaction user (TU: the UA core, RFC 3261
// §17): the views of a transaction the TU holds, the events it receives, and the context every
// transaction shares.
import type { Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import type { FsmLogger } from '../../core/fsm.js';
import type { TxMessageFactory, TxRequest, TxResponse, TxSend, TxTarget } from './message.js';
import type { SipTimerBase } from './timers.js';

export interface ClientTransaction<P> {
  readonly kind: 'ict' | 'nict';
  /** The branch: the name of the transaction in logs. */
  readonly id: string;
  readonly request: TxRequest<P>;
  readonly target: TxTarget;
  readonly state: string;
}

export interface ServerTransaction<P> {
  readonly kind: 'ist' | 'nist';
  /** The branch, or for an RFC 2543 request a name of the layer's making. */
  readonly id: string;
  readonly request: TxRequest<P>;
  /** Where the request came from; responses go back there. */
  readonly source: TxTarget;
  readonly state: string;
  /** Passes a response from the TU; the transaction sends it and keeps it for retransmissions. */
  respond(response: TxResponse<P>): void;
}

export type Transaction<P> = ClientTransaction<P> | ServerTransaction<P>;

export type TuEvent<P> =
  /** A new request, in its new server transaction; for a CANCEL, the INVITE transaction it cancels (RFC 3261 §9.2). */
  | { readonly type: 'request'; readonly tx: ServerTransaction<P>; readonly request: TxRequest<P>; readonly cancels?: ServerTransaction<P> }
  /** A response for the TU (retransmissions are absorbed, except 2xx to INVITE). */
  | { readonly type: 'response'; readonly tx: ClientTransaction<P>; readonly response: TxResponse<P> }
  /** An ACK for a 2xx: matched to an INVITE server transaction in Accepted, or to none. */
  | { readonly type: 'ack'; readonly ack: TxRequest<P>; readonly tx?: ServerTransaction<P> }
  /** A response that matches no client transaction (RFC 3261 §17.1.3), e.g. a 2xx after Timer M. */
  | { readonly type: 'stray-response'; readonly response: TxResponse<P>; readonly source: TxTarget }
  /** Timeout, missing ACK or transport error (GW_ERR_TX_*). */
  | { readonly type: 'error'; readonly tx: Transaction<P>; readonly error: GwError }
  /** The transaction ended and left the layer. */
  | { readonly type: 'terminated'; readonly tx: Transaction<P> };

/** What every transaction of one layer shares. */
export interface TxContext<P> {
  readonly clock: Clock;
  readonly send: TxSend<P>;
  readonly factory: TxMessageFactory<P>;
  readonly tu: (event: TuEvent<P>) => void;
  readonly base: SipTimerBase;
  readonly log: FsmLogger | undefined;
  /** A transaction ended or was abandoned: it leaves the layer (`key`: its name there). */
  readonly remove: (key: string, tx: Transaction<P>) => void;
  /**
   * Runs Timer L (RFC 6026 §7.1) for an INVITE server transaction that entered Accepted: `ms`
   * later the layer calls its timerLExpired(). One timer for the whole layer (L is 64*T1 for all).
   */
  readonly timerL: (tx: TimerLUser, ms: number) => void;
}

/** What the layer's Timer L calls. */
export interface TimerLUser {
  timerLExpired(): void;
}

/** What a transaction's FSM carries with an event: the message, or why a send failed. */
export type TxInput<P> = TxRequest<P> | TxResponse<P> | { readonly kind: 'failure'; readonly reason: string };

function mismatch(wanted: string, data: { readonly kind: string } | undefined): Error {
  return new Error(`transaction table bug: action expects a ${wanted}, got ${data?.kind ?? 'nothing'}`);
}

/** The message an action needs; the tables guarantee it, so anything else is a bug in a table. */
export function requestOf<P>(data: TxInput<P> | undefined): TxRequest<P> {
  if (data?.kind === 'request') return data;
  throw mismatch('request', data);
}

export function responseOf<P>(data: TxInput<P> | undefined): TxResponse<P> {
  if (data?.kind === 'response') return data;
  throw mismatch('response', data);
}

export function failureOf<P>(data: TxInput<P> | undefined): string {
  if (data?.kind === 'failure') return data.reason;
  throw mismatch('failure', data);
}
