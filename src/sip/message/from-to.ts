// From and To (RFC 3261 §20.20, §20.39): ( name-addr / addr-spec ) *( SEMI ( tag-param / generic-param ) ).

import { err, ok, type Result } from '../../core/result.js';
import { isToken } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatNameAddr, parseNameAddr, type NameAddr } from './name-addr.js';
import { paramIndex, withoutParam } from './params.js';

export interface FromTo extends NameAddr {
  /** the dialog tag; `params` holds the other parameters */
  readonly tag?: string;
}

export function parseFromTo(value: string): Result<FromTo, SipError> {
  const parsed = parseNameAddr(value);
  if (!parsed.ok) return parsed;
  const { displayName, uri, params } = parsed.value;
  const at = paramIndex(params, 'tag');
  if (at < 0) return parsed;
  const tag = params[at]?.value;
  if (tag === undefined || !isToken(tag)) return err(sipError('SIP_BAD_HEADER', 'tag must be a token'));
  const rest = withoutParam(params, at);
  return ok(displayName === undefined ? { uri, params: rest, tag } : { displayName, uri, params: rest, tag });
}

export function formatFromTo(value: FromTo): string {
  const params = value.tag === undefined ? value.params : [...value.params, { name: 'tag', value: value.tag }];
  return formatNameAddr({ ...value, params });
}
