// Errors of the UA core and its call handles (RFC 3261 §12-§15, RFC 3262, RFC 3311, RFC 4028).
// Codes are stable; docs/errors.md and docs/sip-dialogs.md list them.
import { defineError } from '../../core/errors.js';
import type { SipResponse } from '../message/index.js';

/** The call (or dialog) is not in a state that allows the operation, e.g. answer() after CANCEL. */
export const CallState = defineError('GW_ERR_SIP_UA_CALL_STATE', "Not allowed in the call's state");

/** An INVITE or offer is already in progress in the dialog (RFC 3261 §14.1, RFC 3311 §5.1). */
export const RequestPending = defineError('GW_ERR_SIP_UA_REQUEST_PENDING', 'Another INVITE or offer is in progress in the dialog');

/** The target URI cannot be sent to: not sip/sips, or its host is not an IP address. */
export const BadTarget = defineError('GW_ERR_SIP_UA_BAD_TARGET', 'Cannot send to the target URI');

/** The From or To given for a new call is not a name-addr or addr-spec (RFC 3261 §20.20, §20.39). */
export const BadParty = defineError('GW_ERR_SIP_UA_BAD_PARTY', 'From or To of a new call does not parse');

/** No PRACK for a reliable provisional response within 64*T1 (RFC 3262 §3): the INVITE got a 5xx. */
export const NoPrack = defineError('GW_ERR_SIP_UA_NO_PRACK', 'No PRACK for a reliable provisional response');

/** No session refresh before the session expired (RFC 4028 §10): BYE sent. */
export const SessionExpired = defineError('GW_ERR_SIP_UA_SESSION_EXPIRED', 'Session expired without a refresh');

const RequestFailedBase = defineError('GW_ERR_SIP_UA_REQUEST_FAILED', 'Request failed with a final response');

/**
 * A request (INVITE or in-dialog) ended with a final response of 300-699, or with the one
 * RFC 3261 makes of a failure: 408 for a timeout (§8.1.3.1), 503 for a transport error. `status`
 * is what the layer above maps (e.g. to a Q.850 cause); `response` is the one received, if any.
 */
export class SipStatusError extends RequestFailedBase {
  readonly status: number;
  readonly response?: SipResponse;

  constructor(status: number, detail: string, response?: SipResponse, options?: ErrorOptions) {
    super(`${status} ${detail}`, options);
    this.status = status;
    if (response !== undefined) this.response = response;
  }
}
