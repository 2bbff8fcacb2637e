// Property tests: decode(encode(x)) equals x for generated messages of every type, and no
// input octets make decode() throw or return anything but a result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGES, decode, encode, type IsupMessage } from '../src/index.js';
import { anyMessageArb, messageArb } from './arbitraries.js';

const types = Object.keys(MESSAGES) as (keyof typeof MESSAGES)[];

describe('decode(encode(x)) equals x', () => {
  it.each(types)('%s, body framing', (type) => {
    fc.assert(
      fc.property(messageArb(type, false), (m) => {
        const r = decode(encode(m));
        expect(r).toEqual({ ok: true, value: m });
      }),
      { numRuns: 150 },
    );
  });

  it('every type, CIC framing, with unknown message types', () => {
    fc.assert(
      fc.property(anyMessageArb(true), (m) => {
        const r = decode(encode(m, { framing: 'cic' }), { framing: 'cic' });
        expect(r).toEqual({ ok: true, value: m });
      }),
      { numRuns: 2000 },
    );
  });

  it('encode(decode(b)) gives b back for octets that decode', () => {
    fc.assert(
      fc.property(anyMessageArb(false), (m) => {
        const b = encode(m);
        const r = decode(b);
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        expect(encode(r.value)).toEqual(b);
      }),
      { numRuns: 1000 },
    );
  });
});

function checkResult(r: ReturnType<typeof decode>): void {
  if (r.ok) expect(typeof r.value.type).toBe('string');
  else {
    expect(r.error.code).toMatch(/^[A-Z_]+$/);
    expect(r.error.place.length).toBeGreaterThan(0);
    expect(r.error.offset).toBeGreaterThanOrEqual(0);
  }
}

describe('decode never throws', () => {
  it('on random octets, both framings, lenient and strict', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom<'body' | 'cic'>('body', 'cic'), fc.boolean(), (b, framing, strict) => {
        checkResult(decode(b, { framing, strict }));
      }),
      { numRuns: 20000 },
    );
  });

  it('on random octets behind every known message type code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.uint8Array({ maxLength: 80 }), (t, rest) => {
        checkResult(decode(Uint8Array.from([MESSAGES[t].code, ...rest])));
      }),
      { numRuns: 20000 },
    );
  });

  it('on valid messages cut short at every offset, and with one octet flipped', () => {
    fc.assert(
      fc.property(anyMessageArb(false), fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, flip) => {
        const b = encode(m);
        for (let cut = 0; cut < b.length; cut++) checkResult(decode(b.subarray(0, cut)));
        const c = b.slice();
        const i = at % c.length;
        c[i] = (c[i] as number) ^ flip;
        checkResult(decode(c));
        checkResult(decode(c, { strict: true }));
      }),
      { numRuns: 1000 },
    );
  });

  it('a cut-short message never decodes as complete when it had variable or optional parameters', () => {
    const m: IsupMessage = {
      type: 'REL',
      params: { causeIndicators: { codingStandard: 0, location: 2, causeValue: 16 } },
      optional: [{ name: 'automaticCongestionLevel', value: 1 }],
    };
    const b = encode(m);
    for (let cut = 0; cut < b.length; cut++) expect(decode(b.subarray(0, cut)).ok).toBe(false);
  });
});
