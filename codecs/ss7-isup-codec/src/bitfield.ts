// Generic codec for indicator parameters: a list of named bit fields over a 1- or 2-octet
// little-endian word (octet 1 holds bits A..H = 0..7, octet 2 bits I..P = 8..15), in the manner
// of Q.763's figures. Bits not covered by any field are kept in `spare` (only when non-zero)
// so that unusual senders are re-encoded byte for byte.
import { at, encodeFail, type EncodePlace } from './errors.js';
import type { ParamCodec } from './param-codec.js';

/** [name, first bit (0 = bit A of octet 1), width in bits, 'b' for a boolean or 'n' for a number] */
export type FieldRow = readonly [name: string, shift: number, width: number, kind: 'b' | 'n'];

type FieldValue<R extends FieldRow> = R[3] extends 'b' ? boolean : number;

/** The decoded object of a field table: one property per row, plus `spare` for stray bits. */
export type Fields<Rows extends readonly FieldRow[]> = {
  [R in Rows[number] as R[0]]: FieldValue<R>;
} & { spare?: number };

type Pack = (f: object, place: EncodePlace, bad: typeof badField) => number;

/**
 * Specialised read and pack functions for a field table, compiled once at load (as ajv compiles
 * validators): named property access keeps decode and encode monomorphic, about twice as fast
 * as a keyed loop. Field names come only from our static tables and are checked to be plain
 * identifiers. Where compiling is refused (a browser Content-Security-Policy without
 * 'unsafe-eval'), the same logic runs as a loop.
 */
export function compile(rows: readonly FieldRow[], spareMask: number): { fromWord: (v: number) => object; pack: Pack } {
  for (const [name] of rows) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`bad field name ${name}`);
  const read = rows.map(([name, shift, width, kind]) => {
    const x = `((v >>> ${shift}) & ${(1 << width) - 1})`;
    return `${name}: ${kind === 'b' ? `${x} === 1` : x}`;
  });
  const checks = rows.map(([name, shift, width, kind]) =>
    kind === 'b'
      ? `if (f.${name} === true) v |= ${1 << shift};`
      : `x = f.${name}; if (typeof x === 'number' && x >= 0 && x <= ${(1 << width) - 1} && (x | 0) === x) v |= x << ${shift}; else if (x !== undefined) bad(place, '${name}', x, ${width});`,
  );
  try {
    return {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from our static rows, see above
      fromWord: new Function('v', `const o = { ${read.join(', ')} }; const s = v & ${spareMask}; if (s !== 0) o.spare = s; return o;`) as (v: number) => object,
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from our static rows, see above
      pack: new Function('f', 'place', 'bad', `let v = 0; let x; ${checks.join(' ')} return v;`) as Pack,
    };
  } catch {
    return interpreted(rows, spareMask);
  }
}

/** The same functions as compile(), as loops over the rows. */
export function interpreted(rows: readonly FieldRow[], spareMask: number): { fromWord: (v: number) => object; pack: Pack } {
  return {
    fromWord(v) {
      const o: Record<string, number | boolean> = {};
      for (const [name, shift, width, kind] of rows) {
        const x = (v >>> shift) & ((1 << width) - 1);
        o[name] = kind === 'b' ? x === 1 : x;
      }
      if ((v & spareMask) !== 0) o.spare = v & spareMask;
      return o;
    },
    pack(f, place, bad) {
      const src = f as Record<string, unknown>;
      let v = 0;
      for (const [name, shift, width, kind] of rows) {
        const x = src[name];
        if (kind === 'b') v |= x === true ? 1 << shift : 0;
        else if (typeof x === 'number' && x >= 0 && x < 1 << width && Number.isInteger(x)) v |= x << shift;
        else if (x !== undefined) bad(place, name, x, width);
      }
      return v;
    },
  };
}

function badField(place: EncodePlace, name: string, x: unknown, width: number): never {
  return encodeFail('BAD_VALUE', at(place, name), `${String(x)} does not fit ${width} bits`);
}

export function bitfieldCodec<const Rows extends readonly FieldRow[]>(
  octets: 1 | 2,
  rows: Rows,
): ParamCodec<Fields<Rows>> & { fromWord(v: number): Fields<Rows>; toWord(f: Fields<Rows>, place: EncodePlace): number } {
  let used = 0;
  for (const [, shift, width] of rows) used |= ((1 << width) - 1) << shift;
  const spareMask = (octets === 1 ? 0xff : 0xffff) & ~used;
  const compiled = compile(rows, spareMask);
  const fromWord = compiled.fromWord as (v: number) => Fields<Rows>;
  const pack = compiled.pack;

  const toWord = (f: Fields<Rows>, place: EncodePlace): number => {
    let v = pack(f, place, badField);
    const spare = (f as { spare?: unknown }).spare;
    if (typeof spare === 'number') {
      if ((spare & ~spareMask) !== 0) encodeFail('BAD_VALUE', at(place, 'spare'), `spare ${spare} overlaps defined fields`);
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
    if (!Number.isInteger(v) || v < 0 || v > 255) encodeFail('BAD_VALUE', at(place), `${v} is not an octet`);
    w.u8(v);
  },
};
