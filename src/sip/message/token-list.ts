// Lists of tokens: Allow = [Method *(COMMA Method)] (RFC 3261 §20.5); Supported, Require,
// Proxy-Require and Unsupported = option-tag lists (§20.37, §20.32, §20.29, §20.40).
// Methods and option tags are case-sensitive and kept as written.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, splitOutside, trimLws } from './abnf.js';
import { sipError, type SipError } from './errors.js';

/** Parses one field value; an empty value is an empty list, an empty element is an error. */
export function parseTokenList(value: string): Result<string[], SipError> {
  if (trimLws(value) === '') return ok([]);
  const items = splitOutside(value, ',');
  const badItem = items.find((item) => !isToken(item));
  return badItem === undefined ? ok(items) : err(sipError('SIP_BAD_HEADER', `not a token: ${JSON.stringify(badItem)}`));
}
