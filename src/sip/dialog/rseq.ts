// RSeq and RAck (RFC 3262 §7.1, §7.2): RSeq = response-num (1*DIGIT, 1 to 2^32-1);
// RAck = response-num LWS CSeq-num LWS Method, naming the reliable provisional response a PRACK
// acknowledges.
import { err, ok, type Result } from '../../core/result.js';
import { isToken } from '../message/abnf.js';
import type { SipError } from '../message/index.js';

export interface RAck {
  readonly rseq: number;
  readonly cseq: number;
  readonly method: string;
}

const MAX = 0xffffffff;
const bad = (header: string, value: string): Result<never, SipError> =>
  err({ code: 'SIP_BAD_HEADER', message: `malformed ${header}: ${JSON.stringify(value)}`, header });

function number(text: string): number | undefined {
  if (!/^[0-9]{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= MAX ? n : undefined;
}

export function parseRSeq(value: string): Result<number, SipError> {
  const n = number(value);
  return n === undefined ? bad('RSeq', value) : ok(n);
}

export function parseRAck(value: string): Result<RAck, SipError> {
  const [rseq = '', cseq = '', method = '', ...rest] = value.split(/[ \t]+/);
  const r = number(rseq);
  const c = /^[0-9]{1,10}$/.test(cseq) ? Number(cseq) : undefined;
  if (r === undefined || c === undefined || c > MAX || !isToken(method) || rest.length > 0) return bad('RAck', value);
  return ok({ rseq: r, cseq: c, method });
}

export function formatRAck(rack: RAck): string {
  return `${rack.rseq} ${rack.cseq} ${rack.method}`;
}
