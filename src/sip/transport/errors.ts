// Errors of the SIP transports and transport layer (RFC 3261 §18). Each is reported as an
// `error` event (and to the sender's onError), never thrown from a socket callback; only
// listen() rejects. docs/sip-transports.md lists every code.
import { defineError } from '../../core/errors.js';

/** A TCP or TLS connection could not be opened (refused, unreachable, timed out). */
export const ConnectFailed = defineError('GW_ERR_SIP_TRANSPORT_CONNECT_FAILED', 'Could not connect to the SIP peer');
/** The socket refused or failed a write, or the connection closed before it was written. */
export const SendFailed = defineError('GW_ERR_SIP_TRANSPORT_SEND_FAILED', 'Could not send the SIP message');
/** A datagram too large to send, or a stream message over maxMessageSize (connection closed). */
export const MessageTooLarge = defineError('GW_ERR_SIP_TRANSPORT_MESSAGE_TOO_LARGE', 'SIP message too large');
/** The TLS handshake failed (certificate not trusted or not matching, protocol error). */
export const TlsHandshake = defineError('GW_ERR_SIP_TRANSPORT_TLS_HANDSHAKE', 'TLS handshake failed');
/** A stream message's length cannot be known (bad or missing Content-Length): connection closed. */
export const BadFraming = defineError('GW_ERR_SIP_TRANSPORT_BAD_FRAMING', 'SIP stream framing lost');
/** The target URI cannot be resolved: not sip/sips, or its host has no address. */
export const ResolveFailed = defineError('GW_ERR_SIP_TRANSPORT_RESOLVE_FAILED', 'Could not resolve the SIP target');
/** No registered transport can carry the message (protocol or address family). */
export const NoTransport = defineError('GW_ERR_SIP_TRANSPORT_NO_TRANSPORT', 'No transport for the target');
/** The socket could not be bound (address in use, not local, no permission). */
export const ListenFailed = defineError('GW_ERR_SIP_TRANSPORT_LISTEN_FAILED', 'Could not listen');
