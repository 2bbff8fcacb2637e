// Max-Forwards = 1*DIGIT, an integer 0-255 (RFC 3261 §20.22); leading zeros are allowed.

import { err, ok, type Result } from '../../core/result.js';
import { DIGITS, digitsValue, isAll } from './chars.js';
import { sipError, type SipError } from './errors.js';

export function parseMaxForwards(value: string): Result<number, SipError> {
  const hops = isAll(value, DIGITS) ? digitsValue(value) : NaN;
  return hops <= 255 ? ok(hops) : err(sipError('SIP_BAD_HEADER', `Max-Forwards must be 0-255: ${JSON.stringify(value)}`));
}
