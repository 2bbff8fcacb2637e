// Parses octets into a SipMessage (RFC 3261 §7), keeping the body as octets. Never throws on
// wire input: every problem is a SipError (see errors.ts for the codes).

import { err, ok, type Result } from '../../core/result.js';
import { contentLengthOf, MISSING_ON_STREAM } from './content-length.js';
import { sipError, type SipError } from './errors.js';
import { leadingCrlf } from './framing.js';
import { parseFieldLines, splitHeaderSection, type FieldShape } from './header-section.js';
import { checkedFields, checkMessage, CONTENT_LENGTH_SLOT } from './message-checks.js';
import { DEFAULT_MAX_MESSAGE_SIZE, type ParseOptions, type SipMessage } from './message.js';
import { copyOctets, findEmptyLine } from './octets.js';
import { rememberOctets } from './received-octets.js';
import { parseStartLine, type StartLine } from './start-line.js';

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
  const shape: FieldShape = { canonical: false };
  const fields = parseFieldLines(section.fieldText, section.fieldsAt, shape);
  if (!fields.ok) return fields;
  const headers = fields.value;
  const checked = checkedFields(headers);
  const contentLength = contentLengthOf((checked[CONTENT_LENGTH_SLOT] ?? []).map((h) => h.value));
  if (!contentLength.ok) return contentLength;
  const end = bodyEnd(input, located.bodyStart, contentLength.value, options, start);
  if (!end.ok) return end;
  const line = startLine.value;
  const lengths = checked[CONTENT_LENGTH_SLOT];
  const bodyLength = end.value - located.bodyStart;
  // Written as serializeMessage would write it: then the octets are kept (received-octets.ts).
  const canonical =
    shape.canonical &&
    located.bodyStart === located.headerEnd + 4 &&
    lengths?.length === 1 &&
    lengths[0]?.value === String(bodyLength) &&
    isCanonicalStartLine(line, section.startLine);
  // A copy, so that the caller may reuse `input` (see octets.ts); the body is its tail.
  const octets = canonical ? copyOctets(input, start, end.value) : undefined;
  const body = octets === undefined ? copyOctets(input, located.bodyStart, end.value) : octets.subarray(located.bodyStart - start);
  const message: SipMessage =
    line.kind === 'request'
      ? { kind: 'request', method: line.method, uri: line.uri, headers, body }
      : { kind: 'response', status: line.status, reason: line.reason, headers, body };
  const result = checkMessage(message, options, checked);
  if (result.ok && octets !== undefined) rememberOctets(message, octets);
  return result;
}

/** Whether `text` is the start line exactly as serializeMessage writes `line`. */
function isCanonicalStartLine(line: StartLine, text: string): boolean {
  // parseStartLine took the parts between single SPs; only the version's case may differ.
  return line.kind === 'request' ? text.endsWith(' SIP/2.0') : text.startsWith('SIP/2.0 ');
}
