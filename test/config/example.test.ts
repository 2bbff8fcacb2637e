// The shipped trunks/ example, and the defaults and derived values of the resolved configuration.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateConfig, type IsupTrunkGroupConfig, type IsdnTrunkGroupConfig } from '../../src/config/index.js';
import { config, pbx, sim } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('trunks/ (the example npm start uses)', () => {
  const files = readdirSync(`${root}trunks`)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: `trunks/${f}`, text: readFileSync(`${root}trunks/${f}`, 'utf8') }));
  const r = validateConfig(files);

  it('is valid', () => expect(r.ok ? [] : r.errors).toEqual([]));

  it('has the gateway on loopback, a PBX peer, one sim E1 of 30 circuits, and routes with failover', () => {
    if (!r.ok) throw new Error('invalid');
    const { gateway, peers, trunkGroups, routes } = r.config;
    expect(gateway.sip.listen).toEqual({ udp: [{ host: '127.0.0.1', port: 5060 }], tcp: [{ host: '127.0.0.1', port: 5060 }], tls: [] });
    expect(gateway.admin.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(gateway.cdr.spoolDir).toBe('var/cdr');
    const pbxPeer = peers.find((p) => p.name === 'pbx');
    expect([pbxPeer?.profile, pbxPeer?.acl, pbxPeer?.address]).toEqual(['plain', ['127.0.0.1/32'], { host: '127.0.0.1', port: 5070 }]);
    expect(peers.every((p) => p.address.host.startsWith('127.'))).toBe(true);
    expect(peers.find((p) => p.name === 'carrier')?.isup).toEqual({ version: 'itu-t92+', base: 'itu-t92+', handling: 'required' });
    expect(trunkGroups).toHaveLength(1);
    const g = trunkGroups[0] as IsupTrunkGroupConfig;
    expect([g.name, g.driver, g.circuits, g.spans[0]?.cics]).toEqual(['sim-e1', 'sim', 30, [...range(1, 15), ...range(17, 31)]]);
    expect(routes.map((x) => [x.name, x.to.map((t) => `${t.kind}:${t.name}`), x.failoverCauses])).toEqual([
      ['pbx-to-pstn', ['trunkGroup:sim-e1', 'peer:carrier'], [34, 38, 41, 42, 44, 47]],
      ['pstn-to-pbx', ['peer:pbx'], [34, 38, 41, 42, 44, 47]],
    ]);
  });
});

describe('trunks/examples/pri-e1.yaml (not loaded by npm start)', () => {
  const top = readdirSync(`${root}trunks`)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ path: `trunks/${f}`, text: readFileSync(`${root}trunks/${f}`, 'utf8') }));
  const example = { path: 'trunks/examples/pri-e1.yaml', text: readFileSync(`${root}trunks/examples/pri-e1.yaml`, 'utf8') };

  it('is not among the files the loader reads (only the top of the directory)', () => {
    expect(top.map((f) => f.path)).not.toContain(example.path);
  });

  it('is valid together with trunks/ and resolves to a user-side EuroISDN PRI dialling its D-channel peer', () => {
    const r = validateConfig([...top, example]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const g = r.config.trunkGroups.find((x) => x.name === 'pri-e1') as IsdnTrunkGroupConfig;
    expect([g.driver, g.side, g.switchType, g.dchannel, g.fcs, g.briMode, g.channelSelection, g.circuits, g.q931Timers, g.l2Timers]).toEqual([
      'pri',
      'user',
      'euroIsdn',
      { mode: 'connect', host: '127.0.0.1', port: 4000 },
      false,
      'ptp',
      'exclusive',
      30,
      { T303: 4000, T316: 120000 },
      { T200: 1000, T203: 10000 },
    ]);
  });
});

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('resolved defaults', () => {
  it('fills in peer defaults, the realm from the node id, and ISUP handling by profile', () => {
    const c = config({ 'pbx.yaml': pbx('profile: sipt', 'auth: { inbound: { username: u, password: p } }') });
    expect(c.peers[0]).toEqual({
      name: 'pbx',
      address: { host: '127.0.0.1', port: 5070 },
      transport: 'udp',
      acl: ['127.0.0.1/32'],
      auth: { inbound: { username: 'u', password: 'p', realm: 'gw1' } },
      profile: 'sipt',
      isup: { version: 'itu-t92+', handling: 'optional' },
      reasonHeader: true,
      numbers: { inbound: [], outbound: [] },
      causeMap: { toSip: {}, fromSip: {} },
      cac: {},
      timers: { T1: 500, T2: 4000, T4: 5000 },
    });
  });

  it('gives a sim group CICs equal to its channels, point codes 1/2, and pointCode glare (this side controls odd)', () => {
    const g = config().trunkGroups[0] as IsupTrunkGroupConfig;
    expect([g.pointCodes, g.glare, g.hunting, g.circuits]).toEqual([{ local: 1, remote: 2 }, { policy: 'pointCode', maxReattempts: 1, controls: 'odd' }, { strategy: 'ascending' }, 30]);
    expect(g.spans[0]?.cics).toEqual(g.spans[0]?.channels);
    expect(g.cac).toEqual({});
  });

  it('carries group CAC limits', () => {
    expect(config({ 'sim.yaml': sim('cac: { maxCalls: 20, maxCallsPerSecond: 5 }') }).trunkGroups[0]?.cac).toEqual({ maxCalls: 20, maxCallsPerSecond: 5 });
  });

  it('hunts evenOdd from the parity this side controls: even with the higher point code', () => {
    const g = config({ 'sim.yaml': sim('pointCodes: { local: 9, remote: 2 }', 'hunting: { strategy: evenOdd }') }).trunkGroups[0];
    expect([g?.glare.controls, g?.hunting]).toEqual(['even', { strategy: 'evenOdd', parity: 'even', fallback: true }]);
  });

  it('gives a PRI T1 channels 1-23, the user side, and a fixed glare winner (the network)', () => {
    const c = config({ 'pri.yaml': "trunkGroups:\n  pri-a:\n    driver: pri\n    spans: [{ span: 2, type: T1 }]\n    dchannel: { listen: 'tcp:127.0.0.1:4000' }\n" });
    const g = c.trunkGroups.find((x) => x.name === 'pri-a') as IsdnTrunkGroupConfig;
    expect([g.side, g.spans[0]?.channels, g.glare, g.circuits]).toEqual(['user', range(1, 23), { policy: 'fixed', maxReattempts: 1, winner: 'remote' }, 23]);
  });

  it('resolves relative paths against the file that names them', () => {
    const c = config({ 'gateway.yaml': 'gateway:\n  nodeId: gw1\n  sip:\n    listen: { udp: [127.0.0.1] }\n  cdr: { spoolDir: ../var/cdr }\n' });
    expect(c.gateway.cdr.spoolDir).toBe('var/cdr');
  });
});
