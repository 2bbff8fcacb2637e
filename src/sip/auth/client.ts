// The client side of Digest authentication (RFC 3261 §22.2, §22.3; RFC 7616 §3.4, §3.7): given a
// 401 or 407 and the request that drew it, the Authorization or Proxy-Authorization fields for
// the retried request, one per challenged realm the client has credentials for.
//
// Per realm it answers the challenge with the strongest algorithm it supports (a -sess one only
// with qop=auth); qop=auth when offered, else the RFC 2069 form (no qop, cnonce or nc), which
// old servers still send. A new cnonce each time; nc counts the uses of each nonce. The last
// challenge answered per realm is kept, so `authorize` can send credentials before being asked
// (REGISTER refreshes): one DigestClient per peer, as credentials are.

import { randomBytes } from 'node:crypto';
import type { GwError } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import { fieldValues, type HeaderField, type SipRequest, type SipResponse } from '../message/index.js';
import { DIGEST_ALGORITHMS, digestAlgorithm, digestResponse, isSessionAlgorithm, utf8Bytes, utf8Text, type DigestAlgorithm } from './digest.js';
import { formatDigestCredentials, parseDigestChallenges, parseDigestCredentials, type DigestChallenge } from './digest-header.js';
import { AuthNoChallenge, AuthNoCredentials, AuthRejected } from './errors.js';

/** A username and password (text; sent and hashed as UTF-8). */
export interface DigestSecret {
  readonly username: string;
  readonly password: string;
}

export interface DigestClientOptions {
  /** the credentials for a realm (as the challenge writes it), if any */
  readonly credentials: (realm: string) => DigestSecret | undefined;
  /** the algorithms it may answer with, in preference order (default: all, strongest first) */
  readonly algorithms?: readonly DigestAlgorithm[];
  /** makes a cnonce (default 16 random octets in hex) */
  readonly cnonce?: () => string;
}

/** A challenge the client will answer, with its algorithm and how many times its nonce was used. */
interface Answerable {
  readonly header: 'Authorization' | 'Proxy-Authorization';
  readonly challenge: DigestChallenge;
  readonly algorithm: DigestAlgorithm;
  readonly qop: boolean;
  nc: number;
}

const HEADERS = {
  401: { challenge: 'WWW-Authenticate', credentials: 'Authorization' },
  407: { challenge: 'Proxy-Authenticate', credentials: 'Proxy-Authorization' },
} as const;

export class DigestClient {
  readonly #credentials: (realm: string) => DigestSecret | undefined;
  readonly #algorithms: readonly DigestAlgorithm[];
  readonly #cnonce: () => string;
  /** by header name and realm: the challenge last answered */
  readonly #answered = new Map<string, Answerable>();

  constructor(options: DigestClientOptions) {
    this.#credentials = options.credentials;
    this.#algorithms = options.algorithms ?? DIGEST_ALGORITHMS;
    this.#cnonce = options.cnonce ?? (() => randomBytes(16).toString('hex'));
  }

  /**
   * The credential fields for retrying `request` after `response` (a 401 or 407). Fails when
   * no challenge is usable, no realm has credentials, or the request already carried
   * credentials for a realm challenged again without stale=true (RFC 3261 §22.2: do not retry).
   */
  answer(request: SipRequest, response: SipResponse): Result<HeaderField[], GwError> {
    if (response.status !== 401 && response.status !== 407) return err(new AuthNoChallenge(`status ${response.status}`));
    const names = HEADERS[response.status];
    const byRealm = this.#bestPerRealm(response, names);
    if (byRealm.size === 0) return err(new AuthNoChallenge(`no Digest ${names.challenge} with an algorithm and qop supported`));
    const tried = new Set(
      fieldValues(request.headers, names.credentials).flatMap((v) => {
        const c = parseDigestCredentials(v);
        return c.ok && c.value !== undefined ? [c.value.realm] : [];
      }),
    );
    const known = [...byRealm].flatMap(([realm, answerable]) => {
      const secret = this.#credentials(utf8Text(realm));
      return secret === undefined ? [] : [{ key: `${names.credentials} ${realm}`, answerable, secret }];
    });
    if (known.length === 0) return err(new AuthNoCredentials(`realms ${[...byRealm.keys()].map(utf8Text).join(', ')}`));
    const rejected = known.find(({ answerable }) => tried.has(answerable.challenge.realm) && !answerable.challenge.stale);
    if (rejected !== undefined) {
      // Forgotten, so that authorize() does not keep sending what the realm refused.
      this.#answered.delete(rejected.key);
      return err(new AuthRejected(`realm ${utf8Text(rejected.answerable.challenge.realm)}`));
    }
    const fields = known.map(({ key, answerable, secret }) => {
      const previous = this.#answered.get(key);
      if (previous?.challenge.nonce === answerable.challenge.nonce) answerable.nc = previous.nc;
      this.#answered.set(key, answerable);
      return this.#field(answerable, secret, request);
    });
    return ok(fields);
  }

  /** Credential fields for a new request, from the challenges already answered (next nc each). */
  authorize(request: SipRequest): HeaderField[] {
    return [...this.#answered.values()].flatMap((answerable) => {
      const secret = this.#credentials(utf8Text(answerable.challenge.realm));
      return secret === undefined ? [] : [this.#field(answerable, secret, request)];
    });
  }

  /** Per realm (first appearance order), the challenge with the most preferred algorithm. */
  #bestPerRealm(response: SipResponse, names: (typeof HEADERS)[401 | 407]): Map<string, Answerable> {
    const best = new Map<string, Answerable>();
    for (const value of fieldValues(response.headers, names.challenge)) {
      const parsed = parseDigestChallenges(value);
      // A field that does not parse is another server's problem: the others may still do.
      for (const challenge of parsed.ok ? parsed.value : []) {
        const algorithm = digestAlgorithm(challenge.algorithm);
        const qop = challenge.qop?.some((q) => q.toLowerCase() === 'auth') ?? false;
        if (algorithm === undefined || !this.#algorithms.includes(algorithm)) continue;
        if (challenge.qop !== undefined && !qop) continue;
        if (isSessionAlgorithm(algorithm) && !qop) continue;
        const current = best.get(challenge.realm);
        if (current === undefined || this.#algorithms.indexOf(algorithm) < this.#algorithms.indexOf(current.algorithm)) {
          best.set(challenge.realm, { header: names.credentials, challenge, algorithm, qop, nc: 0 });
        }
      }
    }
    return best;
  }

  #field(answerable: Answerable, secret: DigestSecret, request: SipRequest): HeaderField {
    const { challenge, algorithm } = answerable;
    const username = utf8Bytes(secret.username);
    const input = {
      algorithm,
      username,
      realm: challenge.realm,
      password: utf8Bytes(secret.password),
      method: request.method,
      uri: request.uri,
      nonce: challenge.nonce,
    };
    const common = { username, realm: challenge.realm, nonce: challenge.nonce, uri: request.uri, algorithm, params: [] };
    const opaque = challenge.opaque === undefined ? {} : { opaque: challenge.opaque };
    if (!answerable.qop) {
      const response = digestResponse(input);
      return { name: answerable.header, value: formatDigestCredentials({ ...common, response, ...opaque }) };
    }
    answerable.nc += 1;
    const nc = answerable.nc.toString(16).padStart(8, '0');
    const cnonce = this.#cnonce();
    const response = digestResponse({ ...input, qop: { nc, cnonce } });
    return { name: answerable.header, value: formatDigestCredentials({ ...common, response, cnonce, ...opaque, qop: 'auth', nc }) };
  }
}
