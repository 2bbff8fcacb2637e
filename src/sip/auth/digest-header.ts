// Digest challenges and credentials (RFC 3261 §25.1 digest-cln / dig-resp, RFC 7616 §3.3, §3.4):
//   WWW-Authenticate: Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth", stale=true
//   Authorization: Digest username="u", realm="r", nonce="n", uri="sip:r", response="<hex>",
//                  algorithm=SHA-256, cnonce="c", qop=auth, nc=00000001
// Reading unquotes values (a token is accepted where a quoted-string is due, as peers send
// algorithm="MD5" and realm=x); writing quotes exactly the parameters the grammar quotes.

import { err, ok, type Result } from '../../core/result.js';
import { quote, unquote, type SipError } from '../message/index.js';
import { parseAuthValues, type AuthParam, type AuthValue } from './auth-header.js';

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  /** as written; `MD5` when absent (RFC 7616 §3.3) */
  readonly algorithm: string;
  /** qop-options, e.g. ['auth', 'auth-int']; absent: an RFC 2069 challenge */
  readonly qop?: readonly string[];
  readonly opaque?: string;
  readonly domain?: string;
  readonly stale: boolean;
  /** other parameters (charset, userhash, extensions), values as written */
  readonly params: readonly AuthParam[];
}

export interface DigestCredentials {
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  /** the digest-uri */
  readonly uri: string;
  /** hex, as written */
  readonly response: string;
  readonly algorithm?: string;
  readonly cnonce?: string;
  readonly opaque?: string;
  /** message-qop, e.g. `auth` */
  readonly qop?: string;
  /** nonce-count: 8 hex digits */
  readonly nc?: string;
  readonly params: readonly AuthParam[];
}

const bad = (message: string): Result<never, SipError> => err({ code: 'SIP_BAD_HEADER', message });

export function isDigest(value: AuthValue): boolean {
  return value.scheme.toLowerCase() === 'digest';
}

/** The parameters named in `names` (unquoted, by lowercase name) and the others as written. */
function take(value: AuthValue, names: readonly string[]): { known: Map<string, string>; rest: AuthParam[] } {
  const known = new Map<string, string>();
  const rest: AuthParam[] = [];
  for (const p of value.params) {
    const key = p.name.toLowerCase();
    if (names.includes(key)) known.set(key, unquote(p.value));
    else rest.push(p);
  }
  return { known, rest };
}

const CHALLENGE_PARAMS = ['realm', 'nonce', 'algorithm', 'qop', 'opaque', 'domain', 'stale'];

/** Reads a Digest challenge; realm and nonce are required. */
export function readDigestChallenge(value: AuthValue): Result<DigestChallenge, SipError> {
  if (!isDigest(value)) return bad(`not a Digest challenge: ${value.scheme}`);
  const { known, rest } = take(value, CHALLENGE_PARAMS);
  const realm = known.get('realm');
  const nonce = known.get('nonce');
  if (realm === undefined || nonce === undefined) return bad('Digest challenge without realm or nonce');
  const qop = known.get('qop');
  const opaque = known.get('opaque');
  const domain = known.get('domain');
  return ok({
    realm,
    nonce,
    algorithm: known.get('algorithm') ?? 'MD5',
    ...(qop === undefined ? {} : { qop: qop.split(',').map((q) => q.trim()).filter((q) => q !== '') }),
    ...(opaque === undefined ? {} : { opaque }),
    ...(domain === undefined ? {} : { domain }),
    stale: known.get('stale')?.toLowerCase() === 'true',
    params: rest,
  });
}

const CREDENTIAL_PARAMS = ['username', 'realm', 'nonce', 'uri', 'response', 'algorithm', 'cnonce', 'opaque', 'qop', 'nc'];
const HEX = /^[0-9A-Fa-f]+$/;
const NC = /^[0-9A-Fa-f]{8}$/;

/**
 * Reads Digest credentials; username, realm, nonce, uri and response are required, response
 * must be hex and nc 8 hex digits. `username*` (RFC 7616 §3.4.4, RFC 5987) is not supported.
 */
export function readDigestCredentials(value: AuthValue): Result<DigestCredentials, SipError> {
  if (!isDigest(value)) return bad(`not Digest credentials: ${value.scheme}`);
  const { known, rest } = take(value, CREDENTIAL_PARAMS);
  const [username, realm, nonce, uri, response] = ['username', 'realm', 'nonce', 'uri', 'response'].map((n) => known.get(n));
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) {
    return bad('Digest credentials need username, realm, nonce, uri and response');
  }
  if (!HEX.test(response)) return bad('response is not hex');
  const nc = known.get('nc');
  if (nc !== undefined && !NC.test(nc)) return bad('nc is not 8 hex digits');
  const optional: Partial<Record<'algorithm' | 'cnonce' | 'opaque' | 'qop' | 'nc', string>> = {};
  for (const name of ['algorithm', 'cnonce', 'opaque', 'qop', 'nc'] as const) {
    const v = known.get(name);
    if (v !== undefined) optional[name] = v;
  }
  return ok({ username, realm, nonce, uri, response, ...optional, params: rest });
}

/** The Digest challenges of one field value, read; other schemes are left out. */
export function parseDigestChallenges(value: string): Result<DigestChallenge[], SipError> {
  const values = parseAuthValues(value);
  if (!values.ok) return values;
  const challenges: DigestChallenge[] = [];
  for (const v of values.value.filter(isDigest)) {
    const challenge = readDigestChallenge(v);
    if (!challenge.ok) return challenge;
    challenges.push(challenge.value);
  }
  return ok(challenges);
}

/** The Digest credentials of one field value, or undefined when it holds another scheme. */
export function parseDigestCredentials(value: string): Result<DigestCredentials | undefined, SipError> {
  const values = parseAuthValues(value);
  if (!values.ok) return values;
  const [first, ...others] = values.value;
  if (first === undefined || others.length > 0) return bad('a credentials field holds one credentials');
  return isDigest(first) ? readDigestCredentials(first) : ok(undefined);
}

/** `name=value` pairs, quoting those the grammar quotes; undefined values are left out. */
function params(pairs: readonly [string, string | undefined, 'quoted' | 'token'][], rest: readonly AuthParam[]): string {
  const written = pairs
    .filter((p): p is [string, string, 'quoted' | 'token'] => p[1] !== undefined)
    .map(([name, v, form]) => `${name}=${form === 'quoted' ? quote(v) : v}`);
  return `Digest ${[...written, ...rest.map((p) => `${p.name}=${p.value}`)].join(', ')}`;
}

export function formatDigestChallenge(c: DigestChallenge): string {
  return params(
    [
      ['realm', c.realm, 'quoted'],
      ['domain', c.domain, 'quoted'],
      ['nonce', c.nonce, 'quoted'],
      ['opaque', c.opaque, 'quoted'],
      ['stale', c.stale ? 'true' : undefined, 'token'],
      ['algorithm', c.algorithm, 'token'],
      ['qop', c.qop?.join(','), 'quoted'],
    ],
    c.params,
  );
}

export function formatDigestCredentials(c: DigestCredentials): string {
  return params(
    [
      ['username', c.username, 'quoted'],
      ['realm', c.realm, 'quoted'],
      ['nonce', c.nonce, 'quoted'],
      ['uri', c.uri, 'quoted'],
      ['response', c.response, 'quoted'],
      ['algorithm', c.algorithm, 'token'],
      ['cnonce', c.cnonce, 'quoted'],
      ['opaque', c.opaque, 'quoted'],
      ['qop', c.qop, 'token'],
      ['nc', c.nc, 'token'],
    ],
    c.params,
  );
}
