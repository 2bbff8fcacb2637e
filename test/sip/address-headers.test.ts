// Headers built on name-addr / addr-spec: From, To, Contact, Route, Record-Route,
// P-Asserted-Identity, Diversion, History-Info.
import { describe, expect, it } from 'vitest';
import {
  formatContact,
  formatDiversion,
  formatFromTo,
  formatHistoryInfo,
  formatNameAddr,
  formatUri,
  parseContact,
  parseDiversion,
  parseFromTo,
  parseHistoryInfo,
  parseNameAddr,
  parsePAssertedIdentity,
  parseRoute,
  type NameAddr,
} from '../../src/sip/message/index.js';
import { errorOf, valueOf } from './helpers.js';

const uriOf = (a: NameAddr): string => formatUri(a.uri);

describe('parseNameAddr', () => {
  const cases: [string, { displayName?: string; uri: string; params?: unknown[] }][] = [
    ['<sip:alice@atlanta.example.com>', { uri: 'sip:alice@atlanta.example.com' }],
    ['Alice <sip:alice@atlanta.example.com>', { displayName: 'Alice', uri: 'sip:alice@atlanta.example.com' }],
    ['"Alice Smith" <sip:alice@a.example.com>;x=1', { displayName: 'Alice Smith', uri: 'sip:alice@a.example.com', params: [{ name: 'x', value: '1' }] }],
    ['Alice  B.  Smith   <sip:a@a.example.com>', { displayName: 'Alice B. Smith', uri: 'sip:a@a.example.com' }],
    ['caller<sip:caller@example.com>', { displayName: 'caller', uri: 'sip:caller@example.com' }],
    ['"J R \\\\\\"" <sip:j@example.com>', { displayName: 'J R \\"', uri: 'sip:j@example.com' }],
    ['"Quoted \\"\\""<sip:q@example.com>', { displayName: 'Quoted ""', uri: 'sip:q@example.com' }],
    ['""<sip:e@example.com>', { displayName: '', uri: 'sip:e@example.com' }],
    ['"\u00d0\u00b0 UTF-8 octets" <tel:+15551234>', { displayName: '\u00d0\u00b0 UTF-8 octets', uri: 'tel:+15551234' }],
    // addr-spec: every ";" after the URI starts a header parameter.
    ['sip:bob@biloxi.example.com;tag=a6c85cf', { uri: 'sip:bob@biloxi.example.com', params: [{ name: 'tag', value: 'a6c85cf' }] }],
    ['sip:+19725552222@gw1.example.net;unknownparam', { uri: 'sip:+19725552222@gw1.example.net', params: [{ name: 'unknownparam' }] }],
    ['<sip:+19725552222@gw1.example.net;unknownparam>', { uri: 'sip:+19725552222@gw1.example.net;unknownparam', params: [] }],
    ['<sip:u@example.com?Route=%3Csip:p.example.com%3E>', { uri: 'sip:u@example.com?Route=%3Csip:p.example.com%3E' }],
    ['isbn:2983792873', { uri: 'isbn:2983792873' }],
    ['sip:a@example.com ; p1 = "v;1" ;  p2', { uri: 'sip:a@example.com', params: [{ name: 'p1', value: '"v;1"' }, { name: 'p2' }] }],
    ['<sip:a@example.com>;+sip.instance="<urn:uuid:f81d4fae>"', { uri: 'sip:a@example.com', params: [{ name: '+sip.instance', value: '"<urn:uuid:f81d4fae>"' }] }],
    ['sip:a@example.com;+sip.instance="<urn:uuid:f81d4fae>"', { uri: 'sip:a@example.com', params: [{ name: '+sip.instance', value: '"<urn:uuid:f81d4fae>"' }] }],
  ];
  it.each(cases)('%s', (text, expected) => {
    const value = valueOf(parseNameAddr(text));
    expect(value.displayName).toBe(expected.displayName);
    expect(uriOf(value)).toBe(expected.uri);
    expect(value.params).toEqual(expected.params ?? []);
  });

  it.each([
    ['', 'SIP_BAD_HEADER'],
    ['"Mr. J. User <sip:j.user@example.com>', 'SIP_BAD_HEADER'],
    ['"Joe" sip:joe@example.com', 'SIP_BAD_HEADER'],
    ['Bell, Alexander <sip:a.g.bell@example.com>', 'SIP_BAD_HEADER'],
    ['<sip:joe@example.com', 'SIP_BAD_HEADER'],
    ['"Joe" <sip:joe@example.org>;;;;', 'SIP_BAD_HEADER'],
    ['<sip:joe@example.org>;a=1;A=2', 'SIP_BAD_HEADER'],
    ['<sip:joe@example.org>;a=<b>', 'SIP_BAD_HEADER'],
    ['<sip:joe@example.org> junk', 'SIP_BAD_HEADER'],
    ['sip:user@example.com?Route=%3Csip:sip.example.com%3E', 'SIP_BAD_HEADER'],
    ['< sip:t.watson@example.org >', 'SIP_BAD_URI'],
    ['<sip:a@b c>', 'SIP_BAD_URI'],
    ['"bell\u0007" <sip:a@example.com>', 'SIP_BAD_HEADER'],
  ])('rejects %j', (text, code) => {
    expect(errorOf(parseNameAddr(text)).code).toBe(code);
  });

  it('formats the name-addr form, quoting the display name', () => {
    const value = valueOf(parseNameAddr('bob  smith <sip:bob@example.com;lr>;x'));
    expect(formatNameAddr(value)).toBe('"bob smith" <sip:bob@example.com;lr>;x');
    expect(formatNameAddr(valueOf(parseNameAddr('"a\\"b\\\\c\\\u0001" <sip:a@example.com>')))).toBe('"a\\"b\\\\c\\\u0001" <sip:a@example.com>');
  });
});

describe('From / To', () => {
  it('takes the tag out of the parameters', () => {
    expect(valueOf(parseFromTo('Alice <sip:alice@a.example.com>;tag=1928301774;x'))).toMatchObject({
      displayName: 'Alice',
      tag: '1928301774',
      params: [{ name: 'x' }],
    });
    expect(valueOf(parseFromTo('sip:vivekg@chair.example.com ;   tag    = 1918181833n')).tag).toBe('1918181833n');
    expect(valueOf(parseFromTo('<sip:bob@b.example.com>')).tag).toBeUndefined();
  });

  it.each(['<sip:a@example.com>;tag', '<sip:a@example.com>;tag="q"', '<sip:a@example.com>;tag=a;tag=b'])('rejects %s', (text) => {
    expect(errorOf(parseFromTo(text)).code).toBe('SIP_BAD_HEADER');
  });

  it('round-trips', () => {
    for (const text of ['"A" <sip:a@example.com>;tag=x1;y=2', 'tel:+15551234;tag=9', '<sip:b@example.com>']) {
      const value = valueOf(parseFromTo(text));
      expect(valueOf(parseFromTo(formatFromTo(value)))).toEqual(value);
    }
  });
});

describe('Contact', () => {
  it('parses a list with expires and other parameters', () => {
    const contacts = valueOf(parseContact('"Joe" <sip:joe@h1.example.com>;expires=3600;q=0.7, sip:joe@h2.example.com;expires=0'));
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).toMatchObject({ displayName: 'Joe', expires: 3600, params: [{ name: 'q', value: '0.7' }] });
    expect(contacts[1]).toMatchObject({ expires: 0, params: [] });
  });

  it('parses *', () => {
    expect(valueOf(parseContact('*'))).toEqual(['*']);
  });

  it('reads an expires above 2^32-1 as 2^32-1', () => {
    expect(valueOf(parseContact('<sip:u@h.example.com>;expires=280297596632815'))).toMatchObject([{ expires: 0xffffffff }]);
  });

  it.each([
    '*, <sip:a@example.com>',
    '<sip:a@example.com>;expires=soon',
    '<sip:a@example.com>,',
    '<sip:a@example.com>,,<sip:b@example.com>',
    '"Joe" <sip:joe@example.org>;;;;',
  ])('rejects %j', (text) => {
    expect(errorOf(parseContact(text)).code).toBe('SIP_BAD_HEADER');
  });

  it('round-trips', () => {
    for (const text of ['*', '<sip:a@example.com;transport=tcp>;expires=60;+sip.instance="<urn:x>"', '"x, y" <sip:b@example.com>']) {
      const contacts = valueOf(parseContact(text));
      expect(valueOf(parseContact(contacts.map(formatContact).join(', ')))).toEqual(contacts);
    }
  });
});

describe('Route / Record-Route', () => {
  it('keeps URI parameters in the URI', () => {
    const routes = valueOf(parseRoute('<sip:p1.example.com;lr>, <sip:p2.example.com;lr;transport=tcp>;x=1'));
    expect(routes.map(uriOf)).toEqual(['sip:p1.example.com;lr', 'sip:p2.example.com;lr;transport=tcp']);
    expect(routes[1]?.params).toEqual([{ name: 'x', value: '1' }]);
  });

  it.each(['sip:p1.example.com;lr', '<sip:p1.example.com>, sip:p2.example.com', ''])('requires <>: rejects %j', (text) => {
    expect(errorOf(parseRoute(text)).code).toBe('SIP_BAD_HEADER');
  });
});

describe('P-Asserted-Identity', () => {
  it('parses a sip and a tel identity', () => {
    const ids = valueOf(parsePAssertedIdentity('"Cullen Jennings" <sip:fluffy@cisco.example.com>, tel:+14085264000'));
    expect(ids.map(uriOf)).toEqual(['sip:fluffy@cisco.example.com', 'tel:+14085264000']);
    expect(ids[0]?.displayName).toBe('Cullen Jennings');
  });

  it('rejects a malformed identity', () => {
    expect(errorOf(parsePAssertedIdentity('<sip:a@example.com>, "unterminated <tel:+1>')).code).toBe('SIP_BAD_HEADER');
  });
});

describe('Diversion (RFC 5806)', () => {
  it('parses the typed parameters', () => {
    const [d] = valueOf(
      parseDiversion('"Alice" <tel:+15551230001>;reason=user-busy;counter=1;limit=5;privacy=off;screen=no;extra="x y"'),
    );
    expect(d).toMatchObject({ displayName: 'Alice', reason: 'user-busy', counter: 1, limit: 5, privacy: 'off', screen: 'no' });
    expect(d?.params).toEqual([{ name: 'extra', value: '"x y"' }]);
  });

  it('parses a list, unquotes a quoted reason, and accepts the addr-spec form', () => {
    const list = valueOf(parseDiversion('<sip:a@example.com>;reason="unconditional", sip:b@example.com;reason=no-answer;counter=2'));
    expect(list.map((d) => [uriOf(d), d.reason, d.counter])).toEqual([
      ['sip:a@example.com', 'unconditional', undefined],
      ['sip:b@example.com', 'no-answer', 2],
    ]);
  });

  it.each(['<sip:a@example.com>;counter=100', '<sip:a@example.com>;counter=x', '<sip:a@example.com>;reason', '<sip:a@example.com>;limit'])(
    'rejects %s',
    (text) => {
      expect(errorOf(parseDiversion(text)).code).toBe('SIP_BAD_HEADER');
    },
  );

  it('round-trips, quoting a reason that is not a token', () => {
    const [d] = valueOf(parseDiversion('<tel:+15551230001>;reason="time of day";counter=3;privacy=full'));
    if (d === undefined) throw new Error('no entry');
    expect(formatDiversion(d)).toBe('<tel:+15551230001>;reason="time of day";privacy=full;counter=3');
    expect(valueOf(parseDiversion(formatDiversion(d)))).toEqual([d]);
  });
});

describe('History-Info (RFC 7044)', () => {
  it('parses index, rc/mp/np and a Reason carried as a URI header', () => {
    const entries = valueOf(
      parseHistoryInfo('<sip:bob@example.com>;index=1, <sip:bob@192.0.2.5?Reason=SIP%3Bcause%3D302>;index=1.1;rc=1, <tel:+15551234>;index=1.2;mp=1.1;x'),
    );
    expect(entries.map((e) => [e.index, e.rc, e.mp, e.np])).toEqual([
      ['1', undefined, undefined, undefined],
      ['1.1', '1', undefined, undefined],
      ['1.2', undefined, '1.1', undefined],
    ]);
    const second = entries[1]?.uri;
    expect(second?.kind === 'sip' && second.headers).toEqual([{ name: 'Reason', value: 'SIP;cause=302' }]);
    expect(entries[2]?.params).toEqual([{ name: 'x' }]);
  });

  it.each(['<sip:a@example.com>', '<sip:a@example.com>;index=01', '<sip:a@example.com>;index=1.', 'sip:a@example.com;index=1', '<sip:a@example.com>;index=1;np'])(
    'rejects %s',
    (text) => {
      expect(errorOf(parseHistoryInfo(text)).code).toBe('SIP_BAD_HEADER');
    },
  );

  it('round-trips', () => {
    const entries = valueOf(parseHistoryInfo('"B" <sip:b@example.com?Reason=Q.850%3Bcause%3D17>;index=1.1.2;np=1.1;foo=bar'));
    expect(valueOf(parseHistoryInfo(entries.map(formatHistoryInfo).join(',')))).toEqual(entries);
  });
});
