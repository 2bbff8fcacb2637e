// CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16). The number must fit 32 bits unsigned (§8.1.1.5).

import { err, ok, type Result } from '../../core/result.js';
import { isToken } from './abnf.js';
import { sipError, type SipError } from './errors.js';

export interface CSeq {
  readonly seq: number;
  /** case-sensitive, as methods are */
  readonly method: string;
}

const CSEQ = /^([0-9]+)[ \t]+([^ \t]+)$/;
const MAX = 0xffffffff;

export function parseCSeq(value: string): Result<CSeq, SipError> {
  const m = CSEQ.exec(value);
  const [, digits = '', method = ''] = m ?? [];
  if (m === null || !isToken(method)) return err(sipError('SIP_BAD_CSEQ', `not "number method": ${JSON.stringify(value)}`));
  const seq = Number(digits);
  if (seq > MAX) return err(sipError('SIP_BAD_CSEQ', `sequence number ${digits} exceeds 2^32-1`));
  return ok({ seq, method });
}

export function formatCSeq(cseq: CSeq): string {
  return `${cseq.seq} ${cseq.method}`;
}
