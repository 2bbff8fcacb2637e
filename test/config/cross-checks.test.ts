// Checks beyond one schema: names across files, references, overlaps, and keys that depend on others.
import { describe, expect, it } from 'vitest';
import { errors, pbx, sim } from './helpers.js';

/** A trunk group; pri and bri groups get a D-channel address last (required for them), unless the lines give one. */
const group = (name: string, ...lines: string[]) => {
  const isdn = lines.some((l) => /^driver: (pri|bri)$/.test(l)) && !lines.some((l) => l.startsWith('dchannel'));
  const all = isdn ? [...lines, "dchannel: { connect: 'tcp:127.0.0.1:4000' }"] : lines;
  return `trunkGroups:\n  ${name}:\n${all.map((l) => `    ${l}\n`).join('')}`;
};

describe('names (CONFIG_DUPLICATE_NAME, CONFIG_NO_GATEWAY)', () => {
  it.each([
    [
      'a peer in two files',
      { 'pbx2.yaml': 'peers:\n  pbx:\n    address: 127.0.0.1:5071\n    acl: [127.0.0.1/32]\n' },
      'cfg/pbx2.yaml:2:3 peers.pbx: "pbx" is already defined as a peer at cfg/pbx.yaml:2:3 (CONFIG_DUPLICATE_NAME)',
    ],
    [
      'a trunk group named like a peer',
      { 'x.yaml': group('pbx', 'driver: pri', 'spans: [{ span: 2, type: E1 }]') },
      'cfg/x.yaml:2:3 trunkGroups.pbx: "pbx" is already defined as a peer at cfg/pbx.yaml:2:3 (CONFIG_DUPLICATE_NAME)',
    ],
    [
      'a second gateway',
      { 'z.yaml': 'gateway:\n  nodeId: gw2\n  sip: { listen: { udp: [127.0.0.1] } }\n  cdr: { spoolDir: cdr }\n' },
      'cfg/z.yaml:1:1 gateway: is already defined at cfg/gateway.yaml:1:1 (CONFIG_DUPLICATE_NAME)',
    ],
    [
      'two routes with one name',
      { 'routes.yaml': "routes:\n  - { name: out, match: '^1', to: [sim-e1] }\n  - { name: out, match: '^2', to: [sim-e1] }\n" },
      'cfg/routes.yaml:3:13 routes[1].name: route "out" is already defined at cfg/routes.yaml:2:13 (CONFIG_DUPLICATE_NAME)',
    ],
    [
      'a cause mapped twice',
      { 'pbx.yaml': pbx('causeMap:', '  fromSip:', '    - { status: 503, cause: 34 }', '    - { status: 503, cause: 41 }') },
      'cfg/pbx.yaml:8:21 peers.pbx.causeMap.fromSip[1].status: status 503 is already mapped at causeMap.fromSip[0] (CONFIG_DUPLICATE_NAME)',
    ],
    ['no gateway anywhere', { 'gateway.yaml': undefined }, 'gateway: no file has a gateway section (CONFIG_NO_GATEWAY)'],
  ])('%s', (_name, changes, line) => expect(errors(changes)).toEqual([line]));
});

describe('route references (CONFIG_MISSING_REF)', () => {
  it('names each missing peer or trunk group in from and to', () => {
    expect(errors({ 'routes.yaml': "routes:\n  - name: out\n    from: [pbx, ghost]\n    match: '^[0-9]+$'\n    to: [sim-t1, sim-e1]\n" })).toEqual([
      'cfg/routes.yaml:3:17 routes[0].from[1]: no peer or trunk group is named "ghost" (defined: pbx, sim-e1) (CONFIG_MISSING_REF)',
      'cfg/routes.yaml:5:10 routes[0].to[0]: no peer or trunk group is named "sim-t1" (defined: pbx, sim-e1) (CONFIG_MISSING_REF)',
    ]);
  });
});

describe('circuits (CONFIG_CIC_OVERLAP, CONFIG_SPAN_OVERLAP, CONFIG_CHANNEL_RANGE, CONFIG_CIC_COUNT)', () => {
  it.each([
    [
      'CICs used by two groups with the same point codes',
      { 'ss7.yaml': group('ss7-a', 'driver: ss7', 'pointCodes: { local: 1, remote: 2 }', 'spans:', "  - { span: 2, type: E1, channels: '10-15,17-31', cics: '10-15,17-31' }") },
      ['cfg/ss7.yaml:6:61 trunkGroups.ss7-a.spans[0].cics: CIC 10-15,17-31 is already used by trunk group "sim-e1" (cfg/sim.yaml:2:3) for point codes 1/2 (CONFIG_CIC_OVERLAP)'],
    ],
    [
      'CICs used twice in one group',
      { 'sim.yaml': sim('  - { span: 2, type: E1, channels: 1-5, cics: 3-7 }') },
      ['cfg/sim.yaml:7:51 trunkGroups.sim-e1.spans[1].cics: CIC 3-7 is used twice in this trunk group for point codes 1/2 (CONFIG_CIC_OVERLAP)'],
    ],
    [
      'channels of a span in two groups',
      { 'pri.yaml': group('pri-a', 'driver: pri', 'spans:', '  - { span: 1, type: E1, channels: 10-15 }') },
      ['cfg/sim.yaml:5:9 trunkGroups.sim-e1.spans[0]: span 1 channel 10-15 already belongs to trunk group "pri-a" (cfg/pri.yaml:2:3) (CONFIG_SPAN_OVERLAP)'],
    ],
    [
      'one span number with two types',
      { 'pri.yaml': group('pri-a', 'driver: pri', 'spans:', '  - { span: 1, type: T1, channels: 20-22 }'), 'sim.yaml': group('sim-e1', 'driver: sim', 'spans:', "  - { span: 1, type: E1, channels: '1-15' }") },
      ['cfg/sim.yaml:5:26 trunkGroups.sim-e1.spans[0].type: span 1 is T1 at cfg/pri.yaml:5:26 (CONFIG_SPAN_OVERLAP)'],
    ],
    [
      'a channel listed twice',
      { 'sim.yaml': group('sim-e1', 'driver: sim', 'spans:', "  - { span: 1, type: E1, channels: '1-10,5-6' }") },
      ['cfg/sim.yaml:5:40 trunkGroups.sim-e1.spans[0].channels: channel 5-6 is listed twice (CONFIG_SPAN_OVERLAP)'],
    ],
    [
      'a channel the span type does not have',
      { 'sim.yaml': group('sim-e1', 'driver: sim', 'spans:', "  - { span: 1, type: E1, channels: '1-32' }") },
      ['cfg/sim.yaml:5:40 trunkGroups.sim-e1.spans[0].channels: channel 32 does not exist on an E1 span (1-31) (CONFIG_CHANNEL_RANGE)'],
    ],
    [
      'the D-channel of a PRI E1',
      { 'pri.yaml': group('pri-a', 'driver: pri', 'spans:', "  - { span: 2, type: E1, channels: '1-31' }") },
      ['cfg/pri.yaml:5:40 trunkGroups.pri-a.spans[0].channels: channel 16 is the D-channel of a PRI E1 span (CONFIG_CHANNEL_RANGE)'],
    ],
    [
      'a CIC above 12 bits',
      { 'sim.yaml': group('sim-e1', 'driver: sim', 'spans:', '  - { span: 1, type: E1, channels: 1-2, cics: 4095-4096 }') },
      ['cfg/sim.yaml:5:51 trunkGroups.sim-e1.spans[0].cics: CIC 4096 is above 4095 (ITU CICs have 12 bits) (CONFIG_CHANNEL_RANGE)'],
    ],
    [
      'fewer CICs than channels',
      { 'sim.yaml': group('sim-e1', 'driver: sim', 'spans:', '  - { span: 1, type: E1, cics: 1-29 }') },
      ['cfg/sim.yaml:5:36 trunkGroups.sim-e1.spans[0].cics: lists 29 CICs for 30 channels (CONFIG_CIC_COUNT)'],
    ],
  ])('%s', (_name, changes, lines) => expect(errors(changes)).toEqual(lines));

  it('allows the same CICs toward another point code, and disjoint channels of one span in two groups', () => {
    expect(
      errors({
        'ss7.yaml': group('ss7-a', 'driver: ss7', 'pointCodes: { local: 1, remote: 3 }', 'spans:', "  - { span: 2, type: E1, cics: '1-15,17-31' }"),
        'sim.yaml': group('sim-e1', 'driver: sim', 'spans:', "  - { span: 1, type: E1, channels: '1-10' }"),
        'sim2.yaml': group('sim-b', 'driver: sim', 'pointCodes: { local: 1, remote: 4 }', 'spans:', "  - { span: 1, type: E1, channels: '11-15' }"),
      }),
    ).toEqual([]);
  });
});

describe('peers (CONFIG_PEER_NO_AUTH, CONFIG_BAD_REGEX)', () => {
  it.each([
    ['neither ACL nor inbound digest', { 'pbx.yaml': 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n' }, 'cfg/pbx.yaml:2:3 peers.pbx: has neither acl nor auth.inbound: anyone could send calls as this peer (CONFIG_PEER_NO_AUTH)'],
    [
      'a number rule that is not a regular expression',
      { 'pbx.yaml': pbx('numbers:', "  inbound: [{ match: '[0-9', replace: '' }]") },
      'cfg/pbx.yaml:6:26 peers.pbx.numbers.inbound[0].match: must be a valid regular expression: /[0-9/: Unterminated character class (CONFIG_BAD_REGEX)',
    ],
    ['a route pattern that is not a regular expression', { 'routes.yaml': "routes:\n  - { name: out, match: '^(1', to: [sim-e1] }\n" }, 'cfg/routes.yaml:2:25 routes[0].match: must be a valid regular expression: /^(1/: Unterminated group (CONFIG_BAD_REGEX)'],
  ])('%s', (_name, changes, line) => expect(errors(changes)).toEqual([line]));

  it('accepts digest credentials instead of an ACL', () => {
    expect(errors({ 'pbx.yaml': 'peers:\n  pbx:\n    address: pbx.example.net\n    auth:\n      inbound: { username: pbx, password: secret }\n' })).toEqual([]);
  });
});

describe('dependent keys (CONFIG_DEPENDENCY)', () => {
  const pri = (...lines: string[]) => ({ 'pri.yaml': group('pri-a', 'driver: pri', 'spans: [{ span: 2, type: E1 }]', ...lines) });
  it.each([
    ['isup on a plain peer', { 'pbx.yaml': pbx('isup: { version: itu-t92+ }') }, ['cfg/pbx.yaml:5:5 peers.pbx.isup: applies only to the sipt and sipi profiles (profile is plain) (CONFIG_DEPENDENCY)']],
    ['a transport the gateway does not listen on', { 'pbx.yaml': pbx('transport: tcp') }, ['cfg/pbx.yaml:5:16 peers.pbx.transport: is tcp but the gateway has no sip.listen.tcp address (CONFIG_DEPENDENCY)']],
    [
      'a TLS listener without certificate',
      { 'gateway.yaml': 'gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1]\n      tls: [127.0.0.1]\n  cdr:\n    spoolDir: cdr\n' },
      ['cfg/gateway.yaml:6:7 gateway.sip.listen.tls: needs sip.tls (certFile and keyFile) (CONFIG_DEPENDENCY)'],
    ],
    ['side on an ISUP group', { 'sim.yaml': sim('side: network') }, ['cfg/sim.yaml:7:5 trunkGroups.sim-e1.side: applies only to pri and bri trunk groups (driver is sim) (CONFIG_DEPENDENCY)']],
    ['point codes on a PRI group', { 'pri.yaml': group('pri-a', 'driver: pri', 'pointCodes: { local: 1, remote: 2 }', 'spans: [{ span: 2, type: E1 }]') }, ['cfg/pri.yaml:4:5 trunkGroups.pri-a.pointCodes: applies only to ss7 and sim trunk groups (driver is pri) (CONFIG_DEPENDENCY)']],
    ['ISUP timers on a PRI group', pri('timers: { T7: 25000 }'), ['cfg/pri.yaml:5:5 trunkGroups.pri-a.timers: ISUP timers apply only to ss7 and sim trunk groups (driver is pri) (CONFIG_DEPENDENCY)']],
    ['CICs on a PRI group', { 'pri.yaml': group('pri-a', 'driver: pri', 'spans: [{ span: 2, type: E1, cics: 1-30 }]') }, ['cfg/pri.yaml:4:34 trunkGroups.pri-a.spans[0].cics: applies only to ss7 and sim trunk groups (driver is pri) (CONFIG_DEPENDENCY)']],
    [
      'an ss7 group without point codes and CICs',
      { 'ss7.yaml': group('ss7-a', 'driver: ss7', 'spans: [{ span: 2, type: E1 }]') },
      ['cfg/ss7.yaml:2:3 trunkGroups.ss7-a: missing pointCodes: required for driver ss7 (CONFIG_DEPENDENCY)', 'cfg/ss7.yaml:4:13 trunkGroups.ss7-a.spans[0]: missing cics: required for driver ss7 (CONFIG_DEPENDENCY)'],
    ],
    ['a span type the driver does not drive', { 'bri.yaml': group('bri-a', 'driver: bri', 'spans: [{ span: 2, type: E1 }]') }, ['cfg/bri.yaml:4:30 trunkGroups.bri-a.spans[0].type: must be BRI for driver bri (CONFIG_DEPENDENCY)']],
    ['parity without evenOdd', { 'sim.yaml': sim('hunting: { strategy: cyclic, parity: odd }') }, ['cfg/sim.yaml:7:34 trunkGroups.sim-e1.hunting.parity: applies only to strategy evenOdd (strategy is cyclic) (CONFIG_DEPENDENCY)']],
    ['evenOdd with a fixed glare winner and no parity', { 'sim.yaml': sim('hunting: { strategy: evenOdd }', 'glare: { policy: fixed }') }, ['cfg/sim.yaml:7:14 trunkGroups.sim-e1.hunting: missing parity: required for strategy evenOdd with glare policy fixed (CONFIG_DEPENDENCY)']],
    ['glare by point code on a PRI group', pri('glare: { policy: pointCode }'), ['cfg/pri.yaml:5:22 trunkGroups.pri-a.glare.policy: pointCode applies only to ss7 and sim trunk groups (driver is pri) (CONFIG_DEPENDENCY)']],
    ['controls without oddEven', { 'sim.yaml': sim('glare: { policy: fixed, controls: odd }') }, ['cfg/sim.yaml:7:29 trunkGroups.sim-e1.glare.controls: applies only to glare policy oddEven (policy is fixed) (CONFIG_DEPENDENCY)']],
    ['oddEven without controls', { 'sim.yaml': sim('glare: { policy: oddEven }') }, ['cfg/sim.yaml:7:12 trunkGroups.sim-e1.glare: missing controls: required for glare policy oddEven (CONFIG_DEPENDENCY)']],
    ['winner without fixed', { 'sim.yaml': sim('glare: { policy: oddEven, controls: odd, winner: local }') }, ['cfg/sim.yaml:7:46 trunkGroups.sim-e1.glare.winner: applies only to glare policy fixed (policy is oddEven) (CONFIG_DEPENDENCY)']],
    ['equal point codes with glare by point code', { 'sim.yaml': sim('pointCodes: { local: 7, remote: 7 }') }, ['cfg/sim.yaml:7:17 trunkGroups.sim-e1.pointCodes: local and remote must differ for glare policy pointCode (CONFIG_DEPENDENCY)']],
  ])('%s', (_name, changes, lines) => expect(errors(changes)).toEqual(lines));
});

describe('files named by the configuration (CONFIG_FILE_NOT_FOUND)', () => {
  const tls = 'gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      tls: [127.0.0.1]\n    tls:\n      certFile: certs/gw.pem\n      keyFile: /etc/tandem/gw.key\n  cdr:\n    spoolDir: cdr\n';
  const peer = 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n    transport: tls\n    acl: [127.0.0.1/32]\n';

  it('checks them, relative to the file that names them, when given a file-existence check', () => {
    const asked: string[] = [];
    const exists = (p: string) => (asked.push(p), p === 'cfg/certs/gw.pem');
    expect(errors({ 'gateway.yaml': tls, 'pbx.yaml': peer }, { fileExists: exists })).toEqual([
      'cfg/gateway.yaml:8:16 gateway.sip.tls.keyFile: file not found: /etc/tandem/gw.key (CONFIG_FILE_NOT_FOUND)',
    ]);
    expect(asked).toEqual(['cfg/certs/gw.pem', '/etc/tandem/gw.key']);
  });

  it('does not check them without one (validation stays pure)', () => {
    expect(errors({ 'gateway.yaml': tls, 'pbx.yaml': peer })).toEqual([]);
  });
});
