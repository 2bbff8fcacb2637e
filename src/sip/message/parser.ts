// Parses octets into a SipMessage (RFC 3261 §7), keeping the body as octets. Never throws on
// wire input: every problem is a SipError (see errors.ts for the codes).

import { err, ok, type Result } from '../../core/result.js';
import { MISSING_ON_STREAM, readContentLength } from './content-length.js';
import { sipError, type SipError } from './errors.js';
import { leadingCrlf } from './framing.js';
import { findEmptyLine, parseFieldLines, splitHeaderSection } from './header-section.js';
import { checkMessage } from './message-checks.js';
import { DEFAULT_MAX_MESSAGE_SIZE, type ParseOptions, type SipMessage } from './message.js';
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
 * The body octets (a view of `input`): datagram, the rest of the datagram cut to
 * Content-Length; stream, exactly Content-Length octets (mandatory). Octets after the body are
 * not part of the message.
 */
function readBody(
  input: Uint8Array,
  bodyStart: number,
  contentLength: number | undefined,
  options: ParseOptions,
  start: number,
): Result<Uint8Array, SipError> {
  const stream = options.framing === 'stream';
  if (contentLength === undefined) {
    if (stream) return err(MISSING_ON_STREAM);
    return ok(input.subarray(bodyStart));
  }
  const max = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  if (stream && bodyStart - start + contentLength > max) {
    return err(sipError('SIP_MESSAGE_TOO_LARGE', `message longer than ${max} octets`, start));
  }
  if (bodyStart + contentLength > input.length) {
    return err(
      sipError('SIP_BODY_TRUNCATED', `Content-Length ${contentLength} but ${input.length - bodyStart} body octets`, bodyStart),
    );
  }
  return ok(input.subarray(bodyStart, bodyStart + contentLength));
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
  const contentLength = readContentLength(headers);
  if (!contentLength.ok) return contentLength;
  const body = readBody(input, located.bodyStart, contentLength.value, options, start);
  if (!body.ok) return body;
  // Copy the body out of `input` into a plain Uint8Array (not a Buffer view of `input`).
  const message: SipMessage = { ...startLine.value, headers, body: new Uint8Array(body.value) };
  return checkMessage(message, options);
}
