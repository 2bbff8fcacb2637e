// Decode and encode errors of the ISUP codec. Codes are stable: callers branch on `code`,
// and docs/isup-codec.md lists every one. The codec never throws on wire input.

/** Why a decode failed. Stable strings; never renamed once released. */
export type DecodeErrorCode =
  /** the input ends before a fixed part, pointer, length octet or value ends */
  | 'TRUNCATED'
  /** a pointer is zero where a parameter is mandatory, points into the pointer block or past the end */
  | 'BAD_POINTER'
  /** a length octet claims more octets than the message holds */
  | 'LENGTH_OVERFLOW'
  /** a mandatory variable parameter's pointer is 0 */
  | 'MANDATORY_MISSING'
  /** an address signal code that Q.763 §3.9 calls spare, or ST where it is not allowed */
  | 'BAD_DIGIT'
  /** strict mode: a message type code the variant does not know */
  | 'UNKNOWN_MESSAGE'
  /** a parameter's length is not one the parameter can have (e.g. a 2-octet indicator sent as 3) */
  | 'BAD_LENGTH'
  /** a field holds a value its definition excludes (e.g. an extension chain that never ends) */
  | 'BAD_VALUE'
  /** strict mode: octets after the last parameter */
  | 'TRAILING_BYTES';

/**
 * A decode failure: `place` is the path to what failed, message first, e.g.
 * `['IAM', 'calledPartyNumber']`; `offset` is the octet index in the input where it was found.
 */
export interface DecodeError {
  readonly code: DecodeErrorCode;
  readonly place: readonly string[];
  readonly offset: number;
  readonly message: string;
}

/** Why an encode failed (the message object, not wire input, was wrong). */
export type EncodeErrorCode =
  | 'BAD_DIGIT'
  | 'BAD_VALUE'
  | 'LENGTH_OVERFLOW'
  | 'MANDATORY_MISSING'
  | 'UNKNOWN_MESSAGE'
  | 'UNKNOWN_PARAMETER';

/** Thrown by `encode()`; returned by `tryEncode()`. */
export class IsupEncodeError extends Error {
  readonly code: EncodeErrorCode;
  readonly place: readonly string[];
  constructor(code: EncodeErrorCode, place: readonly string[], message: string) {
    super(`${code} at ${place.join('.')}: ${message}`);
    this.name = 'IsupEncodeError';
    this.code = code;
    this.place = place;
  }
}

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/**
 * Per-decode context handed to every parameter decoder. A decoder that fails calls `fail()`
 * and returns undefined; the message decoder then stops and reports `error`.
 */
export class DecodeContext {
  error: DecodeError | undefined = undefined;
  /** message acronym and parameter name, set by the message decoder before each parameter */
  message = '';
  param = '';
  /** offset of the parameter's first value octet in the input */
  base = 0;

  fail(code: DecodeErrorCode, detail: string, at = 0, field?: string): undefined {
    const place = field === undefined ? [this.message, this.param] : [this.message, this.param, field];
    this.error = { code, place, offset: this.base + at, message: detail };
    return undefined;
  }
}

/**
 * Where an encoder is working: set by the message encoder before each parameter, turned into
 * a path only when an error is raised, so encoding builds no path arrays.
 */
export interface EncodePlace {
  message: string;
  param: string;
}

/** The error path of `place`, optionally with a field inside the parameter. */
export function at(place: EncodePlace, field?: string): string[] {
  return field === undefined ? [place.message, place.param] : [place.message, place.param, field];
}

/** Raise an encode error. */
export function encodeFail(code: EncodeErrorCode, path: readonly string[], detail: string): never {
  throw new IsupEncodeError(code, path, detail);
}
