// Server nonces (RFC 7616 §3.3, §5.4, §5.5), verifiable without state:
//   nonce = base64url( time | random | tag ),  time = clock ms (6 octets, big-endian),
//   random = 16 octets, tag = the first 16 octets of HMAC-SHA-256(key, time | random).
// A nonce is ours when its tag is right (compared with timingSafeEqual) and fresh while
// now - time <= lifetime. Replay protection is NonceCounts: the highest nonce count accepted
// for each nonce, kept until the nonce expires.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.js';

const TIME = 6;
const RANDOM = 16;
const TAG = 16;
const LENGTH = TIME + RANDOM + TAG;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** `fresh` and `expired` nonces are ours; `issuedAt` is their time. */
export type NonceCheck = { readonly state: 'fresh' | 'expired'; readonly issuedAt: number } | { readonly state: 'forged' };

export class NonceIssuer {
  readonly #clock: Clock;
  readonly #lifetimeMs: number;
  readonly #key: Uint8Array;

  constructor(clock: Clock, lifetimeMs: number, key: Uint8Array) {
    this.#clock = clock;
    this.#lifetimeMs = lifetimeMs;
    this.#key = key;
  }

  get lifetimeMs(): number {
    return this.#lifetimeMs;
  }

  issue(): string {
    const body = Buffer.alloc(TIME + RANDOM);
    body.writeUIntBE(Math.max(0, Math.floor(this.#clock.now())), 0, TIME);
    randomBytes(RANDOM).copy(body, TIME);
    return Buffer.concat([body, this.#tag(body)]).toString('base64url');
  }

  /** A time after `now` (the clock was set back) counts as expired: the client just retries. */
  check(nonce: string): NonceCheck {
    const raw = BASE64URL.test(nonce) ? Buffer.from(nonce, 'base64url') : Buffer.alloc(0);
    if (raw.length !== LENGTH) return { state: 'forged' };
    const body = raw.subarray(0, TIME + RANDOM);
    if (!timingSafeEqual(raw.subarray(TIME + RANDOM), this.#tag(body))) return { state: 'forged' };
    const issuedAt = body.readUIntBE(0, TIME);
    const age = this.#clock.now() - issuedAt;
    return { state: age >= 0 && age <= this.#lifetimeMs ? 'fresh' : 'expired', issuedAt };
  }

  #tag(body: Uint8Array): Buffer {
    return createHmac('sha256', this.#key).update(body).digest().subarray(0, TAG);
  }
}

/**
 * The highest nonce count accepted per nonce. Only authenticated requests add entries, so the
 * table grows with real traffic, and entries go once their nonce has expired: the sweep walks
 * from the oldest entry and stops at the first one still live.
 */
export class NonceCounts {
  readonly #seen = new Map<string, { nc: number; until: number }>();

  /** True, and remembered until `until`, if `nc` is above every count accepted for `nonce`. */
  accept(nonce: string, nc: number, until: number, now: number): boolean {
    for (const [key, entry] of this.#seen) {
      if (entry.until >= now) break;
      this.#seen.delete(key);
    }
    if (nc <= (this.#seen.get(nonce)?.nc ?? 0)) return false;
    this.#seen.set(nonce, { nc, until });
    return true;
  }

  /** Nonces tracked: a gauge of the table's memory. */
  get size(): number {
    return this.#seen.size;
  }
}
