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

/** Values of every field called `name` (any case, or its compact form), in order. */
export function fieldValues(headers: readonly HeaderField[], name: string): string[] {
  const key = headerKey(name);
  return headers.filter((h) => headerKey(h.name) === key).map((h) => h.value);
}

function inHeader(error: SipError, header: string): SipError {
  return { ...error, header };
}

/**
 * Reads a single-valued header with `parse`: undefined when absent, SIP_DUPLICATE_HEADER when
 * present twice, else what `parse` gives (its error naming `name`).
 */
export function readOne<T>(
  headers: readonly HeaderField[],
  name: string,
  parse: (value: string) => Result<T, SipError>,
): Result<T | undefined, SipError> {
  const values = fieldValues(headers, name);
  const [value] = values;
  if (value === undefined) return ok(undefined);
  if (values.length > 1) return err(inHeader(sipError('SIP_DUPLICATE_HEADER', `${name} appears ${values.length} times`), name));
  const parsed = parse(value);
  return parsed.ok ? parsed : err(inHeader(parsed.error, name));
}

/**
 * Reads a list header (Via, Contact, Route, ...): `parse` turns one field value into its
 * elements, and the elements of every field called `name` are concatenated in order.
 */
export function readList<T>(
  headers: readonly HeaderField[],
  name: string,
  parse: (value: string) => Result<readonly T[], SipError>,
): Result<T[], SipError> {
  const all: T[] = [];
  for (const value of fieldValues(headers, name)) {
    const parsed = parse(value);
    if (!parsed.ok) return err(inHeader(parsed.error, name));
    all.push(...parsed.value);
  }
  return ok(all);
}
