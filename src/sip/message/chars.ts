// Character classes of the RFC 3261 §25.1 grammar (and RFC 3966 for tel URIs) as bits of one
// table indexed by char code, so that a rule such as token is checked by a loop over char codes
// rather than a RegExp per value. Strings are latin1 byte strings (see message.ts): a char above
// U+00FF belongs to no class.

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGIT = '0123456789';
const ALPHANUM = ALPHA + DIGIT;
/** unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" */
const UNRESERVED = `${ALPHANUM}-_.!~*'()`;
const TOKEN_CHARS = `${ALPHANUM}-.!%*_+\`'~`;

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = 1 << 0;
/** word: the token characters plus ( ) < > : \ " / [ ] ? { } (Call-ID) */
export const WORD = 1 << 1;
/** user = 1*( unreserved / escaped / user-unreserved ), user-unreserved = & = + $ , ; ? / */
export const USER = 1 << 2;
/** password = *( unreserved / escaped / & = + $ , ) */
export const PASSWORD = 1 << 3;
/** paramchar = param-unreserved / unreserved / escaped, param-unreserved = [ ] / : & + $ */
export const PARAM = 1 << 4;
/** hname / hvalue = *( hnv-unreserved / unreserved / escaped ), hnv-unreserved = [ ] / ? : + $ */
export const HEADER = 1 << 5;
/** uric = reserved / unreserved / escaped, reserved = ; / ? : @ & = + $ , */
export const URIC = 1 << 6;
/** gen-value as token or host: the token characters plus ":" "[" "]" (IPv6) */
export const GEN_VALUE = 1 << 7;
export const DIGITS = 1 << 8;
export const HEX = 1 << 9;
/** SP and HTAB, the only white space of a byte string */
export const WSP = 1 << 10;
/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) after its first char */
export const SCHEME = 1 << 11;
/** RFC 3966 pname = 1*( alphanum / "-" ) */
export const PNAME = 1 << 12;
/** ALPHA */
export const LETTERS = 1 << 13;
/** a hostname label's letters and digits, and "_" (RFC 3261 forbids it, private names use it) */
export const LABEL = 1 << 14;

const TABLE = new Uint16Array(256);
function define(bit: number, chars: string): void {
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    TABLE[code] = (TABLE[code] ?? 0) | bit;
  }
}
define(TOKEN, TOKEN_CHARS);
define(WORD, `${TOKEN_CHARS}()<>:\\"/[]?{}`);
define(USER, `${UNRESERVED}&=+$,;?/`);
define(PASSWORD, `${UNRESERVED}&=+$,`);
define(PARAM, `${UNRESERVED}[]/:&+$`);
define(HEADER, `${UNRESERVED}[]/?:+$`);
define(URIC, `${UNRESERVED};/?:@&=+$,`);
define(GEN_VALUE, `${TOKEN_CHARS}:[]`);
define(DIGITS, DIGIT);
define(HEX, `${DIGIT}ABCDEFabcdef`);
define(WSP, ' \t');
define(SCHEME, `${ALPHANUM}+-.`);
define(PNAME, `${ALPHANUM}-`);
define(LETTERS, ALPHA);
define(LABEL, `${ALPHANUM}_`);

/** Whether the char code `code` is in every class of `bits`. */
export function isIn(code: number, bits: number): boolean {
  return code < 256 && ((TABLE[code] ?? 0) & bits) === bits;
}

/** Index of the first char at or after `from` (before `end`) not in `bits`; `end` if none. */
export function spanOf(text: string, bits: number, from = 0, end = text.length): number {
  let i = from;
  while (i < end && isIn(text.charCodeAt(i), bits)) i++;
  return i;
}

/**
 * The value of `digits`, a non-empty string of decimal digits: read by a loop up to 15 digits
 * (exact), which costs less than Number on a string just cut from a text; Number beyond.
 */
export function digitsValue(digits: string): number {
  const n = digits.length;
  if (n > 15) return Number(digits);
  let value = 0;
  for (let i = 0; i < n; i++) value = value * 10 + (digits.charCodeAt(i) - 0x30);
  return value;
}

/** Whether `text[from, end)` is non-empty and all in `bits`. */
export function isAll(text: string, bits: number, from = 0, end = text.length): boolean {
  return from < end && spanOf(text, bits, from, end) === end;
}
