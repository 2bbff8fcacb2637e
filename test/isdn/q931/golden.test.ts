// Golden bytes from docs pstn-peers.md (a recorded libpri 1.6 run, CPE → NET on EuroISDN E1):
// the SETUP our user side sends, and libpri's responses driving it through U1 → U3 → U4 → U10.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { FakeL2, bytes } from './fake-l2.js';
import { SPEECH_ALAW, cause, side } from './harness.js';

const SETUP = '08 02 00 01 05 04 03 80 90 a3 18 03 a9 83 83 6c 09 21 80 34 39 34 30 39 39 39 70 0b a1 34 39 33 30 31 32 33 34 35 36 a1';

describe('user side against the recorded libpri network', () => {
  it('sends the recorded SETUP and follows the recorded responses to Null', () => {
    const clock = new FakeClock();
    const l2 = new FakeL2('user');
    const u = side(clock, l2);
    const r = u.q.setup({
      bearer: SPEECH_ALAW,
      channel: { channel: 3, exclusive: true },
      calling: { typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 0, digits: '4940999' },
      called: { typeOfNumber: 2, numberingPlan: 1, digits: '4930123456' },
      sendingComplete: true,
    });
    expect(r.ok).toBe(true);
    const id = r.ok ? r.value : -1;
    expect(l2.take()).toEqual([SETUP]);
    expect(u.q.calls()).toEqual([{ id, state: 1, callReference: 1, outgoing: true, channel: 3, tei: 0 }]);
    const net = (h: string): void => l2.indicate({ kind: 'data', tei: 0, info: bytes(h) });

    net('08 02 80 01 02 18 03 a9 83 83');
    expect(u.q.calls()[0]?.state).toBe(3);
    expect(u.of('proceeding')).toEqual([{ kind: 'proceeding', id, channel: { channel: 3, exclusive: true } }]);
    net('08 02 80 01 01');
    expect(u.q.calls()[0]?.state).toBe(4);
    net('08 02 80 01 07 18 03 a9 83 83');
    expect(u.q.calls()[0]?.state).toBe(10);
    expect(l2.take()).toEqual(['08 02 00 01 0f']);
    expect(u.of('connect')).toHaveLength(1);

    expect(u.q.disconnect(id, cause(16)).ok).toBe(true);
    expect(l2.take()).toEqual(['08 02 00 01 45 08 02 80 90']);
    expect(u.q.calls()[0]?.state).toBe(11);
    net('08 02 80 01 4d 08 02 81 90');
    expect(l2.take()).toEqual(['08 02 00 01 5a']);
    expect(u.q.calls()).toEqual([]);
    expect(u.of('cleared')).toEqual([{ kind: 'cleared', id, cause: cause(16), channel: 3 }]); // the first clearing cause: ours
    expect(u.events.filter((e) => e.kind === 'protocolError')).toEqual([]);
  });

  it('the network side answers a SETUP with the recorded CALL PROCEEDING and CONNECT octets', () => {
    const clock = new FakeClock();
    const l2 = new FakeL2('network');
    const n = side(clock, l2);
    l2.indicate({ kind: 'data', tei: 0, info: bytes(SETUP) });
    const setup = n.of('setup')[0];
    expect(setup?.info.channel).toEqual({ channel: 3, exclusive: true });
    expect(setup?.info.called?.digits).toBe('4930123456');
    const id = setup?.id ?? -1;
    expect(n.q.proceeding(id).ok).toBe(true);
    expect(n.q.alerting(id).ok).toBe(true);
    expect(n.q.connect(id, { channel: { channel: 3, exclusive: true } }).ok).toBe(true);
    expect(l2.take()).toEqual(['08 02 80 01 02 18 03 a9 83 83', '08 02 80 01 01', '08 02 80 01 07 18 03 a9 83 83']);
    l2.indicate({ kind: 'data', tei: 0, info: bytes('08 02 00 01 0f') });
    expect(n.of('connectAck')).toEqual([{ kind: 'connectAck', id }]);
  });
});
