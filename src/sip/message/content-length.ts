// Content-Length = 1*DIGIT (RFC 3261 §20.14): the body length in octets, which frames messages
// on streams. A second Content-Length makes the framing unknowable, so it is an error too.

import { err, ok, type Result } from '../../core/result.js';
import { DIGITS, digitsValue, isAll } from './chars.js';
import { sipError, type SipError } from './errors.js';
import { fieldValues, type HeaderField } from './headers.js';

/** The error for a stream message without Content-Length (RFC 3261 §18.3, §20.14). */
export const MISSING_ON_STREAM: SipError = {
  code: 'SIP_MISSING_HEADER',
  message: 'Content-Length is mandatory on streams',
  header: 'Content-Length',
};

export function parseContentLength(value: string): Result<number, SipError> {
  if (!isAll(value, DIGITS)) return err(sipError('SIP_BAD_CONTENT_LENGTH', `not a number of octets: ${JSON.stringify(value)}`));
  const length = digitsValue(value);
  if (!Number.isSafeInteger(length)) return err(sipError('SIP_BAD_CONTENT_LENGTH', `${value} is too large`));
  return ok(length);
}

/** The Content-Length of `headers`, undefined when absent; SIP_BAD_CONTENT_LENGTH when given twice. */
export function readContentLength(headers: readonly HeaderField[]): Result<number | undefined, SipError> {
  return contentLengthOf(fieldValues(headers, 'Content-Length'));
}

/** The Content-Length given the values of its fields, in wire order. */
export function contentLengthOf(values: readonly string[]): Result<number | undefined, SipError> {
  const [value] = values;
  if (value === undefined) return ok(undefined);
  const parsed = values.length > 1 ? err(sipError('SIP_BAD_CONTENT_LENGTH', 'more than one Content-Length')) : parseContentLength(value);
  return parsed.ok ? parsed : err({ ...parsed.error, header: 'Content-Length' });
}
