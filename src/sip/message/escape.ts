// %HH escapes of URI components (RFC 3261 §19.1.1, RFC 3966). An escape stands for one octet;
// decoded values are latin1 byte strings like every other header string (see message.ts).

import { HEADER, HEX, isIn, PARAM, PASSWORD, spanOf, URIC, USER } from './chars.js';

/** The character class (chars.ts) of what each URI component may hold unescaped. */
export const URI_CHARS = { user: USER, password: PASSWORD, param: PARAM, header: HEADER, uric: URIC } as const;

const PERCENT = 0x25;

/**
 * Checks that `text` holds only characters of the class `allowed` (URI_CHARS) and well-formed
 * %HH escapes and returns it with the escapes decoded, or undefined.
 */
export function unescapeComponent(text: string, allowed: number): string | undefined {
  const n = text.length;
  let i = spanOf(text, allowed);
  if (i === n) return text;
  let out = text.slice(0, i);
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === PERCENT) {
      if (!isIn(text.charCodeAt(i + 1), HEX) || !isIn(text.charCodeAt(i + 2), HEX)) return undefined;
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (isIn(code, allowed)) out += text.charAt(i);
    else return undefined;
  }
  return out;
}

function escapeOctet(code: number): string {
  return `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Escapes every character of `text` that the class `allowed` does not hold (and every "%") as
 * %HH. A character above U+00FF, which no parsed value holds, is written as its UTF-8 octets.
 */
export function escapeComponent(text: string, allowed: number): string {
  if (spanOf(text, allowed) === text.length) return text;
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code !== PERCENT && isIn(code, allowed)) out += c;
    else if (code <= 0xff) out += escapeOctet(code);
    else for (const octet of Buffer.from(c, 'utf8')) out += escapeOctet(octet);
  }
  return out;
}
