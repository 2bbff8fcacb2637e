// The server side of Digest authentication (RFC 3261 §22.1-§22.4, RFC 7616 §3.3-§3.5): checks
// the credentials of a request and, when they do not authenticate it, says what to answer: a
// 401 (UAS, registrar) or 407 (proxy) with one challenge per offered algorithm, or a 400.
//
// Checks, in order: credentials for the realm present and well-formed; qop=auth and an offered
// algorithm; uri equal to the Request-URI; a nonce issued here; a known username; the right
// response (timingSafeEqual); then a fresh nonce and a nonce count above the last one accepted.
// The last two fail with stale=true, as the response proved the password (RFC 7616 §3.3).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { GwError, GwErrorClass } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { fieldValues, type HeaderField, type SipRequest } from '../message/index.js';
import { digestAlgorithm, digestResponse, utf8Bytes, utf8Text, type DigestAlgorithm } from './digest.js';
import { formatDigestChallenge, parseDigestCredentials, type DigestCredentials } from './digest-header.js';
import {
  AuthBadNonce,
  AuthBadResponse,
  AuthMalformed,
  AuthMissing,
  AuthReplay,
  AuthStale,
  AuthUnknownUser,
  AuthUnsupported,
  AuthUriMismatch,
  AuthWrongRealm,
} from './errors.js';
import { NonceCounts, NonceIssuer } from './nonce.js';

/** What the credential lookup gives for a username: the account it belongs to and its secret. */
export interface DigestAccount {
  readonly id: string;
  readonly password: string;
}

/** Finds the account of a username (as text: the header's UTF-8 octets decoded). */
export type CredentialLookup = (username: string) => DigestAccount | undefined;

export interface DigestChallengerOptions {
  /** the realm challenged in (text; sent as UTF-8) */
  readonly realm: string;
  readonly lookup: CredentialLookup;
  readonly clock: Clock;
  /** offered in this order, one challenge each (default SHA-256 then MD5) */
  readonly algorithms?: readonly DigestAlgorithm[];
  /** `uas` (default): 401 with WWW-Authenticate; `proxy`: 407 with Proxy-Authenticate */
  readonly role?: 'uas' | 'proxy';
  /** how long a nonce stays fresh (default 300 000 ms) */
  readonly nonceLifetimeMs?: number;
  /** the HMAC key signing nonces (default 32 random octets; share it to share nonces) */
  readonly key?: Uint8Array;
}

/** An authenticated request: the account and username of its credentials. */
export interface Authenticated {
  readonly account: string;
  readonly username: string;
  readonly algorithm: DigestAlgorithm;
}

/** Why a request was not authenticated, and the answer to send: status, reason, header fields. */
export interface AuthFailure {
  readonly error: GwError;
  readonly status: 400 | 401 | 407;
  readonly reason: string;
  readonly headers: readonly HeaderField[];
}

const ROLES = {
  uas: { status: 401, reason: 'Unauthorized', challenge: 'WWW-Authenticate', credentials: 'Authorization' },
  proxy: { status: 407, reason: 'Proxy Authentication Required', challenge: 'Proxy-Authenticate', credentials: 'Proxy-Authorization' },
} as const;

export class DigestChallenger {
  readonly #role: (typeof ROLES)[keyof typeof ROLES];
  readonly #realm: string;
  readonly #lookup: CredentialLookup;
  readonly #clock: Clock;
  readonly #algorithms: readonly DigestAlgorithm[];
  readonly #nonces: NonceIssuer;
  readonly #counts = new NonceCounts();

  constructor(options: DigestChallengerOptions) {
    this.#role = ROLES[options.role ?? 'uas'];
    this.#realm = utf8Bytes(options.realm);
    this.#lookup = options.lookup;
    this.#clock = options.clock;
    this.#algorithms = options.algorithms ?? ['SHA-256', 'MD5'];
    if (this.#algorithms.length === 0) throw new RangeError('DigestChallenger: no algorithm offered');
    this.#nonces = new NonceIssuer(options.clock, options.nonceLifetimeMs ?? 300_000, options.key ?? randomBytes(32));
  }

  /** The header fields of a fresh challenge: one per offered algorithm, sharing one nonce. */
  challenge(stale = false): HeaderField[] {
    const nonce = this.#nonces.issue();
    return this.#algorithms.map((algorithm) => ({
      name: this.#role.challenge,
      value: formatDigestChallenge({ realm: this.#realm, nonce, algorithm, qop: ['auth'], stale, params: [] }),
    }));
  }

  authenticate(request: SipRequest): Result<Authenticated, AuthFailure> {
    const found = this.#credentials(request);
    if (!found.ok) return found;
    const c = found.value;
    const algorithm = digestAlgorithm(c.algorithm ?? 'MD5');
    if (algorithm === undefined || !this.#algorithms.includes(algorithm) || c.qop?.toLowerCase() !== 'auth') {
      return this.#fail(AuthUnsupported, `algorithm ${c.algorithm ?? 'MD5'}, qop ${c.qop ?? 'none'}`);
    }
    if (c.nc === undefined || c.cnonce === undefined) return this.#bad(AuthMalformed, 'qop=auth without nc and cnonce');
    if (c.uri !== request.uri) return this.#bad(AuthUriMismatch, `${c.uri} in a request to ${request.uri}`);
    const nonce = this.#nonces.check(c.nonce);
    if (nonce.state === 'forged') return this.#fail(AuthBadNonce, 'bad signature or encoding');
    const username = utf8Text(c.username);
    const account = this.#lookup(username);
    if (account === undefined) return this.#fail(AuthUnknownUser, username);
    const expected = digestResponse({
      algorithm,
      username: c.username,
      realm: c.realm,
      password: utf8Bytes(account.password),
      method: request.method,
      uri: c.uri,
      nonce: c.nonce,
      qop: { nc: c.nc, cnonce: c.cnonce },
    });
    const given = Buffer.from(c.response.toLowerCase(), 'latin1');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'latin1'))) {
      return this.#fail(AuthBadResponse, username);
    }
    if (nonce.state === 'expired') return this.#fail(AuthStale, username, true);
    const now = this.#clock.now();
    if (!this.#counts.accept(c.nonce, parseInt(c.nc, 16), nonce.issuedAt + this.#nonces.lifetimeMs, now)) {
      return this.#fail(AuthReplay, `${username}, nc ${c.nc}`, true);
    }
    return ok({ account: account.id, username, algorithm });
  }

  /** The first Digest credentials for this realm, or why there are none. */
  #credentials(request: SipRequest): Result<DigestCredentials, AuthFailure> {
    const realms: string[] = [];
    for (const value of fieldValues(request.headers, this.#role.credentials)) {
      const parsed = parseDigestCredentials(value);
      if (!parsed.ok) return this.#bad(AuthMalformed, parsed.error.message);
      if (parsed.value === undefined) continue;
      if (parsed.value.realm === this.#realm) return ok(parsed.value);
      realms.push(parsed.value.realm);
    }
    return realms.length === 0 ? this.#fail(AuthMissing) : this.#fail(AuthWrongRealm, realms.join(', '));
  }

  #fail(error: GwErrorClass<string>, detail?: string, stale = false): Result<never, AuthFailure> {
    const { status, reason } = this.#role;
    return err({ error: new error(detail), status, reason, headers: this.challenge(stale) });
  }

  #bad(error: GwErrorClass<string>, detail: string): Result<never, AuthFailure> {
    return err({ error: new error(detail), status: 400, reason: 'Bad Request', headers: [] });
  }
}
