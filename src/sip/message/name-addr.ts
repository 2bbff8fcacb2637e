// name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1):
//   [ display-name ] LAQUOT addr-spec RAQUOT *( SEMI param )   or   addr-spec *( SEMI param )
// display-name = *(token LWS) / quoted-string. In the addr-spec form every ";" starts a header
// parameter, and a URI holding "?" or "," must be enclosed in <> (RFC 3261 §20).

import { err, ok, type Result } from '../../core/result.js';
import { isToken, quote, quotedEnd, splitOutside, trimLws, unquote } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatParams, parseParams, type Param } from './params.js';
import { formatUri, parseUri, type Uri } from './uri.js';

export interface NameAddr {
  /** quoted-string content with quoted-pairs resolved, or the tokens joined by one SP */
  readonly displayName?: string;
  readonly uri: Uri;
  /** header parameters (after the > or the addr-spec), not URI parameters */
  readonly params: readonly Param[];
}

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_HEADER', message));

/** Splits `text` into display name and the rest starting at "<" or at the addr-spec. */
function splitDisplayName(text: string): Result<{ displayName?: string; rest: string }, SipError> {
  if (text.startsWith('"')) {
    const end = quotedEnd(text, 0);
    if (end < 0) return bad('unterminated or malformed quoted display name');
    const rest = trimLws(text.slice(end));
    if (!rest.startsWith('<')) return bad('quoted display name not followed by <');
    return ok({ displayName: unquote(text.slice(0, end)), rest });
  }
  const lt = text.indexOf('<');
  const semi = text.indexOf(';');
  if (lt < 0 || (semi >= 0 && semi < lt)) return ok({ rest: text });
  const display = trimLws(text.slice(0, lt));
  if (display === '') return ok({ rest: text.slice(lt) });
  const tokens = display.split(/[ \t]+/);
  if (!tokens.every(isToken)) return bad(`display name ${JSON.stringify(display)} is neither tokens nor quoted`);
  return ok({ displayName: tokens.join(' '), rest: text.slice(lt) });
}

/** Parses one name-addr or (unless `requireBrackets`) addr-spec with its parameters. */
export function parseNameAddr(text: string, requireBrackets = false): Result<NameAddr, SipError> {
  const value = trimLws(text);
  if (value === '') return bad('empty value');
  const split = splitDisplayName(value);
  if (!split.ok) return split;
  const { displayName, rest } = split.value;
  let uriText: string;
  let paramText: string;
  if (rest.startsWith('<')) {
    const gt = rest.indexOf('>');
    if (gt < 0) return bad('< without >');
    uriText = rest.slice(1, gt);
    paramText = rest.slice(gt + 1);
  } else {
    if (requireBrackets) return bad('URI must be enclosed in <>');
    const semi = rest.indexOf(';');
    uriText = trimLws(semi < 0 ? rest : rest.slice(0, semi));
    paramText = semi < 0 ? '' : rest.slice(semi);
    if (/[?,]/.test(uriText)) return bad('a URI holding "?" or "," must be enclosed in <>');
  }
  const uri = parseUri(uriText);
  if (!uri.ok) return uri;
  const params = parseParams(paramText);
  if (!params.ok) return bad(params.error);
  return ok(displayName === undefined ? { uri: uri.value, params: params.value } : { displayName, uri: uri.value, params: params.value });
}

/** Parses a comma-separated list of name-addr / addr-spec values; no element may be empty. */
export function parseNameAddrList(value: string, requireBrackets = false): Result<NameAddr[], SipError> {
  const list: NameAddr[] = [];
  for (const item of splitOutside(value, ',')) {
    const parsed = parseNameAddr(item, requireBrackets);
    if (!parsed.ok) return parsed;
    list.push(parsed.value);
  }
  return ok(list);
}

/** Always the name-addr form: `"display" <uri>;params`, or `<uri>;params`. */
export function formatNameAddr(value: NameAddr): string {
  const addr = `<${formatUri(value.uri)}>${formatParams(value.params)}`;
  return value.displayName === undefined ? addr : `${quote(value.displayName)} ${addr}`;
}
