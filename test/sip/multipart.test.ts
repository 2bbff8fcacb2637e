// multipart/mixed bodies with binary parts (RFC 2046, RFC 5621), e.g. SDP + ISUP (RFC 3204).
import { describe, expect, it } from 'vitest';
import {
  buildMultipart,
  formatContentType,
  frameMessage,
  getParam,
  isValidBoundary,
  parseContentDisposition,
  parseContentType,
  parseMessage,
  parseMultipart,
  randomBoundary,
  readOne,
  serializeMessage,
  unquote,
  type BodyPart,
  type SipRequest,
} from '../../src/sip/message/index.js';
import { errorOf, inviteLines, octets, valueOf } from './helpers.js';

const TRICKY = 'tricky-boundary';

/** An "ISUP" part body holding every octet value, CRLFs, and delimiter look-alikes. */
const isup = new Uint8Array(
  Buffer.concat([
    Uint8Array.from({ length: 256 }, (_, i) => i),
    octets(`\r\n--${TRICKY}\r\n\r\n--${TRICKY}--\r\n--\r\n\r\n.\r\n\u0000\r`),
    Uint8Array.from({ length: 256 }, (_, i) => 255 - i),
  ]),
);
const sdp = octets('v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 8\r\n');
const parts: BodyPart[] = [
  { headers: [{ name: 'Content-Type', value: 'application/sdp' }], body: sdp },
  {
    headers: [
      { name: 'Content-Type', value: 'application/isup;version=itu-t92+;base=itu-t92+' },
      { name: 'Content-Disposition', value: 'signal;handling=required' },
    ],
    body: isup,
  },
];

/** `Name: value` as a header field. */
function toField(line: string): { name: string; value: string } {
  const colon = line.indexOf(':');
  return { name: line.slice(0, colon), value: line.slice(colon + 1).trim() };
}

/** Yields the given boundaries in turn. */
function boundaries(...list: string[]): () => string {
  let i = 0;
  return () => list[i++] ?? 'never-reached';
}

describe('buildMultipart / parseMultipart', () => {
  it('round-trips binary parts octet for octet', () => {
    const built = buildMultipart(parts);
    expect(isValidBoundary(built.boundary)).toBe(true);
    expect(valueOf(parseMultipart(built.body, built.boundary))).toEqual(parts);
  });

  it('replaces a boundary that occurs in a part', () => {
    const built = buildMultipart(parts, boundaries(TRICKY, 'bad boundary ', 'fresh-one'));
    expect(built.boundary).toBe('fresh-one');
    expect(valueOf(parseMultipart(built.body, 'fresh-one'))).toEqual(parts);
  });

  it('writes the documented layout', () => {
    const built = buildMultipart([{ headers: [{ name: 'Content-Type', value: 'text/plain' }], body: octets('hi') }, { headers: [], body: octets('') }], () => 'b1');
    expect(Buffer.from(built.body).toString('latin1')).toBe('--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\n\r\n\r\n--b1--\r\n');
  });

  it('throws when no usable boundary comes', () => {
    expect(() => buildMultipart(parts, () => TRICKY)).toThrow(RangeError);
    expect(() => buildMultipart([])).toThrow(RangeError);
    expect(() => buildMultipart([{ headers: [{ name: 'Bad Name', value: 'x' }], body: new Uint8Array() }])).toThrow(RangeError);
  });

  it('random boundaries are valid tokens and differ', () => {
    const a = randomBoundary();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(randomBoundary()).not.toBe(a);
  });

  it('carries the parts through a SIP INVITE, serialize -> frame -> parse', () => {
    const built = buildMultipart(parts);
    const contentType = formatContentType({ type: 'multipart', subtype: 'mixed', params: [{ name: 'boundary', value: built.boundary }] });
    const invite: SipRequest = {
      kind: 'request',
      method: 'INVITE',
      uri: 'sip:+4930123@gw.example.com;user=phone',
      headers: [...inviteLines().slice(1, -1).map(toField), { name: 'Content-Type', value: contentType }, { name: 'MIME-Version', value: '1.0' }],
      body: built.body,
    };
    const bytes = serializeMessage(invite);
    const frame = frameMessage(bytes);
    expect(frame).toEqual({ kind: 'message', length: bytes.length });
    for (const framing of ['stream', 'datagram'] as const) {
      const m = valueOf(parseMessage(bytes, { framing }));
      const ct = valueOf(readOne(m.headers, 'Content-Type', parseContentType));
      const boundary = unquote(getParam(ct?.params ?? [], 'boundary')?.value ?? '');
      const got = valueOf(parseMultipart(m.body, boundary));
      expect(got).toEqual(parts);
      const isupPart = got[1];
      expect(valueOf(readOne(isupPart?.headers ?? [], 'Content-Type', parseContentType))).toEqual({
        type: 'application',
        subtype: 'isup',
        params: [{ name: 'version', value: 'itu-t92+' }, { name: 'base', value: 'itu-t92+' }],
      });
      expect(valueOf(readOne(isupPart?.headers ?? [], 'Content-Disposition', parseContentDisposition))).toEqual({
        type: 'signal',
        handling: 'required',
        params: [],
      });
    }
  });
});

describe('parseMultipart of foreign bodies', () => {
  it('skips preamble and epilogue, transport padding, and look-alike delimiters', () => {
    const body = octets(
      [
        'This is a preamble.',
        '--xyz  \t',
        'Content-Type: text/plain',
        '',
        'line one',
        '--xyz followed by text is no delimiter',
        '--xyzzy is a longer boundary, so content',
        '',
        '--xyz',
        '',
        'a part without headers',
        '--xyz',
        'Content-Type: application/octet-stream',
        '',
        '',
        '--xyz--',
        'epilogue',
      ].join('\r\n'),
    );
    const got = valueOf(parseMultipart(body, 'xyz'));
    expect(got.map((p) => [p.headers, Buffer.from(p.body).toString('latin1')])).toEqual([
      [[{ name: 'Content-Type', value: 'text/plain' }], 'line one\r\n--xyz followed by text is no delimiter\r\n--xyzzy is a longer boundary, so content\r\n'],
      [[], 'a part without headers'],
      [[{ name: 'Content-Type', value: 'application/octet-stream' }], ''],
    ]);
  });

  it('accepts folded part headers and a part that is only headers', () => {
    const body = octets('--b\r\nContent-Type: application/isup;\r\n version=itu-t92+\r\n--b--');
    expect(valueOf(parseMultipart(body, 'b'))).toEqual([
      { headers: [{ name: 'Content-Type', value: 'application/isup; version=itu-t92+' }], body: new Uint8Array() },
    ]);
  });

  it.each([
    ['an invalid boundary', '--a b \r\n\r\nx\r\n--a b --', 'a b '],
    ['an empty boundary', '--\r\n\r\nx\r\n----', ''],
    ['no delimiter', 'just text', 'b'],
    ['no close delimiter', '--b\r\n\r\nbody\r\n--b\r\n\r\nmore', 'b'],
    ['a close delimiter before any part', '--b--\r\n', 'b'],
    ['a part header without colon', '--b\r\nnot a header\r\n\r\nx\r\n--b--', 'b'],
  ])('rejects %s', (_, text, boundary) => {
    expect(errorOf(parseMultipart(octets(text), boundary)).code).toBe('SIP_BAD_MULTIPART');
  });
});
