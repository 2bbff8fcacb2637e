// Call-ID = word [ "@" word ] (RFC 3261 §20.8, §25.1). Compared case-sensitively, octet by octet.

import { err, ok, type Result } from '../../core/result.js';
import { isWord } from './abnf.js';
import { isAll, WORD } from './chars.js';
import { sipError, type SipError } from './errors.js';

/** word [ "@" word ]: a compiled regular expression walks it faster than a loop over its chars. */
const CALL_ID = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+(?:@[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+)?$/;

export function parseCallId(value: string): Result<string, SipError> {
  if (CALL_ID.test(value)) return ok(value);
  const at = value.indexOf('@');
  // word holds no "@", so a second "@" fails the second word.
  const valid = at < 0 ? isWord(value) : isAll(value, WORD, 0, at) && isAll(value, WORD, at + 1);
  return valid ? ok(value) : err(sipError('SIP_BAD_HEADER', `Call-ID is not word["@"word]: ${JSON.stringify(value)}`));
}
