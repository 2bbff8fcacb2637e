// Property: over any loss pattern, layer 2 never duplicates or reorders data; when the link was
// never re-established (no second DL-ESTABLISH, no DL-RELEASE), every message arrives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { connect, station, text } from './harness.js';

const N = 40;

describe('layer 2 under random loss', () => {
  it('delivers in order without duplicates, and everything unless the link was reset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 0, maxLength: 300 }).map((a) => a.map((b, i) => b && i % 3 === 0)),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom(1, 2, 7),
        (lossy, delay, k) => {
          const clock = new FakeClock();
          const net = station(clock, { side: 'network', mode: 'ptp', timers: { k } });
          const user = station(clock, { side: 'user', mode: 'ptp', timers: { k } });
          connect(clock, net, user, { delay, drop: (n) => lossy[n] === true });
          net.l2.physical(true);
          user.l2.physical(true);
          for (let t = 0; t < 60_000 && (net.l2.established().length === 0 || user.l2.established().length === 0); t += 10) clock.advance(10);
          for (let i = 0; i < N; i++) {
            net.l2.data(0, text(`${i}`));
            user.l2.data(0, text(`${i}`));
          }
          clock.advance(120_000);
          for (const [rx, tx] of [
            [user, net],
            [net, user],
          ] as const) {
            const got = rx.data().map(Number);
            got.forEach((v, i) => expect(v).toBeGreaterThan(i === 0 ? -1 : (got[i - 1] as number)));
            const resets = [...rx.kinds(), ...tx.kinds()].filter((x) => x.startsWith('released') || x.startsWith('established')).length;
            if (resets === 2) expect(got).toEqual(Array.from({ length: N }, (_, i) => i));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
