// SIP and SIPS URIs (RFC 3261 §19.1, §25.1):
//   sip:user:password@host:port;uri-parameters?headers
// User, password, parameters and headers are held with their %HH escapes decoded, and escaped
// again when formatted (sip:%75ser@h and sip:user@h are the same URI, RFC 3261 §19.1.4).

import { digitsValue } from './chars.js';
import { matchSipUri, ParamMarks, splitParams } from './scan.js';
import { escapeComponent, unescapeComponent, URI_CHARS } from './escape.js';
import { formatHostPort, parseHostPort } from './host.js';
import { SeenNames, type Param } from './params.js';


/** A `?name=value` header of a SIP URI (escapes decoded). */
export interface UriHeader {
  readonly name: string;
  readonly value: string;
}

export interface SipUri {
  readonly kind: 'sip';
  /** true for sips: */
  readonly secure: boolean;
  readonly user?: string;
  readonly password?: string;
  /** hostname, IPv4 address, or IPv6 reference with its brackets */
  readonly host: string;
  readonly port?: number;
  /** uri-parameters in order, e.g. `user=phone`, `transport=tcp`, `lr` (value undefined) */
  readonly params: readonly Param[];
  readonly headers: readonly UriHeader[];
}

/** `*( ";" pname [ "=" pvalue ] )` as found after the hostport; each name at most once. */
export function parseUriParams(text: string): Param[] | undefined {
  const params: Param[] = [];
  if (text === '') return params;
  const seen = new SeenNames();
  // Like text.split(';').slice(1): what precedes the first ";" is not a parameter.
  for (let from = text.indexOf(';') + 1; from > 0; ) {
    const semi = text.indexOf(';', from);
    const end = semi < 0 ? text.length : semi;
    const eq = text.indexOf('=', from);
    const nameEnd = eq < 0 || eq > end ? end : eq;
    const name = unescapeComponent(text.slice(from, nameEnd), URI_CHARS.param);
    if (name === undefined || name === '' || !seen.add(name.toLowerCase())) return undefined;
    if (nameEnd === end) params.push({ name });
    else {
      const value = unescapeComponent(text.slice(nameEnd + 1, end), URI_CHARS.param);
      if (value === undefined || value === '') return undefined;
      params.push({ name, value });
    }
    from = semi + 1;
  }
  return params;
}

/** `hname "=" hvalue *( "&" hname "=" hvalue )` after the "?". */
function parseUriHeaders(text: string): UriHeader[] | undefined {
  const headers: UriHeader[] = [];
  for (const item of text.split('&')) {
    const eq = item.indexOf('=');
    if (eq < 0) return undefined;
    const name = unescapeComponent(item.slice(0, eq), URI_CHARS.header);
    const value = unescapeComponent(item.slice(eq + 1), URI_CHARS.header);
    if (name === undefined || name === '' || value === undefined) return undefined;
    headers.push({ name, value });
  }
  return headers;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses what follows `sip:` or `sips:`. The userinfo ends at the first "@", since neither
 * user nor password may hold an unescaped "@" (while both may hold ";" and "?").
 */
export function parseSipUri(rest: string, secure: boolean): SipUri | undefined {
  const uri = { kind: 'sip', secure } as Mutable<SipUri>;
  const at = rest.indexOf('@');
  if (at >= 0) {
    // userinfo = user [ ":" password ]
    const colon = rest.indexOf(':');
    const userEnd = colon >= 0 && colon < at ? colon : at;
    const user = unescapeComponent(rest.slice(0, userEnd), URI_CHARS.user);
    if (user === undefined || user === '') return undefined;
    uri.user = user;
    if (userEnd < at) {
      const password = unescapeComponent(rest.slice(userEnd + 1, at), URI_CHARS.password);
      if (password === undefined) return undefined;
      uri.password = password;
    }
  }
  const q = rest.indexOf('?', at + 1);
  const end = q < 0 ? rest.length : q;
  const semi = rest.indexOf(';', at + 1);
  const hostEnd = semi < 0 || semi > end ? end : semi;
  const hostport = parseHostPort(rest.slice(at + 1, hostEnd));
  const params = parseUriParams(hostEnd === end ? '' : rest.slice(hostEnd, end));
  const headers = q < 0 ? [] : parseUriHeaders(rest.slice(q + 1));
  if (hostport === undefined || params === undefined || headers === undefined) return undefined;
  uri.host = hostport.host;
  if (hostport.port !== undefined) uri.port = hostport.port;
  uri.params = params;
  uri.headers = headers;
  return uri;
}

/** The parameters recorded in `marks`, as Params. */
export function paramsOf(text: string, marks: ParamMarks): Param[] {
  const params: Param[] = [];
  const at = marks.at;
  for (let k = 0; k < marks.count; k++) {
    const name = text.slice(at[4 * k], at[4 * k + 1]);
    const valueStart = at[4 * k + 2] ?? -1;
    params.push(valueStart < 0 ? { name } : { name, value: text.slice(valueStart, at[4 * k + 3]) });
  }
  return params;
}

const PARAMS = new ParamMarks();

/** The parameters `text` (`*( ";" name [ "=" value ] )`, names distinct), as Params. */
export function paramList(text: string): Param[] {
  if (text === '') return [];
  // One parameter (the usual user=phone, lr, transport=udp): no marks needed.
  if (text.indexOf(';', 1) < 0) {
    const eq = text.indexOf('=');
    return [eq < 0 ? { name: text.slice(1) } : { name: text.slice(1, eq), value: text.slice(eq + 1) }];
  }
  splitParams(text, PARAMS);
  return paramsOf(text, PARAMS);
}

/** The SipUri of a NAME_ADDR or SIP_URI match, its parts at `first` (user, host, port, params), as parseSipUri builds it. */
export function sipUriOfMatch(m: RegExpExecArray, first: number, secure: boolean): SipUri {
  const user = m[first];
  const host = m[first + 1] ?? '';
  const portText = m[first + 2];
  const params = paramList(m[first + 3] ?? '');
  const headers: UriHeader[] = [];
  if (user === undefined) {
    return portText === undefined ? { kind: 'sip', secure, host, params, headers } : { kind: 'sip', secure, host, port: digitsValue(portText), params, headers };
  }
  return portText === undefined
    ? { kind: 'sip', secure, user, host, params, headers }
    : { kind: 'sip', secure, user, host, port: digitsValue(portText), params, headers };
}

/**
 * The usual SIP URI, what follows `sip:` or `sips:` in text[from, end) (scan.ts: no escape,
 * password, IPv6 reference or headers, each parameter name once): the SipUri parseSipUri gives
 * for it; undefined for anything else (which parseSipUri then reads, and rejects if it must).
 */
export function simpleSipUri(text: string, from: number, end: number, secure: boolean): SipUri | undefined {
  const m = end === text.length ? matchSipUri(text, from, PARAMS) : matchSipUri(text.slice(0, end), from, PARAMS);
  return m === null ? undefined : sipUriOfMatch(m, 1, secure);
}

/** `;name=value` with the escapes URI parameters need. */
export function formatUriParams(params: readonly Param[]): string {
  return params
    .map((p) => {
      const name = escapeComponent(p.name, URI_CHARS.param);
      return p.value === undefined ? `;${name}` : `;${name}=${escapeComponent(p.value, URI_CHARS.param)}`;
    })
    .join('');
}

export function formatSipUri(uri: SipUri): string {
  let text = uri.secure ? 'sips:' : 'sip:';
  if (uri.user !== undefined) {
    text += escapeComponent(uri.user, URI_CHARS.user);
    if (uri.password !== undefined) text += `:${escapeComponent(uri.password, URI_CHARS.password)}`;
    text += '@';
  }
  text += formatHostPort(uri) + formatUriParams(uri.params);
  const headers = uri.headers.map(
    (h) => `${escapeComponent(h.name, URI_CHARS.header)}=${escapeComponent(h.value, URI_CHARS.header)}`,
  );
  return headers.length === 0 ? text : `${text}?${headers.join('&')}`;
}
