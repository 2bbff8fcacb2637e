// Golden frames: the exact octets libpri 1.6 sends and accepts (docs: /work/shared/reference
// pstn-peers.md, "Observed frames" and "BRI point-to-multipoint"), played against our layer 2.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { hex, station, toHex } from './harness.js';

describe('Q.921 golden frames (libpri 1.6 recordings)', () => {
  it('user side, PRI start-up: SABME collision, each side answers the other with UA', () => {
    const clock = new FakeClock();
    const cpe = station(clock, { side: 'user', mode: 'ptp' });
    cpe.l2.physical(true);
    expect(cpe.take()).toEqual(['00 01 7f']); // CPE -> NET SABME P=1 (user command)
    cpe.l2.receive(hex('02 01 7f')); // NET -> CPE SABME P=1 (network command)
    expect(cpe.take()).toEqual(['02 01 73']); // CPE -> NET UA F=1 (user response)
    expect(cpe.l2.established()).toEqual([]);
    cpe.l2.receive(hex('00 01 73')); // NET -> CPE UA F=1 (network response)
    expect(cpe.kinds()).toEqual(['established 0']);
    expect(cpe.l2.established()).toEqual([0]);
    expect(cpe.l2.state?.()).toBe('multiple frame established');
  });

  it('network side, PRI start-up: the same collision from the other end', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp' });
    net.l2.physical(true);
    expect(net.take()).toEqual(['02 01 7f']);
    net.l2.receive(hex('00 01 7f'));
    expect(net.take()).toEqual(['00 01 73']);
    net.l2.receive(hex('02 01 73'));
    expect(net.kinds()).toEqual(['established 0']);
  });

  it('user side answers the network idle poll RR P=1 (02 01 01 01) with RR F=1 (02 01 01 01)', () => {
    const clock = new FakeClock();
    const cpe = station(clock, { side: 'user', mode: 'ptp' });
    cpe.l2.receive(hex('02 01 7f'));
    expect(cpe.take()).toEqual(['02 01 73']);
    clock.advance(9000);
    cpe.l2.receive(hex('02 01 01 01'));
    expect(cpe.take()).toEqual(['02 01 01 01']);
    expect(cpe.errors()).toEqual([]);
  });

  it('network side polls with RR P=1 after T203 = 10 s idle', () => {
    const clock = new FakeClock();
    const net = station(clock, { side: 'network', mode: 'ptp' });
    net.l2.receive(hex('00 01 7f'));
    expect(net.take()).toEqual(['00 01 73']);
    clock.advance(9999);
    expect(net.take()).toEqual([]);
    clock.advance(1);
    expect(net.take()).toEqual(['02 01 01 01']);
    net.l2.receive(hex('02 01 01 01')); // the user's answer, F=1
    expect(net.l2.state?.()).toBe('multiple frame established');
  });

  it('user side: I frame SETUP out, RR and I frames in, as in the recorded call', () => {
    const clock = new FakeClock();
    const cpe = station(clock, { side: 'user', mode: 'ptp' });
    cpe.l2.physical(true);
    cpe.l2.receive(hex('02 01 7f'));
    cpe.l2.receive(hex('00 01 73'));
    cpe.take();
    cpe.l2.data(0, hex('08 02 00 01 05'));
    expect(cpe.take()).toEqual(['00 01 00 00 08 02 00 01 05']); // I N(S)=0 N(R)=0
    cpe.l2.receive(hex('00 01 01 02')); // RR N(R)=1
    cpe.l2.receive(hex('02 01 00 02 08 02 80 01 02')); // CALL PROCEEDING, I N(S)=0 N(R)=1
    expect(cpe.take()).toEqual(['02 01 01 02']); // RR response N(R)=1
    cpe.l2.data(0, hex('08 02 00 01 0f'));
    expect(cpe.take()).toEqual(['00 01 02 02 08 02 00 01 0f']); // I N(S)=1 N(R)=1
    expect(toHex((cpe.indications.find((i) => i.kind === 'data') as { info: Uint8Array }).info)).toBe('08 02 80 01 02');
  });

  it('TE: identity request with a random Ri, identity assigned, SABME on TEI 65', () => {
    const clock = new FakeClock();
    const te = station(clock, { side: 'user', mode: 'ptmp', random: () => 0xb0f2 / 0x10000 });
    te.l2.physical(true);
    expect(te.take()).toEqual(['fc ff 03 0f b0 f2 01 ff']);
    te.l2.receive(hex('fe ff 03 0f b0 f2 02 83'));
    expect(te.take()).toEqual(['00 83 7f']);
    expect(te.kinds()).toEqual(['teiAssigned 65']);
    te.l2.receive(hex('02 83 73')); // UA F=1, network response on TEI 65
    expect(te.l2.established()).toEqual([65]);
  });

  it('NT: assigns TEIs from 64 upward; the second request gets 65 as in the recording', () => {
    const clock = new FakeClock();
    const nt = station(clock, { side: 'network', mode: 'ptmp' });
    nt.l2.receive(hex('fc ff 03 0f 12 34 01 ff'));
    expect(nt.take()).toEqual(['fe ff 03 0f 12 34 02 81']);
    nt.l2.receive(hex('fc ff 03 0f b0 f2 01 ff'));
    expect(nt.take()).toEqual(['fe ff 03 0f b0 f2 02 83']);
    nt.l2.receive(hex('00 83 7f')); // SABME on TEI 65
    expect(nt.take()).toEqual(['00 83 73']);
    expect(nt.l2.established()).toEqual([65]);
    nt.l2.unitData(127, hex('08 01 01 05'));
    expect(nt.take()).toEqual(['02 ff 03 08 01 01 05']); // broadcast SETUP as UI on TEI 127
  });
});
