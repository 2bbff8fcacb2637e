// From and To (RFC 3261 §20.20, §20.39): ( name-addr / addr-spec ) *( SEMI ( tag-param / generic-param ) ).

import { err, ok, type Result } from '../../core/result.js';
import { isToken } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatNameAddr, parseNameAddr, type NameAddr } from './name-addr.js';
import { takeParams } from './params.js';

export interface FromTo extends NameAddr {
  /** the dialog tag; `params` holds the other parameters */
  readonly tag?: string;
}

export function parseFromTo(value: string): Result<FromTo, SipError> {
  const parsed = parseNameAddr(value);
  if (!parsed.ok) return parsed;
  const { taken, rest } = takeParams(parsed.value.params, ['tag']);
  const tag = taken.get('tag');
  if (tag === undefined) return ok({ ...parsed.value, params: rest });
  if (tag.value === undefined || !isToken(tag.value)) return err(sipError('SIP_BAD_HEADER', 'tag must be a token'));
  return ok({ ...parsed.value, tag: tag.value, params: rest });
}

export function formatFromTo(value: FromTo): string {
  const params = value.tag === undefined ? value.params : [...value.params, { name: 'tag', value: value.tag }];
  return formatNameAddr({ ...value, params });
}
