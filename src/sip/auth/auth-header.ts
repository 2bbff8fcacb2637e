// The values of WWW-Authenticate, Proxy-Authenticate, Authorization and Proxy-Authorization
// (RFC 3261 §20.7, §20.27, §20.28, §20.44, §25.1; RFC 7235 §2.1, §4.1):
//   challenge / credentials = auth-scheme LWS auth-param *( COMMA auth-param )
//   auth-param              = auth-param-name EQUAL ( token / quoted-string )
// RFC 3261 puts one challenge in a field; RFC 7235 lets one field hold several, e.g.
// `Digest realm="a", nonce="n", algorithm=SHA-256, Digest realm="a", nonce="n"`: a list element
// that starts with a token and LWS before any "=" starts the next one. Both forms are read.

import { err, ok, type Result } from '../../core/result.js';
import type { SipError } from '../message/index.js';
import { isQuotedString, isToken, splitOutside, trimLws } from '../message/abnf.js';

/** `name=value`; the value is a token or a quoted-string, kept as written (see `unquote`). */
export interface AuthParam {
  readonly name: string;
  readonly value: string;
}

/** One challenge or credentials: the scheme as written and its parameters in order. */
export interface AuthValue {
  readonly scheme: string;
  /** every name appears once, compared ignoring case */
  readonly params: readonly AuthParam[];
}

const bad = (message: string): Result<never, SipError> => err({ code: 'SIP_BAD_HEADER', message });

/** `scheme LWS rest`, where rest does not start with "=" (that would be `name = value`). */
const SCHEME_START = /^([A-Za-z0-9\-.!%*_+`'~]+)[ \t]+([^= \t][\s\S]*)$/;

function parseParam(text: string): Result<AuthParam, SipError> {
  const eq = text.indexOf('=');
  const name = trimLws(eq < 0 ? text : text.slice(0, eq));
  const value = trimLws(eq < 0 ? '' : text.slice(eq + 1));
  if (eq < 0 || !isToken(name)) return bad(`not an auth-param: ${JSON.stringify(text)}`);
  if (!isToken(value) && !isQuotedString(value)) return bad(`bad value for ${name}: ${JSON.stringify(value)}`);
  return ok({ name, value });
}

/** Adds `param` to the last value, refusing a second parameter of the same name. */
function addParam(values: { scheme: string; params: AuthParam[] }[], param: AuthParam): Result<void, SipError> {
  const current = values.at(-1);
  if (current === undefined) return bad(`auth-param ${param.name} before any auth-scheme`);
  const key = param.name.toLowerCase();
  if (current.params.some((p) => p.name.toLowerCase() === key)) return bad(`${param.name} given twice`);
  current.params.push(param);
  return ok(undefined);
}

/**
 * Parses one field value into its challenges (or credentials), in order. A scheme may come
 * without parameters (`Negotiate`); empty list elements are skipped (RFC 7230 §7).
 */
export function parseAuthValues(value: string): Result<AuthValue[], SipError> {
  const values: { scheme: string; params: AuthParam[] }[] = [];
  for (const item of splitOutside(value, ',')) {
    if (item === '') continue;
    const start = SCHEME_START.exec(item);
    if (start === null && isToken(item)) {
      values.push({ scheme: item, params: [] });
      continue;
    }
    const [, scheme, rest] = start ?? [];
    if (scheme !== undefined) values.push({ scheme, params: [] });
    const param = parseParam(rest ?? item);
    if (!param.ok) return param;
    const added = addParam(values, param.value);
    if (!added.ok) return added;
  }
  return values.length === 0 ? bad('no auth-scheme') : ok(values);
}
