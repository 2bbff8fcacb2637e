// Our own torture messages (written for this suite, in the spirit of RFC 4475 but not taken
// from it): odd but valid messages that must parse, and malformed ones that must be rejected
// with a specific code. Each message is data: lines joined with CRLF.
import { describe, expect, it } from 'vitest';
import {
  fieldValues,
  formatUri,
  parseContact,
  parseFromTo,
  parseMessage,
  parseUri,
  parseVia,
  readList,
  readOne,
  type SipErrorCode,
} from '../../src/sip/message/index.js';
import { errorOf, octets, valueOf } from './helpers.js';

const CRLF = '\r\n';

const valid: Record<string, string> = {
  folding_everywhere: [
    'REFER sip:carol@chicago.example.com SIP/2.0',
    'Via :',
    '  SIP / 2.0',
    '\t/ TCP   proxy7.example.org:5061 ;',
    '  branch =',
    ' z9hG4bK-tort1 ; rport',
    'max-forwards:   000012',
    'TO:carol <sip:carol@chicago.example.com>',
    'fRoM  :  "Dr. \\"Who\\" \\\\ co" <sip:dr@tardis.example.net> ; tag = x-77',
    'i: tort1@[2001:db8::7]',
    'CSEQ: 00000000042',
    '      REFER',
    'r: <sip:dave@denver.example.com?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>',
    'X-Nothing:',
    'X-Commas: ,,;;,=',
    'Content-Length   :',
    '  0',
    '',
    '',
  ].join(CRLF),
  compact_everything: [
    'MESSAGE sips:%62ob@[2001:db8::1]:5061;transport=tls SIP/2.0',
    'v: SIP/2.0/TLS [2001:db8::2]:5061;branch=z9hG4bKcomp;received=2001:db8::3,SIP/2.0/TLS relay.example.com;branch=z9hG4bKcomp2',
    'Max-Forwards: 1',
    't: sips:bob@example.com',
    'f: <sips:alice@example.com>;tag=c0mp',
    'i: compact-1',
    'CSeq: 2 MESSAGE',
    'c: text/plain;charset="utf-8"',
    'k: path,  gruu',
    'm: <sips:alice@[2001:db8::2]:5061;ob>;expires=600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>"',
    's: a subject',
    'e: identity',
    'l: 3',
    '',
    'hi!',
  ].join(CRLF),
  unknown_everything: [
    '~weird.Method+1 nobody:opaque;stuff?and=more SIP/2.0',
    'Via: SIP/2.0/QUIC q.example.com;branch=z9hG4bKq;future-param="a;b,c"',
    'Max-Forwards: 255',
    'To: urn:service:sos',
    'From: "\u00e4\u00f6\u00fc" <tel:+4930123456;isub=12>;tag=utf',
    'Call-ID: {weird}:[id]@<host>',
    'CSeq: 4294967295 ~weird.Method+1',
    'Unknown-Header: "unterminated',
    '',
    '',
  ].join(CRLF),
  leading_crlf_and_status_with_spaces: [
    '',
    '',
    'SIP/2.0 404 Not  Found  Here ',
    'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK404',
    'To: <sip:x@example.com>;tag=t',
    'From: <sip:y@example.com>;tag=f',
    'Call-ID: 404',
    'CSeq: 9 INVITE',
    'Content-Length: 0',
    '',
    '',
  ].join(CRLF),
};

const invalid: [string, string, SipErrorCode][] = [
  ['empty datagram', '', 'SIP_EMPTY_MESSAGE'],
  ['only CRLFs', '\r\n\r\n\r\n', 'SIP_EMPTY_MESSAGE'],
  ['binary garbage', '\u0000\u0001\u00ff\r\n\r\n', 'SIP_BAD_START_LINE'],
  ['LF-only line ends', 'OPTIONS sip:a@example.com SIP/2.0\nVia: SIP/2.0/UDP h\n\n', 'SIP_HEADERS_TRUNCATED'],
  ['no empty line, last line cut', 'OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;bra', 'SIP_HEADERS_TRUNCATED'],
  ['HTTP request', 'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n', 'SIP_BAD_START_LINE'],
  ['status code 1000', 'SIP/2.0 1000 Big\r\n\r\n', 'SIP_BAD_START_LINE'],
  ['SIP/2.1', 'SIP/2.1 200 OK\r\n\r\n', 'SIP_BAD_VERSION'],
  ['header with space in name', 'OPTIONS sip:a@example.com SIP/2.0\r\nMax Forwards: 70\r\n\r\n', 'SIP_BAD_HEADER'],
  ['Via without transport', 'OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0 h.example.com\r\n\r\n', 'SIP_BAD_VIA'],
  ['Via with empty element', 'OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1,,\r\n\r\n', 'SIP_BAD_VIA'],
  ['Via with a quoted branch', 'OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch="z9hG4bK1"\r\n\r\n', 'SIP_BAD_VIA'],
];

/** A base OPTIONS whose header `name` line is replaced by `line` (or appended). */
function options(replace: Record<string, string>, body = ''): string {
  const lines: Record<string, string> = {
    start: 'OPTIONS sip:svc@gw.example.com SIP/2.0',
    Via: 'Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKopt',
    'Max-Forwards': 'Max-Forwards: 70',
    To: 'To: <sip:svc@gw.example.com>',
    From: 'From: <sip:mon@198.51.100.7>;tag=mon1',
    'Call-ID': 'Call-ID: opt-1@198.51.100.7',
    CSeq: 'CSeq: 1 OPTIONS',
    'Content-Length': `Content-Length: ${body.length}`,
    ...replace,
  };
  return `${Object.values(lines).join(CRLF)}${CRLF}${CRLF}${body}`;
}

const invalidHeaders: [string, Record<string, string>, SipErrorCode][] = [
  ['To display name with a comma and no quotes', { To: 'To: Svc, Main <sip:svc@gw.example.com>' }, 'SIP_BAD_HEADER'],
  ['From with an unbalanced quote', { From: 'From: "Mon <sip:mon@198.51.100.7>;tag=1' }, 'SIP_BAD_HEADER'],
  ['From with a tag and no value', { From: 'From: <sip:mon@198.51.100.7>;tag' }, 'SIP_BAD_HEADER'],
  ['To URI with a space inside <>', { To: 'To: <sip:svc@gw.example.com >' }, 'SIP_BAD_URI'],
  ['To URI with a bad escape', { To: 'To: <sip:s%G1@gw.example.com>' }, 'SIP_BAD_URI'],
  ['Call-ID with a space', { 'Call-ID': 'Call-ID: opt 1' }, 'SIP_BAD_HEADER'],
  ['Call-ID with two @', { 'Call-ID': 'Call-ID: a@b@c' }, 'SIP_BAD_HEADER'],
  ['CSeq without method', { CSeq: 'CSeq: 1' }, 'SIP_BAD_CSEQ'],
  ['CSeq of 2^32', { CSeq: 'CSeq: 4294967296 OPTIONS' }, 'SIP_BAD_CSEQ'],
  ['CSeq method of another case', { CSeq: 'CSeq: 1 options' }, 'SIP_CSEQ_METHOD_MISMATCH'],
  ['Max-Forwards 256', { 'Max-Forwards': 'Max-Forwards: 256' }, 'SIP_BAD_HEADER'],
  ['Max-Forwards negative', { 'Max-Forwards': 'Max-Forwards: -1' }, 'SIP_BAD_HEADER'],
  ['Content-Length in hex', { 'Content-Length': 'Content-Length: 0x10' }, 'SIP_BAD_CONTENT_LENGTH'],
  ['Content-Length twice', { 'Content-Length': 'Content-Length: 0\r\nl: 0' }, 'SIP_BAD_CONTENT_LENGTH'],
  ['Content-Length longer than the body', { 'Content-Length': 'Content-Length: 10' }, 'SIP_BODY_TRUNCATED'],
  ['Contact with an empty parameter', { extra: 'Contact: <sip:mon@198.51.100.7>;expires=60;' }, 'SIP_BAD_HEADER'],
  ['Contact with a bracketless URI holding ?', { extra: 'm: sip:mon@198.51.100.7?Subject=x' }, 'SIP_BAD_HEADER'],
  ['Route without <>', { extra: 'Route: sip:edge.example.com;lr' }, 'SIP_BAD_HEADER'],
  ['Content-Type without subtype', { extra: 'Content-Type: application' }, 'SIP_BAD_HEADER'],
  ['two To fields', { extra: 't: <sip:other@gw.example.com>' }, 'SIP_DUPLICATE_HEADER'],
  ['missing Call-ID', { 'Call-ID': 'X-Call-ID: opt-1' }, 'SIP_MISSING_HEADER'],
  ['Via emptied', { Via: 'Via:' }, 'SIP_BAD_VIA'],
];

describe('own torture messages: valid', () => {
  it.each(Object.keys(valid))('%s parses', (name) => {
    expect(valueOf(parseMessage(octets(valid[name] ?? '')))).toBeDefined();
  });

  it('folding_everywhere: folded values read as written', () => {
    const m = valueOf(parseMessage(octets(valid.folding_everywhere ?? '')));
    const [via] = valueOf(readList(m.headers, 'Via', parseVia));
    expect(via).toMatchObject({ transport: 'TCP', host: 'proxy7.example.org', port: 5061, branch: 'z9hG4bK-tort1', rport: true });
    expect(valueOf(readOne(m.headers, 'From', parseFromTo))).toMatchObject({ displayName: 'Dr. "Who" \\ co', tag: 'x-77' });
    const referTo = valueOf(parseUri(fieldValues(m.headers, 'Refer-To')[0]?.slice(1, -1) ?? ''));
    expect(referTo.kind === 'sip' && referTo.headers).toEqual([{ name: 'Replaces', value: 'abc@host;to-tag=1;from-tag=2' }]);
    expect(fieldValues(m.headers, 'X-Commas')).toEqual([',,;;,=']);
  });

  it('compact_everything: IPv6, sips and a binary-safe 3-octet body', () => {
    const m = valueOf(parseMessage(octets(valid.compact_everything ?? '')));
    expect(m.kind === 'request' && formatUri(valueOf(parseUri(m.uri)))).toBe('sips:bob@[2001:db8::1]:5061;transport=tls');
    const [contact] = valueOf(readList(m.headers, 'Contact', parseContact));
    expect(contact !== '*' && contact?.expires).toBe(600);
    expect(Buffer.from(m.body).toString('latin1')).toBe('hi!');
  });

  it('unknown_everything: unknown method, scheme and transport parse', () => {
    const m = valueOf(parseMessage(octets(valid.unknown_everything ?? '')));
    expect(m).toMatchObject({ method: '~weird.Method+1', uri: 'nobody:opaque;stuff?and=more' });
    expect(valueOf(parseUri(m.kind === 'request' ? m.uri : ''))).toMatchObject({ kind: 'absolute', scheme: 'nobody' });
  });
});

describe('own torture messages: invalid', () => {
  it.each(invalid)('%s', (_, text, code) => {
    expect(errorOf(parseMessage(octets(text))).code).toBe(code);
  });

  it.each(invalidHeaders)('%s', (_, replace, code) => {
    expect(errorOf(parseMessage(octets(options(replace)))).code).toBe(code);
  });

  it('the base OPTIONS of those cases is valid', () => {
    expect(valueOf(parseMessage(octets(options({ extra: 'Supported: timer' }, 'x')))).body).toEqual(octets('x'));
  });
});
