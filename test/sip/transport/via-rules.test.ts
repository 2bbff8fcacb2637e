import { describe, expect, it } from 'vitest';
import { formatVia, parseMessage, parseVia, readList, type HeaderField } from '../../../src/sip/message/index.js';
import { clientVia, responseDestination, serverVia, topVia, withTopVia } from '../../../src/sip/transport/via-rules.js';
import { inviteLines, octets, valueOf, wire } from '../helpers.js';

const via = (text: string) => valueOf(parseVia(text))[0]!;

describe('serverVia: received and rport on a received request (RFC 3261 §18.2.1, RFC 3581 §4)', () => {
  // [sent Via, source address, source port, Via as kept]
  const rows: [string, string, number, string][] = [
    ['SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1', '192.0.2.1', 5060, 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1'],
    ['SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1', '198.51.100.7', 5060, 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;received=198.51.100.7'],
    ['SIP/2.0/UDP pc.example.com;branch=z9hG4bK1', '192.0.2.1', 5060, 'SIP/2.0/UDP pc.example.com;branch=z9hG4bK1;received=192.0.2.1'],
    ['SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1', '192.0.2.1', 40123, 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;received=192.0.2.1;rport=40123'],
    ['SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1', '203.0.113.9', 61000, 'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;received=203.0.113.9;rport=61000'],
    ['SIP/2.0/UDP 10.0.0.1;rport=5070;branch=z9hG4bK1', '10.0.0.1', 5999, 'SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;rport=5070'],
    ['SIP/2.0/TCP [::1]:5060;branch=z9hG4bK1', '::1', 50000, 'SIP/2.0/TCP [::1]:5060;branch=z9hG4bK1'],
    ['SIP/2.0/TCP [0:0:0:0:0:0:0:1]:5060;branch=z9hG4bK1', '::1', 50000, 'SIP/2.0/TCP [0:0:0:0:0:0:0:1]:5060;branch=z9hG4bK1'],
    ['SIP/2.0/UDP [2001:db8::1];rport;branch=z9hG4bK1', '2001:db8::2', 5062, 'SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1;received=2001:db8::2;rport=5062'],
  ];
  it.each(rows)('%s from %s:%i', (sent, address, port, kept) => {
    expect(formatVia(serverVia(via(sent), { address, port }))).toBe(kept);
  });
});

describe('responseDestination (RFC 3261 §18.2.2, RFC 3581 §4)', () => {
  // [response top Via, transport, where it goes]
  const rows: [string, 'udp' | 'tcp' | 'tls', string][] = [
    ['SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7;rport=40123', 'udp', '198.51.100.7:40123'],
    ['SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7', 'udp', '198.51.100.7:5070'],
    ['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;received=198.51.100.7', 'udp', '198.51.100.7:5060'],
    ['SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1', 'udp', '192.0.2.1:5070'],
    ['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;maddr=239.255.255.1', 'udp', '239.255.255.1:5060'],
    ['SIP/2.0/UDP pc.example.com;branch=z9hG4bK1', 'udp', 'pc.example.com:5060'],
    ['SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1;received=[2001:db8::2];rport=5062', 'udp', '2001:db8::2:5062'],
    ['SIP/2.0/TCP 192.0.2.1:5070;branch=z9hG4bK1;received=198.51.100.7;rport=40123', 'tcp', '198.51.100.7:5070'],
    ['SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1', 'tcp', '192.0.2.1:5060'],
    ['SIP/2.0/TLS gw.example.com;branch=z9hG4bK1', 'tls', 'gw.example.com:5061'],
  ];
  it.each(rows)('%s', (text, protocol, where) => {
    const { host, port } = responseDestination(via(text), protocol);
    expect(`${host}:${port}`).toBe(where);
  });
});

describe('clientVia and withTopVia', () => {
  it('fills transport, sent-by and rport, keeping branch and other parameters', () => {
    const filled = clientVia(via('SIP/2.0/UDP placeholder;branch=z9hG4bKabc;x=1'), 'tcp', { address: '::1', port: 5080 });
    expect(formatVia(filled)).toBe('SIP/2.0/TCP [::1]:5080;branch=z9hG4bKabc;rport;x=1');
  });

  it('makes a new branch with the magic cookie when there is no Via', () => {
    const filled = clientVia(undefined, 'udp', { address: '192.0.2.1', port: 5060 });
    expect(filled.branch).toMatch(/^z9hG4bK[0-9a-f]{20}$/);
    expect(clientVia(undefined, 'udp', { address: '192.0.2.1', port: 5060 }).branch).not.toBe(filled.branch);
  });

  it('replaces only the top via-parm of a comma-separated Via field', () => {
    const headers: HeaderField[] = [
      { name: 'v', value: 'SIP/2.0/UDP a.example;branch=z9hG4bK1, SIP/2.0/UDP b.example;branch=z9hG4bK2' },
      { name: 'Via', value: 'SIP/2.0/UDP c.example;branch=z9hG4bK3' },
    ];
    const replaced = withTopVia(headers, via('SIP/2.0/UDP x.example;branch=z9hG4bK9'));
    expect(replaced).toEqual([
      { name: 'v', value: 'SIP/2.0/UDP x.example;branch=z9hG4bK9' },
      { name: 'v', value: 'SIP/2.0/UDP b.example;branch=z9hG4bK2' },
      { name: 'Via', value: 'SIP/2.0/UDP c.example;branch=z9hG4bK3' },
    ]);
    expect(topVia(replaced)?.host).toBe('x.example');
    expect(withTopVia([], via('SIP/2.0/UDP x.example'))).toEqual([{ name: 'Via', value: 'SIP/2.0/UDP x.example' }]);
  });
});

describe('topVia', () => {
  it("reads a received message's top Via from the value checked at parse (not parsed again), and a built field afresh", () => {
    const message = valueOf(parseMessage(octets(wire(inviteLines()))));
    const checked = valueOf(readList(message.headers, 'Via', parseVia))[0];
    expect(topVia(message.headers)).toBe(checked);
    const built: HeaderField[] = [{ name: 'Via', value: 'SIP/2.0/TCP b.example:5070;branch=z9hG4bKb, SIP/2.0/UDP c.example;branch=z9hG4bKc' }];
    expect(topVia(built)).toMatchObject({ transport: 'TCP', host: 'b.example', port: 5070, branch: 'z9hG4bKb' });
    expect(topVia([{ name: 'Via', value: 'not a via' }])).toBeUndefined();
    expect(topVia([])).toBeUndefined();
  });
});
