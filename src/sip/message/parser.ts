// Parses octets into a SipMessage (RFC 3261 §7), keeping the body as octets. Never throws on
// wire input: every problem is a SipError (see errors.ts for the codes).

import { err, ok, type Result } from '../../core/result.js';
import { contentLengthOf, MISSING_ON_STREAM } from './content-length.js';
import { sipError, type SipError } from './errors.js';
import { leadingCrlf } from './framing.js';
import { parseFieldLines, splitHeaderSection } from './header-section.js';
import { checkedFields, checkMessage, CONTENT_LENGTH_SLOT } from './message-checks.js';
import { DEFAULT_MAX_MESSAGE_SIZE, type ParseOptions, type SipMessage } from './message.js';
import { copyOctets, findEmptyLine } from './octets.js';
import { parseStartLine } from './start-line.js';

const CR = 0x0d;
const LF = 0x0a;

/** Where the header section ends and the body starts; undefined if the section is unterminated. */
function locateBody(input: Uint8Array, start: number, datagram: boolean): { headerEnd: number; bodyStart: number } | undefined {
  const end = findEmptyLine(input, start);
  if (end >= 0) return { headerEnd: end, bodyStart: end + 4 };
  // A datagram's end also ends the header section if the last line is complete (RFC 4475 baddn).
  const n = input.length;
  if (datagram && input[n - 2] === CR && input[n - 1] === LF) return { headerEnd: n - 2, bodyStart: n };
  return undefined;
}

/**
 * Where the body ends in `input`: datagram, the rest of the datagram cut to Content-Length;
 * stream, exactly Content-Length octets (mandatory). Octets after the body are not part of
 * the message.
 */
function bodyEnd(
  input: Uint8Array,
  bodyStart: number,
  contentLength: number | undefined,
  options: ParseOptions,
  start: number,
): Result<number, SipError> {
  const stream = options.framing === 'stream';
  if (contentLength === undefined) return stream ? err(MISSING_ON_STREAM) : ok(input.length);
  const max = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  if (stream && bodyStart - start + contentLength > max) {
    return err(sipError('SIP_MESSAGE_TOO_LARGE', `message longer than ${max} octets`, start));
  }
  if (bodyStart + contentLength > input.length) {
    return err(
      sipError('SIP_BODY_TRUNCATED', `Content-Length ${contentLength} but ${input.length - bodyStart} body octets`, bodyStart),
    );
  }
  return ok(bodyStart + contentLength);
}

/**
 * Parses one SIP message. `input` is a whole datagram, or (framing 'stream') one message as
 * framed by frameMessage. The returned body is a copy: `input` may be reused afterwards.
 */
export function parseMessage(input: Uint8Array, options: ParseOptions = {}): Result<SipMessage, SipError> {
  const max = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  const datagram = options.framing !== 'stream';
  if (datagram && input.length > max) return err(sipError('SIP_MESSAGE_TOO_LARGE', `datagram longer than ${max} octets`, 0));
  const start = leadingCrlf(input);
  if (start >= input.length) return err(sipError('SIP_EMPTY_MESSAGE', 'no start line', start));
  const located = locateBody(input, start, datagram);
  if (located === undefined) return err(sipError('SIP_HEADERS_TRUNCATED', 'no empty line after the headers', input.length));
  const section = splitHeaderSection(input, start, located.headerEnd);
  const startLine = parseStartLine(section.startLine, start);
  if (!startLine.ok) return startLine;
  const fields = parseFieldLines(section.fieldText, section.fieldsAt);
  if (!fields.ok) return fields;
  const headers = fields.value;
  const checked = checkedFields(headers);
  const contentLength = contentLengthOf((checked[CONTENT_LENGTH_SLOT] ?? []).map((h) => h.value));
  if (!contentLength.ok) return contentLength;
  const end = bodyEnd(input, located.bodyStart, contentLength.value, options, start);
  if (!end.ok) return end;
  // A copy, so that the caller may reuse `input` (see octets.ts).
  const body = copyOctets(input, located.bodyStart, end.value);
  const line = startLine.value;
  const message: SipMessage =
    line.kind === 'request'
      ? { kind: 'request', method: line.method, uri: line.uri, headers, body }
      : { kind: 'response', status: line.status, reason: line.reason, headers, body };
  return checkMessage(message, options, checked);
}
