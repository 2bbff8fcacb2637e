// SIP and SIPS URIs (RFC 3261 §19.1, §25.1):
//   sip:user:password@host:port;uri-parameters?headers
// User, password, parameters and headers are held with their %HH escapes decoded, and escaped
// again when formatted (sip:%75ser@h and sip:user@h are the same URI, RFC 3261 §19.1.4).

import { DIGITS, PARAM, spanOf, TOKEN, USER } from './chars.js';
import { escapeComponent, unescapeComponent, URI_CHARS } from './escape.js';
import { formatHostPort, isHost, parseHostPort, parsePort } from './host.js';
import { SeenNames, type Param } from './params.js';

const COLON = 0x3a;
const SEMI = 0x3b;
const EQUAL = 0x3d;

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

/**
 * The usual SIP URI, what follows `sip:` or `sips:` in text[from, end): `[ user "@" ] host
 * [ ":" port ] *( ";" pname [ "=" pvalue ] )` with no escape, password, IPv6 reference or
 * headers, each parameter name once: the SipUri parseSipUri gives for it, read in one pass
 * without cutting the text into pieces first; undefined for anything else (which parseSipUri
 * then reads, and rejects if it must).
 */
export function simpleSipUri(text: string, from: number, end: number, secure: boolean): SipUri | undefined {
  // userinfo ends at the first "@", as in parseSipUri.
  const found = text.indexOf('@', from);
  const at = found < end ? found : -1;
  if (at === from || (at > 0 && spanOf(text, USER, from, at) !== at)) return undefined;
  const hostStart = at < 0 ? from : at + 1;
  let i = spanOf(text, TOKEN, hostStart, end);
  const host = text.slice(hostStart, i);
  if (!isHost(host)) return undefined;
  let port: number | undefined;
  if (i < end && text.charCodeAt(i) === COLON) {
    const portEnd = spanOf(text, DIGITS, i + 1, end);
    port = parsePort(text, i + 1, portEnd);
    if (port === undefined) return undefined;
    i = portEnd;
  }
  const params: Param[] = [];
  while (i < end) {
    if (text.charCodeAt(i) !== SEMI) return undefined;
    const nameEnd = spanOf(text, PARAM, i + 1, end);
    if (nameEnd === i + 1) return undefined;
    const name = text.slice(i + 1, nameEnd);
    for (const p of params) if (p.name.length === name.length && p.name.toLowerCase() === name.toLowerCase()) return undefined;
    if (nameEnd === end || text.charCodeAt(nameEnd) !== EQUAL) {
      params.push({ name });
      i = nameEnd;
      continue;
    }
    const valueEnd = spanOf(text, PARAM, nameEnd + 1, end);
    if (valueEnd === nameEnd + 1) return undefined;
    params.push({ name, value: text.slice(nameEnd + 1, valueEnd) });
    i = valueEnd;
  }
  // Object literals of the shapes parseSipUri builds (same properties, same order).
  const headers: UriHeader[] = [];
  if (at < 0) return port === undefined ? { kind: 'sip', secure, host, params, headers } : { kind: 'sip', secure, host, port, params, headers };
  const user = text.slice(from, at);
  return port === undefined
    ? { kind: 'sip', secure, user, host, params, headers }
    : { kind: 'sip', secure, user, host, port, params, headers };
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
