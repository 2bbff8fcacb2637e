// Address signals, Q.763 §3.9: nibble order, odd/even, filler, codes 11 and 12, ST.
import { describe, expect, it } from 'vitest';
import { decode, encode, type IsupMessage } from '../src/index.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16)));
/** A SAM whose subsequent number carries `value` (octet 1 + signals). */
const sam = (value: string): Uint8Array => {
  const v = hex(value);
  return Uint8Array.from([0x02, 0x02, 0x00, v.length, ...v]);
};
const digitsOf = (value: string): unknown => {
  const r = decode(sam(value));
  return r.ok && r.value.type === 'SAM' ? r.value.params.subsequentNumber : r;
};

describe('address signals', () => {
  it.each([
    ['even: 55 30 41 b0 01 f0 → code 11 and ST (reference, tshark "5503140B100F")', '00 55 30 41 b0 01 f0', { digits: '5503140B100F' }],
    ['libosmo-sigtran 10 32 54 76, even → 01234567', '00 10 32 54 76', { digits: '01234567' }],
    ['libosmo-sigtran 10 32 54 76, odd → 0123456 (7 is a filler, kept)', '80 10 32 54 76', { digits: '0123456', filler: 7 }],
    ['odd count, ST in a low nibble, 0 filler (osmo_iam shape)', '80 29 99 24 00 80 0f', { digits: '9299420008F' }],
    ['even count, ST in a high nibble (hepgen_iam shape)', '00 26 18 85 03 25 f8', { digits: '62815830528F' }],
    ['code 12', '80 c1 02', { digits: '1C2' }],
    ['no signals at all', '00', { digits: '' }],
  ])('%s', (_what, value, expected) => {
    expect(digitsOf(value)).toEqual(expected);
  });

  it.each([
    ['spare code 10', '00 a1'],
    ['spare code 13', '00 d1'],
    ['spare code 14', '80 0e'],
    ['ST not last', '00 1f'],
    ['odd indicator with no signal octets', '80'],
  ])('%s is an error', (_what, value) => {
    const r = decode(sam(value));
    expect(r.ok ? 'decoded' : r.error.code).toMatch(/^BAD_(DIGIT|LENGTH)$/);
  });

  it('encodes lower-case b, c and f as codes 11, 12 and ST', () => {
    const m: IsupMessage = { type: 'SAM', params: { subsequentNumber: { digits: '1b2c3f' } }, optional: [] };
    expect(encode(m)).toEqual(sam('00 b1 c2 f3'));
  });

  it('sets the odd indicator and a zero filler for an odd count', () => {
    const m: IsupMessage = { type: 'SAM', params: { subsequentNumber: { digits: '123' } }, optional: [] };
    expect(encode(m)).toEqual(sam('80 21 03'));
  });
});
