// Route and Record-Route (RFC 3261 §20.30, §20.34): name-addr *( SEMI rr-param ), comma-separated.
// The URI must be in <>, so the URI parameters (lr, ...) stay in the URI.

import type { Result } from '../../core/result.js';
import type { SipError } from './errors.js';
import { parseNameAddrList, type NameAddr } from './name-addr.js';

/** Parses a Route or Record-Route field value; format each entry with formatNameAddr. */
export function parseRoute(value: string): Result<NameAddr[], SipError> {
  return parseNameAddrList(value, true);
}
