// Reason (RFC 3326): reason-value *(COMMA reason-value), reason-value = protocol *(SEMI reason-params),
// protocol = "SIP" / "Q.850" / token; cause = 1*DIGIT; text = quoted-string.
// e.g. `Q.850;cause=16;text="Normal call clearing"`.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, quote, splitOutside, trimLws, unquote } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatParams, parseParams, takeParams, type Param } from './params.js';

export interface Reason {
  /** as written: `SIP`, `Q.850`, or another token */
  readonly protocol: string;
  readonly cause?: number;
  /** the text, unquoted (a bare token is accepted too, as some peers send one) */
  readonly text?: string;
  /** the other parameters */
  readonly params: readonly Param[];
}

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_HEADER', message));

function parseReasonValue(item: string): Result<Reason, SipError> {
  const semi = item.indexOf(';');
  const protocol = trimLws(semi < 0 ? item : item.slice(0, semi));
  if (!isToken(protocol)) return bad(`Reason protocol is not a token: ${JSON.stringify(protocol)}`);
  const params = parseParams(semi < 0 ? '' : item.slice(semi));
  if (!params.ok) return bad(params.error);
  const { taken, rest } = takeParams(params.value, ['cause', 'text']);
  const cause = taken.get('cause');
  const text = taken.get('text');
  if (cause !== undefined && (cause.value === undefined || !/^[0-9]{1,9}$/.test(cause.value))) {
    return bad('Reason cause must be digits');
  }
  if (text !== undefined && text.value === undefined) return bad('Reason text needs a value');
  return ok({
    protocol,
    ...(cause?.value === undefined ? {} : { cause: Number(cause.value) }),
    ...(text?.value === undefined ? {} : { text: unquote(text.value) }),
    params: rest,
  });
}

export function parseReason(value: string): Result<Reason[], SipError> {
  const reasons: Reason[] = [];
  for (const item of splitOutside(value, ',')) {
    const reason = parseReasonValue(item);
    if (!reason.ok) return reason;
    reasons.push(reason.value);
  }
  return ok(reasons);
}

export function formatReason(reason: Reason): string {
  const typed: Param[] = [];
  if (reason.cause !== undefined) typed.push({ name: 'cause', value: String(reason.cause) });
  if (reason.text !== undefined) typed.push({ name: 'text', value: quote(reason.text) });
  return reason.protocol + formatParams([...typed, ...reason.params]);
}
