// Contact (RFC 3261 §20.10): STAR / contact-param *( COMMA contact-param ),
// contact-param = ( name-addr / addr-spec ) *( SEMI ( c-p-q / c-p-expires / contact-extension ) ).

import { err, ok, type Result } from '../../core/result.js';
import { splitOutside } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatNameAddr, parseNameAddr, type NameAddr } from './name-addr.js';
import { paramIndex, withoutParam } from './params.js';
import { DIGITS, isAll } from './chars.js';
import { ADDRESS_COMMON, allIn, nameAddrList, nameAddrOk, nameIs, ParamMarks, splitParams } from './scan.js';

export interface ContactAddress extends NameAddr {
  /** seconds; a value above 2^32-1 reads as 2^32-1. `params` holds the other parameters (q, ...) */
  readonly expires?: number;
}

/** `*` (REGISTER: remove all bindings) or an address. */
export type Contact = '*' | ContactAddress;

const MAX_EXPIRES = 0xffffffff;

function parseContactParam(text: string): Result<ContactAddress, SipError> {
  const parsed = parseNameAddr(text);
  if (!parsed.ok) return parsed;
  const { displayName, uri, params } = parsed.value;
  const at = paramIndex(params, 'expires');
  if (at < 0) return parsed;
  const value = params[at]?.value;
  if (value === undefined || !isAll(value, DIGITS)) return err(sipError('SIP_BAD_HEADER', 'expires must be delta-seconds'));
  const expires = Math.min(Number(value), MAX_EXPIRES);
  const rest = withoutParam(params, at);
  return ok(displayName === undefined ? { uri, params: rest, expires } : { displayName, uri, params: rest, expires });
}

const MARKS = new ParamMarks();

/** A NAME_ADDR match as parseContactParam accepts it: valid, with a valid `expires` if any. */
function contactOk(m: RegExpExecArray): boolean {
  if (!nameAddrOk(m, MARKS)) return false;
  const ps = m[6] ?? '';
  const count = ps === '' ? 0 : splitParams(ps, MARKS);
  for (let k = 0; k < count; k++) {
    const is = nameIs(ps, MARKS, k, 'expires');
    if (is === 2) return false;
    if (is === 1) {
      const from = MARKS.at[4 * k + 2] ?? -1;
      return from >= 0 && allIn(ps, from, MARKS.at[4 * k + 3] ?? -1, DIGITS);
    }
  }
  return true;
}

/**
 * How many addresses `value` holds when it is a list of usual name-addrs (scan.ts) with a valid
 * `expires` if any: what parseContact accepts, checked without building it; 0 for anything else
 * (`*` included), which parseContact then reads.
 */
export function isSimpleContact(value: string): number {
  // One address without header parameters (so without expires): the commonest.
  return ADDRESS_COMMON.test(value) ? 1 : nameAddrList(value, contactOk);
}

/** Parses a Contact field value; `*` must stand alone. */
export function parseContact(value: string): Result<Contact[], SipError> {
  const items = splitOutside(value, ',');
  if (items.includes('*')) {
    return items.length === 1 ? ok(['*']) : err(sipError('SIP_BAD_HEADER', 'Contact "*" must stand alone'));
  }
  const contacts: Contact[] = [];
  for (const item of items) {
    const contact = parseContactParam(item);
    if (!contact.ok) return contact;
    contacts.push(contact.value);
  }
  return ok(contacts);
}

export function formatContact(contact: Contact): string {
  if (contact === '*') return '*';
  const params = contact.expires === undefined ? contact.params : [...contact.params, { name: 'expires', value: String(contact.expires) }];
  return formatNameAddr({ ...contact, params });
}
