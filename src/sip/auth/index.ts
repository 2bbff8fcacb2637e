// SIP Digest authentication (RFC 3261 §22, RFC 7616): header grammar, the response computation,
// the server-side challenger and the client that answers challenges. See docs/sip-auth.md.
export { parseAuthValues, type AuthParam, type AuthValue } from './auth-header.js';
export {
  formatDigestChallenge,
  formatDigestCredentials,
  isDigest,
  parseDigestChallenges,
  parseDigestCredentials,
  readDigestChallenge,
  readDigestCredentials,
  type DigestChallenge,
  type DigestCredentials,
} from './digest-header.js';
export { DIGEST_ALGORITHMS, digestAlgorithm, digestResponse, utf8Bytes, utf8Text, type DigestAlgorithm, type DigestInput } from './digest.js';
export {
  DigestChallenger,
  type Authenticated,
  type AuthFailure,
  type CredentialLookup,
  type DigestAccount,
  type DigestChallengerOptions,
} from './challenger.js';
export { DigestClient, type DigestClientOptions, type DigestSecret } from './client.js';
export {
  AuthBadNonce,
  AuthBadResponse,
  AuthMalformed,
  AuthMissing,
  AuthNoChallenge,
  AuthNoCredentials,
  AuthRejected,
  AuthReplay,
  AuthStale,
  AuthUnknownUser,
  AuthUnsupported,
  AuthUriMismatch,
  AuthWrongRealm,
} from './errors.js';
