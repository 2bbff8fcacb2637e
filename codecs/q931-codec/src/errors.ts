// Decode and encode errors of the Q.921/Q.931 codec. The codes are stable: callers branch on
// `code`, and docs/q931-codec.md lists every one. No decoder throws on wire input.

/** Why a decode failed. Stable strings, never renamed once released. */
export type DecodeErrorCode =
  /** the input ends inside the address, control field, call reference, an identifier or a length octet */
  | 'TRUNCATED'
  /** an information element's length octet claims more octets than the message holds */
  | 'LENGTH_OVERFLOW'
  /** a length that the element's format excludes (a restart indicator of 2 octets, a 6-octet call reference) */
  | 'BAD_LENGTH'
  /** a field holds a value its definition excludes (an EA or extension bit, a chain that never ends) */
  | 'BAD_VALUE'
  /** a number digit octet with bit 8 set (digits are IA5 characters) */
  | 'BAD_DIGIT'
  /** the protocol discriminator is not Q.931 (0x08), or the TEI management entity is not 0x0F */
  | 'UNKNOWN_PROTOCOL'
  /** strict mode: a message type (Q.931, TEI management) or control field (Q.921) the tables do not know */
  | 'UNKNOWN_MESSAGE'
  /** strict mode: an information element the message type makes mandatory is absent */
  | 'MANDATORY_MISSING'
  /** strict mode: an information field on a frame type that has none, or octets after a TEI management message */
  | 'TRAILING_BYTES';

/**
 * A decode failure. `place` is the path to what failed, outermost first, e.g.
 * `['SETUP', 'channelIdentification', 'channelNumbers']` or `['control']`; `offset` is the octet
 * index in the input where it was found.
 */
export interface DecodeError {
  readonly code: DecodeErrorCode;
  readonly place: readonly string[];
  readonly offset: number;
  readonly message: string;
}

/** Why an encode failed (the object was wrong, not wire input). */
export type EncodeErrorCode = 'BAD_VALUE' | 'BAD_DIGIT' | 'LENGTH_OVERFLOW' | 'UNKNOWN_MESSAGE' | 'UNKNOWN_IE';

/** Thrown by the encoders; returned by the tryEncode functions. */
export class Q931EncodeError extends Error {
  readonly code: EncodeErrorCode;
  readonly place: readonly string[];
  constructor(code: EncodeErrorCode, place: readonly string[], message: string) {
    super(`${code} at ${place.join('.')}: ${message}`);
    this.name = 'Q931EncodeError';
    this.code = code;
    this.place = place;
  }
}

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** The failure result of a decoder. */
export function failure(code: DecodeErrorCode, place: readonly string[], offset: number, message: string): { ok: false; error: DecodeError } {
  return { ok: false, error: { code, place, offset, message } };
}

/**
 * Per-message context handed to every IE decoder. A decoder that fails calls `fail()` and
 * returns undefined; the message decoder then stops and reports `error`.
 */
export class DecodeContext {
  error: DecodeError | undefined = undefined;
  /** message name and IE name, set by the message decoder before each element */
  message = '';
  ie = '';
  /** offset of the element's first contents octet in the input */
  base = 0;

  fail(code: DecodeErrorCode, detail: string, at = 0, field?: string): undefined {
    const place = field === undefined ? [this.message, this.ie] : [this.message, this.ie, field];
    this.error = { code, place, offset: this.base + at, message: detail };
    return undefined;
  }
}

/**
 * Where an encoder is working: set before each element, turned into a path only when an error is
 * raised, so encoding builds no path arrays.
 */
export interface EncodePlace {
  message: string;
  ie: string;
}

/** The error path of `place`, optionally with a field inside the element. */
export function at(place: EncodePlace, field?: string): string[] {
  return field === undefined ? [place.message, place.ie] : [place.message, place.ie, field];
}

/** Raise an encode error. */
export function encodeFail(code: EncodeErrorCode, path: readonly string[], detail: string): never {
  throw new Q931EncodeError(code, path, detail);
}

/** `x` when it is an integer in 0..max, else an encode error BAD_VALUE at `place` (and `field`); the path is built only on failure. */
export function checkInt(x: unknown, max: number, place: EncodePlace, field?: string): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > max) encodeFail('BAD_VALUE', at(place, field), `${String(x)} is not an integer in 0..${max}`);
  return x;
}
