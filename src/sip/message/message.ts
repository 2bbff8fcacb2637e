// A SIP message (RFC 3261 §7) as the parser gives it and the serializer takes it.
//
// Text and octets: the start line and the header fields are text, decoded as latin1 so that
// each char is one octet (a UTF-8 display name shows as its octets; Buffer.from(s, 'latin1')
// gives them back, and .toString('utf8') the characters). Serializing writes the same octets.
// The body is never decoded: it is the octets as received.

import type { HeaderField } from './headers.js';

interface MessageBase {
  /** in wire order, names as written; read them with fieldValues, readOne and readList */
  readonly headers: readonly HeaderField[];
  /**
   * exactly the body octets: a copy, never a view of the input (which the caller may reuse),
   * cut from a shared slab (see octets.ts: read it through this Uint8Array, not `.buffer`)
   */
  readonly body: Uint8Array;
}

export interface SipRequest extends MessageBase {
  readonly kind: 'request';
  /** case-sensitive token, e.g. INVITE */
  readonly method: string;
  /** the Request-URI as written (checked by the parser; see parseUri for its parts) */
  readonly uri: string;
}

export interface SipResponse extends MessageBase {
  readonly kind: 'response';
  /** 100-699 */
  readonly status: number;
  /** may be empty */
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

/** UDP's largest payload; also the default limit on stream messages. */
export const DEFAULT_MAX_MESSAGE_SIZE = 65535;

export interface ParseOptions {
  /**
   * `datagram` (default: UDP): the body is the rest of the datagram, cut to Content-Length when
   * that is shorter (RFC 3261 §18.3). `stream` (TCP, TLS): Content-Length is mandatory and is
   * the body length; frame the stream with frameMessage first.
   */
  readonly framing?: 'datagram' | 'stream';
  /** octets; larger messages give SIP_MESSAGE_TOO_LARGE. Default DEFAULT_MAX_MESSAGE_SIZE. */
  readonly maxMessageSize?: number;
  /** accept requests without Max-Forwards, as RFC 2543 peers send them (default false) */
  readonly allowMissingMaxForwards?: boolean;
}
