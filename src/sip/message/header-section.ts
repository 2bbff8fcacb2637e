// Header sections (RFC 3261 §7.3, RFC 2046 body-part headers): locating the empty line that
// ends them, splitting lines into fields with folding undone, and writing fields back.
//
// Header octets are decoded as latin1, one char per octet, so offsets into the text are octet
// offsets and writing the text back as latin1 restores the octets.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, isWsp, trimLws } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import type { HeaderField } from './headers.js';

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

/** A Buffer over the same memory as `bytes` (no copy), for indexOf and toString. */
export function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Index of the first CRLF CRLF at or after `from`, or -1. */
export function findEmptyLine(bytes: Uint8Array, from: number): number {
  return bufferView(bytes).indexOf(CRLFCRLF, from);
}

/** Octets `start` to `end` as a latin1 string. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return bufferView(bytes).toString('latin1', start, end);
}

/**
 * Splits header lines into fields. `text` holds the lines without the final empty line; `base`
 * is the octet offset of `text` in the input, for error offsets. A line starting with SP or
 * HTAB continues the previous field; each fold becomes one SP.
 */
export function parseFieldLines(text: string, base: number): Result<HeaderField[], SipError> {
  const fields: { name: string; value: string }[] = [];
  let offset = base;
  for (const line of text === '' ? [] : text.split('\r\n')) {
    const at = offset;
    offset += line.length + 2;
    if (/[\r\n]/.test(line)) return err(sipError('SIP_BAD_HEADER', 'bare CR or LF in a header line', at));
    const last = fields[fields.length - 1];
    if (isWsp(line[0])) {
      if (last === undefined) return err(sipError('SIP_BAD_HEADER', 'continuation line before any header', at));
      const more = trimLws(line);
      last.value = last.value === '' ? more : more === '' ? last.value : `${last.value} ${more}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) return err(sipError('SIP_BAD_HEADER', `header line without ":": ${JSON.stringify(line)}`, at));
    const name = trimLws(line.slice(0, colon));
    if (!isToken(name)) return err(sipError('SIP_BAD_HEADER', `header name is not a token: ${JSON.stringify(name)}`, at));
    fields.push({ name, value: trimLws(line.slice(colon + 1)) });
  }
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
