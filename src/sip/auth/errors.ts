// Errors of SIP Digest authentication (RFC 3261 §22, RFC 7616). Codes are stable; docs/errors.md
// lists them. Neither side throws them: the challenger returns them with the response to send
// (AuthFailure), the client returns them in a Result.
import { defineError } from '../../core/errors.js';

// DigestChallenger: why a request was not authenticated.

/** No credentials at all: the usual first request, answered with a challenge. */
export const AuthMissing = defineError('GW_ERR_SIP_AUTH_MISSING', 'No credentials');
/** Digest credentials only for other realms. */
export const AuthWrongRealm = defineError('GW_ERR_SIP_AUTH_WRONG_REALM', 'Credentials for another realm');
/** A credentials field breaks the grammar or lacks a required parameter (answered 400). */
export const AuthMalformed = defineError('GW_ERR_SIP_AUTH_MALFORMED', 'Malformed credentials');
/** The uri parameter is not the Request-URI (answered 400, RFC 7616 §3.4.6). */
export const AuthUriMismatch = defineError('GW_ERR_SIP_AUTH_URI_MISMATCH', 'Digest uri differs from the Request-URI');
/** An algorithm the challenger did not offer, or no qop=auth. */
export const AuthUnsupported = defineError('GW_ERR_SIP_AUTH_UNSUPPORTED', 'Digest algorithm or qop not offered');
/** The nonce was not issued by this challenger (bad encoding or signature: forged or tampered). */
export const AuthBadNonce = defineError('GW_ERR_SIP_AUTH_BAD_NONCE', 'Nonce not issued here');
/** The credential lookup knows no such username. */
export const AuthUnknownUser = defineError('GW_ERR_SIP_AUTH_UNKNOWN_USER', 'Unknown username');
/** The response is not the digest of the account's password. */
export const AuthBadResponse = defineError('GW_ERR_SIP_AUTH_BAD_RESPONSE', 'Digest response does not match');
/** A right response for an expired nonce: challenged again with stale=true. */
export const AuthStale = defineError('GW_ERR_SIP_AUTH_STALE', 'Nonce expired');
/** A right response whose nonce count is not above the last one accepted for the nonce. */
export const AuthReplay = defineError('GW_ERR_SIP_AUTH_REPLAY', 'Nonce count reused');

// DigestClient: why a challenge could not be answered.

/** The response holds no Digest challenge with an algorithm and qop the client supports. */
export const AuthNoChallenge = defineError('GW_ERR_SIP_AUTH_NO_CHALLENGE', 'No usable Digest challenge');
/** No credentials are configured for any realm challenged. */
export const AuthNoCredentials = defineError('GW_ERR_SIP_AUTH_NO_CREDENTIALS', 'No credentials for the challenged realm');
/** The request already carried credentials for the realm and the challenge is not stale. */
export const AuthRejected = defineError('GW_ERR_SIP_AUTH_REJECTED', 'Credentials rejected');
