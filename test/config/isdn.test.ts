// The pri and bri keys: switch variant, D-channel address, FCS, BRI mode, channel selection, Q.931
// and Q.921 overrides; their defaults, and the errors for combinations that do not fit.
import { describe, expect, it } from 'vitest';
import type { IsdnTrunkGroupConfig } from '../../src/config/index.js';
import { config, errors } from './helpers.js';

const group = (...lines: string[]) => ({ 'pri.yaml': `trunkGroups:\n  pri-a:\n${lines.map((l) => `    ${l}\n`).join('')}` });
const E1 = ['driver: pri', 'spans: [{ span: 2, type: E1 }]'];
const LISTEN = "dchannel: { listen: 'tcp:0.0.0.0:4000' }";
const isdn = (changes: Record<string, string>) => config(changes).trunkGroups.find((g) => g.name === 'pri-a') as IsdnTrunkGroupConfig;

describe('resolved pri and bri groups', () => {
  it('fills in the defaults: euroIsdn, no FCS, ptp, exclusive, no timer overrides', () => {
    const g = isdn(group(...E1, "dchannel: { connect: 'tcp:192.0.2.7:4000' }"));
    expect([g.switchType, g.dchannel, g.fcs, g.briMode, g.channelSelection, g.q931Timers, g.l2Timers]).toEqual([
      'euroIsdn',
      { mode: 'connect', host: '192.0.2.7', port: 4000 },
      false,
      'ptp',
      'exclusive',
      {},
      {},
    ]);
  });

  it('takes every key of a BRI point-to-multipoint group, an IPv6 and a named D-channel address', () => {
    const g = isdn(
      group(
        'driver: bri',
        'side: network',
        'spans: [{ span: 3, type: BRI }]',
        "dchannel: { listen: 'tcp:[::1]:4001' }",
        'fcs: true',
        'bri: { mode: ptmp }',
        'channelSelection: preferred',
        'q931Timers: { T303: 5000, T316: 60000 }',
        'l2Timers: { T200: 1500, N200: 4, k: 1 }',
      ),
    );
    expect([g.side, g.dchannel, g.fcs, g.briMode, g.channelSelection, g.q931Timers, g.l2Timers]).toEqual([
      'network',
      { mode: 'listen', host: '::1', port: 4001 },
      true,
      'ptmp',
      'preferred',
      { T303: 5000, T316: 60000 },
      { T200: 1500, N200: 4, k: 1 },
    ]);
    expect(isdn(group(...E1, "dchannel: { connect: 'tcp:pstn.example.net:4000' }")).dchannel).toEqual({ mode: 'connect', host: 'pstn.example.net', port: 4000 });
  });

  it('allows ni2 on a T1 span', () => {
    expect(isdn(group('driver: pri', 'spans: [{ span: 2, type: T1 }]', LISTEN, 'switchType: ni2')).switchType).toBe('ni2');
  });
});

describe('errors', () => {
  it.each([
    ['no D-channel', group(...E1), ['cfg/pri.yaml:2:3 trunkGroups.pri-a: missing dchannel: required for driver pri (CONFIG_DEPENDENCY)']],
    [
      'both connect and listen',
      group(...E1, "dchannel: { connect: 'tcp:127.0.0.1:4000', listen: 'tcp:0.0.0.0:4000' }"),
      ['cfg/pri.yaml:5:5 trunkGroups.pri-a.dchannel: takes connect or listen, not both (CONFIG_DEPENDENCY)'],
    ],
    ['neither connect nor listen', group(...E1, 'dchannel: {}'), ['cfg/pri.yaml:5:5 trunkGroups.pri-a.dchannel: needs connect or listen (CONFIG_DEPENDENCY)']],
    [
      'an address without tcp:',
      group(...E1, "dchannel: { connect: '127.0.0.1:4000' }"),
      ['cfg/pri.yaml:5:26 trunkGroups.pri-a.dchannel.connect: must be tcp:HOST:PORT, e.g. tcp:127.0.0.1:4000 or tcp:[::1]:4000 (only TCP is supported) (CONFIG_SCHEMA)'],
    ],
    [
      'an address without port',
      group(...E1, "dchannel: { connect: 'tcp:127.0.0.1' }"),
      ['cfg/pri.yaml:5:26 trunkGroups.pri-a.dchannel.connect: must be tcp:HOST:PORT, e.g. tcp:127.0.0.1:4000 or tcp:[::1]:4000 (only TCP is supported) (CONFIG_SCHEMA)'],
    ],
    [
      'a unix: address (SOCK_SEQPACKET is not supported)',
      group(...E1, "dchannel: { connect: 'unix:/tmp/pri.sock' }"),
      ['cfg/pri.yaml:5:26 trunkGroups.pri-a.dchannel.connect: must be tcp:HOST:PORT, e.g. tcp:127.0.0.1:4000 or tcp:[::1]:4000 (only TCP is supported) (CONFIG_SCHEMA)'],
    ],
    ['ni2 on an E1', group(...E1, LISTEN, 'switchType: ni2'), ['cfg/pri.yaml:6:17 trunkGroups.pri-a.switchType: ni2 applies only to T1 spans (span 2, spans[0], is E1) (CONFIG_DEPENDENCY)']],
    ['bri on a pri group', group(...E1, LISTEN, 'bri: { mode: ptmp }'), ['cfg/pri.yaml:6:5 trunkGroups.pri-a.bri: applies only to bri trunk groups (driver is pri) (CONFIG_DEPENDENCY)']],
    [
      'ISDN keys on a sim group',
      group('driver: sim', 'spans: [{ span: 2, type: E1, channels: 1-2, cics: 101-102 }]', LISTEN, 'fcs: true', 'switchType: euroIsdn', 'channelSelection: preferred', 'q931Timers: { T303: 4000 }', 'l2Timers: { k: 7 }'),
      [
        'cfg/pri.yaml:5:5 trunkGroups.pri-a.dchannel: applies only to pri and bri trunk groups (driver is sim) (CONFIG_DEPENDENCY)',
        'cfg/pri.yaml:6:5 trunkGroups.pri-a.fcs: applies only to pri and bri trunk groups (driver is sim) (CONFIG_DEPENDENCY)',
        'cfg/pri.yaml:7:5 trunkGroups.pri-a.switchType: applies only to pri and bri trunk groups (driver is sim) (CONFIG_DEPENDENCY)',
        'cfg/pri.yaml:8:5 trunkGroups.pri-a.channelSelection: applies only to pri and bri trunk groups (driver is sim) (CONFIG_DEPENDENCY)',
        'cfg/pri.yaml:9:5 trunkGroups.pri-a.q931Timers: applies only to pri and bri trunk groups (driver is sim) (CONFIG_DEPENDENCY)',
        'cfg/pri.yaml:10:5 trunkGroups.pri-a.l2Timers: applies only to pri and bri trunk groups (driver is sim) (CONFIG_DEPENDENCY)',
      ],
    ],
    [
      'a Q.931 timer out of range',
      group(...E1, LISTEN, 'q931Timers: { T303: 100 }'),
      ['cfg/pri.yaml:6:25 trunkGroups.pri-a.q931Timers.T303: T303 must be between 1000 and 30000 ms (1 s to 30 s, Q.931 Table 9-1/9-2) (CONFIG_TIMER_RANGE)'],
    ],
    [
      'Q.921 values out of range',
      group(...E1, LISTEN, 'l2Timers: { k: 0, T200: 50000 }'),
      [
        'cfg/pri.yaml:6:20 trunkGroups.pri-a.l2Timers.k: must be between 1 and 127 (CONFIG_SCHEMA)',
        'cfg/pri.yaml:6:29 trunkGroups.pri-a.l2Timers.T200: T200 must be between 200 and 10000 ms (200 ms to 10 s, Q.921 §5.9.1) (CONFIG_TIMER_RANGE)',
      ],
    ],
    [
      'an unknown Q.931 timer',
      group(...E1, LISTEN, 'q931Timers: { T999: 1 }'),
      ['cfg/pri.yaml:6:19 trunkGroups.pri-a.q931Timers.T999: unknown key; expected one of T301, T302, T303, T304, T305, T308, T309, T310, T313, T316, T322 (CONFIG_UNKNOWN_KEY)'],
    ],
    [
      'two spans on one D-channel',
      group('driver: pri', 'spans: [{ span: 2, type: E1 }, { span: 3, type: E1 }]', LISTEN),
      ['cfg/pri.yaml:4:36 trunkGroups.pri-a.spans[1]: a pri trunk group has one span: its D-channel serves one interface (NFAS is not supported) (CONFIG_DEPENDENCY)'],
    ],
    [
      'a BRI mode and channel selection that do not exist',
      group('driver: bri', 'spans: [{ span: 2, type: BRI }]', LISTEN, 'bri: { mode: bus }', 'channelSelection: any'),
      ['cfg/pri.yaml:6:18 trunkGroups.pri-a.bri.mode: must be one of ptp, ptmp (CONFIG_SCHEMA)', 'cfg/pri.yaml:7:23 trunkGroups.pri-a.channelSelection: must be one of exclusive, preferred (CONFIG_SCHEMA)'],
    ],
  ])('%s', (_name, changes, lines) => expect(errors(changes)).toEqual(lines));
});
