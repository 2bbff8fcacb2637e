// Identifiers the UA core makes up: tags (RFC 3261 §19.3), Call-IDs (§8.1.1.4), branches with
// the magic cookie (§8.1.1.7), the first RSeq of a dialog (RFC 3262 §3), multipart boundaries.
// Injectable, so that tests get stable ones. The random octets come from a pool refilled from the
// system's CSPRNG a few KiB at a time (as Node's randomUUID does), not one call per identifier.
import { randomFillSync, randomInt } from 'node:crypto';
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

const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let used = POOL_SIZE;

/** `octets` random octets (each octet handed out once) as hex. */
function randomHex(octets: number): string {
  if (used + octets > POOL_SIZE) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + octets);
  used += octets;
  return hex;
}

/** Cryptographically random identifiers; Call-IDs end in `@host`. */
export function randomIds(host: string): IdSource {
  return {
    tag: () => randomHex(8),
    callId: () => `${randomHex(12)}@${host}`,
    branch: () => `${MAGIC_COOKIE}${randomHex(10)}`,
    rseq: () => randomInt(1, 2 ** 31),
    boundary: randomBoundary,
  };
}
