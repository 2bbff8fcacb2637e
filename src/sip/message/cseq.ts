// CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16). The number must fit 32 bits unsigned (§8.1.1.5).

import { err, ok, type Result } from '../../core/result.js';
import { isToken, skipLws } from './abnf.js';
import { DIGITS, digitsValue, spanOf } from './chars.js';
import { sipError, type SipError } from './errors.js';

export interface CSeq {
  readonly seq: number;
  /** case-sensitive, as methods are */
  readonly method: string;
}

const MAX = 0xffffffff;

export function parseCSeq(value: string): Result<CSeq, SipError> {
  // 1*DIGIT, then SP or HTAB, then a token up to the end.
  const digitsEnd = spanOf(value, DIGITS);
  const methodAt = skipLws(value, digitsEnd);
  const method = value.slice(methodAt);
  if (digitsEnd === 0 || methodAt === digitsEnd || !isToken(method)) {
    return err(sipError('SIP_BAD_CSEQ', `not "number method": ${JSON.stringify(value)}`));
  }
  const digits = value.slice(0, digitsEnd);
  const seq = digitsValue(digits);
  if (seq > MAX) return err(sipError('SIP_BAD_CSEQ', `sequence number ${digits} exceeds 2^32-1`));
  return ok({ seq, method });
}

export function formatCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}
