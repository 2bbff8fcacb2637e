// Point-to-multipoint BRI: the network broadcasts SETUP on TEI 127; two TEs answer on their own
// TEIs; the first CONNECT wins and the other TE is released with cause 26.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { FakeL2 } from './fake-l2.js';
import { SPEECH_ALAW, allCleared, cause, side } from './harness.js';

function bus() {
  const clock = new FakeClock();
  const nl2 = new FakeL2('network');
  const l2a = new FakeL2('user', 65);
  const l2b = new FakeL2('user', 66);
  FakeL2.link(nl2, l2a);
  FakeL2.link(nl2, l2b);
  const opts = { kind: 'BRI' as const, ptmp: true };
  const net = side(clock, nl2, opts);
  const a = side(clock, l2a, opts);
  const b = side(clock, l2b, opts);
  l2a.indicate({ kind: 'teiAssigned', tei: 65 });
  l2b.indicate({ kind: 'teiAssigned', tei: 66 });
  return { clock, net, a, b, nl2 };
}

describe('point-to-multipoint BRI', () => {
  it('one TE alerts, the other connects: the first gets RELEASE cause 26', () => {
    const { net, a, b, nl2 } = bus();
    const r = net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 1, exclusive: true }, sendingComplete: true });
    expect(nl2.sent[0]).toMatchObject({ tei: 127, unit: true });
    expect(nl2.sent[0]?.info.subarray(0, 4)).toEqual(Uint8Array.of(0x08, 0x01, 0x01, 0x05));
    const ida = a.of('setup')[0]?.id ?? -1;
    const idb = b.of('setup')[0]?.id ?? -1;
    expect(a.of('setup')[0]?.tei).toBe(65);
    a.q.alerting(ida);
    expect(net.q.calls()[0]?.state).toBe(7);
    b.q.connect(idb);
    expect(net.of('connect')).toHaveLength(1);
    expect(b.q.calls()[0]?.state).toBe(10);
    expect(a.of('disconnect')[0]?.cause?.causeValue).toBe(26);
    expect(allCleared(a)).toBe(true);
    expect(net.q.calls()).toEqual([{ id: r.ok ? r.value : -1, state: 10, callReference: 1, outgoing: true, channel: 1, tei: 66 }]);
    net.q.disconnect(r.ok ? r.value : -1, cause(16, 2));
    b.q.release(idb);
    expect(allCleared(net) && allCleared(b)).toBe(true);
  });

  it("a TE's rejection does not end the call while another may answer", () => {
    const { net, a, b } = bus();
    net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 2, exclusive: true }, sendingComplete: true });
    a.q.disconnect(a.of('setup')[0]?.id ?? -1, cause(17));
    expect(net.q.calls()[0]?.state).toBe(6);
    b.q.proceeding(b.of('setup')[0]?.id ?? -1);
    b.q.connect(b.of('setup')[0]?.id ?? -1);
    expect(net.q.calls()[0]?.state).toBe(10);
    expect(allCleared(a)).toBe(true);
  });

  it('every TE rejects: T303 clears the call with the rejection cause', () => {
    const { clock, net, a, b } = bus();
    net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 2, exclusive: true }, sendingComplete: true });
    a.q.disconnect(a.of('setup')[0]?.id ?? -1, cause(17));
    b.q.disconnect(b.of('setup')[0]?.id ?? -1, cause(17));
    clock.advance(4000);
    expect(net.of('cleared')[0]?.cause?.causeValue).toBe(17);
    expect(allCleared(net)).toBe(true);
  });

  it('no TE answers: SETUP broadcast again, then cleared with cause 18', () => {
    const { clock, net, nl2 } = bus();
    nl2.hold = true;
    net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 1, exclusive: true }, sendingComplete: true });
    clock.advance(8000);
    expect(nl2.sent.filter((s) => s.unit)).toHaveLength(2);
    expect(net.of('cleared')[0]?.cause?.causeValue).toBe(18);
  });

  it('a TE calls the network on its own TEI; calls from two TEs with the same call reference stay apart', () => {
    const { net, a, b } = bus();
    a.q.setup({ bearer: SPEECH_ALAW, sendingComplete: true });
    b.q.setup({ bearer: SPEECH_ALAW, sendingComplete: true });
    expect(net.of('setup').map((e) => [e.tei, e.info.channel?.channel])).toEqual([[65, 1], [66, 2]]);
    for (const s of net.of('setup')) net.q.connect(s.id);
    expect(a.q.calls()[0]?.state).toBe(10);
    expect(b.q.calls()[0]?.state).toBe(10);
    expect(a.q.calls()[0]?.channel).toBe(1);
    expect(b.q.calls()[0]?.channel).toBe(2);
  });
});
