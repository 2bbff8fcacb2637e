// Registry test: the descriptor tables against codes transcribed from Q.763 Table 4
// (message types) and Table 5 (parameter names), kept as data in q763-codes.tsv.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ITU, MESSAGES, PARAMS, defineVariant, overlaySpec, ITU_SPEC, decode, encode } from '../src/index.js';
import { rawCodec } from '../src/param-codec.js';

const rows = readFileSync(new URL('./q763-codes.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => l.split('\t') as [kind: string, code: string, name: string]);

describe('code tables', () => {
  it('every message row has the Q.763 Table 4 code', () => {
    const expected = rows.filter((r) => r[0] === 'message').map(([, code, name]) => [name, parseInt(code, 16)]);
    const ours = Object.entries(MESSAGES).map(([name, d]) => [name, d.code]);
    expect(ours.sort()).toEqual(expected.sort());
  });

  it('every parameter row has the Q.763 Table 5 code', () => {
    const expected = rows.filter((r) => r[0] === 'param').map(([, code, name]) => [name, parseInt(code, 16)]);
    const ours = Object.entries(PARAMS).map(([name, d]) => [name, d.code]);
    expect(ours.sort()).toEqual(expected.sort());
  });

  it('every row cites its Q.763 clause or table', () => {
    for (const d of Object.values(PARAMS)) expect(d.ref).toMatch(/^Q\.763 §3\.\d+$/);
    for (const d of Object.values(MESSAGES)) expect(d.ref).toMatch(/^Q\.763 Table \d+/);
  });

  it('mandatory fixed parameters all have a fixed length', () => {
    for (const m of ITU.messageByName.values()) for (const p of m.fixedRows) expect(p.len).toBeGreaterThan(0);
  });
});

describe('variant overlays', () => {
  it('an overlay replaces, adds and removes rows without copying the base tables', () => {
    const spec = overlaySpec(ITU_SPEC, {
      name: 'test-national',
      cicBits: 14,
      params: { hopCounter: null, nationalThing: { code: 0xfa, ref: 'Q.763 §3.1', title: 'A national parameter', codec: rawCodec } },
      messages: { OLM: null },
    });
    const v = defineVariant(spec);
    expect(v.paramByCode[0x3d]).toBeUndefined();
    expect(v.paramByCode[0xfa]?.name).toBe('nationalThing');
    expect(v.messageByCode[0x30]).toBeUndefined();
    expect(ITU.paramByCode[0x3d]?.name).toBe('hopCounter');
    expect(decode(Uint8Array.from([0xff, 0x3f, 0x13]), { framing: 'cic', variant: v })).toMatchObject({ ok: true, value: { cic: 0x3fff } });
    const r = decode(Uint8Array.from([0x09, 0x01, 0xfa, 0x01, 0x07, 0x3d, 0x01, 0x05, 0x00]), { variant: v });
    expect(r).toEqual({
      ok: true,
      value: { type: 'ANM', params: {}, optional: [{ name: 'nationalThing', value: Uint8Array.from([7]) }, { name: 'unknown', code: 0x3d, value: Uint8Array.from([5]) }] },
    });
    if (r.ok) expect(encode(r.value, { variant: v })).toEqual(Uint8Array.from([0x09, 0x01, 0xfa, 0x01, 0x07, 0x3d, 0x01, 0x05, 0x00]));
  });

  it('an inconsistent table is refused when the variant is defined', () => {
    expect(() => defineVariant(overlaySpec(ITU_SPEC, { name: 'bad', params: { dup: { ...PARAMS.hopCounter } } }))).toThrow(/used twice/);
    expect(() => defineVariant(overlaySpec(ITU_SPEC, { name: 'bad', params: { natureOfConnectionIndicators: null } }))).toThrow(/unknown parameter/);
  });
});
