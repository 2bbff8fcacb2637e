// %HH escapes of URI components (RFC 3261 §19.1.1, RFC 3966). An escape stands for one octet;
// decoded values are latin1 byte strings like every other header string (see message.ts).

/** unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" */
const UNRESERVED = "A-Za-z0-9\\-_.!~*'()";

/** Characters each URI component may hold unescaped, as regex classes of single characters. */
export const URI_CHARS = {
  /** user = 1*( unreserved / escaped / user-unreserved ), user-unreserved = & = + $ , ; ? / */
  user: new RegExp(`[${UNRESERVED}&=+$,;?/]`),
  /** password = *( unreserved / escaped / & = + $ , ) */
  password: new RegExp(`[${UNRESERVED}&=+$,]`),
  /** paramchar = param-unreserved / unreserved / escaped, param-unreserved = [ ] / : & + $ */
  param: new RegExp(`[${UNRESERVED}[\\]/:&+$]`),
  /** hname / hvalue = *( hnv-unreserved / unreserved / escaped ), hnv-unreserved = [ ] / ? : + $ */
  header: new RegExp(`[${UNRESERVED}[\\]/?:+$]`),
  /** uric = reserved / unreserved / escaped, reserved = ; / ? : @ & = + $ , */
  uric: new RegExp(`[${UNRESERVED};/?:@&=+$,]`),
} as const;

const HEX2 = /^[0-9A-Fa-f]{2}$/;

/**
 * Checks that `text` holds only characters matching `allowed` and well-formed %HH escapes and
 * returns it with the escapes decoded, or undefined.
 */
export function unescapeComponent(text: string, allowed: RegExp): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!HEX2.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else if (allowed.test(c)) out += c;
    else return undefined;
  }
  return out;
}

function escapeOctet(code: number): string {
  return `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Escapes every character of `text` that `allowed` does not match (and every "%") as %HH. A
 * character above U+00FF, which no parsed value holds, is written as its UTF-8 octets.
 */
export function escapeComponent(text: string, allowed: RegExp): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (c !== '%' && allowed.test(c)) out += c;
    else if (code <= 0xff) out += escapeOctet(code);
    else for (const octet of Buffer.from(c, 'utf8')) out += escapeOctet(octet);
  }
  return out;
}
