import { describe, expect, it } from 'vitest';
import { formatVia, parseVia, type Via } from '../../src/sip/message/index.js';
import { errorOf, valueOf } from './helpers.js';

describe('parseVia', () => {
  const cases: [string, Partial<Via>[]][] = [
    [
      'SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds',
      [{ protocol: 'SIP', version: '2.0', transport: 'UDP', host: 'pc33.atlanta.example.com', branch: 'z9hG4bK776asdhds', params: [] }],
    ],
    ['SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK74b43;rport', [{ transport: 'TCP', port: 5060, rport: true }]],
    ['SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.101;rport=61722;branch=z9hG4bKx', [{ received: '192.0.2.101', rport: 61722, branch: 'z9hG4bKx' }]],
    ['SIP/2.0/UDP [2001:db8::9:1]:5070;received=2001:db8::9:255;branch=z9hG4bKas3', [{ host: '[2001:db8::9:1]', port: 5070, received: '2001:db8::9:255' }]],
    ['SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255]', [{ received: '[2001:db8::9:255]' }]],
    ['SIP/2.0/UDP 224.2.0.1;maddr=224.2.0.1;ttl=16;branch=z9hG4bKm', [{ maddr: '224.2.0.1', ttl: 16 }]],
    ['sip/2.0/tls proxy.example.com;branch=z9hG4bKt;x-ext=1;flag', [{ protocol: 'SIP', transport: 'TLS', params: [{ name: 'x-ext', value: '1' }, { name: 'flag' }] }]],
    ['SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKw', [{ transport: 'WSS', host: 'df7jal23ls0d.invalid' }]],
    ['SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en', [{ transport: 'UNKNOWN' }]],
    // LWS around "/", ":", ";" and "=" is allowed (RFC 3261 §25.1 SLASH, COLON, SEMI, EQUAL).
    ['SIP  /   2.0 /UDP    192.0.2.2 : 5062  ;  branch  =   390skdjuw', [{ host: '192.0.2.2', port: 5062, branch: '390skdjuw' }]],
    // The branch is not checked for the magic cookie: that is the transaction layer's business.
    ['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK', [{ branch: 'z9hG4bK' }]],
    [
      'SIP/2.0/TCP spindle.example.com ;branch=z9hG4bK9ikj8 , SIP/2.0/UDP 192.168.255.111 ; branch=z9hG4bK30239',
      [{ host: 'spindle.example.com' }, { host: '192.168.255.111', branch: 'z9hG4bK30239' }],
    ],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(valueOf(parseVia(text))).toMatchObject(expected);
  });

  it.each([
    '',
    'SIP/2.0/UDP',
    'SIP/2.0 192.0.2.1',
    'SIP/2.0/UDP192.0.2.1',
    'SIP/2.0/UDP 192.0.2.15;;,;,,',
    'SIP/2.0/UDP 192.0.2.15,',
    'SIP/2.0/UDP host..example.com',
    'SIP/2.0/UDP host.example.com:99999',
    'SIP/2.0/UDP host.example.com;branch',
    'SIP/2.0/UDP host.example.com;branch="quoted"',
    'SIP/2.0/UDP host.example.com;received=host.example.com',
    'SIP/2.0/UDP host.example.com;rport=http',
    'SIP/2.0/UDP host.example.com;rport=70000',
    'SIP/2.0/UDP host.example.com;ttl=256',
    'SIP/2.0/UDP host.example.com;ttl',
    'SIP/2.0/UDP host.example.com;maddr=bad..host',
    'SIP/2.0/U"DP host.example.com',
    'SIP/2.0/UDP host.example.com;branch=a;branch=b',
  ])('rejects %j', (text) => {
    expect(errorOf(parseVia(text)).code).toBe('SIP_BAD_VIA');
  });

  it('round-trips through formatVia', () => {
    const text =
      'SIP/2.0/UDP [2001:db8::1]:5060;x=1;rport=5062;received=2001:db8::2;branch=z9hG4bKa;maddr=m.example.com;ttl=3;lone, SIP/2.0/TCP h.example.com;rport';
    const vias = valueOf(parseVia(text));
    expect(formatVia(vias[0] as Via)).toBe(
      'SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKa;received=2001:db8::2;rport=5062;maddr=m.example.com;ttl=3;x=1;lone',
    );
    expect(valueOf(parseVia(vias.map(formatVia).join(', ')))).toEqual(vias);
  });
});
