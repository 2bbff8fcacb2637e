// Content-Type (RFC 3261 §20.15, RFC 2045 §5.1): m-type SLASH m-subtype *( SEMI m-parameter ),
// m-parameter = m-attribute EQUAL m-value, m-value = token / quoted-string.
// e.g. `application/isup;version=itu-t92+;base=itu-t92+`, `multipart/mixed;boundary=unique-boundary-1`.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, trimLws } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatParams, parseParams, type Param } from './params.js';
import { MEDIA_TYPE as MEDIA_TYPE_SHAPE, ParamMarks, paramsOk } from './scan.js';

export interface ContentType {
  /** lowercase, e.g. `application` */
  readonly type: string;
  /** lowercase, e.g. `isup` */
  readonly subtype: string;
  /** values as written (see `unquote` for a quoted boundary) */
  readonly params: readonly Param[];
}

const MEDIA_TYPE = /^([^/;]*)\/([^;]*)(;.*)?$/s;

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_HEADER', message));

const MARKS = new ParamMarks();

/**
 * 1 when `value` is the usual `type/subtype *( ";" token "=" gen-value )` (no LWS, no quoted
 * value, each name once): what parseContentType accepts, checked without building it; 0 for
 * anything else, which parseContentType then reads.
 */
export function isSimpleContentType(value: string): number {
  const m = MEDIA_TYPE_SHAPE.exec(value);
  return m !== null && paramsOk(m[1] ?? '', MARKS) ? 1 : 0;
}

export function parseContentType(value: string): Result<ContentType, SipError> {
  const m = MEDIA_TYPE.exec(value);
  if (m === null) return bad(`not type/subtype: ${JSON.stringify(value)}`);
  const type = trimLws(m[1] ?? '');
  const subtype = trimLws(m[2] ?? '');
  if (!isToken(type) || !isToken(subtype)) return bad(`type and subtype must be tokens: ${JSON.stringify(value)}`);
  const params = parseParams(m[3] ?? '');
  if (!params.ok) return bad(params.error);
  if (params.value.some((p) => p.value === undefined)) return bad('media type parameters need a value');
  return ok({ type: type.toLowerCase(), subtype: subtype.toLowerCase(), params: params.value });
}

export function formatContentType(value: ContentType): string {
  return `${value.type}/${value.subtype}${formatParams(value.params)}`;
}
