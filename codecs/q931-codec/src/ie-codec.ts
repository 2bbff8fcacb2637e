// The contract every information element codec fulfils (one row of the IES descriptor table),
// and the helpers the codecs share for Q.931 §4.5.1 extension chains.
import { at, encodeFail, type DecodeContext, type EncodePlace } from './errors.js';
import type { Writer } from './writer.js';

export interface IeCodec<T> {
  /**
   * Decode the contents `b[off, off + len)` (no identifier, no length octet). The bounds are
   * already checked against the input; the codec checks `len` against its own format and returns
   * undefined after `ctx.fail(...)` when the octets do not fit it.
   */
  decode(b: Uint8Array, off: number, len: number, ctx: DecodeContext): T | undefined;
  /** Write the contents; throws Q931EncodeError (via encodeFail) on an impossible value. */
  encode(v: T, w: Writer, place: EncodePlace): void;
}

/** One row of the codeset 0 information element table (Q.931 §4.5, Table 4-3). */
export interface IeDescriptor<T = unknown> {
  /** identifier octet (bit 8 = 0: variable length) */
  readonly id: number;
  /** clause that defines the format */
  readonly ref: string;
  readonly title: string;
  readonly codec: IeCodec<T>;
}

/** A row of any value type (codecs are invariant in their value type, so `unknown` will not do). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyIeDescriptor = IeDescriptor<any>;

/** Kept-as-is element: the contents, re-encoded byte for byte. */
export const rawCodec: IeCodec<Uint8Array> = {
  decode: (b, off, len) => b.slice(off, off + len),
  encode: (v, w, place) => {
    if (!(v instanceof Uint8Array)) encodeFail('BAD_VALUE', at(place), 'the contents must be a Uint8Array');
    w.bytes(v);
  },
};

/**
 * End of the extension chain starting at `i` (Q.931 §4.5.1: bit 8 = 0 means "continues through
 * the next octet"): the index after its last octet, or -1 when the chain runs past `end`.
 */
export function chainEnd(b: Uint8Array, i: number, end: number): number {
  for (let j = i; j < end; j++) if (((b[j] as number) & 0x80) !== 0) return j + 1;
  return -1;
}

/** Check that `v` is an extension chain (bit 8 = 0 on every octet but the last), then write it. */
export function writeChain(v: unknown, w: Writer, place: EncodePlace, field: string): void {
  if (!(v instanceof Uint8Array) || v.length === 0 || chainEnd(v, 0, v.length) !== v.length) {
    encodeFail('BAD_VALUE', at(place, field), 'expected octets with bit 8 = 0 except on the last');
  }
  w.bytes(v);
}

/** Write `v` as plain octets (an optional tail kept as sent). */
export function writeOctets(v: unknown, w: Writer, place: EncodePlace, field: string): void {
  if (!(v instanceof Uint8Array)) encodeFail('BAD_VALUE', at(place, field), 'expected a Uint8Array');
  w.bytes(v);
}
