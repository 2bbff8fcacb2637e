// serializeMessage of a parsed message still as received copies the octets it was read from
// (src/sip/message/received-octets.ts) when they were written canonically. Those octets must be
// exactly what writing the message field by field gives, and any change must be written out.
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../../bench/lib/corpus.mjs';
import { parseMessage, serializeMessage, type HeaderField, type SipMessage } from '../../src/sip/message/index.js';
import { unchangedOctets } from '../../src/sip/message/received-octets.js';

const text = (octets: Uint8Array): string => Buffer.from(octets).toString('latin1');

function parsed(bytes: Uint8Array): SipMessage {
  const result = parseMessage(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The message written field by field: a new header array is never taken for the received one. */
const fieldByField = (message: SipMessage): Uint8Array => serializeMessage({ ...message, headers: [...message.headers] });

const INVITE = [
  'INVITE sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1',
  'Max-Forwards: 70',
  'From: <sip:alice@example.com>;tag=a1',
  'To: <sip:bob@example.com>',
  'Call-ID: c1@192.0.2.1',
  'CSeq: 1 INVITE',
  'Content-Length: 4',
  '',
  'body',
].join('\r\n');

describe('serializing a message unchanged since parsing', () => {
  it('gives the same octets as writing it field by field, for every message of the bench corpus', () => {
    for (const m of CORPUS) {
      const message = parsed(m.bytes);
      expect({ name: m.name, octets: text(serializeMessage(message)) }).toEqual({ name: m.name, octets: text(fieldByField(message)) });
    }
    // All but the folded one keep their octets.
    expect(CORPUS.filter((m) => unchangedOctets(parsed(m.bytes)) === undefined).map((m) => m.name)).toEqual(['options-folded']);
  });

  it('keeps octets only when they are canonical', () => {
    const variants: [string, boolean][] = [
      [INVITE, true],
      [INVITE.replace('Max-Forwards: 70', 'Max-Forwards:70'), false],
      [INVITE.replace('Max-Forwards: 70', 'Max-Forwards : 70'), false],
      [INVITE.replace('Max-Forwards: 70', 'Max-Forwards:  70'), false],
      [INVITE.replace('Max-Forwards: 70', 'Max-Forwards: 70 '), false],
      [INVITE.replace('To: <sip:bob@example.com>', 'To: <sip:bob@example.com>\r\n ;x=1'), false],
      [INVITE.replace('Content-Length: 4', 'Content-Length: 04'), false],
      [INVITE.replace('Content-Length: 4\r\n', ''), false],
      // A datagram longer than Content-Length: the octets kept end with the body.
      [INVITE.replace('Content-Length: 4', 'Content-Length: 2'), true],
      [INVITE.replace('SIP/2.0\r\n', 'sip/2.0\r\n'), false],
      [`\r\n\r\n${INVITE}`, true],
    ];
    for (const [message, kept] of variants) {
      const m = parsed(Buffer.from(message, 'latin1'));
      expect({ message, kept: unchangedOctets(m) !== undefined }).toEqual({ message, kept });
      expect(text(serializeMessage(m))).toBe(text(fieldByField(m)));
    }
  });

  it('writes out every change: Request-URI, status, reason, body, a header added, replaced or renamed', () => {
    const request = parsed(Buffer.from(INVITE, 'latin1'));
    if (request.kind !== 'request') throw new Error('a request expected');
    expect(text(serializeMessage({ ...request, uri: 'sip:carol@example.com' }))).toMatch(/^INVITE sip:carol@example\.com SIP\/2\.0\r\n/);
    expect(text(serializeMessage({ ...request, method: 'OPTIONS' }))).toMatch(/^OPTIONS /);
    expect(text(serializeMessage({ ...request, body: new Uint8Array([0x41]) }))).toMatch(/Content-Length: 1\r\n\r\nA$/);
    const headers = request.headers as HeaderField[];
    const added: HeaderField[] = [...headers, { name: 'Subject', value: 'hi' }];
    expect(text(serializeMessage({ ...request, headers: added }))).toContain('Subject: hi\r\n');
    // The same array changed in place (its type forbids it, but JavaScript does not).
    headers.push({ name: 'Subject', value: 'pushed' });
    expect(text(serializeMessage(request))).toContain('Subject: pushed\r\n');
    headers.pop();
    headers[1] = { name: 'Max-Forwards', value: '69' };
    expect(text(serializeMessage(request))).toContain('Max-Forwards: 69\r\n');
    const response = parsed(Buffer.from(INVITE.replace('INVITE sip:bob@example.com SIP/2.0', 'SIP/2.0 180 Ringing'), 'latin1'));
    if (response.kind !== 'response') throw new Error('a response expected');
    expect(text(serializeMessage({ ...response, status: 183 }))).toMatch(/^SIP\/2\.0 183 Ringing\r\n/);
    expect(text(serializeMessage({ ...response, reason: 'Session Progress' }))).toMatch(/^SIP\/2\.0 180 Session Progress\r\n/);
    // Unchanged, a copy: writing into it leaves the message alone.
    const out = serializeMessage(response);
    out.fill(0);
    expect(text(serializeMessage(response))).toMatch(/^SIP\/2\.0 180 Ringing\r\n/);
  });
});
