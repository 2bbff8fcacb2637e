// The two ISDN layers together: real Q.921 (createL2) under real Q.931 (createQ931Interface) on
// both sides of an in-memory D-channel with a delay, on a FakeClock. Point-to-point (PRI E1) and
// a point-to-multipoint BRI bus with two TEs (TEI management, broadcast SETUP, cause 26).
import { Layer1Protocol, TransferCapability, TransferRate, type BearerCapability, type Cause } from 'q931-codec';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { createL2, type L2Service } from '../../src/isdn/l2/index.js';
import { createQ931Interface, type InterfaceKind, type Q931Event, type Q931Interface } from '../../src/isdn/q931/index.js';

const SPEECH: BearerCapability = {
  codingStandard: 0,
  transferCapability: TransferCapability.SPEECH,
  transferMode: 0,
  transferRate: TransferRate.KBIT_64,
  layer1: { protocol: Layer1Protocol.G711_A_LAW },
};
const cause = (causeValue: number): Cause => ({ codingStandard: 0, location: 0, causeValue });
const called = (digits: string) => ({ typeOfNumber: 2, numberingPlan: 1, digits });

interface Station {
  readonly l2: L2Service;
  readonly q: Q931Interface;
  readonly events: Q931Event[];
  of<K extends Q931Event['kind']>(kind: K): Extract<Q931Event, { kind: K }>[];
  /** where this station's frames go */
  out: (frame: Uint8Array) => void;
}

function station(clock: FakeClock, side: 'network' | 'user', kind: InterfaceKind, mode: 'ptp' | 'ptmp', seed: number): Station {
  let rnd = seed;
  const s: Station = {
    out: () => undefined,
    l2: createL2({
      side,
      mode,
      clock,
      transmit: (frame) => s.out(frame.slice()),
      timers: mode === 'ptmp' ? { k: 1 } : {},
      random: () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31),
    }),
    q: undefined as unknown as Q931Interface,
    events: [],
    of: <K extends Q931Event['kind']>(k: K) => s.events.filter((e): e is Extract<Q931Event, { kind: K }> => e.kind === k),
  };
  const q = createQ931Interface({ side, variant: 'euroIsdn', kind, ptmp: mode === 'ptmp', l2: s.l2, clock });
  q.subscribe((e) => s.events.push(e));
  return Object.assign(s, { q });
}

/** NT frames reach every TE, TE frames reach the NT, each after 2 ms. */
function bus(clock: FakeClock, nt: Station, tes: readonly Station[]): void {
  nt.out = (frame) => {
    for (const te of tes) clock.setTimer(2, () => te.l2.receive(frame));
  };
  for (const te of tes) te.out = (frame) => clock.setTimer(2, () => nt.l2.receive(frame));
}

const idOf = (r: { ok: true; value: number } | { ok: false }): number => (r.ok ? r.value : -1);

describe('Q.931 over Q.921, point to point (PRI E1)', () => {
  it('user → network call answered and cleared; every call ends with one cleared on both sides', () => {
    const clock = new FakeClock();
    const net = station(clock, 'network', 'E1', 'ptp', 1);
    const user = station(clock, 'user', 'E1', 'ptp', 2);
    bus(clock, net, [user]);
    net.l2.physical(true);
    user.l2.physical(true);
    clock.advance(50);
    expect(net.l2.established()).toEqual([0]);
    expect(user.l2.established()).toEqual([0]);

    const uid = idOf(user.q.setup({ bearer: SPEECH, channel: { channel: 3, exclusive: true }, called: called('4930123456'), sendingComplete: true }));
    clock.advance(20);
    const setup = net.of('setup')[0];
    expect(setup?.info.called?.digits).toBe('4930123456');
    expect(setup?.info.channel).toEqual({ channel: 3, exclusive: true });
    const nid = setup?.id ?? -1;
    net.q.proceeding(nid);
    net.q.alerting(nid);
    net.q.connect(nid);
    clock.advance(20);
    expect(user.of('connect')).toHaveLength(1);
    expect(user.q.calls().map((c) => c.state)).toEqual([10]);

    user.q.disconnect(uid, cause(16));
    clock.advance(20);
    expect(net.of('disconnect')[0]?.cause?.causeValue).toBe(16);
    net.q.release(nid);
    clock.advance(20);
    expect(user.q.calls()).toEqual([]);
    expect(net.q.calls()).toEqual([]);
    expect(user.of('cleared').map((e) => e.channel)).toEqual([3]);
    expect(net.of('cleared').map((e) => e.channel)).toEqual([3]);
  });

  it('link loss with an active call: both sides clear it (T309 = 0 on the network side)', () => {
    const clock = new FakeClock();
    const net = station(clock, 'network', 'E1', 'ptp', 1);
    const user = station(clock, 'user', 'E1', 'ptp', 2);
    bus(clock, net, [user]);
    net.l2.physical(true);
    user.l2.physical(true);
    clock.advance(50);
    net.q.setup({ bearer: SPEECH, channel: { channel: 9, exclusive: true }, called: called('1'), sendingComplete: true });
    clock.advance(20);
    const uid = user.of('setup')[0]?.id ?? -1;
    user.q.connect(uid);
    clock.advance(20);
    expect(net.q.calls().map((c) => c.state)).toEqual([10]);
    net.l2.physical(false);
    user.l2.physical(false);
    clock.advance(200_000);
    expect(net.q.calls()).toEqual([]);
    expect(user.q.calls()).toEqual([]);
    expect(net.of('cleared').map((e) => e.channel)).toEqual([9]);
    expect(user.of('cleared').map((e) => e.channel)).toEqual([9]);
  });
});

describe('Q.931 over Q.921, point to multipoint (BRI bus, two TEs)', () => {
  it('TEI assignment, broadcast SETUP, one TE alerts, the other answers: the first gets cause 26', () => {
    const clock = new FakeClock();
    const nt = station(clock, 'network', 'BRI', 'ptmp', 7);
    const te1 = station(clock, 'user', 'BRI', 'ptmp', 11);
    const te2 = station(clock, 'user', 'BRI', 'ptmp', 13);
    bus(clock, nt, [te1, te2]);
    for (const s of [nt, te1, te2]) s.l2.physical(true);
    clock.advance(100);

    nt.q.setup({ bearer: SPEECH, channel: { channel: 1, exclusive: true }, called: called('2001'), sendingComplete: true });
    clock.advance(50);
    const r1 = te1.of('setup')[0];
    const r2 = te2.of('setup')[0];
    expect(r1?.info.called?.digits).toBe('2001');
    expect(r2?.info.called?.digits).toBe('2001');
    te1.q.alerting(r1?.id ?? -1);
    clock.advance(200);
    te2.q.connect(r2?.id ?? -1);
    clock.advance(200);

    expect(nt.of('connect')).toHaveLength(1);
    expect(te2.q.calls().map((c) => c.state)).toEqual([10]);
    expect(te1.of('disconnect').map((e) => e.cause?.causeValue)).toEqual([26]);
    expect(te1.q.calls()).toEqual([]);
    expect(te1.of('cleared')).toHaveLength(1);
    const answered = nt.q.calls()[0]?.tei ?? -1;
    expect(answered).toBeGreaterThanOrEqual(64);
    expect(te2.q.calls()[0]?.tei).toBe(answered);
  });
});
