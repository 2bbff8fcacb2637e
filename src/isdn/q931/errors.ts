// Errors of Q.931 call control (src/isdn/q931). Requests of the driver return them in a Result;
// received messages that fail a check become 'protocolError' events carrying the code.
// Codes are stable; docs/errors.md lists them (section "ISDN Q.931").
import { defineError } from '../../core/errors.js';

/** A request named a call the interface does not know (never created, or already cleared). */
export const Q931UnknownCall = defineError('GW_ERR_Q931_UNKNOWN_CALL', 'No such Q.931 call');

/** A request that the call's state does not allow (Q.931 §5, Annex A). */
export const Q931CallState = defineError('GW_ERR_Q931_CALL_STATE', 'Request not allowed in the Q.931 call state');

/** A request with contents that cannot be sent (channel out of range, undecodable element values). */
export const Q931BadRequest = defineError('GW_ERR_Q931_BAD_REQUEST', 'Q.931 request cannot be encoded');

/** Every call reference value of the interface is in use (§4.3). */
export const Q931NoCallReference = defineError('GW_ERR_Q931_NO_CALL_REFERENCE', 'No free Q.931 call reference');

/** A received message could not be decoded (§5.8.1, §5.8.2): ignored. */
export const Q931Decode = defineError('GW_ERR_Q931_DECODE', 'Undecodable Q.931 message');

/** A received message with a call reference that is dummy, of the wrong length, or unknown (§5.8.3). */
export const Q931CallReference = defineError('GW_ERR_Q931_CALL_REFERENCE', 'Invalid Q.931 call reference');

/** A received message not compatible with the call state, or of a type not implemented (§5.8.4). */
export const Q931Unexpected = defineError('GW_ERR_Q931_UNEXPECTED_MESSAGE', 'Q.931 message not compatible with the call state');

/** A received message lacks a mandatory element or carries one with invalid contents (§5.8.5, §5.8.6). */
export const Q931BadIe = defineError('GW_ERR_Q931_BAD_IE', 'Q.931 information element missing or invalid');

/** A received RESTART or RESTART ACKNOWLEDGE that cannot be acted on (§5.5). */
export const Q931Restart = defineError('GW_ERR_Q931_RESTART', 'Q.931 restart procedure error');
