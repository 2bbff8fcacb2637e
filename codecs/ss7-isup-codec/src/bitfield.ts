// Generic codec for indicator parameters: a list of named bit fields over a 1- or 2-octet
// little-endian word (octet 1 holds bits A..H = 0..7, octet 2 bits I..P = 8..15), in the manner
// of Q.763's figures. Bits not covered by any field are kept in `spare` (only when non-zero)
// so that unusual senders are re-encoded byte for byte.
import { encodeFail } from './errors.js';
import type { ParamCodec } from './param-codec.js';

/** [name, first bit (0 = bit A of octet 1), width in bits, 'b' for a boolean or 'n' for a number] */
export type FieldRow = readonly [name: string, shift: number, width: number, kind: 'b' | 'n'];

type FieldValue<R extends FieldRow> = R[3] extends 'b' ? boolean : number;

/** The decoded object of a field table: one property per row, plus `spare` for stray bits. */
export type Fields<Rows extends readonly FieldRow[]> = {
  [R in Rows[number] as R[0]]: FieldValue<R>;
} & { spare?: number };

export function bitfieldCodec<const Rows extends readonly FieldRow[]>(
  octets: 1 | 2,
  rows: Rows,
): ParamCodec<Fields<Rows>> & { fromWord(v: number): Fields<Rows>; toWord(f: Fields<Rows>, place: readonly string[]): number } {
  let used = 0;
  for (const [, shift, width] of rows) used |= ((1 << width) - 1) << shift;
  const spareMask = (octets === 1 ? 0xff : 0xffff) & ~used;

  const fromWord = (v: number): Fields<Rows> => {
    const o: Record<string, number | boolean> = {};
    for (const [name, shift, width, kind] of rows) {
      const x = (v >>> shift) & ((1 << width) - 1);
      o[name] = kind === 'b' ? x === 1 : x;
    }
    const spare = v & spareMask;
    if (spare !== 0) o.spare = spare;
    return o as Fields<Rows>;
  };

  const toWord = (f: Fields<Rows>, place: readonly string[]): number => {
    const src = f as Record<string, number | boolean | undefined>;
    let v = 0;
    for (const [name, shift, width, kind] of rows) {
      const x = src[name];
      let n: number;
      if (kind === 'b') n = x === true ? 1 : 0;
      else {
        n = typeof x === 'number' ? x : 0;
        if (!Number.isInteger(n) || n < 0 || n >= 1 << width) encodeFail('BAD_VALUE', [...place, name], `${String(x)} does not fit ${width} bits`);
      }
      v |= n << shift;
    }
    const spare = src.spare;
    if (typeof spare === 'number') {
      if ((spare & ~spareMask) !== 0) encodeFail('BAD_VALUE', [...place, 'spare'], `spare ${spare} overlaps defined fields`);
      v |= spare;
    }
    return v;
  };

  return {
    fromWord,
    toWord,
    decode(b, off, len, ctx) {
      if (len !== octets) return ctx.fail('BAD_LENGTH', `expected ${octets} octet(s), got ${len}`);
      return fromWord(octets === 1 ? (b[off] as number) : (b[off] as number) | ((b[off + 1] as number) << 8));
    },
    encode(f, w, place) {
      const v = toWord(f, place);
      w.u8(v);
      if (octets === 2) w.u8(v >>> 8);
    },
  };
}

/** A single octet whose whole value is one number (calling party's category, TMR, ...). */
export const octetCodec: ParamCodec<number> = {
  decode(b, off, len, ctx) {
    if (len !== 1) return ctx.fail('BAD_LENGTH', `expected 1 octet, got ${len}`);
    return b[off];
  },
  encode(v, w, place) {
    if (!Number.isInteger(v) || v < 0 || v > 255) encodeFail('BAD_VALUE', place, `${v} is not an octet`);
    w.u8(v);
  },
};
