// The SIP UA core and its call handles (RFC 3261 §8, §12-§15; RFC 3262, RFC 3311, RFC 4028):
// what the layer above (interworking) uses. It knows nothing of ISUP: bodies are parts with
// their content types and dispositions.
export { UserAgent, type UaSend, type UserAgentEvents, type UserAgentOptions } from './user-agent.js';
export { ServerCall, type ProgressOptions, type ServerCallEvents } from './server-call.js';
export { ClientCall, type ClientCallEvents, type InviteOptions, type ProvisionalResponse } from './client-call.js';
export type { ByeOptions, RequestOptions, RequestOutcome, SessionEvents, Termination, TerminationCause } from './session-events.js';
export { IncomingRequest } from './incoming-request.js';
export type { ReceivedRequest, ReceivedResponse } from './received.js';
export type { BodyOptions, OutgoingPart, ReceivedBody, ReceivedPart } from './body.js';
export type { LocalAddress, ResponseOptions } from './builders.js';
export { ALLOWED_METHODS, BASE_ACCEPT, SUPPORTED_EXTENSIONS } from './capabilities.js';
export { BadParty, BadTarget, CallState, NoPrack, RequestPending, SessionExpired, SipStatusError } from './errors.js';
export { randomIds, type IdSource } from './ids.js';
export { TransportBinding } from './transport-binding.js';
