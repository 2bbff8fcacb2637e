import { describe, expect, it } from 'vitest';
import { StreamFramer, type StreamItem } from '../../../src/sip/transport/stream-framer.js';
import { octets } from '../helpers.js';
import { optionsBytes } from './helpers.js';

const body = 'v=0\r\n\r\nCRLFCRLF inside the body\r\n\r\n';
const message = optionsBytes('SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bKf1', ['Content-Type: application/sdp'], body);
const text = (item: StreamItem | undefined): string => (item?.kind === 'message' ? Buffer.from(item.data).toString('latin1') : String(item?.kind));

describe('StreamFramer', () => {
  it('gives the message whole for a cut at every offset', () => {
    for (let cut = 1; cut < message.length; cut++) {
      const framer = new StreamFramer(65535);
      expect(framer.push(message.subarray(0, cut)), `cut at ${cut}`).toEqual([]);
      const items = framer.push(message.subarray(cut));
      expect(items.map(text), `cut at ${cut}`).toEqual([Buffer.from(message).toString('latin1')]);
    }
  });

  it('gives the message whole when fed one octet at a time, twice over one framer', () => {
    const framer = new StreamFramer(65535);
    const out: StreamItem[] = [];
    for (const octet of Buffer.concat([message, message])) out.push(...framer.push(Uint8Array.of(octet)));
    expect(out.map(text)).toEqual([Buffer.from(message).toString('latin1'), Buffer.from(message).toString('latin1')]);
  });

  it('splits two messages and a partial third in one chunk', () => {
    const framer = new StreamFramer(65535);
    const items = framer.push(Buffer.concat([message, message, message.subarray(0, 40)]));
    expect(items.map((i) => i.kind)).toEqual(['message', 'message']);
    expect(framer.push(message.subarray(40)).map((i) => i.kind)).toEqual(['message']);
  });

  it('grows past its initial buffer for a large body', () => {
    const big = optionsBytes('SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bKf2', [], 'x'.repeat(20000));
    const framer = new StreamFramer(65535);
    const out: StreamItem[] = [];
    for (let at = 0; at < big.length; at += 1000) out.push(...framer.push(big.subarray(at, at + 1000)));
    expect(out.map(text)).toEqual([Buffer.from(big).toString('latin1')]);
  });

  it('reports a CRLFCRLF ping, even in pieces, and drops a lone CRLF', () => {
    const framer = new StreamFramer(65535);
    expect(framer.push(octets('\r\n\r\n'))).toEqual([{ kind: 'ping' }]);
    expect(framer.push(octets('\r\n'))).toEqual([]);
    expect(framer.push(octets('\r\n'))).toEqual([{ kind: 'ping' }]);
    expect(framer.push(octets('\r'))).toEqual([]);
    expect(framer.push(octets('\n\r\n'))).toEqual([{ kind: 'ping' }]);
  });

  it('a message between CRLFs resets the count: a pong then a message is no ping', () => {
    const framer = new StreamFramer(65535);
    expect(framer.push(Buffer.concat([octets('\r\n'), message, octets('\r\n')])).map((i) => i.kind)).toEqual(['message']);
  });

  it('fails for good on a missing Content-Length or an oversized message', () => {
    const framer = new StreamFramer(65535);
    const items = framer.push(octets('OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n'));
    expect(items).toMatchObject([{ kind: 'error', error: { code: 'SIP_MISSING_HEADER' } }]);
    expect(framer.push(message)).toEqual([]);
    const small = new StreamFramer(100);
    expect(small.push(message)).toMatchObject([{ kind: 'error', error: { code: 'SIP_MESSAGE_TOO_LARGE' } }]);
  });
});
