// Basic rules of the RFC 3261 §25.1 grammar shared by the header parsers: token, word,
// quoted-string, LWS, and splitting a value at separators that are not quoted or inside <>.
//
// Strings here are latin1 "byte strings" (one char per octet, see message.ts), so only SP and
// HTAB count as white space: String.prototype.trim and \s would also eat U+00A0, which is the
// octet 0xA0 of some UTF-8 sequence.

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const WORD = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+$/;

/** `token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")` */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** `word`, the token characters plus `( ) < > : \ " / [ ] ? { }` (Call-ID). */
export function isWord(text: string): boolean {
  return WORD.test(text);
}

export function isWsp(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Removes SP and HTAB at both ends. */
export function trimLws(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isWsp(text[a])) a++;
  while (b > a && isWsp(text[b - 1])) b--;
  return text.slice(a, b);
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
  return text.startsWith('"') && quotedEnd(text, 0) === text.length;
}

/** The content of a quoted-string with quoted-pairs resolved; any other text is returned as is. */
export function unquote(text: string): string {
  if (!isQuotedString(text)) return text;
  return text.slice(1, -1).replace(/\\([\s\S])/g, '$1');
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

/** Index of the first `char` that is neither inside a quoted-string nor between < and >; -1 if none. */
function indexOutside(text: string, char: string, from = 0): number {
  let inAngle = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && !inAngle) {
      const end = quotedEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === char && !inAngle) return i;
    else if (c === '<') inAngle = true;
    else if (c === '>') inAngle = false;
  }
  return -1;
}

/**
 * Splits at every `separator` that is not inside a quoted-string or <...> (header lists at ",",
 * parameters at ";"). Pieces are trimmed of LWS; an unterminated quote ends the splitting.
 */
export function splitOutside(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (;;) {
    const at = indexOutside(text, separator, from);
    if (at < 0) break;
    pieces.push(trimLws(text.slice(from, at)));
    from = at + 1;
  }
  pieces.push(trimLws(text.slice(from)));
  return pieces;
}
