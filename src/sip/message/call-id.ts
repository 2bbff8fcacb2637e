// Call-ID = word [ "@" word ] (RFC 3261 §20.8, §25.1). Compared case-sensitively, octet by octet.

import { err, ok, type Result } from '../../core/result.js';
import { isWord } from './abnf.js';
import { sipError, type SipError } from './errors.js';

export function parseCallId(value: string): Result<string, SipError> {
  const parts = value.split('@');
  return parts.length <= 2 && parts.every(isWord)
    ? ok(value)
    : err(sipError('SIP_BAD_HEADER', `Call-ID is not word["@"word]: ${JSON.stringify(value)}`));
}
