// P-Asserted-Identity and P-Preferred-Identity (RFC 3325 §9.1, §9.2):
// PAssertedID-value *(COMMA PAssertedID-value), PAssertedID-value = name-addr / addr-spec.
// RFC 3325 defines no parameters; any present are kept in `params`.

import type { Result } from '../../core/result.js';
import type { SipError } from './errors.js';
import { parseNameAddrList, type NameAddr } from './name-addr.js';

/** Parses one field value (at most one sip/sips and one tel identity, by RFC 3325 §9.1). */
export function parsePAssertedIdentity(value: string): Result<NameAddr[], SipError> {
  return parseNameAddrList(value);
}
