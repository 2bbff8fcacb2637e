// The compiled field functions and the loop used where compiling is refused agree bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, interpreted, type FieldRow } from '../src/bitfield.js';
import { IsupEncodeError } from '../src/errors.js';

const FCI: readonly FieldRow[] = [
  ['international', 0, 1, 'b'],
  ['endToEndMethod', 1, 2, 'n'],
  ['isupPreference', 6, 2, 'n'],
  ['sccpMethod', 9, 2, 'n'],
];
const spareMask = 0xffff & ~(0x01 | 0x06 | 0xc0 | 0x600);
const place = { message: 'IAM', param: 'forwardCallIndicators' };
const bad = (_p: unknown, name: string): never => {
  throw new IsupEncodeError('BAD_VALUE', ['IAM', 'forwardCallIndicators', name], 'bad');
};

describe('bitfield functions', () => {
  const c = compile(FCI, spareMask);
  const i = interpreted(FCI, spareMask);

  it('read the same fields from every word', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (v) => {
      expect(c.fromWord(v)).toEqual(i.fromWord(v));
    }), { numRuns: 5000 });
  });

  it('pack the same word from every field object', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (v) => {
      expect(c.pack(c.fromWord(v), place, bad)).toEqual(i.pack(i.fromWord(v), place, bad));
    }), { numRuns: 5000 });
  });

  it('both refuse a value that does not fit its field', () => {
    for (const f of [c, i]) expect(() => f.pack({ endToEndMethod: 4 }, place, bad)).toThrow(IsupEncodeError);
  });
});
