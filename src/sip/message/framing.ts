// Stream framing (RFC 3261 §18.3): on TCP and TLS a message ends Content-Length octets after the
// empty line that ends its header section, and CRLFs before a start line are ignored (§7.5)
// or are RFC 5626 keepalives (CRLFCRLF ping, CRLF pong).

import { sipError, type SipError } from './errors.js';
import { MISSING_ON_STREAM, readContentLength } from './content-length.js';
import { parseFieldLines, splitHeaderSection } from './header-section.js';
import { findEmptyLine } from './octets.js';
import { DEFAULT_MAX_MESSAGE_SIZE } from './message.js';

const CR = 0x0d;
const LF = 0x0a;

/** What the start of a stream buffer holds. */
export type Frame =
  /** one whole message: the first `length` octets (parse them with framing 'stream') */
  | { readonly kind: 'message'; readonly length: number }
  /** `length` octets of CRLF pairs to drop (a transport doing RFC 5626 keepalives counts them) */
  | { readonly kind: 'keepalive'; readonly length: number }
  /** the message is not complete yet: read more and call again with the longer buffer */
  | { readonly kind: 'need-more' }
  /** the framing cannot be known (bad or missing Content-Length, too large): close the connection */
  | { readonly kind: 'error'; readonly error: SipError };

/** How many leading octets are whole CRLF pairs. */
export function leadingCrlf(bytes: Uint8Array): number {
  let n = 0;
  while (bytes[n] === CR && bytes[n + 1] === LF) n += 2;
  return n;
}

/**
 * Frames the message at the start of `buffer`. Cutting the same octets at any point gives
 * 'need-more' until the message is whole, then the same length.
 */
export function frameMessage(buffer: Uint8Array, maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE): Frame {
  const crlf = leadingCrlf(buffer);
  if (crlf > 0) return { kind: 'keepalive', length: crlf };
  if (buffer.length === 0 || (buffer.length === 1 && buffer[0] === CR)) return { kind: 'need-more' };
  const tooLarge = (): Frame => ({
    kind: 'error',
    error: sipError('SIP_MESSAGE_TOO_LARGE', `message longer than ${maxMessageSize} octets`),
  });
  const end = findEmptyLine(buffer, 0);
  if (end < 0) return buffer.length >= maxMessageSize ? tooLarge() : { kind: 'need-more' };
  const bodyStart = end + 4;
  if (bodyStart > maxMessageSize) return tooLarge();
  const { fieldText, fieldsAt } = splitHeaderSection(buffer, 0, end);
  const fields = parseFieldLines(fieldText, fieldsAt);
  if (!fields.ok) return { kind: 'error', error: fields.error };
  const length = readContentLength(fields.value);
  if (!length.ok) return { kind: 'error', error: length.error };
  if (length.value === undefined) return { kind: 'error', error: MISSING_ON_STREAM };
  const total = bodyStart + length.value;
  if (total > maxMessageSize) return tooLarge();
  return buffer.length >= total ? { kind: 'message', length: total } : { kind: 'need-more' };
}
