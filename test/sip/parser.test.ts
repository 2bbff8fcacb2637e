import { describe, expect, it } from 'vitest';
import {
  fieldValues,
  headerKey,
  parseMessage,
  parseVia,
  readList,
  readOne,
  parseCSeq,
  type SipMessage,
} from '../../src/sip/message/index.js';
import { errorOf, inviteLines, octets, valueOf, wire } from './helpers.js';

const parse = (text: string, options?: Parameters<typeof parseMessage>[1]): ReturnType<typeof parseMessage> =>
  parseMessage(octets(text), options);

describe('start line', () => {
  it('parses a request', () => {
    const m = valueOf(parse(wire(inviteLines())));
    expect(m).toMatchObject({ kind: 'request', method: 'INVITE', uri: 'sip:bob@biloxi.example.com' });
    expect(m.body).toEqual(new Uint8Array(0));
  });

  it('parses responses, with an empty or non-ASCII reason phrase', () => {
    const lines = inviteLines().slice(1).filter((l) => !l.startsWith('Max-Forwards'));
    expect(valueOf(parse(wire(['SIP/2.0 180 Ringing', ...lines])))).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing' });
    expect(valueOf(parse(wire(['SIP/2.0 100 ', ...lines])))).toMatchObject({ status: 100, reason: '' });
    const utf8 = Buffer.from('Пока', 'utf8').toString('latin1');
    const m = valueOf(parse(wire([`SIP/2.0 603 ${utf8}`, ...lines])));
    expect(m.kind === 'response' && Buffer.from(m.reason, 'latin1').toString('utf8')).toBe('Пока');
  });

  it('accepts the version in any case and any token as method', () => {
    const lines = inviteLines();
    lines[0] = 'FOO.bar! sip:bob@biloxi.example.com sip/2.0';
    lines[6] = 'CSeq: 1 FOO.bar!';
    expect(valueOf(parse(wire(lines)))).toMatchObject({ method: 'FOO.bar!' });
  });

  it.each([
    ['INVITE sip:bob@biloxi.example.com', 'SIP_BAD_START_LINE'],
    ['INVITE  sip:bob@biloxi.example.com SIP/2.0', 'SIP_BAD_START_LINE'],
    ['INVITE sip:bob@biloxi.example.com SIP/2.0 ', 'SIP_BAD_START_LINE'],
    ['INVITE sip:bob@biloxi.example.com\tSIP/2.0', 'SIP_BAD_START_LINE'],
    ['IN(VITE sip:bob@biloxi.example.com SIP/2.0', 'SIP_BAD_START_LINE'],
    ['INVITE sip:bob@biloxi.example.com SIP/2.0.1', 'SIP_BAD_START_LINE'],
    ['INVITE sip:bob@biloxi.example.com HTTP/1.1', 'SIP_BAD_START_LINE'],
    ['INVITE sip:bob@biloxi.example.com SIP/3.0', 'SIP_BAD_VERSION'],
    ['INVITE <sip:bob@biloxi.example.com> SIP/2.0', 'SIP_BAD_URI'],
    ['INVITE sip:bob@biloxi.example.com?Subject=x SIP/2.0', 'SIP_BAD_URI'],
    ['INVITE bob@biloxi.example.com SIP/2.0', 'SIP_BAD_URI'],
  ])('rejects request line %j', (line, code) => {
    const lines = inviteLines();
    lines[0] = line;
    expect(errorOf(parse(wire(lines))).code).toBe(code);
  });

  it.each([
    ['SIP/2.0 200', 'SIP_BAD_START_LINE'],
    ['SIP/2.0 099 Too Low', 'SIP_BAD_START_LINE'],
    ['SIP/2.0 700 Too High', 'SIP_BAD_START_LINE'],
    ['SIP/2.0 2000 OK', 'SIP_BAD_START_LINE'],
    ['SIP/2.0 20x OK', 'SIP_BAD_START_LINE'],
    ['SIP/2.0 200 O\u0000K', 'SIP_BAD_START_LINE'],
    ['SIP/1.0 200 OK', 'SIP_BAD_VERSION'],
  ])('rejects status line %j', (line, code) => {
    expect(errorOf(parse(wire([line, ...inviteLines().slice(1)]))).code).toBe(code);
  });
});

describe('headerKey', () => {
  it.each([
    ['a', 'accept-contact'], ['b', 'referred-by'], ['c', 'content-type'], ['d', 'request-disposition'],
    ['e', 'content-encoding'], ['f', 'from'], ['i', 'call-id'], ['j', 'reject-contact'], ['k', 'supported'],
    ['l', 'content-length'], ['m', 'contact'], ['n', 'identity-info'], ['o', 'event'], ['r', 'refer-to'],
    ['s', 'subject'], ['t', 'to'], ['u', 'allow-events'], ['v', 'via'], ['x', 'session-expires'], ['y', 'identity'],
  ])('compact form %s is %s, in either case', (compact, full) => {
    expect(headerKey(compact)).toBe(full);
    expect(headerKey(compact.toUpperCase())).toBe(full);
    expect(headerKey(full.toUpperCase())).toBe(full);
  });

  it('leaves other names lowercased, including ones that name Object.prototype members', () => {
    expect(headerKey('X-Custom')).toBe('x-custom');
    expect(headerKey('g')).toBe('g');
    expect(headerKey('constructor')).toBe('constructor');
  });
});

describe('header fields', () => {
  const m = valueOf(
    parse(
      wire([
        'OPTIONS sip:bob@biloxi.example.com SIP/2.0',
        'v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com;branch=z9hG4bK2',
        'VIA  :  SIP/2.0/UDP c.example.com',
        ' ;branch=z9hG4bK3',
        'MaX-fOrWaRdS: 0070',
        't: <sip:bob@biloxi.example.com>',
        'f: "Smith, Alice" <sip:alice@atlanta.example.com>;tag=88',
        'i: abc@d',
        'cseq: 0009',
        '\t  OPTIONS',
        'X-Folded: first',
        '   second  ',
        '\tthird',
        'X-Empty:',
        'Subject:',
        ' folded after an empty start',
        'k: 100rel, timer',
        'Supported: replaces',
        'l: 0',
      ]),
    ),
  );

  it('keeps fields in order with their names as written, folding undone', () => {
    expect(m.headers.map((h) => h.name)).toEqual(['v', 'VIA', 'MaX-fOrWaRdS', 't', 'f', 'i', 'cseq', 'X-Folded', 'X-Empty', 'Subject', 'k', 'Supported', 'l']);
    expect(fieldValues(m.headers, 'x-folded')).toEqual(['first second third']);
    expect(fieldValues(m.headers, 'Subject')).toEqual(['folded after an empty start']);
    expect(fieldValues(m.headers, 'X-EMPTY')).toEqual(['']);
    expect(fieldValues(m.headers, 'CSeq')).toEqual(['0009 OPTIONS']);
  });

  it('finds headers by any case and compact form, across fields and comma lists', () => {
    const vias = valueOf(readList(m.headers, 'Via', parseVia));
    expect(vias.map((v) => v.branch)).toEqual(['z9hG4bK1', 'z9hG4bK2', 'z9hG4bK3']);
    expect(fieldValues(m.headers, 'supported')).toEqual(['100rel, timer', 'replaces']);
    expect(fieldValues(m.headers, 'CALL-ID')).toEqual(['abc@d']);
    expect(fieldValues(m.headers, 'from')).toEqual(['"Smith, Alice" <sip:alice@atlanta.example.com>;tag=88']);
    expect(valueOf(readOne(m.headers, 'CSeq', parseCSeq))).toEqual({ seq: 9, method: 'OPTIONS' });
    expect(valueOf(readOne(m.headers, 'Content-Type', parseCSeq))).toBeUndefined();
  });

  it('readOne reports a duplicate and names the header in errors', () => {
    const headers = [
      { name: 'CSeq', value: '1 INVITE' },
      { name: 'cseq', value: '2 INVITE' },
    ];
    expect(errorOf(readOne(headers, 'CSeq', parseCSeq))).toMatchObject({ code: 'SIP_DUPLICATE_HEADER', header: 'CSeq' });
    expect(errorOf(readOne([{ name: 'CSeq', value: 'x' }], 'CSeq', parseCSeq))).toMatchObject({ code: 'SIP_BAD_CSEQ', header: 'CSeq' });
    expect(errorOf(readList([{ name: 'v', value: 'x' }], 'Via', parseVia))).toMatchObject({ code: 'SIP_BAD_VIA', header: 'Via' });
  });

  it.each([
    ['a header line without colon', 'Foobar roobar'],
    ['a name that is not a token', 'Bad Name: x'],
    ['an empty name', ': x'],
    ['a bare LF', 'X-A: a\nb'],
    ['a bare CR', 'X-A: a\rb'],
  ])('rejects %s', (_, line) => {
    expect(errorOf(parse(wire(inviteLines([line]))))).toMatchObject({ code: 'SIP_BAD_HEADER' });
  });

  it('rejects a continuation line before any header, with its offset', () => {
    const text = wire(['OPTIONS sip:b@example.com SIP/2.0', ' continued', ...inviteLines().slice(1)]);
    expect(errorOf(parse(text))).toMatchObject({ code: 'SIP_BAD_HEADER', offset: text.indexOf(' continued') });
  });
});

describe('mandatory headers (RFC 3261 §8.1.1)', () => {
  const base = inviteLines();
  it.each(['Via', 'Max-Forwards', 'To', 'From', 'Call-ID', 'CSeq'])('a request without %s is rejected', (name) => {
    const lines = base.filter((l) => !l.startsWith(`${name}:`));
    expect(errorOf(parse(wire(lines)))).toMatchObject({ code: 'SIP_MISSING_HEADER', header: name });
  });

  it('a response may lack Max-Forwards, not Via', () => {
    const lines = ['SIP/2.0 200 OK', ...base.slice(1).filter((l) => !l.startsWith('Max-Forwards'))];
    expect(valueOf(parse(wire(lines))).kind).toBe('response');
    expect(errorOf(parse(wire(lines.filter((l) => !l.startsWith('Via')))))).toMatchObject({ code: 'SIP_MISSING_HEADER', header: 'Via' });
  });

  it('allowMissingMaxForwards accepts an RFC 2543 style request', () => {
    const lines = base.filter((l) => !l.startsWith('Max-Forwards'));
    expect(valueOf(parse(wire(lines), { allowMissingMaxForwards: true })).kind).toBe('request');
  });

  it.each(['To: <sip:x@example.com>', 'f: <sip:y@example.com>;tag=2', 'i: other@host', 'CSeq: 2 INVITE', 'Max-Forwards: 9', 'c: text/plain'])(
    'rejects a second single-valued header: %s',
    (line) => {
      const lines = inviteLines(['Content-Type: application/sdp', line]);
      expect(errorOf(parse(wire(lines))).code).toBe('SIP_DUPLICATE_HEADER');
    },
  );

  it('rejects a CSeq method other than the request method', () => {
    const lines = inviteLines();
    lines[6] = 'CSeq: 1 OPTIONS';
    expect(errorOf(parse(wire(lines)))).toMatchObject({ code: 'SIP_CSEQ_METHOD_MISMATCH', header: 'CSeq' });
    lines[6] = 'CSeq: 1 invite';
    expect(errorOf(parse(wire(lines))).code).toBe('SIP_CSEQ_METHOD_MISMATCH');
  });

  it('does not compare the CSeq method of a response', () => {
    const lines = ['SIP/2.0 200 OK', ...inviteLines().slice(1)];
    expect(valueOf(parse(wire(lines))).kind).toBe('response');
  });

  it('accepts Contact: * alone, not with another Contact field', () => {
    expect(valueOf(parse(wire(inviteLines(['Contact: *'])))).kind).toBe('request');
    expect(errorOf(parse(wire(inviteLines(['Contact: *', 'm: <sip:a@example.com>']))))).toMatchObject({
      code: 'SIP_BAD_HEADER',
      header: 'Contact',
    });
  });

  it('checks Route, Record-Route, Content-Type and Contact values; leaves other headers to readers', () => {
    expect(errorOf(parse(wire(inviteLines(['Route: sip:p.example.com']))))).toMatchObject({ header: 'Route' });
    expect(errorOf(parse(wire(inviteLines(['Record-Route: <sip:p.example.com']))))).toMatchObject({ header: 'Record-Route' });
    expect(errorOf(parse(wire(inviteLines(['Content-Type: sdp']))))).toMatchObject({ header: 'Content-Type' });
    expect(errorOf(parse(wire(inviteLines(['Contact: <sip:a@example.com>;;']))))).toMatchObject({ header: 'Contact' });
    expect(valueOf(parse(wire(inviteLines(['Date: yesterday', 'Reason: ;;', 'Diversion: ,,'])))).kind).toBe('request');
  });
});

describe('body and Content-Length', () => {
  const sdp = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n';

  it('datagram: Content-Length equal to the rest', () => {
    const m = valueOf(parse(wire(inviteLines(['Content-Type: application/sdp'], sdp.length), sdp)));
    expect(Buffer.from(m.body).toString('latin1')).toBe(sdp);
  });

  it('datagram: octets after Content-Length are not part of the message', () => {
    const m = valueOf(parse(wire(inviteLines([], 3), 'abcJUNK')));
    expect(Buffer.from(m.body).toString('latin1')).toBe('abc');
  });

  it('datagram: without Content-Length the body is the rest of the datagram', () => {
    const lines = inviteLines().filter((l) => !l.startsWith('Content-Length'));
    expect(Buffer.from(valueOf(parse(wire(lines, 'rest\r\n'))).body).toString('latin1')).toBe('rest\r\n');
  });

  it('datagram: a body shorter than Content-Length is an error', () => {
    const text = wire(inviteLines([], 9999), sdp);
    expect(errorOf(parse(text))).toMatchObject({ code: 'SIP_BODY_TRUNCATED', offset: text.indexOf('v=0') });
  });

  it.each(['-999', '12abc', ' ', '99999999999999999999'])('rejects Content-Length %j', (value) => {
    const lines = inviteLines().filter((l) => !l.startsWith('Content-Length'));
    expect(errorOf(parse(wire([...lines, `Content-Length: ${value}`])))).toMatchObject({
      code: 'SIP_BAD_CONTENT_LENGTH',
      header: 'Content-Length',
    });
  });

  it('rejects two Content-Length fields, even equal ones', () => {
    expect(errorOf(parse(wire(inviteLines(['l: 0'])))).code).toBe('SIP_BAD_CONTENT_LENGTH');
  });

  it('stream: Content-Length is mandatory and is the body length', () => {
    const lines = inviteLines().filter((l) => !l.startsWith('Content-Length'));
    expect(errorOf(parse(wire(lines), { framing: 'stream' }))).toMatchObject({ code: 'SIP_MISSING_HEADER', header: 'Content-Length' });
    const m = valueOf(parse(wire(inviteLines([], 4), 'bodyNEXT'), { framing: 'stream' }));
    expect(Buffer.from(m.body).toString('latin1')).toBe('body');
    expect(errorOf(parse(wire(inviteLines([], 40), 'body'), { framing: 'stream' })).code).toBe('SIP_BODY_TRUNCATED');
  });

  it('stream: a header section without its empty line is truncated', () => {
    expect(errorOf(parse(`${inviteLines().join('\r\n')}\r\n`, { framing: 'stream' })).code).toBe('SIP_HEADERS_TRUNCATED');
  });

  it('datagram: the end of the datagram ends a header section whose last line is complete', () => {
    expect(valueOf(parse(`${inviteLines().join('\r\n')}\r\n`)).headers).toHaveLength(7);
    expect(errorOf(parse(inviteLines().join('\r\n'))).code).toBe('SIP_HEADERS_TRUNCATED');
  });

  it('ignores CRLFs before the start line', () => {
    expect(valueOf(parse(`\r\n\r\n${wire(inviteLines())}`)).kind).toBe('request');
    expect(errorOf(parse('\r\n\r\n')).code).toBe('SIP_EMPTY_MESSAGE');
    expect(errorOf(parse('')).code).toBe('SIP_EMPTY_MESSAGE');
  });

  it('enforces maxMessageSize', () => {
    const text = wire(inviteLines([], 100), 'x'.repeat(100));
    expect(errorOf(parse(text, { maxMessageSize: 200 })).code).toBe('SIP_MESSAGE_TOO_LARGE');
    expect(errorOf(parse(text, { maxMessageSize: 200, framing: 'stream' })).code).toBe('SIP_MESSAGE_TOO_LARGE');
    expect(valueOf(parse(text, { maxMessageSize: text.length })).body).toHaveLength(100);
    expect(valueOf(parse(text, { maxMessageSize: text.length, framing: 'stream' })).body).toHaveLength(100);
  });

  it('reads a message decoded whole (up to 4096 octets) as one of which only the header section is decoded', () => {
    // parseMessage decodes a message of up to 4096 octets whole and finds its empty line in the
    // text; a larger one, in the octets. Both ways must give the same message and the same errors.
    const lines = inviteLines(['Content-Type: application/octet-stream']);
    const headersOf = (m: SipMessage): string[] => m.headers.map((h) => `${h.name}: ${h.value}`);
    const want = lines.slice(1);
    for (const size of [0, 1, 3000, 3700, 3800, 4095, 4096, 4097, 6000]) {
      const body = `\r\n\r\n${'b'.repeat(size)}`.slice(0, size);
      const text = wire(inviteLines(['Content-Type: application/octet-stream'], size), body);
      for (const framing of ['datagram', 'stream'] as const) {
        const m = valueOf(parse(`\r\n${text}`, { framing }));
        expect({ size, framing, headers: headersOf(m), body: Buffer.from(m.body).toString('latin1') }).toEqual({
          size,
          framing,
          headers: want.map((l) => (l.startsWith('Content-Length') ? `Content-Length: ${size}` : l)),
          body,
        });
      }
    }
    expect(lines.at(-1)).toBe('Content-Length: 0');
    // A long header line puts the header section itself past 4096 octets.
    for (const length of [10, 4000, 5000]) {
      const subject = `Subject: ${'s'.repeat(length)}`;
      const m = valueOf(parse(wire(inviteLines([subject]))));
      expect(headersOf(m)).toContain(subject);
      // The end of the datagram ends a complete last line; an incomplete one is truncated.
      expect(headersOf(valueOf(parse(`${inviteLines([subject]).join('\r\n')}\r\n`)))).toContain(subject);
      expect(errorOf(parse(inviteLines([subject]).join('\r\n'))).code).toBe('SIP_HEADERS_TRUNCATED');
      expect(errorOf(parse(`${inviteLines([subject]).join('\r\n')}\r\n`, { framing: 'stream' })).code).toBe('SIP_HEADERS_TRUNCATED');
      // A bare LF in the last header line, with the empty line right after it.
      const bare = wire([...inviteLines([subject]).slice(0, -1), 'Content-Length:\n0']);
      expect(errorOf(parse(bare))).toMatchObject({ code: 'SIP_BAD_HEADER', offset: bare.indexOf('Content-Length:') });
      // A start line alone: read, then found without its mandatory headers.
      expect(errorOf(parse(`${lines[0]}\r\n\r\n${'b'.repeat(length)}`))).toMatchObject({ code: 'SIP_MISSING_HEADER', header: 'Via' });
    }
  });

  it('keeps every octet of a binary body, as a plain Uint8Array copy', () => {
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
    const head = octets(wire(inviteLines(['Content-Type: application/octet-stream'], 256)));
    const input = Buffer.concat([head, binary]);
    const m: SipMessage = valueOf(parseMessage(input));
    expect(m.body).toEqual(binary);
    expect(Buffer.isBuffer(m.body)).toBe(false);
    input.fill(0);
    expect(m.body).toEqual(binary);
  });
});
