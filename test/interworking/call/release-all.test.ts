// CallControl.releaseAll (the end of the shutdown grace time, docs/operations.md "Stopping"):
// every call still up is released on both sides with cause 16: REL 16 toward the circuit, and BYE,
// CANCEL or the final response with Reason cause 16 toward SIP; it resolves once the REL/RLC
// exchanges are over, or after its bound when an RLC never comes. Runs on the test clock.
import { describe, expect, it } from 'vitest';
import { answerAfter, noAnswer } from '../../../src/drivers/sim/behaviour.js';
import { fieldValues } from '../../../src/sip/message/index.js';
import type { ServerCall } from '../../../src/sip/ua/index.js';
import { call, gateway, SDP_PBX, type Gateway } from './harness.js';

const reasonOf = (g: Gateway, method: string): string | undefined =>
  g.wire.sent.filter((s) => s.from === 'GW' && s.message.kind === 'request' && s.message.method === method).map((s) => fieldValues(s.message.headers, 'Reason')[0])[0];

const REASON_16 = 'Q.850;cause=16;text="Normal call clearing";location=LN';

/** Runs the test clock until `p` settles (at most `ms`). */
async function settle<T>(g: Gateway, p: Promise<T>, ms = 10_000): Promise<T | 'pending'> {
  let out: T | 'pending' = 'pending';
  void p.then((v) => (out = v));
  for (let t = 0; t < ms && out === 'pending'; t += 10) await g.run(10);
  return out;
}

describe('releaseAll: S→P calls', () => {
  it('an answered call: REL 16 on the circuit and BYE with Reason cause 16; resolves after the RLC', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(200);
    expect(c.seen).toContain('200 sdp');
    const done = g.control.releaseAll();
    const result = await settle(g, done);
    expect(result).toEqual({ released: 1, remaining: 0 });
    expect(g.trace.filter((l) => / (REL|RLC|RSC) /.test(l)).map((l) => l.slice(8))).toEqual(['GW>sim REL 1 cause=16', 'sim>GW RLC 1']);
    expect(reasonOf(g, 'BYE')).toBe(REASON_16);
    expect(c.seen).toContain('bye');
    expect(g.steps('k1').at(-1)).toBe('released:gateway:16:200');
    expect(g.control.activeCalls).toBe(0);
  });

  it('an unanswered call (ACM, no ANM): REL 16 and the cause table’s final response with Reason cause 16', async () => {
    const g = gateway({ sim: { defaultBehaviour: noAnswer() } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(200);
    expect(c.seen).toContain('180');
    expect(await settle(g, g.control.releaseAll(16))).toEqual({ released: 1, remaining: 0 });
    expect(g.trace.filter((l) => / (REL|RLC|RSC) /.test(l)).map((l) => l.slice(8))).toEqual(['GW>sim REL 1 cause=16', 'sim>GW RLC 1']);
    const final = g.wire.sent.find((s) => s.from === 'GW' && s.message.kind === 'response' && s.message.status >= 300);
    expect(final === undefined ? undefined : fieldValues(final.message.headers, 'Reason')[0]).toBe(REASON_16);
    expect(c.seen.some((s) => s.startsWith('failed '))).toBe(true);
    expect(g.steps('k1').at(-1)).toMatch(/^released:gateway:16:[3-6]\d\d$/);
  });

  it('is bounded: a REL never answered leaves the call up after `withinMs`, and it says so', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) } });
    call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(200);
    g.tap.mute.add('REL');
    const start = g.clock.now();
    const result = await settle(g, g.control.releaseAll(16, 1000));
    expect(result).toEqual({ released: 1, remaining: 1 });
    expect(g.clock.now() - start).toBeGreaterThanOrEqual(1000);
    expect(g.clock.now() - start).toBeLessThan(1100);
    expect(g.control.calls()[0]?.state).toBe('Releasing');
  });
});

describe('releaseAll: P→S calls', () => {
  const pbxRings = (g: Gateway, answerMs?: number): ServerCall[] => {
    const calls: ServerCall[] = [];
    g.pbx.on('invite', (c) => {
      calls.push(c);
      c.progress(180);
      if (answerMs !== undefined) g.clock.setTimer(answerMs, () => void c.answer({ sdp: SDP_PBX }));
    });
    return calls;
  };

  it('an answered call: REL 16 and BYE with Reason cause 16', async () => {
    const g = gateway();
    pbxRings(g, 100);
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(300);
    expect(g.control.calls()[0]?.state).toBe('Answered');
    expect(await settle(g, g.control.releaseAll())).toEqual({ released: 1, remaining: 0 });
    expect(g.trace.filter((l) => / (REL|RLC|RSC) /.test(l)).map((l) => l.slice(8))).toEqual(['GW>sim REL 4 cause=16', 'sim>GW RLC 4']);
    expect(reasonOf(g, 'BYE')).toBe(REASON_16);
    expect(g.steps('k1').at(-1)).toBe('released:gateway:16:200');
  });

  it('a ringing call: REL 16 and CANCEL with Reason cause 16 (the callee answers 487)', async () => {
    const g = gateway();
    const calls = pbxRings(g);
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(300);
    expect(g.control.calls()[0]?.state).toBe('Proceeding');
    expect(await settle(g, g.control.releaseAll())).toEqual({ released: 1, remaining: 0 });
    expect(g.trace.filter((l) => / (REL|RLC|RSC) /.test(l)).map((l) => l.slice(8))).toEqual(['GW>sim REL 4 cause=16', 'sim>GW RLC 4']);
    expect(reasonOf(g, 'CANCEL')).toBe(REASON_16);
    await g.run(100);
    expect(calls[0]?.ended).toBe(true);
    expect(g.wire.sent.some((s) => s.from === 'PBX' && s.message.kind === 'response' && s.message.status === 487)).toBe(true);
    expect(g.steps('k1').at(-1)).toBe('released:gateway:16:487');
  });

  it('no calls: resolves at once with nothing released', async () => {
    const g = gateway();
    expect(await settle(g, g.control.releaseAll(), 10)).toEqual({ released: 0, remaining: 0 });
  });
});
