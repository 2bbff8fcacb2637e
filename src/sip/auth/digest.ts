// The Digest response (RFC 7616 §3.4.1-§3.4.3, RFC 2617 §3.2.2, RFC 2069 §2.1.2):
//   response = KD( H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2) )   with qop=auth
//   response = KD( H(A1), nonce ":" H(A2) )                             RFC 2069, no qop
//   A1 = username ":" realm ":" password,  or for -sess  H(that) ":" nonce ":" cnonce
//   A2 = method ":" uri,  KD(secret, data) = H( secret ":" data ),  H = MD5 or SHA-256 in hex.
// qop=auth-int (a hash of the body) is not supported, nor SHA-512-256 or userhash.
//
// Every string here is a byte string, one char per octet, as the message layer reads header
// values (see message.ts): `utf8Bytes` turns configured text (a password, a username) into one,
// `utf8Text` turns one back into text.

import { createHash } from 'node:crypto';

/** The algorithms supported, strongest first (the order a client prefers them in). */
export const DIGEST_ALGORITHMS = ['SHA-256', 'SHA-256-sess', 'MD5', 'MD5-sess'] as const;

export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

const HASH: Readonly<Record<DigestAlgorithm, string>> = {
  'SHA-256': 'sha256',
  'SHA-256-sess': 'sha256',
  MD5: 'md5',
  'MD5-sess': 'md5',
};

/** The algorithm an `algorithm` parameter names (tokens compare ignoring case), if supported. */
export function digestAlgorithm(name: string): DigestAlgorithm | undefined {
  const lower = name.toLowerCase();
  return DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === lower);
}

/** True for MD5-sess and SHA-256-sess, whose A1 needs the cnonce (so qop=auth). */
export function isSessionAlgorithm(algorithm: DigestAlgorithm): boolean {
  return algorithm.endsWith('-sess');
}

/** The octets of `text` in UTF-8, as a byte string. */
export function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The text whose UTF-8 octets the byte string `bytes` holds (the reverse of utf8Bytes). */
export function utf8Text(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export interface DigestInput {
  readonly algorithm: DigestAlgorithm;
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  readonly method: string;
  /** the digest-uri: the Request-URI as written */
  readonly uri: string;
  readonly nonce: string;
  /** qop=auth with its nonce count (8 hex digits) and cnonce; absent: the RFC 2069 form */
  readonly qop?: { readonly nc: string; readonly cnonce: string };
}

function hash(algorithm: DigestAlgorithm, ...parts: string[]): string {
  return createHash(HASH[algorithm]).update(parts.join(':'), 'latin1').digest('hex');
}

/**
 * The response parameter, in lowercase hex. Throws RangeError for a -sess algorithm without
 * qop: its A1 is undefined there, and callers only pair them after checking.
 */
export function digestResponse(input: DigestInput): string {
  const { algorithm, qop } = input;
  let ha1 = hash(algorithm, input.username, input.realm, input.password);
  if (isSessionAlgorithm(algorithm)) {
    if (qop === undefined) throw new RangeError(`${algorithm} needs qop=auth`);
    ha1 = hash(algorithm, ha1, input.nonce, qop.cnonce);
  }
  const ha2 = hash(algorithm, input.method, input.uri);
  return qop === undefined
    ? hash(algorithm, ha1, input.nonce, ha2)
    : hash(algorithm, ha1, input.nonce, qop.nc, qop.cnonce, 'auth', ha2);
}
