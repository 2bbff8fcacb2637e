// The header table of a message or body part, and typed reads from it. Fields stay in wire
// order with their names as written; lookups ignore case and accept compact forms.

import { err, ok, type Result } from '../../core/result.js';
import { sipError, type SipError } from './errors.js';
import { headerKey } from './header-names.js';

/**
 * One header field: the name as written (e.g. `v`, `MaX-fOrWaRdS`) and the value with folding
 * replaced by one SP and LWS trimmed at both ends. Multi-value fields are not split here.
 */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

type Parse<T> = (value: string) => Result<T, SipError>;

/**
 * A field as the parser read it: a HeaderField (`name` and `value` are its only properties)
 * that also remembers, privately, what was worked out from them: the key, that the name is a
 * token and the value a line of latin1 text, and the last typed value read with readOne or
 * readList. Each is used only while the field still holds the very name or value it was worked
 * out from (compared on every use), so a field changed in place is read afresh. Typed values are
 * shared between readers: treat them as the read-only values their types say they are.
 */
export class ReceivedField implements HeaderField {
  // Set by the constructor (not class fields, which would be defined once more before it runs).
  declare readonly name: string;
  declare readonly value: string;
  readonly #name: string;
  readonly #value: string;
  readonly #key: string;
  #parse: Parse<unknown> | undefined;
  #typed: Result<unknown, SipError> | undefined;
  /** what the parser attached to the first field of a message (received-octets.ts) */
  #attached: unknown;

  /**
   * `name` must be a token and `value` hold no CR, LF or char above U+00FF (the parser checks);
   * `key`, if given, must be headerKey(name).
   */
  constructor(name: string, value: string, key: string = headerKey(name)) {
    this.name = name;
    this.value = value;
    this.#name = name;
    this.#value = value;
    this.#key = key;
  }

  /** headerKey(name), worked out once. */
  static keyOf(field: HeaderField): string {
    return #name in field && field.name === field.#name ? field.#key : headerKey(field.name);
  }

  /** Index of the first field of `headers` at or after `from` whose key (keyOf) is `key`; -1 if none. */
  static find(headers: readonly HeaderField[], key: string, from: number): number {
    for (let i = from; i < headers.length; i++) {
      const field = headers[i] as HeaderField;
      if ((#name in field && field.name === field.#name ? field.#key : headerKey(field.name)) === key) return i;
    }
    return -1;
  }

  /** Whether `field` is known to be writable as is: received, and unchanged since. */
  static isIntact(field: HeaderField): boolean {
    return #name in field && field.name === field.#name && field.value === field.#value;
  }

  /** Attaches `data` to `field` (a ReceivedField; others are left alone), out of sight of readers. */
  static attach(field: HeaderField | undefined, data: unknown): void {
    if (field !== undefined && #name in field) field.#attached = data;
  }

  /** What attach() put on `field`, if anything. */
  static attached(field: HeaderField | undefined): unknown {
    return field !== undefined && #name in field ? field.#attached : undefined;
  }

  /** parse(field.value), worked out once per parse function while the value is unchanged. */
  static typed<T>(field: HeaderField, parse: Parse<T>): Result<T, SipError> {
    if (!(#name in field) || field.value !== field.#value) return parse(field.value);
    if (field.#parse !== parse || field.#typed === undefined) {
      field.#typed = parse(field.#value);
      field.#parse = parse;
    }
    return field.#typed as Result<T, SipError>;
  }
}

/**
 * Whether `field` may go into another message as it is: it carries nothing of the message it was
 * read from (the first field of a parsed message carries that message's octets, header array and
 * body: received-octets.ts; sharing it would keep them alive as long as the new message).
 */
export function isShareable(field: HeaderField): boolean {
  return ReceivedField.attached(field) === undefined;
}

/** Values of every field called `name` (any case, or its compact form), in order. */
export function fieldValues(headers: readonly HeaderField[], name: string): string[] {
  return fieldsNamed(headers, name).map((h) => h.value);
}

function fieldsNamed(headers: readonly HeaderField[], name: string): HeaderField[] {
  const key = headerKey(name);
  return headers.filter((h) => ReceivedField.keyOf(h) === key);
}

/** `error` naming the header it concerns. */
export function inHeader(error: SipError, header: string): SipError {
  return { ...error, header };
}

/**
 * Reads a single-valued header with `parse`: undefined when absent, SIP_DUPLICATE_HEADER when
 * present twice, else what `parse` gives (its error naming `name`).
 */
export function readOne<T>(headers: readonly HeaderField[], name: string, parse: Parse<T>): Result<T | undefined, SipError> {
  // The usual case, one field, found without building the list of fields.
  const key = headerKey(name);
  const at = ReceivedField.find(headers, key, 0);
  if (at < 0) return ok(undefined);
  if (ReceivedField.find(headers, key, at + 1) >= 0) return readOneOf(fieldsNamed(headers, name), name, parse);
  const parsed = ReceivedField.typed(headers[at] as HeaderField, parse);
  return parsed.ok ? parsed : err(inHeader(parsed.error, name));
}

/** readOne given the fields called `name`. */
export function readOneOf<T>(fields: readonly HeaderField[], name: string, parse: Parse<T>): Result<T | undefined, SipError> {
  const [field] = fields;
  if (field === undefined) return ok(undefined);
  if (fields.length > 1) return err(inHeader(sipError('SIP_DUPLICATE_HEADER', `${name} appears ${fields.length} times`), name));
  const parsed = ReceivedField.typed(field, parse);
  return parsed.ok ? parsed : err(inHeader(parsed.error, name));
}

/**
 * Reads a list header (Via, Contact, Route, ...): `parse` turns one field value into its
 * elements, and the elements of every field called `name` are concatenated in order.
 */
export function readList<T>(headers: readonly HeaderField[], name: string, parse: Parse<readonly T[]>): Result<T[], SipError> {
  const key = headerKey(name);
  const all: T[] = [];
  for (let at = ReceivedField.find(headers, key, 0); at >= 0; at = ReceivedField.find(headers, key, at + 1)) {
    const parsed = ReceivedField.typed(headers[at] as HeaderField, parse);
    if (!parsed.ok) return err(inHeader(parsed.error, name));
    for (const value of parsed.value) all.push(value);
  }
  return ok(all);
}
