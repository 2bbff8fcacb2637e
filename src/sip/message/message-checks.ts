// Checks of a parsed message against RFC 3261 §8.1.1 and §20: the mandatory headers are
// present, single-valued ones appear once, and the headers this stack relies on parse.
// Other headers (Reason, Diversion, P-Asserted-Identity, Date, ...) are checked when read, so
// a malformed optional header does not make the whole message unusable.

import { err, ok, type Result } from '../../core/result.js';
import { parseCallId } from './call-id.js';
import { parseContact } from './contact.js';
import { parseContentType } from './content-type.js';
import { parseCSeq } from './cseq.js';
import { sipError, type SipError } from './errors.js';
import { parseFromTo } from './from-to.js';
import { headerKey } from './header-names.js';
import { inHeader, readOneOf, ReceivedField, type HeaderField } from './headers.js';
import { parseMaxForwards } from './max-forwards.js';
import type { ParseOptions, SipMessage } from './message.js';
import { parseRoute } from './route.js';
import { parseVia } from './via.js';

type Need = 'always' | 'requests' | 'never';

/** List headers: name, value parser, and whether at least one value is mandatory. */
const LISTS: readonly [string, (value: string) => Result<readonly unknown[], SipError>, boolean][] = [
  ['Via', parseVia, true],
  ['Contact', parseContact, false],
  ['Route', parseRoute, false],
  ['Record-Route', parseRoute, false],
];

/** Single-valued headers: name, value parser, and when the header is mandatory. */
const SINGLE: readonly [string, (value: string) => Result<unknown, SipError>, Need][] = [
  ['From', parseFromTo, 'always'],
  ['To', parseFromTo, 'always'],
  ['Call-ID', parseCallId, 'always'],
  ['CSeq', parseCSeq, 'always'],
  ['Max-Forwards', parseMaxForwards, 'requests'],
  ['Content-Type', parseContentType, 'never'],
];

/** Content-Length last: the parser reads it (readBody) before the checks. */
const CHECKED = [...LISTS, ...SINGLE].map(([name]) => name).concat('Content-Length');
const SLOT: ReadonlyMap<string, number> = new Map(CHECKED.map((name, i) => [headerKey(name), i]));
export const CONTENT_LENGTH_SLOT = CHECKED.length - 1;
const CSEQ_SLOT = CHECKED.indexOf('CSeq');
const NONE: readonly HeaderField[] = [];

/** The fields of the checked headers, by slot (CHECKED order), each in wire order. */
export type CheckedFields = readonly (readonly HeaderField[] | undefined)[];

/** One pass over the fields: every field of a header checked here. */
export function checkedFields(headers: readonly HeaderField[]): CheckedFields {
  const slots: (HeaderField[] | undefined)[] = new Array<HeaderField[] | undefined>(CHECKED.length).fill(undefined);
  for (const h of headers) {
    const slot = SLOT.get(ReceivedField.keyOf(h));
    if (slot === undefined) continue;
    const fields = slots[slot];
    if (fields === undefined) slots[slot] = [h];
    else fields.push(h);
  }
  return slots;
}

function missing(header: string): SipError {
  return { ...sipError('SIP_MISSING_HEADER', `no ${header} header`), header };
}

/**
 * Returns the message, or the first problem found: Via first, as a response needs it.
 * `fields` are the message's checkedFields. The typed values stay with the fields (see
 * ReceivedField), so reading them again with readOne or readList does not parse them again.
 */
export function checkMessage(message: SipMessage, options: ParseOptions, fields: CheckedFields): Result<SipMessage, SipError> {
  const request = message.kind === 'request';
  let slot = 0;
  for (const [name, parse, required] of LISTS) {
    let count = 0;
    let star = false;
    for (const field of fields[slot++] ?? NONE) {
      const values = ReceivedField.typed(field, parse);
      if (!values.ok) return err(inHeader(values.error, name));
      count += values.value.length;
      star ||= values.value.includes('*');
    }
    if (count === 0 && required) return err(missing(name));
    if (star && count > 1) return err({ ...sipError('SIP_BAD_HEADER', 'Contact "*" must be the only Contact'), header: name });
  }
  for (const [name, parse, need] of SINGLE) {
    const value = readOneOf(fields[slot++] ?? NONE, name, parse);
    if (!value.ok) return value;
    const required = need === 'always' || (need === 'requests' && request && options.allowMissingMaxForwards !== true);
    if (value.value === undefined && required) return err(missing(name));
  }
  if (request) {
    // Read before, so not parsed again (see ReceivedField).
    const cseq = readOneOf(fields[CSEQ_SLOT] ?? NONE, 'CSeq', parseCSeq);
    if (cseq.ok && cseq.value !== undefined && cseq.value.method !== message.method) {
      return err({
        ...sipError('SIP_CSEQ_METHOD_MISMATCH', `CSeq method ${cseq.value.method} in a ${message.method} request`),
        header: 'CSeq',
      });
    }
  }
  return ok(message);
}
