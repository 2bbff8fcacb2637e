// The compiled layout functions and the loops used where compiling is refused agree bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, interpreted, layout, type FieldRow } from '../src/bitfield.js';
import { Q931EncodeError } from '../src/errors.js';

// Channel identification octet 3 (fields), with bit 8 fixed to 1 and bit 7 left to the caller.
const ROWS = [
  ['interfaceType', 5, 1, 'n'],
  ['exclusive', 3, 1, 'b'],
  ['dChannel', 2, 1, 'b'],
  ['selection', 0, 2, 'n'],
] as const satisfies readonly FieldRow[];
const SPARE = 0x10;
const place = { message: 'SETUP', ie: 'channelIdentification' };
const bad = (_p: unknown, name: string): never => {
  throw new Q931EncodeError('BAD_VALUE', ['SETUP', 'channelIdentification', name], 'bad');
};

describe('layout functions', () => {
  const c = compile(ROWS, SPARE, 0x80);
  const i = interpreted(ROWS, SPARE, 0x80);

  it('read the same fields from every octet', () => {
    for (let v = 0; v < 256; v++) expect(c.read(v)).toEqual(i.read(v));
  });

  it('pack the same octet from every field object', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xff }), (v) => {
        expect(c.pack(c.read(v), place, bad)).toEqual(i.pack(i.read(v), place, bad));
      }),
      { numRuns: 2000 },
    );
  });

  it('both refuse a value that does not fit its field, and a non-boolean flag', () => {
    for (const f of [c, i]) {
      expect(() => f.pack({ interfaceType: 2, exclusive: false, dChannel: false, selection: 0 }, place, bad)).toThrow(Q931EncodeError);
      expect(() => f.pack({ interfaceType: 0, exclusive: 1, dChannel: false, selection: 0 }, place, bad)).toThrow(Q931EncodeError);
    }
  });

  it('a layout keeps stray bits in `spare` and refuses spare bits outside its spare mask', () => {
    const l = layout(1, ROWS, { fixed: [0x80, 0x80], own: 0x40 });
    expect(l.read(0x99)).toEqual({ interfaceType: 0, exclusive: true, dChannel: false, selection: 1, spare: 0x10 });
    expect(l.fixedOk(0x19)).toBe(false);
    expect(l.write({ interfaceType: 0, exclusive: true, dChannel: false, selection: 1, spare: 0x10 }, place)).toBe(0x99);
    expect(() => l.write({ interfaceType: 0, exclusive: true, dChannel: false, selection: 1, spare: 0x40 }, place)).toThrow(/spare/);
  });
});
