// Header sections (RFC 3261 §7.3, RFC 2046 body-part headers): locating the empty line that
// ends them, splitting lines into fields with folding undone, and writing fields back.
//
// Header octets are decoded as latin1, one char per octet, so offsets into the text are octet
// offsets and writing the text back as latin1 restores the octets.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, skipLws, trimmed } from './abnf.js';
import { isIn, spanOf, TOKEN, WSP } from './chars.js';
import { sipError, type SipError } from './errors.js';
import { ReceivedField, type HeaderField } from './headers.js';
import { latin1 } from './octets.js';

const COLON = 0x3a;
const SP = 0x20;

function lineError(problem: string, offset: number): Result<never, SipError> {
  return err(sipError('SIP_BAD_HEADER', problem, offset));
}

/** Why the line text[at, end), which does not start with a token and ":", is malformed. */
function badNameLine(text: string, at: number, end: number): string {
  const colon = text.indexOf(':', at);
  if (colon < 0 || colon >= end) return `header line without ":": ${JSON.stringify(text.slice(at, end))}`;
  return `header name is not a token: ${JSON.stringify(trimmed(text, at, colon))}`;
}

/** Filled in by parseFieldLines: whether the lines are exactly as formatFields would write them. */
export interface FieldShape {
  /** every line `name: value` (one SP after the colon, no other LWS around the value), none folded */
  canonical: boolean;
}

/**
 * Splits header lines into fields. `text` holds the lines without the final empty line; `base`
 * is the octet offset of `text` in the input, for error offsets. A line starting with SP or
 * HTAB continues the previous field; each fold becomes one SP. `shape`, if given, is told
 * whether the text is canonical (see FieldShape).
 */
export function parseFieldLines(text: string, base: number, shape?: FieldShape): Result<HeaderField[], SipError> {
  const fields: HeaderField[] = [];
  if (text === '') return ok(fields);
  const n = text.length;
  // The field being read, added once its continuation lines are known.
  let name: string | undefined;
  let value = '';
  let canonical = true;
  for (let at = 0; at <= n; ) {
    // The line is text[at, end), up to the next CRLF: its first CR must be that CRLF's, and
    // its first LF too, or it holds a bare CR or LF.
    const cr = text.indexOf('\r', at);
    const lf = text.indexOf('\n', at);
    const end = cr < 0 ? n : cr;
    if (lf >= 0 ? lf !== cr + 1 || cr < 0 : cr >= 0) return lineError('bare CR or LF in a header line', base + at);
    if (isIn(text.charCodeAt(at), WSP)) {
      if (name === undefined) return lineError('continuation line before any header', base + at);
      canonical = false;
      const more = trimmed(text, at, end);
      value = value === '' ? more : more === '' ? value : `${value} ${more}`;
    } else {
      // A token, LWS, then ":".
      const nameEnd = spanOf(text, TOKEN, at, end);
      const colon = skipLws(text, nameEnd, end);
      if (nameEnd === at || text.charCodeAt(colon) !== COLON || colon === end) return lineError(badNameLine(text, at, end), base + at);
      if (name !== undefined) fields.push(new ReceivedField(name, value));
      name = text.slice(at, nameEnd);
      value = trimmed(text, colon + 1, end);
      canonical &&= colon === nameEnd && text.charCodeAt(colon + 1) === SP && value.length === end - colon - 2;
    }
    at = end + 2;
  }
  if (name !== undefined) fields.push(new ReceivedField(name, value));
  if (shape !== undefined) shape.canonical = canonical;
  return ok(fields);
}

/**
 * Splits the header section from octet `start` up to `end` (the CRLF CRLF, or the final CRLF,
 * that ends it) into the start line and the text of the header lines, which start at octet
 * `fieldsAt` (parse them with parseFieldLines).
 */
export function splitHeaderSection(
  bytes: Uint8Array,
  start: number,
  end: number,
): { readonly startLine: string; readonly fieldText: string; readonly fieldsAt: number } {
  const text = latin1(bytes, start, end);
  const eol = text.indexOf('\r\n');
  if (eol < 0) return { startLine: text, fieldText: '', fieldsAt: end };
  return { startLine: text.slice(0, eol), fieldText: text.slice(eol + 2), fieldsAt: start + eol + 2 };
}

/**
 * `name: value CRLF` for each field. Throws RangeError for a name that is not a token or a
 * value holding CR, LF or a character above U+00FF: those are programming errors.
 */
export function formatFields(headers: readonly HeaderField[]): string {
  let text = '';
  for (const { name, value } of headers) {
    if (!isToken(name)) throw new RangeError(`header name is not a token: ${JSON.stringify(name)}`);
    if (/[\r\n\u0100-\uffff]/.test(value)) throw new RangeError(`header ${name}: value holds CR, LF or a non-latin1 character`);
    text += `${name}: ${value}\r\n`;
  }
  return text;
}
