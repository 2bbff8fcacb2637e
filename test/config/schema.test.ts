// One failing case per schema rule, YAML syntax errors and unknown keys: the exact line each prints.
import { describe, expect, it } from 'vitest';
import { errors, pbx, sim } from './helpers.js';

const gateway = (...listen: string[]) => `gateway:\n  nodeId: gw1\n  sip:\n    listen:\n${listen.map((l) => `      ${l}\n`).join('')}  cdr:\n    spoolDir: cdr\n`;
/** Without the routes file, so that a peer left out does not also break a route reference. */
const alone = (file: string, text: string) => ({ [file]: text, 'routes.yaml': undefined });

describe('the base configuration', () => {
  it('is valid', () => expect(errors()).toEqual([]));
});

describe('schema rules (CONFIG_SCHEMA)', () => {
  it.each([
    ['enum', { 'pbx.yaml': pbx('profile: sip-i') }, 'cfg/pbx.yaml:5:14 peers.pbx.profile: must be one of plain, sipt, sipi (CONFIG_SCHEMA)'],
    ['a key without a value', { 'pbx.yaml': pbx('profile:') }, 'cfg/pbx.yaml:5:5 peers.pbx.profile: must be one of plain, sipt, sipi (CONFIG_SCHEMA)'],
    ['boolean', { 'pbx.yaml': pbx('reasonHeader: yes') }, 'cfg/pbx.yaml:5:19 peers.pbx.reasonHeader: must be true or false (CONFIG_SCHEMA)'],
    ['integer', { 'pbx.yaml': pbx('cac: { maxCalls: 1.5 }') }, 'cfg/pbx.yaml:5:22 peers.pbx.cac.maxCalls: must be an integer (CONFIG_SCHEMA)'],
    ['minimum', { 'pbx.yaml': pbx('cac: { maxCalls: 0 }') }, 'cfg/pbx.yaml:5:22 peers.pbx.cac.maxCalls: must be at least 1 (CONFIG_SCHEMA)'],
    [
      'minimum and maximum',
      { 'pbx.yaml': pbx('causeMap:', '  toSip: [{ cause: 128, status: 503 }]') },
      'cfg/pbx.yaml:6:24 peers.pbx.causeMap.toSip[0].cause: must be between 1 and 127 (CONFIG_SCHEMA)',
    ],
    ['required key', alone('pbx.yaml', 'peers:\n  pbx:\n    acl: [127.0.0.1/32]\n'), 'cfg/pbx.yaml:3:5 peers.pbx: missing required key "address" (CONFIG_SCHEMA)'],
    [
      'cidr format',
      { 'pbx.yaml': 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n    acl: [10.0.0.0/33]\n' },
      'cfg/pbx.yaml:4:11 peers.pbx.acl[0]: must be an IP address or prefix, e.g. 127.0.0.1/32 or 2001:db8::/32 (CONFIG_SCHEMA)',
    ],
    [
      'listen-address format',
      { 'gateway.yaml': gateway('udp: [localhost:5060]') },
      'cfg/gateway.yaml:5:13 gateway.sip.listen.udp[0]: must be an IP address with an optional port, e.g. 127.0.0.1:5060 or [::1]:5060 (CONFIG_SCHEMA)',
    ],
    [
      'host-port format',
      { 'pbx.yaml': 'peers:\n  pbx:\n    address: pbx..example\n    acl: [127.0.0.1/32]\n' },
      'cfg/pbx.yaml:3:14 peers.pbx.address: must be a host (IP address or DNS name) with an optional port, e.g. 192.0.2.10:5060 or sip.example.net (CONFIG_SCHEMA)',
    ],
    [
      'range-list format',
      { 'sim.yaml': 'trunkGroups:\n  sim-e1:\n    driver: sim\n    spans:\n      - span: 1\n        type: E1\n        channels: 15-1\n' },
      'cfg/sim.yaml:7:19 trunkGroups.sim-e1.spans[0].channels: must be numbers and ascending ranges separated by commas, e.g. 1-15,17-31 (CONFIG_SCHEMA)',
    ],
    [
      'node-id format',
      { 'gateway.yaml': 'gateway:\n  nodeId: gw 1\n  sip:\n    listen:\n      udp: [127.0.0.1]\n  cdr:\n    spoolDir: cdr\n' },
      'cfg/gateway.yaml:2:11 gateway.nodeId: must be letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit) (CONFIG_SCHEMA)',
    ],
    [
      'token format',
      { 'pbx.yaml': pbx('profile: sipi', 'isup: { version: itu t92 }') },
      'cfg/pbx.yaml:6:22 peers.pbx.isup.version: must be a MIME parameter token, e.g. itu-t92+ (CONFIG_SCHEMA)',
    ],
    ['minItems', alone('sim.yaml', 'trunkGroups:\n  sim-e1:\n    driver: sim\n    spans: []\n'), 'cfg/sim.yaml:4:12 trunkGroups.sim-e1.spans: must not be empty (CONFIG_SCHEMA)'],
    ['uniqueItems', { 'pbx.yaml': 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n    acl: [127.0.0.1/32, 127.0.0.1/32]\n' }, 'cfg/pbx.yaml:4:25 peers.pbx.acl[1]: repeats entry [0] (CONFIG_SCHEMA)'],
    [
      'minProperties',
      { 'gateway.yaml': 'gateway:\n  nodeId: gw1\n  sip:\n    listen: {}\n  cdr:\n    spoolDir: cdr\n' },
      'cfg/gateway.yaml:4:13 gateway.sip.listen: must have at least one of udp, tcp, tls (CONFIG_SCHEMA)',
    ],
    ['a mapping', alone('pbx.yaml', 'peers: []\n'), 'cfg/pbx.yaml:1:8 peers: must be a mapping (CONFIG_SCHEMA)'],
    ['a list', { 'routes.yaml': 'routes: {}\n' }, 'cfg/routes.yaml:1:9 routes: must be a list (CONFIG_SCHEMA)'],
    [
      'a name',
      alone('pbx.yaml', 'peers:\n  PBX:\n    address: 127.0.0.1:5070\n    acl: [127.0.0.1/32]\n'),
      'cfg/pbx.yaml:2:3 peers.PBX: must be a name of lower-case letters, digits, "-" and "_", starting with a letter or digit (at most 63) (CONFIG_SCHEMA)',
    ],
    ['minLength', { 'pbx.yaml': pbx("auth: { outbound: { username: gw, password: '' } }") }, 'cfg/pbx.yaml:5:49 peers.pbx.auth.outbound.password: must not be empty (CONFIG_SCHEMA)'],
    ['an empty file', alone('pbx.yaml', ''), 'cfg/pbx.yaml:1:1 the file is empty; expected at least one of gateway, peers, trunkGroups, routes (CONFIG_SCHEMA)'],
    ['a file of comments', alone('pbx.yaml', '# nothing yet\n'), 'cfg/pbx.yaml:1:1 the file is empty; expected at least one of gateway, peers, trunkGroups, routes (CONFIG_SCHEMA)'],
    ['a file that is not a mapping', alone('pbx.yaml', 'hello\n'), 'cfg/pbx.yaml:1:1 must be a mapping (CONFIG_SCHEMA)'],
  ])('%s', (_name, changes, line) => expect(errors(changes)).toEqual([line]));
});

describe('span numbers', () => {
  const span = (n: number) => ({ 'sim.yaml': `trunkGroups:\n  sim-e1:\n    driver: sim\n    spans:\n      - span: ${n}\n        type: E1\n` });
  it('go up to 4095 (hundreds of E1s on one gateway)', () => expect(errors(span(4095))).toEqual([]));
  it('stop at 4095', () => expect(errors(span(4096))).toEqual(['cfg/sim.yaml:5:15 trunkGroups.sim-e1.spans[0].span: must be between 1 and 4095 (CONFIG_SCHEMA)']));
});

describe('unknown keys (CONFIG_UNKNOWN_KEY) are reported at the key', () => {
  it.each([
    ['a typo gets a suggestion', { 'pbx.yaml': pbx('profil: plain') }, 'cfg/pbx.yaml:5:5 peers.pbx.profil: unknown key; did you mean "profile"? (CONFIG_UNKNOWN_KEY)'],
    ['a top-level section', alone('pbx.yaml', 'peer:\n  pbx: {}\n'), 'cfg/pbx.yaml:1:1 peer: unknown key; did you mean "peers"? (CONFIG_UNKNOWN_KEY)'],
    [
      'inside a list entry',
      { 'sim.yaml': 'trunkGroups:\n  sim-e1:\n    driver: sim\n    spans:\n      - span: 1\n        type: E1\n        chanels: 1-30\n' },
      'cfg/sim.yaml:7:9 trunkGroups.sim-e1.spans[0].chanels: unknown key; did you mean "channels"? (CONFIG_UNKNOWN_KEY)',
    ],
    ['without a close match, the allowed keys', { 'pbx.yaml': pbx('cac: { limit: 3 }') }, 'cfg/pbx.yaml:5:12 peers.pbx.cac.limit: unknown key; expected one of maxCalls, maxInbound, maxOutbound, maxCallsPerSecond (CONFIG_UNKNOWN_KEY)'],
    [
      'a timer Q.764 does not list here',
      { 'sim.yaml': sim('timers: { T3: 1000 }') },
      'cfg/sim.yaml:7:15 trunkGroups.sim-e1.timers.T3: unknown key; expected one of T1, T2, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, T17, T18, T19, T20, T21, T22, T23, T24, T25, T26, T27, T28, T29, T30, T31, T33, T34, T35 (CONFIG_UNKNOWN_KEY)',
    ],
  ])('%s', (_name, changes, line) => expect(errors(changes)).toEqual([line]));
});

describe('YAML syntax errors (CONFIG_YAML_SYNTAX) with their position', () => {
  it.each([
    ['bad indentation', 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n   acl: [127.0.0.1/32]\n', 'cfg/pbx.yaml:4:1 All mapping items must start at the same column (CONFIG_YAML_SYNTAX)'],
    ['a duplicate key', 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n    address: 127.0.0.1:5071\n    acl: [127.0.0.1/32]\n', 'cfg/pbx.yaml:4:5 Map keys must be unique (CONFIG_YAML_SYNTAX)'],
    ['two documents', 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n    acl: [127.0.0.1/32]\n---\npeers: {}\n', 'cfg/pbx.yaml:5:1 more than one YAML document (---); a file holds one (CONFIG_YAML_SYNTAX)'],
    ['an unclosed flow mapping', 'peers:\n  pbx: { address: 127.0.0.1\n', 'cfg/pbx.yaml:3:1 Flow map in block collection must be sufficiently indented and end with a } (CONFIG_YAML_SYNTAX)'],
  ])('%s', (_name, text, line) => expect(errors({ 'pbx.yaml': text })).toEqual([line]));

  it('skips reference checks while a file does not parse (its names are unknown)', () => {
    // The route names sim-e1, which the broken file would define: no CONFIG_MISSING_REF.
    expect(errors({ 'sim.yaml': 'trunkGroups:\n  sim-e1: [\n', 'gateway.yaml': undefined })).toEqual([
      'cfg/sim.yaml:3:1 Flow sequence in block collection must be sufficiently indented and end with a ] (CONFIG_YAML_SYNTAX)',
    ]);
  });
});

describe('all errors at once', () => {
  it('reports every error of every file, sorted by file, line and column', () => {
    expect(
      errors({
        'gateway.yaml': 'gateway:\n  nodeId: gw 1\n  sip:\n    listen:\n      udp: [127.0.0.1]\n  cdr: {}\n',
        'pbx.yaml': pbx('profile: sip-i', 'profil: plain', 'timers: { T1: 50 }'),
        'sim.yaml': sim('timers: { T7: 5000, T9: 60000 }'),
        'routes.yaml': "routes:\n  - name: out\n    match: '^(1'\n    to: [sim-t1]\n",
      }),
    ).toEqual([
      'cfg/gateway.yaml:2:11 gateway.nodeId: must be letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit) (CONFIG_SCHEMA)',
      'cfg/gateway.yaml:6:8 gateway.cdr: missing required key "spoolDir" (CONFIG_SCHEMA)',
      'cfg/pbx.yaml:5:14 peers.pbx.profile: must be one of plain, sipt, sipi (CONFIG_SCHEMA)',
      'cfg/pbx.yaml:6:5 peers.pbx.profil: unknown key; did you mean "profile"? (CONFIG_UNKNOWN_KEY)',
      'cfg/pbx.yaml:7:19 peers.pbx.timers.T1: T1 must be between 100 and 5000 ms (100 ms to 5 s, RFC 3261 §17.1.1.1) (CONFIG_TIMER_RANGE)',
      "cfg/routes.yaml:3:12 routes[0].match: must be a valid regular expression: /^(1/: Unterminated group (CONFIG_BAD_REGEX)",
      'cfg/routes.yaml:4:10 routes[0].to[0]: no peer or trunk group is named "sim-t1" (defined: pbx, sim-e1) (CONFIG_MISSING_REF)',
      'cfg/sim.yaml:7:19 trunkGroups.sim-e1.timers.T7: T7 must be between 20000 and 30000 ms (20 s to 30 s, Q.764 Annex A) (CONFIG_TIMER_RANGE)',
      'cfg/sim.yaml:7:29 trunkGroups.sim-e1.timers.T9: T9 must be between 90000 and 180000 ms (90 s to 180 s, Q.764 Annex A) (CONFIG_TIMER_RANGE)',
    ]);
  });

  it('holds back the checks of an entity until it matches its schema', () => {
    // The peer has no ACL and no credentials, but its profile error comes first: no CONFIG_PEER_NO_AUTH yet.
    expect(errors({ 'pbx.yaml': 'peers:\n  pbx:\n    address: 127.0.0.1:5070\n    profile: x\n' })).toEqual([
      'cfg/pbx.yaml:4:14 peers.pbx.profile: must be one of plain, sipt, sipi (CONFIG_SCHEMA)',
    ]);
  });
});
