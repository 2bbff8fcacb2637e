// Q.921 data link procedures, transition by transition, on a FakeClock. The station under test is
// the network side of a point-to-point link; the test plays the user side with literal frames
// (user commands start 00 01, user responses 02 01).
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import type { L2Timers } from '../../../src/isdn/l2/index.js';
import { hex, station, text, type Station } from './harness.js';

function established(timers: Partial<L2Timers> = {}): { clock: FakeClock; net: Station } {
  const clock = new FakeClock();
  const net = station(clock, { side: 'network', mode: 'ptp', timers });
  net.l2.receive(hex('00 01 7f'));
  expect(net.take()).toEqual(['00 01 73']);
  expect(net.l2.established()).toEqual([0]);
  net.indications.length = 0;
  return { clock, net };
}

describe('awaiting establishment (state 5)', () => {
  it('retransmits SABME on each T200 expiry, N200 times, then MDL-ERROR G and DL-RELEASE', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp' });
    net.l2.physical(true);
    clock.advance(3999);
    expect(net.take()).toEqual(['02 01 7f', '02 01 7f', '02 01 7f', '02 01 7f']);
    expect(net.l2.state?.()).toBe('awaiting establishment');
    clock.advance(1);
    expect(net.kinds()).toEqual(['error G', 'released 0']);
    expect(net.errors()[0]).toMatchObject({ code: 'GW_ERR_L2_NO_RESPONSE' });
    expect(net.l2.state?.()).toBe('TEI assigned');
    clock.advance(60_000);
    expect(net.take()).toEqual([]);
  });

  it('N200 and T200 are configurable', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp', timers: { N200: 1, T200: 300 } });
    net.l2.establish();
    clock.advance(599);
    expect(net.take()).toEqual(['02 01 7f', '02 01 7f']);
    clock.advance(1);
    expect(net.kinds()).toEqual(['error G', 'released 0']);
  });

  it('DM F=1 refuses the establishment', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp' });
    net.l2.data(0, text('queued'));
    expect(net.take()).toEqual(['02 01 7f']);
    net.l2.receive(hex('02 01 1f'));
    expect(net.kinds()).toEqual(['released 0']);
    expect(net.l2.state?.()).toBe('TEI assigned');
    clock.advance(5000);
    expect(net.take()).toEqual([]);
  });

  it('sends the I frames queued while establishing once UA arrives', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp' });
    net.l2.data(0, hex('aa'));
    net.l2.data(0, hex('bb'));
    expect(net.take()).toEqual(['02 01 7f']);
    net.l2.receive(hex('02 01 73'));
    expect(net.take()).toEqual(['02 01 00 00 aa', '02 01 02 00 bb']);
    expect(net.kinds()).toEqual(['established 0']);
  });
});

describe('multiple frame established (7) and timer recovery (8)', () => {
  it('T200 expiry: enquiry RR P=1 up to N200 times, then MDL-ERROR I and re-establishment', () => {
    const { clock, net } = established();
    net.l2.data(0, hex('01'));
    expect(net.take()).toEqual(['02 01 00 00 01']);
    clock.advance(1000);
    expect(net.take()).toEqual(['02 01 01 01']);
    expect(net.l2.state?.()).toBe('timer recovery');
    clock.advance(2000);
    expect(net.take()).toEqual(['02 01 01 01', '02 01 01 01']);
    expect(net.kinds()).toEqual([]);
    clock.advance(1000);
    expect(net.take()).toEqual(['02 01 7f']);
    expect(net.kinds()).toEqual(['error I']);
    expect(net.l2.state?.()).toBe('awaiting establishment');
    // V(S) != V(A) at re-establishment: the I queue is discarded and layer 3 is told.
    net.l2.receive(hex('02 01 73'));
    expect(net.kinds()).toEqual(['error I', 'established 0']);
    clock.advance(500);
    expect(net.take()).toEqual([]);
  });

  it('an enquiry answered with RR F=1 returns to state 7 and retransmits from N(R)', () => {
    const { clock, net } = established();
    net.l2.data(0, hex('01'));
    net.l2.data(0, hex('02'));
    expect(net.take()).toEqual(['02 01 00 00 01', '02 01 02 00 02']);
    clock.advance(1000);
    expect(net.take()).toEqual(['02 01 01 01']);
    net.l2.receive(hex('02 01 01 03')); // RR response F=1 N(R)=1
    expect(net.l2.state?.()).toBe('multiple frame established');
    expect(net.take()).toEqual(['02 01 02 00 02']);
    net.l2.receive(hex('00 01 01 04')); // RR N(R)=2: all acknowledged
    clock.advance(9999);
    expect(net.take()).toEqual([]);
    clock.advance(1);
    expect(net.take()).toEqual(['02 01 01 01']); // T203 restarted by the acknowledgement
  });

  it('T203 expiry polls; the answer ends timer recovery without retransmission', () => {
    const { clock, net } = established();
    clock.advance(10_000);
    expect(net.take()).toEqual(['02 01 01 01']);
    expect(net.l2.state?.()).toBe('timer recovery');
    net.l2.receive(hex('02 01 01 01'));
    expect(net.l2.state?.()).toBe('multiple frame established');
    expect(net.take()).toEqual([]);
    expect(net.errors()).toEqual([]);
  });

  it('answers a poll (RR P=1) with RR F=1 and N(R) = V(R)', () => {
    const { net } = established();
    net.l2.receive(hex('00 01 00 00 aa'));
    expect(net.take()).toEqual(['00 01 01 02']);
    net.l2.receive(hex('00 01 01 01'));
    expect(net.take()).toEqual(['00 01 01 03']);
  });

  it('RNR: peer busy holds I frames until an enquiry finds the peer ready', () => {
    const { clock, net } = established();
    net.l2.receive(hex('00 01 05 00')); // RNR N(R)=0
    net.l2.data(0, hex('01'));
    expect(net.take()).toEqual([]);
    clock.advance(1000);
    expect(net.take()).toEqual(['02 01 01 01']); // enquiry
    net.l2.receive(hex('02 01 05 01')); // still busy: RNR F=1
    expect(net.take()).toEqual([]);
    clock.advance(1000);
    expect(net.take()).toEqual(['02 01 01 01']);
    net.l2.receive(hex('02 01 01 01')); // RR F=1: ready
    expect(net.take()).toEqual(['02 01 00 00 01']);
    expect(net.l2.state?.()).toBe('multiple frame established');
  });

  it('REJ: retransmits every I frame from N(R)', () => {
    const { net } = established();
    for (const b of ['01', '02', '03']) net.l2.data(0, hex(b));
    expect(net.take()).toEqual(['02 01 00 00 01', '02 01 02 00 02', '02 01 04 00 03']);
    net.l2.receive(hex('02 01 09 02')); // REJ response N(R)=1
    expect(net.take()).toEqual(['02 01 02 00 02', '02 01 04 00 03']);
    net.l2.receive(hex('00 01 01 06')); // RR N(R)=3
    expect(net.l2.state?.()).toBe('multiple frame established');
    expect(net.errors()).toEqual([]);
  });

  it('window k: no more than k unacknowledged I frames', () => {
    const { net } = established({ k: 2 });
    for (const b of ['01', '02', '03', '04']) net.l2.data(0, hex(b));
    expect(net.take()).toEqual(['02 01 00 00 01', '02 01 02 00 02']);
    net.l2.receive(hex('00 01 01 02')); // RR N(R)=1
    expect(net.take()).toEqual(['02 01 04 00 03']);
    net.l2.receive(hex('00 01 01 06')); // RR N(R)=3
    expect(net.take()).toEqual(['02 01 06 00 04']);
  });

  it('BRI point-to-multipoint defaults to k = 1', () => {
    const clock = new FakeClock();
    const nt = station(clock, { side: 'network', mode: 'ptmp' });
    nt.l2.receive(hex('fc ff 03 0f 00 01 01 ff'));
    nt.l2.receive(hex('00 81 7f'));
    nt.take();
    nt.l2.data(64, hex('01'));
    nt.l2.data(64, hex('02'));
    expect(nt.take()).toEqual(['02 81 00 00 01']);
    nt.l2.receive(hex('00 81 01 02'));
    expect(nt.take()).toEqual(['02 81 02 00 02']);
  });

  it('N(R) error: MDL-ERROR J and re-establishment', () => {
    const { net } = established();
    net.l2.receive(hex('00 01 01 0a')); // RR N(R)=5, nothing was sent
    expect(net.kinds()).toEqual(['error J']);
    expect(net.errors()[0]).toMatchObject({ code: 'GW_ERR_L2_NR_ERROR' });
    expect(net.take()).toEqual(['02 01 7f']);
    expect(net.l2.state?.()).toBe('awaiting establishment');
  });

  it('I frames: in sequence delivered and acknowledged, out of sequence rejected once', () => {
    const { net } = established();
    net.l2.receive(hex('00 01 00 00 61'));
    expect(net.take()).toEqual(['00 01 01 02']);
    net.l2.receive(hex('00 01 04 00 63')); // N(S)=2, expected 1
    expect(net.take()).toEqual(['00 01 09 02']); // REJ N(R)=1
    net.l2.receive(hex('00 01 06 00 64')); // still out of sequence: no second REJ
    expect(net.take()).toEqual([]);
    net.l2.receive(hex('00 01 02 00 62'));
    net.l2.receive(hex('00 01 04 01 63')); // P=1
    expect(net.take()).toEqual(['00 01 01 04', '00 01 01 07']);
    expect(net.data()).toEqual(['a', 'b', 'c']);
  });

  it('piggybacks the acknowledgement on an I frame sent in answer', () => {
    const { net } = established();
    net.l2.subscribe((i) => {
      if (i.kind === 'data') net.l2.data(0, hex('ff'));
    });
    net.l2.receive(hex('00 01 00 00 61'));
    expect(net.take()).toEqual(['00 01 01 02', '02 01 00 02 ff']);
  });

  it('DISC: UA F=1 and DL-RELEASE indication', () => {
    const { clock, net } = established();
    net.l2.receive(hex('00 01 53'));
    expect(net.take()).toEqual(['00 01 73']);
    expect(net.kinds()).toEqual(['released 0']);
    clock.advance(30_000);
    expect(net.take()).toEqual([]);
  });

  it('DL-RELEASE request: DISC P=1, retransmitted on T200, confirmed by UA', () => {
    const { clock, net } = established();
    net.l2.release();
    expect(net.take()).toEqual(['02 01 53']);
    clock.advance(1000);
    expect(net.take()).toEqual(['02 01 53']);
    net.l2.receive(hex('02 01 73'));
    expect(net.kinds()).toEqual(['released 0']);
    expect(net.l2.state?.()).toBe('TEI assigned');
  });

  it('DL-RELEASE request unanswered: MDL-ERROR H after N200 retransmissions', () => {
    const { clock, net } = established();
    net.l2.release();
    clock.advance(4000);
    expect(net.take()).toEqual(['02 01 53', '02 01 53', '02 01 53', '02 01 53']);
    expect(net.kinds()).toEqual(['error H', 'released 0']);
  });

  it('SABME while established: UA, MDL-ERROR F, variables reset', () => {
    const { net } = established();
    net.l2.receive(hex('00 01 00 00 61'));
    net.take();
    net.l2.receive(hex('00 01 7f'));
    expect(net.take()).toEqual(['00 01 73']);
    expect(net.kinds()).toEqual(['data 0', 'error F']);
    net.l2.receive(hex('00 01 00 00 62')); // N(S)=0 again after the reset
    expect(net.data()).toEqual(['a', 'b']);
  });

  it('DM F=0 (MDL-ERROR E) and FRMR (MDL-ERROR K) re-establish the link', () => {
    const { net } = established();
    net.l2.receive(hex('02 01 0f'));
    expect(net.take()).toEqual(['02 01 7f']);
    net.l2.receive(hex('02 01 73'));
    net.l2.receive(hex('02 01 87 00 00 00 00 00'));
    expect(net.take()).toEqual(['02 01 7f']);
    expect(net.kinds()).toEqual(['error E', 'error K']);
    expect(net.errors()[1]).toMatchObject({ code: 'GW_ERR_L2_FRAME_REJECT' });
  });

  it('physical(false) releases the link and drops the I queue', () => {
    const { clock, net } = established();
    net.l2.data(0, hex('01'));
    net.take();
    net.l2.physical(false);
    expect(net.kinds()).toEqual(['released 0']);
    clock.advance(60_000);
    expect(net.take()).toEqual([]);
  });
});

describe('logging', () => {
  it('logs every transition in the FSM engine shape', () => {
    const { net } = established();
    expect(net.log).toContainEqual({ fsm: 'q921', id: 'tei 0', from: 'TEI assigned', event: 'SABME', to: 'multiple frame established' });
    net.l2.receive(hex('00 01 01 0a'));
    expect(net.log.at(-1)).toEqual({ fsm: 'q921', id: 'tei 0', from: 'multiple frame established', event: 'N(R) error', to: 'awaiting establishment' });
  });
});

describe('TEI assigned (state 4) and bad frames', () => {
  it('answers a command with P=1 with DM F=1 and a DISC with DM', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp' });
    net.l2.receive(hex('00 01 01 01'));
    net.l2.receive(hex('00 01 53'));
    expect(net.take()).toEqual(['00 01 1f', '00 01 1f']);
  });

  it('an unsolicited UA is MDL-ERROR C (F=1) or D (F=0)', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp' });
    net.l2.receive(hex('02 01 73'));
    net.l2.receive(hex('02 01 63'));
    expect(net.kinds()).toEqual(['error C', 'error D']);
    expect(net.errors()[0]).toMatchObject({ code: 'GW_ERR_L2_UNEXPECTED_FRAME' });
  });

  it.each([
    ['00', 'GW_ERR_L2_BAD_FRAME', 'N'],
    ['01 01 7f', 'GW_ERR_L2_BAD_FRAME', undefined],
    ['00 01 0d 00', 'GW_ERR_L2_BAD_FRAME', 'L'],
    ['00 01 01 00 55', 'GW_ERR_L2_BAD_FRAME', 'M'],
    ['14 01 7f', 'GW_ERR_L2_UNKNOWN_ADDRESS', undefined],
    ['00 07 7f', 'GW_ERR_L2_UNKNOWN_ADDRESS', undefined],
    ['fc ff 03 0f 00 01 01 ff', 'GW_ERR_L2_UNKNOWN_ADDRESS', undefined],
  ])('%s is an error indication %s', (frame, code, mdl) => {
    const { net } = established();
    expect(() => net.l2.receive(hex(frame))).not.toThrow();
    expect(net.errors()).toEqual([expect.objectContaining(mdl === undefined ? { kind: 'error', code } : { kind: 'error', code, mdl })]);
    expect(net.errors()[0]).not.toHaveProperty(mdl === undefined ? 'mdl' : 'none');
  });

  it('an I frame longer than N201 is MDL-ERROR O and is not delivered', () => {
    const { net } = established({ N201: 4 });
    net.l2.receive(hex('00 01 00 00 01 02 03 04 05'));
    expect(net.kinds()).toEqual(['error O']);
    net.l2.receive(hex('00 01 00 00 01 02 03 04'));
    expect(net.kinds()).toEqual(['error O', 'data 0']);
  });
});
