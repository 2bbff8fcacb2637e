import { describe, expect, it } from 'vitest';
import { frameMessage, parseMessage, type Frame } from '../../src/sip/message/index.js';
import { inviteLines, octets, valueOf, wire } from './helpers.js';

const body = 'v=0\r\n\r\n--not-a-boundary\r\n\r\n';
const message = octets(wire(inviteLines(['Content-Type: application/sdp'], body.length), body));

/** Frames `stream` message by message, as a transport would: keepalives dropped. */
function frameAll(stream: Uint8Array): Frame[] {
  const frames: Frame[] = [];
  let rest = stream;
  for (;;) {
    const frame = frameMessage(rest);
    frames.push(frame);
    if (frame.kind !== 'message' && frame.kind !== 'keepalive') return frames;
    rest = rest.subarray(frame.length);
  }
}

describe('frameMessage', () => {
  it('finds the message end from Content-Length, whatever the body holds', () => {
    expect(frameMessage(message)).toEqual({ kind: 'message', length: message.length });
    const two = Buffer.concat([message, message, octets('INVITE sip:x')]);
    expect(frameAll(two)).toEqual([
      { kind: 'message', length: message.length },
      { kind: 'message', length: message.length },
      { kind: 'need-more' },
    ]);
  });

  it('says need-more for every cut before the end, and the same length at and after it', () => {
    for (let cut = 0; cut < message.length; cut++) {
      expect(frameMessage(message.subarray(0, cut)), `cut at ${cut}`).toEqual({ kind: 'need-more' });
    }
    expect(frameMessage(Buffer.concat([message, octets('\r\n\r\nOPTIONS')]))).toEqual({ kind: 'message', length: message.length });
  });

  it('the framed octets parse with stream framing', () => {
    const frame = frameMessage(Buffer.concat([message, message]));
    if (frame.kind !== 'message') throw new Error(frame.kind);
    const m = valueOf(parseMessage(message.subarray(0, frame.length), { framing: 'stream' }));
    expect(Buffer.from(m.body).toString('latin1')).toBe(body);
  });

  it('reports CRLF keepalives (RFC 5626) and CRLFs before a start line', () => {
    expect(frameMessage(octets('\r\n\r\n'))).toEqual({ kind: 'keepalive', length: 4 });
    expect(frameMessage(octets('\r\n'))).toEqual({ kind: 'keepalive', length: 2 });
    expect(frameMessage(octets('\r'))).toEqual({ kind: 'need-more' });
    expect(frameMessage(octets(''))).toEqual({ kind: 'need-more' });
    expect(frameAll(Buffer.concat([octets('\r\n\r\n\r\n'), message]))).toEqual([
      { kind: 'keepalive', length: 6 },
      { kind: 'message', length: message.length },
      { kind: 'need-more' },
    ]);
  });

  it('a message without body needs only its headers', () => {
    const options = octets(wire(inviteLines()));
    expect(frameMessage(options)).toEqual({ kind: 'message', length: options.length });
  });

  it.each<[string, string, string]>([
    ['no Content-Length', wire(inviteLines().slice(0, -1)), 'SIP_MISSING_HEADER'],
    ['a negative Content-Length', wire([...inviteLines().slice(0, -1), 'Content-Length: -1']), 'SIP_BAD_CONTENT_LENGTH'],
    ['two Content-Lengths', wire(inviteLines(['l: 13'], 5)), 'SIP_BAD_CONTENT_LENGTH'],
    ['a header line without colon', wire(inviteLines(['garbage'])), 'SIP_BAD_HEADER'],
  ])('fails on %s: the connection cannot be resynchronised', (_, text, code) => {
    expect(frameMessage(octets(text))).toMatchObject({ kind: 'error', error: { code } });
  });

  it('enforces the size limit on the header section and on the whole message', () => {
    expect(frameMessage(octets('OPTIONS sip:a@b SIP/2.0\r\nX: '.padEnd(100, 'x')), 100)).toMatchObject({
      kind: 'error',
      error: { code: 'SIP_MESSAGE_TOO_LARGE' },
    });
    expect(frameMessage(octets('OPTIONS sip:a@b SIP/2.0\r\nX: '.padEnd(99, 'x')), 100)).toEqual({ kind: 'need-more' });
    expect(frameMessage(message, message.length - 1)).toMatchObject({ kind: 'error', error: { code: 'SIP_MESSAGE_TOO_LARGE' } });
    expect(frameMessage(message.subarray(0, 300), 290)).toMatchObject({ kind: 'error', error: { code: 'SIP_MESSAGE_TOO_LARGE' } });
    expect(frameMessage(message, message.length)).toEqual({ kind: 'message', length: message.length });
  });
});
