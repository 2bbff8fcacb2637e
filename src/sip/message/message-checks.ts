// Checks of a parsed message against RFC 3261 §8.1.1 and §20: the mandatory headers are
// present, single-valued ones appear once, and the headers this stack relies on parse.
// Other headers (Reason, Diversion, P-Asserted-Identity, Date, ...) are checked when read, so
// a malformed optional header does not make the whole message unusable.

import { err, ok, type Result } from '../../core/result.js';
import { parseCallId } from './call-id.js';
import { isSimpleContact, parseContact } from './contact.js';
import { isSimpleContentType, parseContentType } from './content-type.js';
import { parseCSeq } from './cseq.js';
import { sipError, type SipError } from './errors.js';
import { parseFromTo } from './from-to.js';
import { CHECKED_KEYS } from './header-names.js';
import { inHeader, ReceivedField, type HeaderField } from './headers.js';
import { parseMaxForwards } from './max-forwards.js';
import type { ParseOptions, SipMessage } from './message.js';
import { isSimpleRoute, parseRoute } from './route.js';
import { parseVia } from './via.js';

type Need = 'always' | 'requests' | 'never';
type Parse = (value: string) => Result<unknown, SipError>;
/**
 * Elements in `value` when it is surely valid, read without building them (the typed value is
 * then built when first read); 0 when unsure (the parser then reads it).
 */
type Check = (value: string) => number;

/** A checked header: name, value parser, quick check if any, list or not, when it is mandatory. */
interface Checked {
  readonly name: string;
  readonly parse: Parse;
  readonly check: Check | undefined;
  readonly list: boolean;
  readonly need: Need;
}

/**
 * In slot order (CHECKED_KEYS): the lists first (Via first, as a response needs it), then the
 * single-valued ones. Via, From, To, Call-ID, CSeq and Max-Forwards are read at once into their
 * typed values (every layer reads them); Contact, Route, Record-Route and Content-Type are
 * checked by scanners that build nothing, and typed when first read.
 */
const CHECKED: readonly Checked[] = [
  { name: 'Via', parse: parseVia, check: undefined, list: true, need: 'always' },
  { name: 'Contact', parse: parseContact, check: isSimpleContact, list: true, need: 'never' },
  { name: 'Route', parse: parseRoute, check: isSimpleRoute, list: true, need: 'never' },
  { name: 'Record-Route', parse: parseRoute, check: isSimpleRoute, list: true, need: 'never' },
  { name: 'From', parse: parseFromTo, check: undefined, list: false, need: 'always' },
  { name: 'To', parse: parseFromTo, check: undefined, list: false, need: 'always' },
  { name: 'Call-ID', parse: parseCallId, check: undefined, list: false, need: 'always' },
  { name: 'CSeq', parse: parseCSeq, check: undefined, list: false, need: 'always' },
  { name: 'Max-Forwards', parse: parseMaxForwards, check: undefined, list: false, need: 'requests' },
  { name: 'Content-Type', parse: parseContentType, check: isSimpleContentType, list: false, need: 'never' },
];
if (CHECKED.some((c, i) => c.name.toLowerCase() !== CHECKED_KEYS[i])) throw new Error('CHECKED is not in CHECKED_KEYS order');
export const CONTENT_LENGTH_SLOT = CHECKED_KEYS.indexOf('content-length');
const CSEQ_SLOT = CHECKED_KEYS.indexOf('cseq');

/** Where the fields of the checked headers are, by slot (see scannedSlots). */
export interface Slots {
  readonly first: Int32Array;
  readonly count: Int32Array;
}

function missing(header: string): SipError {
  return { ...sipError('SIP_MISSING_HEADER', `no ${header} header`), header };
}

/** How many elements `field` holds (0 for none), or its error. */
function elements(field: HeaderField, c: Checked): number | SipError {
  if (c.check !== undefined) {
    const n = c.check(field.value);
    if (n > 0) return n;
  }
  const values = ReceivedField.typed(field, c.parse);
  if (!values.ok) return inHeader(values.error, c.name);
  const list = values.value as readonly unknown[];
  // Contact "*" counts as many elements as it may not share its header with.
  return list.length === 1 && list[0] === '*' ? 0x10000 : list.length;
}

/**
 * Returns the message, or the first problem found: Via first, as a response needs it. `slots`
 * tell where the checked fields are in message.headers. Typed values stay with the fields (see
 * ReceivedField), so reading them again with readOne or readList does not parse them again.
 */
export function checkMessage(message: SipMessage, options: ParseOptions, slots: Slots): Result<SipMessage, SipError> {
  const request = message.kind === 'request';
  const { headers } = message;
  const { first, count } = slots;
  for (let slot = 0; slot < CHECKED.length; slot++) {
    const c = CHECKED[slot] as Checked;
    const n = count[slot] ?? 0;
    if (c.list) {
      let total = 0;
      let star = false;
      if (n > 0) {
        const key = CHECKED_KEYS[slot];
        for (let i = first[slot] ?? 0, seen = 0; seen < n; i++) {
          const field = headers[i] as HeaderField;
          if (ReceivedField.keyOf(field) !== key) continue;
          seen++;
          const e = elements(field, c);
          if (typeof e !== 'number') return err(e);
          if (e === 0x10000) star = true;
          total += e === 0x10000 ? 1 : e;
        }
      }
      if (total === 0 && c.need === 'always') return err(missing(c.name));
      if (star && total > 1) return err({ ...sipError('SIP_BAD_HEADER', 'Contact "*" must be the only Contact'), header: c.name });
      continue;
    }
    if (n > 1) return err(inHeader(sipError('SIP_DUPLICATE_HEADER', `${c.name} appears ${n} times`), c.name));
    if (n === 0) {
      if (c.need === 'always' || (c.need === 'requests' && request && options.allowMissingMaxForwards !== true)) return err(missing(c.name));
      continue;
    }
    const field = headers[first[slot] ?? 0] as HeaderField;
    if (c.check !== undefined && c.check(field.value) > 0) continue;
    const value = ReceivedField.typed(field, c.parse);
    if (!value.ok) return err(inHeader(value.error, c.name));
  }
  if (request) {
    // Read above, so not parsed again (see ReceivedField).
    const cseq = ReceivedField.typed(headers[first[CSEQ_SLOT] ?? 0] as HeaderField, parseCSeq);
    if (cseq.ok && cseq.value.method !== message.method) {
      return err({ ...sipError('SIP_CSEQ_METHOD_MISMATCH', `CSeq method ${cseq.value.method} in a ${message.method} request`), header: 'CSeq' });
    }
  }
  return ok(message);
}
