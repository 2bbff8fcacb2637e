// SIP and SIPS URIs (RFC 3261 §19.1, §25.1):
//   sip:user:password@host:port;uri-parameters?headers
// User, password, parameters and headers are held with their %HH escapes decoded, and escaped
// again when formatted (sip:%75ser@h and sip:user@h are the same URI, RFC 3261 §19.1.4).

import { escapeComponent, unescapeComponent, URI_CHARS } from './escape.js';
import { formatHostPort, parseHostPort } from './host.js';
import type { Param } from './params.js';

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

/** Parses the userinfo: `user [":" password]`. */
function parseUserinfo(text: string): { user: string; password?: string } | undefined {
  const colon = text.indexOf(':');
  const user = unescapeComponent(colon < 0 ? text : text.slice(0, colon), URI_CHARS.user);
  if (user === undefined || user === '') return undefined;
  if (colon < 0) return { user };
  const password = unescapeComponent(text.slice(colon + 1), URI_CHARS.password);
  return password === undefined ? undefined : { user, password };
}

/** `*( ";" pname [ "=" pvalue ] )` as found after the hostport; each name at most once. */
export function parseUriParams(text: string): Param[] | undefined {
  if (text === '') return [];
  const params: Param[] = [];
  const seen = new Set<string>();
  for (const item of text.split(';').slice(1)) {
    const eq = item.indexOf('=');
    const name = unescapeComponent(eq < 0 ? item : item.slice(0, eq), URI_CHARS.param);
    if (name === undefined || name === '' || seen.has(name.toLowerCase())) return undefined;
    seen.add(name.toLowerCase());
    if (eq < 0) {
      params.push({ name });
      continue;
    }
    const value = unescapeComponent(item.slice(eq + 1), URI_CHARS.param);
    if (value === undefined || value === '') return undefined;
    params.push({ name, value });
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

/**
 * Parses what follows `sip:` or `sips:`. The userinfo ends at the first "@", since neither
 * user nor password may hold an unescaped "@" (while both may hold ";" and "?").
 */
export function parseSipUri(rest: string, secure: boolean): SipUri | undefined {
  const at = rest.indexOf('@');
  const userinfo = at < 0 ? undefined : parseUserinfo(rest.slice(0, at));
  if (at >= 0 && userinfo === undefined) return undefined;
  const afterUser = rest.slice(at + 1);
  const q = afterUser.indexOf('?');
  const beforeHeaders = q < 0 ? afterUser : afterUser.slice(0, q);
  const semi = beforeHeaders.indexOf(';');
  const hostport = parseHostPort(semi < 0 ? beforeHeaders : beforeHeaders.slice(0, semi));
  const params = parseUriParams(semi < 0 ? '' : beforeHeaders.slice(semi));
  const headers = q < 0 ? [] : parseUriHeaders(afterUser.slice(q + 1));
  if (hostport === undefined || params === undefined || headers === undefined) return undefined;
  return { kind: 'sip', secure, ...userinfo, ...hostport, params, headers };
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
