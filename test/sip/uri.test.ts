import { describe, expect, it } from 'vitest';
import { formatUri, getParam, parseUri, type Uri } from '../../src/sip/message/index.js';
import { errorOf, valueOf } from './helpers.js';

describe('parseUri: sip and sips', () => {
  const cases: [string, Partial<Uri>][] = [
    ['sip:alice@atlanta.example.com', { kind: 'sip', secure: false, user: 'alice', host: 'atlanta.example.com', params: [], headers: [] }],
    ['SIPS:alice@atlanta.example.com:5061', { secure: true, user: 'alice', port: 5061 }],
    ['sip:alice:secretword@atlanta.example.com;transport=tcp', { user: 'alice', password: 'secretword', params: [{ name: 'transport', value: 'tcp' }] }],
    ['sip:+1-212-555-1212:1234@gateway.example.com;user=phone', { user: '+1-212-555-1212', password: '1234', params: [{ name: 'user', value: 'phone' }] }],
    ['sip:192.0.2.4', { host: '192.0.2.4' }],
    ['sip:[2001:db8::10]:5070;lr', { host: '[2001:db8::10]', port: 5070, params: [{ name: 'lr' }] }],
    ['sip:bob@[::1]', { user: 'bob', host: '[::1]' }],
    ['sip:atlanta.example.com;method=REGISTER?to=alice%40atlanta.example.com', {
      params: [{ name: 'method', value: 'REGISTER' }],
      headers: [{ name: 'to', value: 'alice@atlanta.example.com' }],
    }],
    ['sip:alice@atlanta.example.com?subject=project%20x&priority=urgent', {
      headers: [{ name: 'subject', value: 'project x' }, { name: 'priority', value: 'urgent' }],
    }],
    // %-escapes decode to the octets they stand for (RFC 4475 esc01 style, own values).
    ['sip:%61lice@host.example.com;n%61me=v%61lue%25%34%31', { user: 'alice', params: [{ name: 'name', value: 'value%41' }] }],
    ['sip:nul-%00-nul@host.example.com', { user: 'nul-\u0000-nul' }],
    // The user part may hold ";" "?" "/" and more, and ends at the first "@".
    ['sip:user;par=u%40example.net@example.com', { user: 'user;par=u@example.net', host: 'example.com' }],
    ['sip:a?b/c,d;e@h.example.com', { user: 'a?b/c,d;e', host: 'h.example.com' }],
    ['sip:my_host.example.com', { host: 'my_host.example.com' }],
    ['sip:host.example.com.', { host: 'host.example.com.' }],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(valueOf(parseUri(text))).toMatchObject(expected);
  });

  it('reads user=phone with getParam', () => {
    const uri = valueOf(parseUri('sip:+15551234567@gw.example.com;user=phone'));
    expect(uri.kind === 'sip' && getParam(uri.params, 'USER')?.value).toBe('phone');
  });
});

describe('parseUri: tel', () => {
  const cases: [string, Partial<Uri>][] = [
    ['tel:+1-201-555-0123', { kind: 'tel', number: '+1-201-555-0123', params: [] }],
    ['tel:+358-555-1234567;postd=pp22', { number: '+358-555-1234567', params: [{ name: 'postd', value: 'pp22' }] }],
    ['tel:7042;phone-context=example.com', { number: '7042', params: [{ name: 'phone-context', value: 'example.com' }] }],
    ['tel:863-1234;phone-context=+1-914-555', { number: '863-1234' }],
    ['tel:+1-212-555-0101;ext=1234;isub=%31%32', { params: [{ name: 'ext', value: '1234' }, { name: 'isub', value: '12' }] }],
    ['TEL:*21#;phone-context=example.net', { number: '*21#' }],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(valueOf(parseUri(text))).toMatchObject(expected);
  });
});

describe('parseUri: other schemes are checked and kept opaque', () => {
  it.each([
    ['soap.beep://192.0.2.103:3002', 'soap.beep', '//192.0.2.103:3002'],
    ['nobodyKnowsThisScheme:totallyopaquecontent', 'nobodyknowsthisscheme', 'totallyopaquecontent'],
    ['urn:service:sos', 'urn', 'service:sos'],
    ['mailto:alice@example.com', 'mailto', 'alice@example.com'],
  ])('%s', (text, scheme, value) => {
    expect(valueOf(parseUri(text))).toEqual({ kind: 'absolute', scheme, value });
  });
});

describe('parseUri rejects', () => {
  it.each([
    ['', 'no scheme'],
    ['alice@example.com', 'no scheme'],
    ['<sip:alice@example.com>', 'angle brackets'],
    [' sip:alice@example.com', 'leading space'],
    ['sip:alice@example.com ', 'trailing space'],
    ['sip:alice smith@example.com', 'space in the user part'],
    ['sip:@example.com', 'empty user'],
    ['sip:alice@', 'no host'],
    ['sip:alice@exa mple.com', 'space in the host'],
    ['sip:alice@example..com', 'empty label'],
    ['sip:alice@1.2.3.256', 'bad IPv4 address'],
    ['sip:alice@[2001:db8::zz]', 'bad IPv6 address'],
    ['sip:alice@[2001:db8::1', 'unclosed IPv6 reference'],
    ['sip:alice@example.com:65536', 'port out of range'],
    ['sip:alice@example.com:50x', 'port not digits'],
    ['sip:al%4@example.com', 'short escape'],
    ['sip:al%zzice@example.com', 'non-hex escape'],
    ['sip:alice@example.com;', 'empty parameter'],
    ['sip:alice@example.com;transport=', 'empty parameter value'],
    ['sip:alice@example.com;lr;lr', 'repeated parameter'],
    ['sip:alice@example.com?subject', 'header without value'],
    ['sip:alice@example.com;a"b', 'quote in a parameter'],
    ['tel:5551234', 'local number without phone-context'],
    ['tel:+', 'global number without digits'],
    ['tel:+1 555', 'space in a number'],
    ['tel:+1555;ph one=1', 'bad parameter name'],
    ['http:', 'empty absolute URI'],
    ['x:a b', 'space in an absolute URI'],
    ['1abc:foo', 'scheme starting with a digit'],
  ])('%j (%s)', (text) => {
    expect(errorOf(parseUri(text)).code).toBe('SIP_BAD_URI');
  });
});

describe('formatUri', () => {
  it.each([
    'sip:alice@atlanta.example.com',
    'sips:alice:pw@[2001:db8::1]:5061;transport=tls;lr?subject=a%20b&x=y',
    'sip:%22q%22@h.example.com',
    'tel:+1-201-555-0123;ext=12',
    'urn:service:sos',
  ])('parse(format(parse(%s))) equals parse', (text) => {
    const uri = valueOf(parseUri(text));
    expect(valueOf(parseUri(formatUri(uri)))).toEqual(uri);
  });

  it('escapes what a component may not hold, and writes decoded values back escaped', () => {
    const uri = valueOf(parseUri('sip:sips%3Auser%40example.com@example.net;n%61me=v%61lue%25%34%31'));
    expect(formatUri(uri)).toBe('sip:sips%3Auser%40example.com@example.net;name=value%2541');
  });

  it('writes a character above U+00FF as its UTF-8 octets', () => {
    expect(formatUri({ kind: 'sip', secure: false, user: 'j\u00fcrgen\u20ac', host: 'h.example.com', params: [], headers: [] })).toBe(
      'sip:j%FCrgen%E2%82%AC@h.example.com',
    );
  });
});
