// name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1):
//   [ display-name ] LAQUOT addr-spec RAQUOT *( SEMI param )   or   addr-spec *( SEMI param )
// display-name = *(token LWS) / quoted-string. In the addr-spec form every ";" starts a header
// parameter, and a URI holding "?" or "," must be enclosed in <> (RFC 3261 §20).

import { err, ok, type Result } from '../../core/result.js';
import { isToken, quote, quotedContent, quotedEnd, skipLws, splitOutside, trimLws, trimmed } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatParams, parseParams, type Param } from './params.js';
import { NAME_ADDR, NAME_ADDR_TOKENS, nameAddrOk, ParamMarks } from './scan.js';
import { paramList, sipUriOfMatch } from './sip-uri.js';
import { formatUri, parseUri, type Uri } from './uri.js';

export interface NameAddr {
  /** quoted-string content with quoted-pairs resolved, or the tokens joined by one SP */
  readonly displayName?: string;
  readonly uri: Uri;
  /** header parameters (after the > or the addr-spec), not URI parameters */
  readonly params: readonly Param[];
}

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_HEADER', message));

const DQUOTE = 0x22;
const LAQUOT = 0x3c;

/** The display name `*(token LWS)` before the "<" at `lt`; undefined if there is none. */
function tokenDisplayName(value: string, lt: number): Result<string | undefined, SipError> {
  const display = trimmed(value, 0, lt);
  if (display === '') return ok(undefined);
  const tokens = display.split(/[ \t]+/);
  if (!tokens.every(isToken)) return bad(`display name ${JSON.stringify(display)} is neither tokens nor quoted`);
  return ok(tokens.join(' '));
}

const PARAMS = new ParamMarks();

/** The content of a quoted-string (its quotes removed) with quoted-pairs resolved. */
export function unpair(content: string): string {
  return content.includes('\\') ? content.replace(/\\([\s\S])/g, '$1') : content;
}

/** The usual name-addr filling `value` (NAME_ADDR), valid; null otherwise. */
export function matchNameAddr(value: string): RegExpExecArray | null {
  NAME_ADDR.lastIndex = 0;
  const m = NAME_ADDR.exec(value);
  return m !== null && NAME_ADDR.lastIndex === value.length && nameAddrOk(m, PARAMS) ? m : null;
}

/** matchNameAddr for a name-addr whose header parameter values are tokens (NAME_ADDR_TOKENS); null otherwise. */
export function matchNameAddrTokens(value: string): RegExpExecArray | null {
  const m = NAME_ADDR_TOKENS.exec(value);
  return m !== null && nameAddrOk(m, PARAMS) ? m : null;
}

/** The NameAddr of a NAME_ADDR match, as parseNameAddr builds it. */
export function nameAddrOfMatch(m: RegExpExecArray): NameAddr {
  const uri = sipUriOfMatch(m, 2, false);
  const params = paramList(m[6] ?? '');
  const display = m[1];
  return display === undefined ? { uri, params } : { displayName: unpair(display), uri, params };
}

/**
 * The usual name-addr, `[ quoted-string LWS ] "<sip:" uri ">" *( ";" param )` (scan.ts): the
 * NameAddr parseNameAddr gives for it; undefined for anything else (which parseNameAddr then reads).
 */
export function simpleNameAddr(value: string): NameAddr | undefined {
  const m = matchNameAddr(value);
  return m === null ? undefined : nameAddrOfMatch(m);
}

/** Parses one name-addr or (unless `requireBrackets`) addr-spec with its parameters. */
export function parseNameAddr(text: string, requireBrackets = false): Result<NameAddr, SipError> {
  const value = trimLws(text);
  if (value === '') return bad('empty value');
  if (value.charCodeAt(0) === DQUOTE || value.charCodeAt(0) === LAQUOT) {
    const simple = simpleNameAddr(value);
    if (simple !== undefined) return ok(simple);
  }
  return fullNameAddr(value, requireBrackets);
}

/** parseNameAddr without the reader of the usual shape (simpleNameAddr): the whole grammar. */
export function fullNameAddr(text: string, requireBrackets = false): Result<NameAddr, SipError> {
  const value = trimLws(text);
  if (value === '') return bad('empty value');
  let displayName: string | undefined;
  // Where "<" is, or -1 for the addr-spec form.
  let lt: number;
  if (value.charCodeAt(0) === DQUOTE) {
    const end = quotedEnd(value, 0);
    if (end < 0) return bad('unterminated or malformed quoted display name');
    lt = skipLws(value, end);
    if (value.charCodeAt(lt) !== LAQUOT) return bad('quoted display name not followed by <');
    displayName = quotedContent(value, 0, end);
  } else {
    lt = value.indexOf('<');
    const semi = lt < 0 ? -1 : value.lastIndexOf(';', lt);
    if (semi >= 0) lt = -1;
    if (lt > 0) {
      const display = tokenDisplayName(value, lt);
      if (!display.ok) return display;
      displayName = display.value;
    }
  }
  let uriText: string;
  let paramText: string;
  if (lt >= 0) {
    const gt = value.indexOf('>', lt);
    if (gt < 0) return bad('< without >');
    uriText = value.slice(lt + 1, gt);
    paramText = value.slice(gt + 1);
  } else {
    if (requireBrackets) return bad('URI must be enclosed in <>');
    const semi = value.indexOf(';');
    uriText = trimmed(value, 0, semi < 0 ? value.length : semi);
    paramText = semi < 0 ? '' : value.slice(semi);
    if (uriText.includes('?') || uriText.includes(',')) return bad('a URI holding "?" or "," must be enclosed in <>');
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
