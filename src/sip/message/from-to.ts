// From and To (RFC 3261 §20.20, §20.39): ( name-addr / addr-spec ) *( SEMI ( tag-param / generic-param ) ).

import { err, ok, type Result } from '../../core/result.js';
import { isToken } from './abnf.js';
import { TOKEN } from './chars.js';
import { sipError, type SipError } from './errors.js';
import { formatNameAddr, fullNameAddr, matchNameAddr, matchNameAddrTokens, nameAddrOfMatch, unpair, type NameAddr } from './name-addr.js';
import { paramIndex, withoutParam, type Param } from './params.js';
import { allIn, FROM_TO_COMMON, nameIs, ParamMarks, paramsOk, splitParams } from './scan.js';
import { sipUriOfMatch } from './sip-uri.js';

export interface FromTo extends NameAddr {
  /** the dialog tag; `params` holds the other parameters */
  readonly tag?: string;
}

const MARKS = new ParamMarks();

/**
 * The usual From or To (scan.ts's name-addr, the tag parameter written `tag` with a token value):
 * the FromTo fullFromTo gives for it; undefined for anything else.
 */
export function simpleFromTo(value: string): FromTo | undefined {
  // The commonest: no header parameter but a tag, read with the rest by one expression.
  const common = FROM_TO_COMMON.exec(value);
  if (common !== null && paramsOk(common[5] ?? '', MARKS)) {
    const tag = common[6];
    if (tag !== undefined) return fromToOfMatch(common, [], tag);
    const uri = sipUriOfMatch(common, 2, false);
    const display = common[1];
    return display === undefined ? { uri, params: [] } : { displayName: unpair(display), uri, params: [] };
  }
  // Header parameter values are usually tokens: then the tag is one without a look at its chars.
  const usual = matchNameAddrTokens(value);
  const m = usual ?? matchNameAddr(value);
  if (m === null) return undefined;
  const ps = m[6] ?? '';
  // The usual parameters of a From or To with a tag: `;tag=token` alone.
  if (usual !== null && ps.startsWith(';tag=') && ps.indexOf(';', 1) < 0) return fromToOfMatch(m, [], ps.slice(5));
  const count = ps === '' ? 0 : splitParams(ps, MARKS);
  let tagAt = -1;
  for (let k = 0; k < count; k++) {
    const is = nameIs(ps, MARKS, k, 'tag');
    if (is === 2) return undefined;
    if (is === 1) tagAt = k;
  }
  if (tagAt < 0) return nameAddrOfMatch(m);
  const tagStart = MARKS.at[4 * tagAt + 2] ?? -1;
  const tagEnd = MARKS.at[4 * tagAt + 3] ?? -1;
  if (tagStart < 0 || (usual === null && !allIn(ps, tagStart, tagEnd, TOKEN))) return undefined;
  const tag = ps.slice(tagStart, tagEnd);
  const params: Param[] = [];
  for (let k = 0; k < count; k++) {
    if (k === tagAt) continue;
    const name = ps.slice(MARKS.at[4 * k], MARKS.at[4 * k + 1]);
    const valueStart = MARKS.at[4 * k + 2] ?? -1;
    params.push(valueStart < 0 ? { name } : { name, value: ps.slice(valueStart, MARKS.at[4 * k + 3]) });
  }
  return fromToOfMatch(m, params, tag);
}

/** The FromTo of a NAME_ADDR match given its header parameters other than the tag, and the tag. */
function fromToOfMatch(m: RegExpExecArray, params: Param[], tag: string): FromTo {
  const uri = sipUriOfMatch(m, 2, false);
  const display = m[1];
  return display === undefined ? { uri, params, tag } : { displayName: unpair(display), uri, params, tag };
}

export function parseFromTo(value: string): Result<FromTo, SipError> {
  const simple = simpleFromTo(value);
  return simple === undefined ? fullFromTo(value) : ok(simple);
}

/** parseFromTo without the one-pass reader of the usual shape. */
export function fullFromTo(value: string): Result<FromTo, SipError> {
  const parsed = fullNameAddr(value);
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
