// Address signals, Q.763 §3.9 (called party number) as used by every number parameter:
// two signals per octet, first in bits D-A, second in bits H-E; codes 0-9 are digits,
// 11 (B) and 12 (C) are the operator codes, 15 (F) is ST (end of pulsing); 10, 13, 14 are
// spare. With an odd count the last high nibble is a filler, normally 0000.
import { at, encodeFail, type DecodeContext, type EncodePlace } from './errors.js';
import type { Writer } from './writer.js';

const CHAR = '0123456789?BC??F';
/** nibble value → allowed (spare codes 10, 13, 14 are not) */
const SPARE = [false, false, false, false, false, false, false, false, false, false, true, false, false, true, true, false];

/** Two-signal strings for every octet whose nibbles are both digits, B, C or F (else undefined). */
const PAIRS: (string | undefined)[] = Array.from({ length: 256 }, (_, o) => {
  const lo = o & 0x0f;
  const hi = o >> 4;
  return SPARE[lo] === true || SPARE[hi] === true ? undefined : (CHAR[lo] as string) + (CHAR[hi] as string);
});

/** The error for the first bad signal at or after index `from`. */
function pairError(b: Uint8Array, off: number, from: number, n: number, allowST: boolean, ctx: DecodeContext, at: number): undefined {
  for (let i = from; i < n; i++) {
    const o = b[off + (i >> 1)] as number;
    const d = i & 1 ? o >> 4 : o & 0x0f;
    if (SPARE[d] === true) return ctx.fail('BAD_DIGIT', `spare address signal code ${d}`, at + (i >> 1), 'digits');
    if (d === 15 && (!allowST || i !== n - 1)) {
      return ctx.fail('BAD_DIGIT', allowST ? 'ST before the last address signal' : 'ST not allowed in this number', at + (i >> 1), 'digits');
    }
  }
  return ctx.fail('BAD_DIGIT', 'bad address signal', at, 'digits');
}

export interface DecodedDigits {
  digits: string;
  /** the filler nibble when it is not 0 (kept so the octets re-encode exactly) */
  filler?: number;
}

/**
 * Decode `len` octets of address signals starting at `off`; `odd` is the odd/even indicator.
 * ST is accepted only when `allowST` (called party number, subsequent number).
 */
export function decodeDigits(
  b: Uint8Array,
  off: number,
  len: number,
  odd: boolean,
  allowST: boolean,
  ctx: DecodeContext,
  at: number,
): DecodedDigits | undefined {
  const n = len * 2 - (odd ? 1 : 0);
  if (n < 0) return ctx.fail('BAD_LENGTH', 'odd indicator set but no address signals', at, 'digits');
  let s = '';
  const full = n >> 1;
  for (let k = 0; k < full; k++) {
    const pair = PAIRS[b[off + k] as number];
    if (pair === undefined) return pairError(b, off, k * 2, n, allowST, ctx, at);
    s += pair;
  }
  if ((n & 1) === 1) {
    const d = (b[off + full] as number) & 0x0f;
    if (SPARE[d] === true) return pairError(b, off, n - 1, n, allowST, ctx, at);
    s += CHAR[d];
  }
  // ST only as the last signal, and only where the parameter allows it.
  const st = s.indexOf('F');
  if (st >= 0 && (!allowST || st !== n - 1)) return pairError(b, off, st, n, allowST, ctx, at);
  if (odd && len > 0) {
    const filler = (b[off + len - 1] as number) >> 4;
    if (filler !== 0) return { digits: s, filler };
  }
  return { digits: s };
}

function code(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  switch (c) {
    case 66: case 98: return 11; // B b
    case 67: case 99: return 12; // C c
    case 70: case 102: return 15; // F f (ST)
    default: return -1;
  }
}

/** Number of octets `digits` occupies. */
export function digitOctets(digits: string): number {
  return (digits.length + 1) >> 1;
}

function checked(digits: string, j: number, allowST: boolean, place: EncodePlace, field: string): number {
  const d = code(digits.charCodeAt(j));
  if (d < 0) encodeFail('BAD_DIGIT', at(place, field), `'${digits[j] ?? ''}' is not an address signal (0-9, B, C, F)`);
  if (d === 15 && (!allowST || j !== digits.length - 1)) {
    encodeFail('BAD_DIGIT', at(place, field), 'ST (F) only as the last signal of a called or subsequent number');
  }
  return d;
}

/** Write the address signals of `digits`; returns whether the count is odd. */
export function encodeDigits(digits: string, w: Writer, allowST: boolean, place: EncodePlace, filler = 0, field = 'digits'): boolean {
  const n = digits.length;
  for (let i = 0; i < n; i += 2) {
    const lo = checked(digits, i, allowST, place, field);
    const hi = i + 1 < n ? checked(digits, i + 1, allowST, place, field) : filler & 0x0f;
    w.u8(lo | (hi << 4));
  }
  return (n & 1) === 1;
}

/** BCD digits with the first digit in the high nibble (CUG interlock code network identity). */
export function decodeBcdHighFirst(b: Uint8Array, off: number, octets: number, ctx: DecodeContext, field: string): string | undefined {
  let s = '';
  for (let i = 0; i < octets; i++) {
    const o = b[off + i] as number;
    for (const d of [o >> 4, o & 0x0f]) {
      if (d > 9) return ctx.fail('BAD_DIGIT', `non-BCD nibble ${d}`, i, field);
      s += String(d);
    }
  }
  return s;
}
