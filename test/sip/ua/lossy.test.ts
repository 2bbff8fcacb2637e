// Calls over a wire that loses one message in ten (a seeded generator, so every run loses the
// same ones): every call still completes, on retransmissions alone (RFC 3261 §17, §13.3.1.4;
// RFC 3262 §3), with and without reliable provisional responses.
import { describe, expect, it } from 'vitest';
import type { Termination } from '../../../src/sip/ua/index.js';
import { Wire } from './wire.js';

/** mulberry32: a small seeded generator of [0, 1). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a wire that loses 10% of the messages', () => {
  it.each([1, 2, 3])('40 calls (half with reliable 183s) all complete: seed %i', async (seed) => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    const uaB = wire.ua('B');
    const random = seeded(seed);
    wire.drop = () => random() < 0.1;
    const ends: Record<string, string[]> = { A: [], B: [] };
    const record = (side: string) => (t: Termination) => ends[side]?.push(t.cause);
    let n = 0;
    uaB.on('invite', (call) => {
      call.on('terminated', record('B'));
      if (n++ % 2 === 0) call.progress(183, { reliable: true, sdp: 'v=0\r\n' });
      else call.progress(180);
      wire.clock.setTimer(200, () => call.answer({ sdp: 'v=0\r\n' }));
    });
    for (let i = 0; i < 40; i++) {
      const placed = uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: 'v=0\r\n' });
      if (!placed.ok) throw placed.error;
      const call = placed.value;
      call.on('terminated', record('A'));
      call.on('answered', () => wire.clock.setTimer(1000, () => call.bye()));
      await wire.run(100);
    }
    await wire.run(40_000);
    const lost = wire.sent.filter((s) => s.dropped).length;
    expect(lost).toBeGreaterThan(20);
    expect(ends.A?.filter((c) => c === 'local-bye')).toHaveLength(40);
    expect(ends.B?.filter((c) => c === 'remote-bye')).toHaveLength(40);
    await wire.run(40_000);
    expect([uaA.dialogCount, uaB.dialogCount, uaA.transactionCount, uaB.transactionCount, wire.clock.pending()]).toEqual([0, 0, 0, 0, 0]);
  });
});
