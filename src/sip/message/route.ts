// Route and Record-Route (RFC 3261 §20.30, §20.34): name-addr *( SEMI rr-param ), comma-separated.
// The URI must be in <>, so the URI parameters (lr, ...) stay in the URI.

import type { Result } from '../../core/result.js';
import type { SipError } from './errors.js';
import { parseNameAddrList, type NameAddr } from './name-addr.js';
import { ADDRESS_COMMON, nameAddrList, nameAddrOk, ParamMarks } from './scan.js';

const MARKS = new ParamMarks();
const valid = (m: RegExpExecArray): boolean => nameAddrOk(m, MARKS);

/**
 * How many entries `value` holds when it is a list of usual name-addrs (scan.ts): what parseRoute
 * accepts, checked without building it; 0 for anything else, which parseRoute then reads.
 */
export function isSimpleRoute(value: string): number {
  return ADDRESS_COMMON.test(value) ? 1 : nameAddrList(value, valid);
}

/** Parses a Route or Record-Route field value; format each entry with formatNameAddr. */
export function parseRoute(value: string): Result<NameAddr[], SipError> {
  return parseNameAddrList(value, true);
}
