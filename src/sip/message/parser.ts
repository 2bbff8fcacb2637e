// Parses octets into a SipMessage (RFC 3261 §7), keeping the body as octets. Never throws on
// wire input: every problem is a SipError (see errors.ts for the codes).

import { err, ok, type Result } from '../../core/result.js';
import { MISSING_ON_STREAM, parseContentLength } from './content-length.js';
import { sipError, type SipError } from './errors.js';
import { leadingCrlf } from './framing.js';
import { scanFields, scannedSlots } from './header-section.js';
import { ReceivedField, type HeaderField } from './headers.js';
import { checkMessage, CONTENT_LENGTH_SLOT } from './message-checks.js';
import { DEFAULT_MAX_MESSAGE_SIZE, type ParseOptions, type SipMessage } from './message.js';
import { copyOctets, findEmptyLine, latin1 } from './octets.js';
import { rememberOctets } from './received-octets.js';
import { parseStartLine, type StartLine } from './start-line.js';

const CR = 0x0d;
const LF = 0x0a;

/** Messages up to this many octets are decoded whole (see parseMessage). */
const WHOLE_TEXT_LIMIT = 4096;

/**
 * Where the header section ends and the body starts, given the offset of the first CRLF CRLF
 * (-1: none); undefined if the section is unterminated.
 */
function locateBody(input: Uint8Array, emptyLine: number, datagram: boolean): { headerEnd: number; bodyStart: number } | undefined {
  if (emptyLine >= 0) return { headerEnd: emptyLine, bodyStart: emptyLine + 4 };
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
  // The whole message as text when it is small (one decoding, and the empty line found by the
  // string's native indexOf); else the header section only, found in the octets.
  const small = input.length - start <= WHOLE_TEXT_LIMIT;
  const whole = small ? latin1(input, start, input.length) : '';
  const inText = small ? whole.indexOf('\r\n\r\n') : -1;
  const emptyLine = small ? (inText < 0 ? -1 : start + inText) : findEmptyLine(input, start);
  const located = locateBody(input, emptyLine, datagram);
  if (located === undefined) return err(sipError('SIP_HEADERS_TRUNCATED', 'no empty line after the headers', input.length));
  const textEnd = located.headerEnd - start;
  const text = small ? whole : latin1(input, start, located.headerEnd);
  // The first CRLF: the start line's end, at textEnd at the latest (there the section ends).
  const eol = text.indexOf('\r\n');
  const lineText = text.slice(0, eol < 0 ? textEnd : eol);
  const startLine = parseStartLine(lineText, start);
  if (!startLine.ok) return startLine;
  const headers = scanFields(text, eol < 0 ? textEnd : eol + 2, start, textEnd);
  if (!Array.isArray(headers)) return err(headers);
  const slots = scannedSlots();
  const shapeCanonical = slots.canonical;
  const lengths = slots.count[CONTENT_LENGTH_SLOT] ?? 0;
  const lengthField = lengths === 0 ? undefined : (headers[slots.first[CONTENT_LENGTH_SLOT] ?? 0] as HeaderField);
  const contentLength = lengthOf(lengthField, lengths);
  if (!contentLength.ok) return contentLength;
  const end = bodyEnd(input, located.bodyStart, contentLength.value, options, start);
  if (!end.ok) return end;
  const line = startLine.value;
  const bodyLength = end.value - located.bodyStart;
  // Written as serializeMessage would write it: then the octets are kept (received-octets.ts).
  const canonical =
    shapeCanonical &&
    located.bodyStart === located.headerEnd + 4 &&
    lengths === 1 &&
    contentLength.value === bodyLength &&
    lengthField?.value.length === decimalLength(bodyLength) &&
    isCanonicalStartLine(line, lineText);
  // A copy, so that the caller may reuse `input` (see octets.ts); the body is its tail.
  const octets = canonical ? copyOctets(input, start, end.value) : undefined;
  const body = octets === undefined ? copyOctets(input, located.bodyStart, end.value) : octets.subarray(located.bodyStart - start);
  const message: SipMessage =
    line.kind === 'request'
      ? { kind: 'request', method: line.method, uri: line.uri, headers, body }
      : { kind: 'response', status: line.status, reason: line.reason, headers, body };
  const result = checkMessage(message, options, slots);
  if (result.ok && octets !== undefined) rememberOctets(message, octets);
  return result;
}

/** The Content-Length given its field and how many there are: undefined when absent. */
function lengthOf(field: HeaderField | undefined, count: number): Result<number | undefined, SipError> {
  if (field === undefined) return ok(undefined);
  const parsed = count > 1 ? err(sipError('SIP_BAD_CONTENT_LENGTH', 'more than one Content-Length')) : ReceivedField.typed(field, parseContentLength);
  return parsed.ok ? parsed : err({ ...parsed.error, header: 'Content-Length' });
}

/** How many decimal digits `n` (a safe non-negative integer) is written with. */
function decimalLength(n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

/** Whether `text` is the start line exactly as serializeMessage writes `line`. */
function isCanonicalStartLine(line: StartLine, text: string): boolean {
  // parseStartLine took the parts between single SPs; only the version's case may differ.
  return line.kind === 'request' ? text.endsWith(' SIP/2.0') : text.startsWith('SIP/2.0 ');
}
