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
import { readList, readOne } from './headers.js';
import { parseMaxForwards } from './max-forwards.js';
import type { ParseOptions, SipMessage } from './message.js';
import { parseRoute } from './route.js';
import { parseVia } from './via.js';

type Need = 'always' | 'requests' | 'never';

/** Single-valued headers: name, value parser, and when the header is mandatory. */
const SINGLE: readonly [string, (value: string) => Result<unknown, SipError>, Need][] = [
  ['From', parseFromTo, 'always'],
  ['To', parseFromTo, 'always'],
  ['Call-ID', parseCallId, 'always'],
  ['CSeq', parseCSeq, 'always'],
  ['Max-Forwards', parseMaxForwards, 'requests'],
  ['Content-Type', parseContentType, 'never'],
];

/** List headers: name, value parser, and whether at least one value is mandatory. */
const LISTS: readonly [string, (value: string) => Result<readonly unknown[], SipError>, boolean][] = [
  ['Via', parseVia, true],
  ['Contact', parseContact, false],
  ['Route', parseRoute, false],
  ['Record-Route', parseRoute, false],
];

function missing(header: string): SipError {
  return { ...sipError('SIP_MISSING_HEADER', `no ${header} header`), header };
}

/** Returns the message, or the first problem found: Via first, as a response needs it. */
export function checkMessage(message: SipMessage, options: ParseOptions): Result<SipMessage, SipError> {
  const request = message.kind === 'request';
  for (const [name, parse, required] of LISTS) {
    const values = readList(message.headers, name, parse);
    if (!values.ok) return values;
    if (values.value.length === 0 && required) return err(missing(name));
    if (name === 'Contact' && values.value.includes('*') && values.value.length > 1) {
      return err({ ...sipError('SIP_BAD_HEADER', 'Contact "*" must be the only Contact'), header: name });
    }
  }
  for (const [name, parse, need] of SINGLE) {
    const value = readOne(message.headers, name, parse);
    if (!value.ok) return value;
    const required = need === 'always' || (need === 'requests' && request && options.allowMissingMaxForwards !== true);
    if (value.value === undefined && required) return err(missing(name));
  }
  if (request) {
    const cseq = readOne(message.headers, 'CSeq', parseCSeq);
    if (cseq.ok && cseq.value !== undefined && cseq.value.method !== message.method) {
      return err({
        ...sipError('SIP_CSEQ_METHOD_MISMATCH', `CSeq method ${cseq.value.method} in a ${message.method} request`),
        header: 'CSeq',
      });
    }
  }
  return ok(message);
}
