// Property tests: decode(encode(x)) equals x for generated frames, TEI management messages and
// Q.931 messages of every type; encode(decode(b)) gives b back; and no input octets make a
// decoder throw or return anything but a result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGES, decodeFrame, decodeMessage, decodeTeiMessage, encodeFrame, encodeMessage, encodeTeiMessage, type DecodeError, type Result } from '../src/index.js';
import { anyMessageArb, frameArb, messageArb, teiArb } from './arbitraries.js';

const types = Object.keys(MESSAGES) as (keyof typeof MESSAGES)[];

describe('decode(encode(x)) equals x', () => {
  it('LAPD frames of every type, and unknown control fields', () => {
    fc.assert(
      fc.property(frameArb, (f) => {
        expect(decodeFrame(encodeFrame(f))).toEqual({ ok: true, value: f });
      }),
      { numRuns: 3000 },
    );
  });

  it('TEI management messages', () => {
    fc.assert(
      fc.property(teiArb, (m) => {
        expect(decodeTeiMessage(encodeTeiMessage(m))).toEqual({ ok: true, value: m });
      }),
      { numRuns: 2000 },
    );
  });

  it.each(types)('%s', (type) => {
    fc.assert(
      fc.property(messageArb(type), (m) => {
        expect(decodeMessage(encodeMessage(m))).toEqual({ ok: true, value: m });
      }),
      { numRuns: 150 },
    );
  });

  it('every message type and unknown types', () => {
    fc.assert(
      fc.property(anyMessageArb, (m) => {
        const b = encodeMessage(m);
        const r = decodeMessage(b);
        expect(r).toEqual({ ok: true, value: m });
        if (r.ok) expect(encodeMessage(r.value)).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('Q.931 messages inside I frames', () => {
    fc.assert(
      fc.property(frameArb, anyMessageArb, (f, m) => {
        if (f.type !== 'I') return;
        const b = encodeFrame({ ...f, info: encodeMessage(m) });
        const r = decodeFrame(b);
        if (!r.ok || r.value.type !== 'I') throw new Error('not an I frame');
        expect(decodeMessage(r.value.info)).toEqual({ ok: true, value: m });
        expect(encodeFrame(r.value)).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });
});

function checkResult(r: Result<unknown, DecodeError>): void {
  if (r.ok) expect(r.value).toBeTypeOf('object');
  else {
    expect(r.error.code).toMatch(/^[A-Z_]+$/);
    expect(r.error.place.length).toBeGreaterThan(0);
    expect(r.error.offset).toBeGreaterThanOrEqual(0);
    expect(r.error.message.length).toBeGreaterThan(0);
  }
}

describe('decoders never throw', () => {
  it('on random octets, lenient and strict', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (b, strict) => {
        checkResult(decodeFrame(b, { strict }));
        checkResult(decodeMessage(b, { strict }));
        checkResult(decodeTeiMessage(b, { strict }));
      }),
      { numRuns: 20000 },
    );
  });

  it('on random octets behind a Q.931 header of every known message type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.integer({ min: 0, max: 2 }), fc.uint8Array({ maxLength: 80 }), fc.boolean(), (t, crLength, rest, strict) => {
        const header = [0x08, crLength, ...Array.from({ length: crLength }, () => 0x01), MESSAGES[t].code];
        checkResult(decodeMessage(Uint8Array.from([...header, ...rest]), { strict }));
      }),
      { numRuns: 20000 },
    );
  });

  it('on valid messages and frames cut short at every offset, and with one octet flipped', () => {
    fc.assert(
      fc.property(anyMessageArb, frameArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, f, at, flip) => {
        for (const [b, decode] of [
          [encodeMessage(m), (x: Uint8Array, strict: boolean) => decodeMessage(x, { strict })],
          [encodeFrame(f), (x: Uint8Array, strict: boolean) => decodeFrame(x, { strict })],
        ] as const) {
          for (let cut = 0; cut < b.length; cut++) checkResult(decode(b.subarray(0, cut), false));
          const c = b.slice();
          const i = at % c.length;
          c[i] = (c[i] as number) ^ flip;
          checkResult(decode(c, false));
          checkResult(decode(c, true));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a message cut inside its header or an information element never decodes; cut between elements it does', () => {
    // 08 01 85 45 | 08 02 82 90 | 28 03 42 59 45: elements end at octets 8 and 13
    const b = encodeMessage({
      type: 'DISCONNECT',
      callReference: { length: 1, flag: true, value: 5 },
      ies: [{ name: 'cause', value: { codingStandard: 0, location: 2, causeValue: 16 } }, { name: 'display', value: 'BYE' }],
    });
    expect(b.length).toBe(13);
    for (let cut = 0; cut < b.length; cut++) expect(decodeMessage(b.subarray(0, cut)).ok, `cut at ${cut}`).toBe(cut === 4 || cut === 8);
  });
});
