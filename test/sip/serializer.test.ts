import { describe, expect, it } from 'vitest';
import { parseMessage, serializeMessage, type SipMessage, type SipRequest } from '../../src/sip/message/index.js';
import { inviteLines, octets, valueOf, wire } from './helpers.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('serializeMessage', () => {
  it('writes a parsed message back octet for octet when it was written canonically', () => {
    const original = wire(inviteLines(['Content-Type: application/sdp', 'X-Utf8: caf\u00c3\u00a9'], 5), 'a\r\nb\u0000');
    expect(text(serializeMessage(valueOf(parseMessage(octets(original)))))).toBe(original);
  });

  it('keeps header names as written and joins folded values with one SP', () => {
    const m = valueOf(parseMessage(octets(wire([...inviteLines().slice(0, -1), 'X-Long: a', '  b', 'l: 0']))));
    expect(text(serializeMessage(m))).toContain('\r\nX-Long: a b\r\nl: 0\r\n\r\n');
  });

  it('writes a response', () => {
    const response: SipMessage = { kind: 'response', status: 486, reason: 'Busy Here', headers: [{ name: 'Via', value: 'SIP/2.0/UDP h' }], body: new Uint8Array() };
    expect(text(serializeMessage(response))).toBe('SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP h\r\nContent-Length: 0\r\n\r\n');
  });

  it('sets every Content-Length to the body length, or appends one', () => {
    const base: SipRequest = {
      kind: 'request',
      method: 'MESSAGE',
      uri: 'sip:a@example.com',
      headers: [{ name: 'l', value: '999' }, { name: 'X', value: 'y' }],
      body: octets('hello'),
    };
    expect(text(serializeMessage(base))).toBe('MESSAGE sip:a@example.com SIP/2.0\r\nl: 5\r\nX: y\r\n\r\nhello');
    expect(text(serializeMessage({ ...base, headers: [{ name: 'X', value: 'y' }] }))).toBe(
      'MESSAGE sip:a@example.com SIP/2.0\r\nX: y\r\nContent-Length: 5\r\n\r\nhello',
    );
  });

  it('writes every body octet unchanged', () => {
    const body = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    const out = serializeMessage({ kind: 'request', method: 'INFO', uri: 'sip:a@example.com', headers: [], body });
    expect(out.subarray(out.length - 256)).toEqual(body);
  });

  const request = (change: Partial<SipRequest>): SipRequest => ({
    kind: 'request',
    method: 'INVITE',
    uri: 'sip:a@example.com',
    headers: [],
    body: new Uint8Array(),
    ...change,
  });
  it.each<[string, SipMessage]>([
    ['a method that is not a token', request({ method: 'IN VITE' })],
    ['a Request-URI with a space', request({ uri: 'sip:a b@example.com' })],
    ['a Request-URI with CRLF', request({ uri: 'sip:a@example.com\r\nX: y' })],
    ['a header name that is not a token', request({ headers: [{ name: 'X Y', value: '1' }] })],
    ['CR LF in a header value', request({ headers: [{ name: 'Subject', value: 'a\r\nInjected: yes' }] })],
    ['a bare LF in a header value', request({ headers: [{ name: 'Subject', value: 'a\nb' }] })],
    ['a character above U+00FF in a header value', request({ headers: [{ name: 'Subject', value: '\u20ac' }] })],
    ['a status below 100', { kind: 'response', status: 99, reason: 'x', headers: [], body: new Uint8Array() }],
    ['a fractional status', { kind: 'response', status: 200.5, reason: 'x', headers: [], body: new Uint8Array() }],
    ['CR in the reason phrase', { kind: 'response', status: 200, reason: 'O\rK', headers: [], body: new Uint8Array() }],
  ])('throws RangeError for %s', (_, message) => {
    expect(() => serializeMessage(message)).toThrow(RangeError);
  });
});
