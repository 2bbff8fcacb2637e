// buildIsdnDriver: a validated pri/bri trunk group → transport, layer 2 and Q.931 from the injected
// factories, wired to each other and to the driver, with the manager's CIC numbering.
import { describe, expect, it } from 'vitest';
import type { IsdnTrunkGroupConfig } from '../../../src/config/index.js';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { FakeClock, systemClock } from '../../../src/core/clock.js';
import { buildIsdnDriver } from '../../../src/drivers/isdn/build.js';
import type { DChannelOptions } from '../../../src/drivers/isdn/dchannel-socket.js';
import type { L2Options } from '../../../src/isdn/l2/service.js';
import type { InterfaceOptions } from '../../../src/isdn/q931/service.js';
import { cicOf } from '../../../src/trunkgroups/spec.js';
import { config } from '../../config/helpers.js';
import { FakeL2, FakeQ931, FakeTransport } from './fakes.js';

const groupOf = (yaml: string): IsdnTrunkGroupConfig => config({ 'isdn.yaml': `trunkGroups:\n  isdn-a:\n${yaml}` }).trunkGroups.find((g) => g.name === 'isdn-a') as IsdnTrunkGroupConfig;

function build(group: IsdnTrunkGroupConfig) {
  const clock = new FakeClock();
  const seen: { transport?: DChannelOptions; l2?: L2Options; q931?: InterfaceOptions } = {};
  const transport = new FakeTransport();
  const l2 = new FakeL2();
  const q931 = new FakeQ931();
  const driver = buildIsdnDriver(group, {
    clock,
    createTransport: (o) => ((seen.transport = o), transport),
    createL2: (o) => ((seen.l2 = o), l2),
    createQ931Interface: (o) => ((seen.q931 = o), q931),
    media: { open: () => Promise.reject(new Error('unused')) },
  });
  return { clock, seen, transport, l2, q931, driver };
}

describe('buildIsdnDriver', () => {
  it('PRI E1, user side: options from the configuration, CICs as the manager numbers span and channel', () => {
    const g = groupOf("    driver: pri\n    spans: [{ span: 2, type: E1, channels: 1-3 }]\n    dchannel: { connect: 'tcp:127.0.0.1:4000' }\n    q931Timers: { T303: 5000 }\n    l2Timers: { T200: 800 }\n");
    const { seen, driver, clock } = build(g);
    expect(seen.transport).toEqual({ endpoint: { mode: 'connect', host: '127.0.0.1', port: 4000 }, clock, fcs: false });
    expect(seen.l2).toMatchObject({ side: 'user', mode: 'ptp', timers: { T200: 800 } });
    expect(seen.q931).toMatchObject({ side: 'user', variant: 'euroIsdn', kind: 'E1', ptmp: false, timers: { T303: 5000 } });
    expect(driver.name).toBe('isdn-a');
    expect(driver.cics).toEqual([1, 2, 3].map((channel) => cicOf({ span: 2, channel })));
  });

  it('BRI point-to-multipoint, network side, FCS: the layer 2 mode and Q.931 ptmp follow', () => {
    const g = groupOf("    driver: bri\n    side: network\n    spans: [{ span: 5, type: BRI }]\n    dchannel: { listen: 'tcp:127.0.0.1:4001' }\n    fcs: true\n    bri: { mode: ptmp }\n");
    const { seen, driver } = build(g);
    expect(seen.transport?.fcs).toBe(true);
    expect(seen.l2).toMatchObject({ side: 'network', mode: 'ptmp' });
    expect(seen.q931).toMatchObject({ side: 'network', kind: 'BRI', ptmp: true });
    expect(driver.cics).toEqual([161, 162]);
  });

  it('wires layer 2 to the transport and the driver to all three: frames out, link up after RESTART', () => {
    const g = groupOf("    driver: pri\n    spans: [{ span: 3, type: T1 }]\n    dchannel: { connect: 'tcp:127.0.0.1:4000' }\n    switchType: ni2\n");
    const { seen, transport, l2, q931, driver, clock } = build(g);
    expect(seen.q931?.l2).toBe(l2);
    driver.start();
    transport.emit({ kind: 'up' });
    seen.l2?.transmit(new Uint8Array([0, 1, 0x7f]));
    expect(transport.sent).toEqual([new Uint8Array([0, 1, 0x7f])]);
    l2.emit({ kind: 'established', tei: 0 });
    q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    clock.advance(0);
    expect(driver.link).toBe('up');
  });

  it('uses the TCP transport by default: a peer connecting to the listen address activates layer 2', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const g = groupOf(`    driver: pri\n    spans: [{ span: 3, type: E1 }]\n    dchannel: { listen: 'tcp:127.0.0.1:${port}' }\n`);
    const l2 = new FakeL2();
    const driver = buildIsdnDriver(g, { clock: systemClock, createL2: () => l2, createQ931Interface: () => new FakeQ931() });
    driver.start();
    // the server binds asynchronously: dial until it accepts
    const connect = (): Promise<Socket | undefined> =>
      new Promise((resolve) => {
        const sock = new Socket();
        sock.once('error', () => resolve(undefined));
        sock.connect(port, '127.0.0.1', () => resolve(sock));
      });
    let peer: Socket | undefined;
    for (let i = 0; i < 100 && peer === undefined; i++) {
      peer = await connect();
      if (peer === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    try {
      expect(peer).toBeDefined();
      for (let i = 0; i < 250 && !l2.calls.includes('physical(true)'); i++) await new Promise((r) => setTimeout(r, 10));
      expect(l2.calls).toContain('physical(true)');
    } finally {
      peer?.destroy();
      driver.stop();
    }
  });
});
