// Nonces: HMAC-signed time and random, fresh for their lifetime, forged if anything is changed;
// nonce counts: each must be above the last accepted, remembered until the nonce expires.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { NonceCounts, NonceIssuer } from '../../../src/sip/auth/nonce.js';

const KEY = new Uint8Array(32).fill(7);

/** `nonce` with one bit of octet `index` flipped. */
function flip(nonce: string, index: number): string {
  const raw = Buffer.from(nonce, 'base64url');
  raw[index] = (raw[index] ?? 0) ^ 1;
  return raw.toString('base64url');
}

describe('NonceIssuer', () => {
  it('issues distinct base64url nonces, fresh for exactly their lifetime, then expired', () => {
    const clock = new FakeClock(5_000);
    const issuer = new NonceIssuer(clock, 300_000, KEY);
    const nonce = issuer.issue();
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{51}$/);
    expect(issuer.issue()).not.toBe(nonce);
    expect(issuer.check(nonce)).toEqual({ state: 'fresh', issuedAt: 5_000 });
    clock.advance(300_000);
    expect(issuer.check(nonce).state).toBe('fresh');
    clock.advance(1);
    expect(issuer.check(nonce)).toEqual({ state: 'expired', issuedAt: 5_000 });
  });

  it('calls a nonce from a later time (the clock was set back) expired, not forged', () => {
    const later = new NonceIssuer(new FakeClock(10_000), 300_000, KEY).issue();
    expect(new NonceIssuer(new FakeClock(0), 300_000, KEY).check(later).state).toBe('expired');
  });

  it('calls forged a nonce with any bit changed (time, random or tag), of another key, or not a nonce', () => {
    const issuer = new NonceIssuer(new FakeClock(0), 300_000, KEY);
    const nonce = issuer.issue();
    for (const index of [0, 5, 6, 21, 22, 37]) expect(issuer.check(flip(nonce, index)).state).toBe('forged');
    expect(new NonceIssuer(new FakeClock(0), 300_000, new Uint8Array(32)).check(nonce).state).toBe('forged');
    for (const text of ['', 'abc', `${nonce}A`, nonce.slice(1), `${nonce.slice(0, -1)}+`]) expect(issuer.check(text).state).toBe('forged');
  });
});

describe('NonceCounts', () => {
  it('accepts only counts above the last accepted for the nonce, from 1', () => {
    const counts = new NonceCounts();
    expect(counts.accept('n', 0, 100, 0)).toBe(false);
    expect(counts.accept('n', 1, 100, 0)).toBe(true);
    expect(counts.accept('n', 1, 100, 0)).toBe(false);
    expect(counts.accept('n', 3, 100, 0)).toBe(true);
    expect(counts.accept('n', 2, 100, 0)).toBe(false);
    expect(counts.accept('m', 1, 100, 0)).toBe(true);
  });

  it('forgets a nonce once it has expired, sweeping from the oldest entry to the first live one', () => {
    const counts = new NonceCounts();
    counts.accept('a', 1, 100, 0);
    counts.accept('b', 1, 300, 0);
    counts.accept('c', 1, 150, 0);
    counts.accept('d', 1, 400, 151);
    // a went; c expired too but sits behind b, which is live: it waits for a later sweep.
    expect(counts.size).toBe(3);
    counts.accept('e', 1, 500, 301);
    expect(counts.size).toBe(2);
    // a forgotten nonce is expired, so the challenger answers it stale before asking for its count.
    expect(counts.accept('a', 1, 100, 301)).toBe(true);
  });
});
