// Scripted tests of one side with a FakeClock: each timer's expiry, each §5.8 error case, T309,
// and a far-end RELEASE. Messages are injected as octets and the answers read back as octets.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import type { InterfaceOptions } from '../../../src/isdn/q931/index.js';
import { FakeL2, bytes } from './fake-l2.js';
import { SPEECH_ALAW, allCleared, cause, side } from './harness.js';

function one(s: 'user' | 'network', options: Partial<InterfaceOptions> = {}) {
  const clock = new FakeClock();
  const l2 = new FakeL2(s);
  const x = side(clock, l2, options);
  const inject = (h: string): void => l2.indicate({ kind: 'data', tei: 0, info: bytes(h) });
  return { clock, l2, x, inject };
}

const SETUP_IN = '08 02 00 05 05 04 03 80 90 a3 18 03 a9 83 81 70 02 80 31 a1'; // from the far end, CR 5, B1 exclusive
const start = (u: ReturnType<typeof one>): number => {
  const r = u.x.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 3, exclusive: true }, sendingComplete: true });
  u.l2.take();
  return r.ok ? r.value : -1;
};

describe('timers (user side unless stated)', () => {
  it('T303: SETUP sent again once, then RELEASE COMPLETE and cleared with cause 102', () => {
    const u = one('user');
    start(u);
    u.clock.advance(3999);
    expect(u.l2.take()).toEqual([]);
    u.clock.advance(1);
    expect(u.l2.take()[0]).toMatch(/^08 02 00 01 05 /);
    u.clock.advance(4000);
    expect(u.l2.take()).toEqual(['08 02 00 01 5a 08 02 80 e6']);
    expect(u.x.of('cleared')[0]?.cause?.causeValue).toBe(102);
    expect(allCleared(u.x)).toBe(true);
  });

  it('T303 on the network side clears with cause 18', () => {
    const n = one('network');
    start(n);
    n.clock.advance(8000);
    expect(n.x.of('cleared')[0]?.cause?.causeValue).toBe(18);
  });

  it('T310: DISCONNECT cause 102 after CALL PROCEEDING; not after a PROGRESS', () => {
    const u = one('user');
    const id = start(u);
    u.inject('08 02 80 01 02 18 03 a9 83 83');
    u.clock.advance(30000);
    expect(u.l2.take()).toEqual(['08 02 00 01 45 08 02 80 e6']);
    expect(u.x.q.calls()[0]?.state).toBe(11);
    const v = one('user', { timers: { T310: 1000 } });
    start(v);
    v.inject('08 02 80 01 02 18 03 a9 83 83');
    v.inject('08 02 80 01 03 1e 02 82 88');
    v.clock.advance(5000);
    expect(v.x.q.calls()[0]?.state).toBe(3);
    expect(v.x.of('progress')).toHaveLength(1);
    expect(id).toBe(1);
  });

  it('T301: DISCONNECT cause 19 after ALERTING', () => {
    const u = one('user', { timers: { T301: 60000 } });
    start(u);
    u.inject('08 02 80 01 01 18 03 a9 83 83');
    u.clock.advance(60000);
    expect(u.l2.take()).toEqual(['08 02 00 01 45 08 02 80 93']);
  });

  it('T304: DISCONNECT cause 102 in overlap sending', () => {
    const u = one('user');
    start(u);
    u.inject('08 02 80 01 0d 18 03 a9 83 83');
    u.clock.advance(30000);
    expect(u.l2.take()).toEqual(['08 02 00 01 45 08 02 80 e6']);
  });

  it('T302 (network, overlap receiving): DISCONNECT cause 28', () => {
    const n = one('network');
    n.inject('08 02 00 05 05 04 03 80 90 a3 18 03 a9 83 81 70 02 80 31');
    n.x.q.setupAck(n.x.of('setup')[0]?.id ?? -1);
    n.l2.take();
    n.clock.advance(14999);
    n.inject('08 02 00 05 7b 70 02 80 32');
    n.clock.advance(14999);
    expect(n.l2.take()).toEqual([]);
    n.clock.advance(1);
    expect(n.l2.take()).toEqual(['08 02 80 05 45 08 02 82 9c']);
  });

  it('T313: DISCONNECT after CONNECT without CONNECT ACK', () => {
    const u = one('user');
    u.inject(SETUP_IN);
    u.x.q.connect(u.x.of('setup')[0]?.id ?? -1);
    u.l2.take();
    u.clock.advance(4000);
    expect(u.l2.take()).toEqual(['08 02 80 05 45 08 02 80 e6']);
  });

  it('T305 then T308 twice: RELEASE, RELEASE again, cleared', () => {
    const u = one('user');
    const id = start(u);
    u.inject('08 02 80 01 07 18 03 a9 83 83');
    u.x.q.disconnect(id, cause(16));
    u.l2.take();
    u.clock.advance(30000);
    expect(u.l2.take()).toEqual(['08 02 00 01 4d 08 02 80 90']);
    u.clock.advance(4000);
    expect(u.l2.take()).toEqual(['08 02 00 01 4d 08 02 80 90']);
    expect(u.x.of('cleared')).toEqual([]);
    u.clock.advance(4000);
    expect(u.x.of('cleared')[0]?.cause?.causeValue).toBe(16);
    expect(allCleared(u.x)).toBe(true);
  });

  it('T322: STATUS ENQUIRY sent again once, then DISCONNECT cause 41', () => {
    const u = one('user');
    const id = start(u);
    u.inject('08 02 80 01 07 18 03 a9 83 83');
    u.l2.take();
    u.x.q.statusEnquiry(id);
    u.clock.advance(4000);
    expect(u.l2.take()).toEqual(['08 02 00 01 75', '08 02 00 01 75']);
    u.clock.advance(4000);
    expect(u.l2.take()).toEqual(['08 02 00 01 45 08 02 80 a9']);
  });

  it('T316: RESTART sent 3 times, then restartAck not acknowledged', () => {
    const n = one('network');
    n.x.q.restart([5]);
    n.clock.advance(3 * 120000);
    expect(n.l2.take()).toEqual(Array(3).fill('08 02 00 00 46 18 03 a9 83 85 79 01 80'));
    expect(n.x.of('restartAck')).toEqual([{ kind: 'restartAck', channels: [5], acknowledged: false }]);
  });
});

describe('T309 and data link failure (§5.8.9)', () => {
  it('an active call survives a link loss shorter than T309 and reports STATUS', () => {
    const u = one('user');
    start(u);
    u.inject('08 02 80 01 07 18 03 a9 83 83');
    u.l2.take();
    u.l2.indicate({ kind: 'released', tei: 0 });
    u.clock.advance(5000);
    u.l2.indicate({ kind: 'established', tei: 0 });
    expect(u.l2.take()).toEqual(['08 02 00 01 7d 08 02 80 9f 14 01 0a']);
    u.clock.advance(10000);
    expect(u.x.q.calls()).toHaveLength(1);
  });

  it('an active call is cleared with cause 27 when T309 expires; others at once', () => {
    const u = one('user');
    start(u);
    u.inject('08 02 80 01 07 18 03 a9 83 83');
    start(u);
    u.l2.indicate({ kind: 'released', tei: 0 });
    expect(u.x.of('cleared').map((e) => e.id)).toEqual([2]);
    u.clock.advance(6000);
    expect(u.x.of('cleared').map((e) => [e.id, e.cause?.causeValue])).toEqual([[2, 27], [1, 27]]);
    expect(allCleared(u.x)).toBe(true);
  });

  it('T309 = 0 clears active calls at once', () => {
    const u = one('user', { timers: { T309: 0 } });
    start(u);
    u.inject('08 02 80 01 07 18 03 a9 83 83');
    u.l2.indicate({ kind: 'released', tei: 0 });
    expect(allCleared(u.x)).toBe(true);
  });
});

describe('§5.8 error handling', () => {
  it('unknown call reference: RELEASE COMPLETE cause 81; RELEASE answered; RELEASE COMPLETE ignored', () => {
    const u = one('user');
    u.inject('08 02 80 09 01');
    u.inject('08 02 80 09 4d');
    u.inject('08 02 80 09 5a');
    expect(u.l2.take()).toEqual(['08 02 00 09 5a 08 02 80 d1', '08 02 00 09 5a 08 02 80 d1']);
  });

  it('STATUS ENQUIRY for an unknown call: STATUS cause 30, call state 0', () => {
    const u = one('user');
    u.inject('08 02 80 09 75');
    expect(u.l2.take()).toEqual(['08 02 00 09 7d 08 02 80 9e 14 01 00']);
  });

  it('SETUP without bearer capability: RELEASE COMPLETE cause 96; with an invalid one: 100', () => {
    const u = one('user');
    u.inject('08 02 00 05 05 18 03 a9 83 81');
    u.inject('08 02 00 06 05 04 01 80 18 03 a9 83 81');
    expect(u.l2.take()).toEqual(['08 02 80 05 5a 08 02 80 e0', '08 02 80 06 5a 08 02 80 e4']);
    expect(u.x.of('setup')).toEqual([]);
  });

  it('unrecognized message type: STATUS cause 97; not implemented: 98; not compatible with the state: 101', () => {
    const u = one('user');
    start(u);
    u.inject('08 02 80 01 55');
    u.inject('08 02 80 01 25');
    u.inject('08 02 80 01 0f');
    expect(u.l2.take()).toEqual(['08 02 00 01 7d 08 02 80 e1 14 01 01', '08 02 00 01 7d 08 02 80 e2 14 01 01', '08 02 00 01 7d 08 02 80 e5 14 01 01']);
    expect(u.x.of('protocolError').map((e) => e.code)).toEqual(['GW_ERR_Q931_UNEXPECTED_MESSAGE', 'GW_ERR_Q931_UNEXPECTED_MESSAGE', 'GW_ERR_Q931_UNEXPECTED_MESSAGE']);
    expect(u.x.q.calls()[0]?.state).toBe(1);
  });

  it('PROGRESS without progress indicator: STATUS cause 96; invalid optional element: STATUS 100 and the message acts', () => {
    const u = one('user');
    start(u);
    u.inject('08 02 80 01 02 18 03 a9 83 83');
    u.l2.take();
    u.inject('08 02 80 01 03');
    u.inject('08 02 80 01 01 1e 01 82');
    expect(u.l2.take()).toEqual(['08 02 00 01 7d 08 02 80 e0 14 01 03', '08 02 00 01 7d 08 02 80 e4 14 01 03']);
    expect(u.x.q.calls()[0]?.state).toBe(4);
  });

  it('DISCONNECT without cause still clears; the RELEASE carries cause 96', () => {
    const u = one('user');
    const id = start(u);
    u.inject('08 02 80 01 07 18 03 a9 83 83');
    u.l2.take();
    u.inject('08 02 80 01 45');
    u.x.q.release(id);
    expect(u.l2.take()).toEqual(['08 02 00 01 4d 08 02 80 e0']);
  });

  it('far-end RELEASE: RELEASE COMPLETE at once, disconnect then cleared', () => {
    const u = one('user');
    start(u);
    u.inject('08 02 80 01 07 18 03 a9 83 83');
    u.l2.take();
    u.inject('08 02 80 01 4d 08 02 82 90');
    expect(u.l2.take()).toEqual(['08 02 00 01 5a']);
    expect(u.x.events.map((e) => e.kind).slice(-2)).toEqual(['disconnect', 'cleared']);
    expect(allCleared(u.x)).toBe(true);
  });

  it('STATUS with call state 0 clears the call; NOTIFY is ignored', () => {
    const u = one('user');
    start(u);
    u.inject('08 02 80 01 6e 27 01 80');
    expect(u.l2.take()).toEqual([]);
    u.inject('08 02 80 01 7d 08 02 82 e5 14 01 00');
    expect(u.x.of('cleared')[0]?.cause?.causeValue).toBe(101);
  });

  it('undecodable octets, a dummy or wrong-length call reference: protocol errors, nothing sent', () => {
    const u = one('user');
    for (const h of ['', '09 02 00 01 05', '08 00 05', '08 01 01 05', '08 02 00 01']) u.inject(h);
    expect(u.l2.take()).toEqual([]);
    expect(u.x.of('protocolError').map((e) => e.code)).toEqual([
      'GW_ERR_Q931_DECODE',
      'GW_ERR_Q931_DECODE',
      'GW_ERR_Q931_CALL_REFERENCE',
      'GW_ERR_Q931_CALL_REFERENCE',
      'GW_ERR_Q931_DECODE',
    ]);
  });

  it('global call reference: other messages get STATUS cause 81; RESTART without indicator STATUS 96', () => {
    const n = one('network');
    n.inject('08 02 00 00 05 04 03 80 90 a3');
    n.inject('08 02 00 00 46');
    expect(n.l2.take()).toEqual(['08 02 80 00 7d 08 02 82 d1 14 01 00', '08 02 80 00 7d 08 02 82 e0 14 01 00']);
  });

  it('a received RESTART is acknowledged with the same elements', () => {
    const u = one('user');
    u.inject(SETUP_IN);
    u.inject('08 02 00 00 46 18 03 a9 83 81 79 01 80');
    expect(u.l2.take()).toEqual(['08 02 80 00 4e 18 03 a9 83 81 79 01 80']);
    expect(allCleared(u.x)).toBe(true);
  });
});
