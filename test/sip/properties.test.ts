// Property tests: no input makes a parser throw; generated values and messages round-trip;
// the stream framer gives the same answer however the octets are cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatFromTo,
  formatNameAddr,
  formatUri,
  formatVia,
  frameMessage,
  parseContact,
  parseContentDisposition,
  parseContentType,
  parseDiversion,
  parseFromTo,
  parseHistoryInfo,
  parseMessage,
  parseMultipart,
  parseNameAddr,
  parseReason,
  parseUri,
  parseVia,
  serializeMessage,
  SIP_ERROR_CODES,
  type Frame,
  type SipError,
} from '../../src/sip/message/index.js';
import type { Result } from '../../src/core/result.js';
import { fromTo, message, nameAddr, uri, via } from './arbitraries.js';

function isResult(r: Result<unknown, SipError>): boolean {
  return r.ok || (SIP_ERROR_CODES.includes(r.error.code) && typeof r.error.message === 'string');
}

/** Wire-like octets: a serialized message, cut, with random octets written over and inserted. */
const mangled = fc
  .tuple(
    message.map(serializeMessage),
    fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.boolean()), { maxLength: 4 }),
    fc.nat(),
  )
  .map(([bytes, edits, cut]) => {
    let out = Buffer.from(bytes);
    for (const [at, octets, insert] of edits) {
      const i = at % (out.length + 1);
      out = Buffer.concat([out.subarray(0, i), octets, out.subarray(insert ? i : i + octets.length)]);
    }
    return new Uint8Array(out.subarray(0, out.length - (cut % 8)));
  });

const anyOctets = fc.oneof(fc.uint8Array({ maxLength: 400 }), mangled);

describe('parsers never throw', () => {
  it('parseMessage and frameMessage, on random and mangled octets', () => {
    fc.assert(
      fc.property(anyOctets, (bytes) => {
        expect(isResult(parseMessage(bytes))).toBe(true);
        expect(isResult(parseMessage(bytes, { framing: 'stream', maxMessageSize: 300 }))).toBe(true);
        expect(['message', 'keepalive', 'need-more', 'error']).toContain(frameMessage(bytes, 300).kind);
        expect(isResult(parseMultipart(bytes, 'b'))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('header value parsers, on random text', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
      fc.string({ unit: fc.constantFrom(...'sip:tel@<>"\\;,=?&%[]: \t/ab1.-'), maxLength: 60 }),
    );
    const parsers = [parseUri, parseNameAddr, parseFromTo, parseVia, parseContact, parseReason, parseDiversion, parseHistoryInfo, parseContentType, parseContentDisposition];
    fc.assert(
      fc.property(text, (t) => {
        for (const parse of parsers) expect(isResult(parse(t))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('generated values round-trip', () => {
  it('URIs', () => {
    fc.assert(
      fc.property(uri, (u) => {
        expect(parseUri(formatUri(u))).toEqual({ ok: true, value: u });
      }),
    );
  });

  it('name-addr', () => {
    fc.assert(
      fc.property(nameAddr, (a) => {
        expect(parseNameAddr(formatNameAddr(a))).toEqual({ ok: true, value: a });
      }),
    );
  });

  it('From / To', () => {
    fc.assert(
      fc.property(fromTo, (a) => {
        expect(parseFromTo(formatFromTo(a))).toEqual({ ok: true, value: a });
      }),
    );
  });

  it('Via', () => {
    fc.assert(fc.property(fc.array(via, { minLength: 1, maxLength: 3 }), (vs) => {
      expect(parseVia(vs.map(formatVia).join(' ,\t'))).toEqual({ ok: true, value: vs });
    }));
  });
});

describe('generated messages round-trip', () => {
  it('parse(serialize(m)) equals m, and serialize(parse(b)) gives b back', () => {
    fc.assert(
      fc.property(message, (m) => {
        const bytes = serializeMessage(m);
        for (const framing of ['datagram', 'stream'] as const) {
          const parsed = parseMessage(bytes, { framing });
          expect(parsed).toEqual({ ok: true, value: m });
          if (parsed.ok) expect(serializeMessage(parsed.value)).toEqual(bytes);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Frames `chunks` arriving one after another, as a transport would. */
function frameChunks(chunks: readonly Uint8Array[]): Frame[] {
  const frames: Frame[] = [];
  let buffer = new Uint8Array(0);
  for (const chunk of chunks) {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const frame = frameMessage(buffer);
      if (frame.kind === 'need-more') break;
      frames.push(frame);
      if (frame.kind === 'error') return frames;
      buffer = buffer.subarray(frame.length);
    }
  }
  return frames;
}

function summary(frames: readonly Frame[]): { messages: number[]; keepalive: number; errors: number } {
  return {
    messages: frames.flatMap((f) => (f.kind === 'message' ? [f.length] : [])),
    keepalive: frames.reduce((n, f) => n + (f.kind === 'keepalive' ? f.length : 0), 0),
    errors: frames.filter((f) => f.kind === 'error').length,
  };
}

describe('stream framing', () => {
  it('gives need-more for every proper prefix, then the whole length, then the same with trailing octets', () => {
    fc.assert(
      fc.property(message.map(serializeMessage), fc.uint8Array({ maxLength: 20 }), (bytes, trailing) => {
        for (let cut = 0; cut < bytes.length; cut++) expect(frameMessage(bytes.subarray(0, cut))).toEqual({ kind: 'need-more' });
        const whole = { kind: 'message', length: bytes.length };
        expect(frameMessage(bytes)).toEqual(whole);
        expect(frameMessage(Buffer.concat([bytes, trailing]))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('frames messages the same however the stream is cut in two', () => {
    fc.assert(
      fc.property(message.map(serializeMessage), message.map(serializeMessage), (a, b) => {
        // A keepalive between the messages may arrive as one run or as several: only the
        // messages and the number of keepalive octets are the same for every cut.
        const stream = Buffer.concat([a, Buffer.from('\r\n\r\n'), b]);
        const whole = summary(frameChunks([stream]));
        expect(whole).toEqual({ messages: [a.length, b.length], keepalive: 4, errors: 0 });
        for (let cut = 0; cut <= stream.length; cut++) {
          expect(summary(frameChunks([stream.subarray(0, cut), stream.subarray(cut)]))).toEqual(whole);
        }
      }),
      { numRuns: 50 },
    );
  });
});
