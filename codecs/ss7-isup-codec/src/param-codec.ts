// The contract every parameter codec fulfils (one row of the PARAMS descriptor table).
import type { DecodeContext, EncodePlace } from './errors.js';
import type { Writer } from './writer.js';

export interface ParamCodec<T> {
  /**
   * Decode the value octets `b[off, off + len)` (no name, no length octet). The bounds are
   * already checked against the input; the codec checks `len` against its own format and
   * returns undefined after `ctx.fail(...)` when the octets do not fit it.
   */
  decode(b: Uint8Array, off: number, len: number, ctx: DecodeContext): T | undefined;
  /** Write the value octets; throws IsupEncodeError (via encodeFail) on an impossible value. */
  encode(v: T, w: Writer, place: EncodePlace): void;
}

/** One row of the parameter table (Q.763 §3 and Table 5). */
export interface ParamDescriptor<T = unknown> {
  readonly code: number;
  /** Q.763 clause that defines the format */
  readonly ref: string;
  readonly title: string;
  /** octets of the value when the length is fixed (needed for mandatory fixed placement) */
  readonly len?: number;
  readonly codec: ParamCodec<T>;
}

/** A row of any value type (codecs are invariant in their value type, so `unknown` will not do). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyParamDescriptor = ParamDescriptor<any>;

/** Kept-as-is parameter: the value octets, re-encoded byte for byte. */
export const rawCodec: ParamCodec<Uint8Array> = {
  decode: (b, off, len) => b.slice(off, off + len),
  encode: (v, w) => w.bytes(v),
};
