// Basic rules of the RFC 3261 §25.1 grammar shared by the header parsers: token, word,
// quoted-string, LWS, and splitting a value at separators that are not quoted or inside <>.
//
// Strings here are latin1 "byte strings" (one char per octet, see message.ts), so only SP and
// HTAB count as white space: String.prototype.trim and \s would also eat U+00A0, which is the
// octet 0xA0 of some UTF-8 sequence.

import { isAll, isIn, TOKEN, WORD, WSP } from './chars.js';

const DQUOTE = 0x22;
const LAQUOT = 0x3c;
const RAQUOT = 0x3e;

/** `token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")` */
export function isToken(text: string): boolean {
  return isAll(text, TOKEN);
}

/** `word`, the token characters plus `( ) < > : \ " / [ ] ? { }` (Call-ID). */
export function isWord(text: string): boolean {
  return isAll(text, WORD);
}

/** Index of the first char at or after `from` that is not SP or HTAB (`end` if none). */
export function skipLws(text: string, from: number, end = text.length): number {
  let i = from;
  while (i < end && isIn(text.charCodeAt(i), WSP)) i++;
  return i;
}

/** The end of `text[from, end)` once SP and HTAB are removed from its end. */
export function lwsEnd(text: string, from: number, end: number): number {
  let b = end;
  while (b > from && isIn(text.charCodeAt(b - 1), WSP)) b--;
  return b;
}

/** `text[from, end)` without SP and HTAB at either end. */
export function trimmed(text: string, from: number, end: number): string {
  const a = skipLws(text, from, end);
  const b = lwsEnd(text, a, end);
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

/** Removes SP and HTAB at both ends. */
export function trimLws(text: string): string {
  return trimmed(text, 0, text.length);
}

/** Octets a quoted-string may hold unescaped: qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII. */
function isQdtext(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code !== 0x22 && code !== 0x5c && code !== 0x7f);
}

/**
 * `text[start]` is a DQUOTE: returns the index just after the closing DQUOTE, or -1 when the
 * string is unterminated or holds a character that neither qdtext nor quoted-pair allows.
 */
export function quotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code === 0x5c) {
      const next = text.charCodeAt(++i);
      // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F); UTF-8 octets are accepted too.
      if (Number.isNaN(next) || next === 0x0a || next === 0x0d) return -1;
    } else if (!isQdtext(code)) return -1;
  }
  return -1;
}

export function isQuotedString(text: string): boolean {
  return text.charCodeAt(0) === DQUOTE && quotedEnd(text, 0) === text.length;
}

/** The content of a quoted-string with quoted-pairs resolved; any other text is returned as is. */
export function unquote(text: string): string {
  return isQuotedString(text) ? quotedContent(text, 0, text.length) : text;
}

/** The content of the quoted-string text[start, end) (as quotedEnd found it), quoted-pairs resolved. */
export function quotedContent(text: string, start: number, end: number): string {
  const content = text.slice(start + 1, end - 1);
  return content.includes('\\') ? content.replace(/\\([\s\S])/g, '$1') : content;
}

/**
 * A quoted-string holding `text`: characters qdtext does not allow become quoted-pairs. CR and
 * LF cannot be quoted at all; they are left for the serializer to refuse.
 */
export function quote(text: string): string {
  let out = '"';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += isQdtext(code) || code === 0x0a || code === 0x0d ? c : `\\${c}`;
  }
  return `${out}"`;
}

/** Whether `text` holds no DQUOTE and no "<", so that indexOutside is a plain indexOf. */
export function isPlain(text: string): boolean {
  return !text.includes('"') && !text.includes('<');
}

/**
 * Index of the first `char` at or after `from` that is neither inside a quoted-string nor
 * between < and >; -1 if none, or if a quoted-string is unterminated. `plain` is isPlain(text).
 */
export function indexOutside(text: string, char: string, from: number, plain: boolean): number {
  if (plain) return text.indexOf(char, from);
  const wanted = char.charCodeAt(0);
  let inAngle = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DQUOTE && !inAngle) {
      const end = quotedEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === wanted && !inAngle) return i;
    else if (c === LAQUOT) inAngle = true;
    else if (c === RAQUOT) inAngle = false;
  }
  return -1;
}

/**
 * Splits at every `separator` that is not inside a quoted-string or <...> (header lists at ",",
 * parameters at ";"). Pieces are trimmed of LWS; an unterminated quote ends the splitting.
 */
export function splitOutside(text: string, separator: string): string[] {
  // No separator at all: one piece (indexOutside could find none either).
  if (!text.includes(separator)) return [trimLws(text)];
  const pieces: string[] = [];
  const plain = isPlain(text);
  let from = 0;
  for (;;) {
    const at = indexOutside(text, separator, from, plain);
    if (at < 0) break;
    pieces.push(trimmed(text, from, at));
    from = at + 1;
  }
  pieces.push(trimmed(text, from, text.length));
  return pieces;
}
