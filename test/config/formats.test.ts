// The string formats the schemas use, and relative path resolution.
import { describe, expect, it } from 'vitest';
import { isCidr, isIpv6, parseHostPort, parseRangeList } from '../../src/config/formats.js';
import { resolvePath } from '../../src/config/paths.js';

describe('formats', () => {
  it.each(['::1', '2001:db8::1', 'fe80::', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8'])('%s is IPv6', (s) => expect(isIpv6(s)).toBe(true));
  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '::ffff:300.0.0.1', ''])('%s is not IPv6', (s) => expect(isIpv6(s)).toBe(false));

  it.each([
    ['127.0.0.1', { host: '127.0.0.1', port: 5060 }],
    ['127.0.0.1:5070', { host: '127.0.0.1', port: 5070 }],
    ['[::1]:5061', { host: '::1', port: 5061 }],
    ['::1', { host: '::1', port: 5060 }],
    ['sip.example.net', { host: 'sip.example.net', port: 5060 }],
  ])('host-port %s', (s, hp) => expect(parseHostPort(s, 5060, true)).toEqual(hp));
  it.each(['127.0.0.1:0', '127.0.0.1:65536', '1.2.3', '[foo]:5060', 'a..b'])('host-port %s is refused', (s) => expect(parseHostPort(s, 5060, true)).toBeUndefined());
  it('listen addresses take no host names', () => expect(parseHostPort('localhost', 5060, false)).toBeUndefined());

  it.each([
    ['10.0.0.0/8', true],
    ['127.0.0.1', true],
    ['2001:db8::/32', true],
    ['10.0.0.0/33', false],
    ['2001:db8::/129', false],
    ['host/8', false],
  ])('cidr %s', (s, ok) => expect(isCidr(s)).toBe(ok));

  it.each([
    ['1-3,5', [1, 2, 3, 5]],
    ['7', [7]],
    [7, [7]],
    [' 1 - 2 , 4 ', [1, 2, 4]],
  ] as const)('range list %j', (s, list) => expect(parseRangeList(s)).toEqual(list));
  it.each(['3-1', '1,,2', 'a', '1-'])('range list %j is refused', (s) => expect(parseRangeList(s)).toBeUndefined());
});

describe('resolvePath', () => {
  it.each([
    ['trunks/gateway.yaml', 'certs/a.pem', 'trunks/certs/a.pem'],
    ['trunks/gateway.yaml', '../var/cdr', 'var/cdr'],
    ['gateway.yaml', 'cdr', 'cdr'],
    ['/etc/tandem/gateway.yaml', '../x', '/etc/x'],
    ['trunks/gateway.yaml', '/abs/path', '/abs/path'],
    ['../cfg/gw.yaml', '../../x', '../../x'],
  ])('%s + %s', (file, p, out) => expect(resolvePath(file, p)).toBe(out));
});
