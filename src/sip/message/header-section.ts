// Header sections (RFC 3261 §7.3, RFC 2046 body-part headers): locating the empty line that
// ends them, splitting lines into fields with folding undone, and writing fields back.
//
// Header octets are decoded as latin1, one char per octet, so offsets into the text are octet
// offsets and writing the text back as latin1 restores the octets.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, trimmed } from './abnf.js';
import { isIn, TOKEN } from './chars.js';
import { sipError, type SipError } from './errors.js';
import { CHECKED_KEYS, nameAt } from './header-names.js';
import { ReceivedField, type HeaderField } from './headers.js';
import { latin1 } from './octets.js';

const SP = 0x20;

function lineError(problem: string, offset: number): SipError {
  return sipError('SIP_BAD_HEADER', problem, offset);
}

/** Why the line text[at, end), which does not start with a token and ":", is malformed. */
function badNameLine(text: string, at: number, end: number): string {
  const colon = text.indexOf(':', at);
  if (colon < 0 || colon >= end) return `header line without ":": ${JSON.stringify(text.slice(at, end))}`;
  return `header name is not a token: ${JSON.stringify(trimmed(text, at, colon))}`;
}

/** Whether text[from, to) is a token (not empty). */
function allToken(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!isIn(text.charCodeAt(i), TOKEN)) return false;
  return true;
}

/** Filled in by parseFieldLines: whether the lines are exactly as formatFields would write them. */
export interface FieldShape {
  /** every line `name: value` (one SP after the colon, no other LWS around the value), none folded */
  canonical: boolean;
}

const HTAB = 0x09;

/** What scanFields found besides the fields (module state: scanFields is not reentrant, and nothing it calls parses). */
const scanned = {
  canonical: false,
  /** per slot of CHECKED_KEYS: index of the first field with that key, and how many there are */
  first: new Int32Array(CHECKED_KEYS.length),
  count: new Int32Array(CHECKED_KEYS.length),
};

/** The slots scanFields filled in for the last text it read (valid until the next call). */
export function scannedSlots(): { readonly canonical: boolean; readonly first: Int32Array; readonly count: Int32Array } {
  return scanned;
}

/**
 * Splits the header lines text[from, to) into fields (`to` defaults to the text's end; the text
 * after it, if any, is not read). `base` is the octet offset of text[0] in the input, for error
 * offsets. A line starting with SP or HTAB continues the previous
 * field; each fold becomes one SP. One pass: the line end (its CR must be a CRLF's, and no LF
 * may stand alone), the ":" (native indexOf), the name (a token) and its key (nameAt; the usual
 * names are held as one string each, not as cuts of the text), the value with LWS trimmed. Also
 * records in `scanned` whether the text is canonical (see FieldShape) and where the checked
 * headers are.
 */
export function scanFields(text: string, from: number, base: number, to: number = text.length): HeaderField[] | SipError {
  const fields: HeaderField[] = [];
  const { first, count } = scanned;
  for (let slot = 0; slot < count.length; slot++) count[slot] = 0;
  scanned.canonical = true;
  const n = to;
  if (from >= n) return fields;
  let canonical = true;
  for (let at = from; at <= n; ) {
    // The line is text[at, end), up to the next CRLF: its first CR must be that CRLF's (native
    // indexOf: faster than a loop over the chars), and the first LF after `at` too.
    let cr = text.indexOf('\r', at);
    if (cr < 0 || cr > n) cr = n;
    let lf = text.indexOf('\n', at);
    if (lf < 0 || lf > n) lf = n + 1;
    if (lf !== cr + 1) return lineError('bare CR or LF in a header line', base + at);
    const end = cr;
    let c = 0;
    const head = text.charCodeAt(at);
    if (head === SP || head === HTAB) {
      const last = fields.length - 1;
      const previous = fields[last];
      if (previous === undefined) return lineError('continuation line before any header', base + at);
      canonical = false;
      const more = trimmed(text, at, end);
      const value = previous.value === '' ? more : more === '' ? previous.value : `${previous.value} ${more}`;
      fields[last] = new ReceivedField(previous.name, value, ReceivedField.keyOf(previous));
      at = end + 2;
      continue;
    }
    // A token, LWS, then ":" (the first of the line: a token holds none). A name of the fixed
    // table (nameAt) is a token; any other is checked char by char.
    const colon = text.indexOf(':', at);
    let nameEnd = colon < 0 || colon > end ? at : colon;
    while (nameEnd > at && ((c = text.charCodeAt(nameEnd - 1)) === SP || c === HTAB)) nameEnd--;
    const found = nameEnd === at ? undefined : nameAt(text, at, nameEnd);
    if (found === undefined && !allToken(text, at, nameEnd)) return lineError(badNameLine(text, at, end), base + at);
    let valueAt = colon + 1;
    while (valueAt < end && ((c = text.charCodeAt(valueAt)) === SP || c === HTAB)) valueAt++;
    let valueEnd = end;
    while (valueEnd > valueAt && ((c = text.charCodeAt(valueEnd - 1)) === SP || c === HTAB)) valueEnd--;
    canonical &&= colon === nameEnd && valueAt === colon + 2 && valueEnd === end && text.charCodeAt(colon + 1) === SP;
    const value = text.slice(valueAt, valueEnd);
    if (found === undefined) fields.push(new ReceivedField(text.slice(at, nameEnd), value));
    else {
      const slot = found.slot;
      if (slot >= 0) {
        const seen = count[slot] ?? 0;
        if (seen === 0) first[slot] = fields.length;
        count[slot] = seen + 1;
      }
      fields.push(new ReceivedField(found.spelling ?? text.slice(at, nameEnd), value, found.key));
    }
    at = end + 2;
  }
  scanned.canonical = canonical;
  return fields;
}

/**
 * Splits header lines into fields. `text` holds the lines without the final empty line; `base`
 * is the octet offset of `text` in the input, for error offsets. A line starting with SP or
 * HTAB continues the previous field; each fold becomes one SP. `shape`, if given, is told
 * whether the text is canonical (see FieldShape).
 */
export function parseFieldLines(text: string, base: number, shape?: FieldShape): Result<HeaderField[], SipError> {
  const fields = scanFields(text, 0, base);
  if (!Array.isArray(fields)) return err(fields);
  if (shape !== undefined) shape.canonical = scanned.canonical;
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
