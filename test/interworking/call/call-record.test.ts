// CallRecord.media: one `media` call event per change of codec, whatever SDPs come in between
// (the answer comes with the 183 and again with the 200; a re-INVITE may change the codec).
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { CallRecord } from '../../../src/interworking/call/cdr.js';
import type { CallEvent } from '../../../src/cdr/events.js';

const sdp = (payloads: string) => `v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP ${payloads}\r\n`;

describe('CallRecord.media', () => {
  it('records the codec once per change: the same text again, an equal copy, then other codecs and back', () => {
    const events: CallEvent[] = [];
    const record = new CallRecord('k1', new FakeClock(), (e) => events.push(e));
    const pcma = sdp('8 0');
    record.media(pcma);
    record.media(pcma);
    record.media(`${pcma}`);
    record.media(sdp('8'));
    record.media(sdp('18'));
    record.media(undefined);
    record.media(new TextEncoder().encode(sdp('18')));
    record.media(new TextEncoder().encode(sdp('0')));
    record.media(pcma);
    // text, octets of another codec, the same text again: the change back is recorded
    record.media(new TextEncoder().encode(sdp('18')));
    record.media(pcma);
    expect(events.map((e) => (e.type === 'media' ? e.codec : e.type))).toEqual(['PCMA', 'G729', 'PCMU', 'PCMA', 'G729', 'PCMA']);
  });
});
