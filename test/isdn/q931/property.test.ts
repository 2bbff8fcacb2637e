// Property: random sequences of far-end messages, driver requests, link events and time never
// throw, and in the end (after a RESTART of everything and enough time) every call the driver saw
// has exactly one 'cleared'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { FakeL2, bytes } from './fake-l2.js';
import { SPEECH_ALAW, allCleared, cause, side } from './harness.js';

const FAR = [
  '08 02 80 01 02 18 03 a9 83 83', '08 02 80 01 01', '08 02 80 01 07 18 03 a9 83 83', '08 02 80 01 0d', '08 02 80 01 03 1e 02 82 88',
  '08 02 80 01 45 08 02 80 90', '08 02 80 01 4d', '08 02 80 01 5a', '08 02 80 01 0f', '08 02 80 01 75', '08 02 80 01 7d 08 02 80 e5 14 01 00',
  '08 02 80 01 55', '08 02 00 05 05 04 03 80 90 a3 18 03 a9 83 81', '08 02 00 05 0f', '08 02 00 05 45 08 02 80 90', '08 02 00 05 4d', '08 02 00 05 7b 70 01 31',
  '08 02 00 00 46 79 01 87', '08 02 80 00 4e 79 01 87', '08 02 00 01', '08 02 80 05 5a',
];

type Step = { kind: 'far'; i: number } | { kind: 'req'; i: number; id: number } | { kind: 'time'; ms: number } | { kind: 'link'; up: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('far' as const), i: fc.nat(FAR.length - 1) }),
  fc.record({ kind: fc.constant('req' as const), i: fc.nat(10), id: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 40000 }) }),
  fc.record({ kind: fc.constant('link' as const), up: fc.boolean() }),
);

describe('random message sequences', () => {
  for (const s of ['user', 'network'] as const) {
    it(`${s} side: never throws, every call ends with one 'cleared'`, () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
          const clock = new FakeClock();
          const l2 = new FakeL2(s);
          l2.hold = true;
          const x = side(clock, l2);
          for (const st of steps) {
            if (st.kind === 'far') l2.indicate({ kind: 'data', tei: 0, info: bytes(FAR[st.i] as string) });
            else if (st.kind === 'time') clock.advance(st.ms);
            else if (st.kind === 'link') l2.indicate({ kind: st.up ? 'established' : 'released', tei: 0 });
            else {
              const q = x.q;
              const reqs = [
                () => q.setup({ bearer: SPEECH_ALAW, channel: { channel: 3, exclusive: true }, sendingComplete: st.id > 2 }),
                () => q.setupAck(st.id),
                () => q.proceeding(st.id),
                () => q.alerting(st.id),
                () => q.connect(st.id),
                () => q.information(st.id, '5', true),
                () => q.disconnect(st.id, cause(16)),
                () => q.release(st.id),
                () => q.statusEnquiry(st.id),
                () => q.progress(st.id, [{ codingStandard: 0, location: 0, description: 8 }]),
                () => q.restart([3]),
              ];
              (reqs[st.i] as () => unknown)();
            }
          }
          x.q.restart('all');
          clock.advance(10 * 60 * 1000);
          expect(allCleared(x)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }
});
