// Named bit fields over a word of 1 or 2 octets, read big-endian (octet 1 holds bits 16..9 of a
// 2-octet word), as Q.921 and Q.931 draw them: bit 8 of an octet is its most significant bit.
// A layout names its fields, the bits that must hold a fixed value (EA and extension bits), and
// the bits its codec handles itself (e.g. "interface identifier present", derived from the
// presence of octet 3.1). Every other bit is spare: decoded into `spare` when a sender set it,
// so the octets re-encode exactly.
import { at, encodeFail, type EncodePlace } from './errors.js';

/** [name, shift (0 = bit 1 of the last octet), width in bits, 'b' boolean or 'n' number] */
export type FieldRow = readonly [name: string, shift: number, width: number, kind: 'b' | 'n'];

/** The decoded object of a layout: one property per row, plus `spare` for stray bits. */
export type Fields<Rows extends readonly FieldRow[]> = {
  [R in Rows[number] as R[0]]: R[3] extends 'b' ? boolean : number;
} & { spare?: number };

export interface LayoutBits {
  /** bits with a fixed value (mask and value): extension bits set to 1, EA bits */
  fixed?: readonly [mask: number, value: number];
  /** bits the caller reads and writes itself */
  own?: number;
}

type Bad = (place: EncodePlace, name: string, x: unknown, width: number) => never;
type Compiled = { read: (v: number) => object; pack: (f: object, place: EncodePlace, bad: Bad) => number };

/**
 * The read and pack functions of a layout, compiled once at load (as ajv compiles validators):
 * named property access keeps decoding monomorphic. Field names come only from our static tables
 * and are checked to be identifiers. Where compiling is refused (a Content-Security-Policy
 * without 'unsafe-eval'), `interpreted` runs the same logic as loops.
 */
export function compile(rows: readonly FieldRow[], spareMask: number, fixedValue: number): Compiled {
  for (const [name] of rows) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`bad field name ${name}`);
  const reads = rows.map(([name, shift, width, kind]) => {
    const x = `((v >>> ${shift}) & ${(1 << width) - 1})`;
    return `${name}: ${kind === 'b' ? `${x} === 1` : x}`;
  });
  const packs = rows.map(([name, shift, width, kind]) =>
    kind === 'b'
      ? `x = f.${name}; if (x === true) v |= ${1 << shift}; else if (x !== false && x !== undefined) bad(place, '${name}', x, 1);`
      : `x = f.${name}; if (typeof x === 'number' && (x | 0) === x && x >= 0 && x <= ${(1 << width) - 1}) v |= x << ${shift}; else bad(place, '${name}', x, ${width});`,
  );
  try {
    return {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from our static rows, see above
      read: new Function('v', `const o = { ${reads.join(', ')} }; const s = v & ${spareMask}; if (s !== 0) o.spare = s; return o;`) as Compiled['read'],
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled from our static rows, see above
      pack: new Function('f', 'place', 'bad', `let v = ${fixedValue}; let x; ${packs.join(' ')} return v;`) as Compiled['pack'],
    };
  } catch {
    return interpreted(rows, spareMask, fixedValue);
  }
}

/** The functions of compile(), as loops over the rows. */
export function interpreted(rows: readonly FieldRow[], spareMask: number, fixedValue: number): Compiled {
  return {
    read(v) {
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
      let v = fixedValue;
      for (const [name, shift, width, kind] of rows) {
        const x = src[name];
        if (kind === 'b') {
          if (x === true) v |= 1 << shift;
          else if (x !== false && x !== undefined) bad(place, name, x, 1);
        } else if (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 1 << width) v |= x << shift;
        else bad(place, name, x, width);
      }
      return v;
    },
  };
}

const badField: Bad = (place, name, x, width) => encodeFail('BAD_VALUE', at(place, name), `${String(x)} does not fit ${width} bit(s)`);

export interface Layout<F> {
  /** whether the fixed bits of `word` hold their values */
  fixedOk(word: number): boolean;
  /** the word at `b[off]` (big-endian) */
  word(b: Uint8Array, off: number): number;
  read(word: number): F;
  /** the word for `f`: its fields, its spare bits and the fixed bits (own bits are 0) */
  write(f: F, place: EncodePlace): number;
}

export function layout<const Rows extends readonly FieldRow[]>(octets: 1 | 2, rows: Rows, bits: LayoutBits = {}): Layout<Fields<Rows>> {
  const [fixedMask, fixedValue] = bits.fixed ?? [0, 0];
  let used = fixedMask | (bits.own ?? 0);
  for (const [, shift, width] of rows) used |= ((1 << width) - 1) << shift;
  const spareMask = (octets === 1 ? 0xff : 0xffff) & ~used;
  const c = compile(rows, spareMask, fixedValue);
  return {
    fixedOk: (w) => (w & fixedMask) === fixedValue,
    word: octets === 1 ? (b, off) => b[off] as number : (b, off) => ((b[off] as number) << 8) | (b[off + 1] as number),
    read: c.read as (w: number) => Fields<Rows>,
    write(f, place) {
      let v = c.pack(f, place, badField);
      const spare = (f as { spare?: unknown }).spare;
      if (spare !== undefined) {
        if (typeof spare !== 'number' || !Number.isInteger(spare) || (spare & ~spareMask) !== 0) {
          encodeFail('BAD_VALUE', at(place, 'spare'), `spare ${typeof spare === 'number' ? spare : typeof spare} is not a set of the spare bits 0x${spareMask.toString(16)}`);
        }
        v |= spare;
      }
      return v;
    },
  };
}
