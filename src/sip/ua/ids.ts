// Identifiers the UA core makes up: tags (RFC 3261 §19.3), Call-IDs (§8.1.1.4), branches with
// the magic cookie (§8.1.1.7), the first RSeq of a dialog (RFC 3262 §3), multipart boundaries.
// Injectable, so that tests get stable ones.
import { randomBytes, randomInt } from 'node:crypto';
import { randomBoundary } from '../message/index.js';
import { MAGIC_COOKIE } from '../transaction/matching.js';

export interface IdSource {
  readonly tag: () => string;
  readonly callId: () => string;
  /** must start with z9hG4bK */
  readonly branch: () => string;
  /** 1 to 2^31-1 */
  readonly rseq: () => number;
  readonly boundary: () => string;
}

/** Cryptographically random identifiers; Call-IDs end in `@host`. */
export function randomIds(host: string): IdSource {
  return {
    tag: () => randomBytes(8).toString('hex'),
    callId: () => `${randomBytes(12).toString('hex')}@${host}`,
    branch: () => `${MAGIC_COOKIE}${randomBytes(10).toString('hex')}`,
    rseq: () => randomInt(1, 2 ** 31),
    boundary: randomBoundary,
  };
}
