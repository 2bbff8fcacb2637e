// The events and options every call handle shares (ServerCall and ClientCall): how a call ends,
// what the layer above hears about within the dialog, and what it passes to in-dialog requests.
import type { GwError } from '../../core/errors.js';
import type { Result } from '../../core/result.js';
import type { HeaderField, Reason } from '../message/index.js';
import type { BodyOptions } from './body.js';
import type { IncomingRequest } from './incoming-request.js';
import type { ReceivedRequest, ReceivedResponse } from './received.js';

/**
 * Why a call ended: `local-bye` / `remote-bye` (BYE sent / received), `cancelled` (CANCEL either
 * way), `rejected` (this UAS rejected), `failed` (the INVITE failed: `error` is a SipStatusError),
 * `no-ack` (GW_ERR_TX_NO_ACK), `no-prack` (GW_ERR_SIP_UA_NO_PRACK), `session-expired`
 * (GW_ERR_SIP_UA_SESSION_EXPIRED), `dialog-failure` (481 or 408 to an in-dialog request).
 */
export type TerminationCause =
  | 'local-bye'
  | 'remote-bye'
  | 'cancelled'
  | 'rejected'
  | 'failed'
  | 'no-ack'
  | 'no-prack'
  | 'session-expired'
  | 'dialog-failure';

export interface Termination {
  readonly cause: TerminationCause;
  readonly error?: GwError;
}

export interface SessionEvents {
  /** the peer ended the call; the BYE was answered 200 */
  bye: ReceivedRequest;
  /** a re-INVITE that changes the session; answer it (without listeners: accepted with the last local SDP) */
  reinvite: IncomingRequest;
  /** an UPDATE that changes the session; answer it (without listeners: as a re-INVITE) */
  update: IncomingRequest;
  /** an INFO; answer it (without listeners: 200) */
  info: IncomingRequest;
  /** the call is over; emitted once */
  terminated: Termination;
}

/** A request within the dialog: a body (SDP and/or parts) and extra headers. */
export interface RequestOptions extends BodyOptions {
  readonly headers?: readonly HeaderField[];
}

export interface ByeOptions {
  /** Reason headers (RFC 3326), e.g. `{ protocol: 'Q.850', cause: 16, params: [] }` */
  readonly reason?: readonly Reason[];
  readonly headers?: readonly HeaderField[];
  /** body parts of the BYE, e.g. an application/isup REL (RFC 3204); a CANCEL carries none (RFC 3261 §9.1) */
  readonly parts?: BodyOptions['parts'];
}

/** The final response of an in-dialog request: ok for 2xx, a SipStatusError otherwise. */
export type RequestOutcome = Promise<Result<ReceivedResponse, GwError>>;
