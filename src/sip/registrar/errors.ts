// Errors of the SIP registrar (RFC 3261 §10.3). Codes are stable; docs/errors.md lists them.
// They are not thrown: Registrar.handle returns one with the response it rejects a REGISTER with.
import { defineError } from '../../core/errors.js';

/** A header the registrar reads (To, From, Call-ID, CSeq, Contact, Expires) is malformed (400). */
export const RegisterBadRequest = defineError('GW_ERR_SIP_REGISTRAR_BAD_REQUEST', 'Malformed REGISTER');
/** Require names an extension the registrar does not support (420, §10.3 step 2). */
export const RegisterBadExtension = defineError('GW_ERR_SIP_REGISTRAR_BAD_EXTENSION', 'Unsupported extension required');
/** The account may not register this address-of-record, or From differs from To (403, step 5). */
export const RegisterForbidden = defineError('GW_ERR_SIP_REGISTRAR_FORBIDDEN', 'Not allowed to register this address-of-record');
/** A non-zero expiration below the minimum (423 with Min-Expires, step 7). */
export const RegisterIntervalTooBrief = defineError('GW_ERR_SIP_REGISTRAR_INTERVAL_TOO_BRIEF', 'Registration interval too brief');
/** A binding's Call-ID is the request's and its CSeq is not lower (400, step 7). */
export const RegisterOutOfOrder = defineError('GW_ERR_SIP_REGISTRAR_OUT_OF_ORDER', 'REGISTER out of order');
/** The update would leave the account more bindings than allowed (403). */
export const RegisterTooManyBindings = defineError('GW_ERR_SIP_REGISTRAR_TOO_MANY_BINDINGS', 'Too many bindings');
