// Registry test: the descriptor tables against codes transcribed by hand from the reference
// (q931-codes.tsv), the clause each row cites, and the consistency of the tables' own codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRAMES, IES, MESSAGES, SENDING_COMPLETE, TEI_MESSAGES } from '../src/index.js';

const rows = readFileSync(new URL('./q931-codes.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => l.split('\t') as [kind: string, code: string, name: string]);

const expected = (kind: string): [string, number][] => rows.filter((r) => r[0] === kind).map(([, code, name]) => [name, parseInt(code, 16)] as [string, number]).sort();
const ours = (table: Record<string, { code: number } | { id: number }>): [string, number][] =>
  Object.entries(table).map(([name, d]) => [name, 'code' in d ? d.code : d.id] as [string, number]).sort();

describe('code tables', () => {
  it('every Q.931 message row has its Table 4-2 code', () => expect(ours(MESSAGES)).toEqual(expected('message')));
  it('every information element row has its Table 4-3 identifier', () => expect(ours(IES)).toEqual(expected('ie')));
  it('every Q.921 frame row has its Table 5 control field', () => expect(ours(FRAMES)).toEqual(expected('frame')));
  it('every TEI management row has its Table 8 message type', () => expect(ours(TEI_MESSAGES)).toEqual(expected('tei')));

  it('every row cites its clause', () => {
    for (const d of Object.values(MESSAGES)) expect(d.ref).toMatch(/^Q\.93[12] §\d+(\.\d+)+$/);
    for (const d of Object.values(IES)) expect(d.ref).toMatch(/^Q\.9(31|32|51) §\d+(\.\d+)*$/);
    for (const d of [...Object.values(FRAMES), ...Object.values(TEI_MESSAGES)]) expect(d.ref).toMatch(/^Q\.921 §\d+(\.\d+)+$/);
  });

  it('codes fit their formats', () => {
    for (const d of Object.values(IES)) expect(d.id & 0x80, d.title).toBe(0);
    expect(SENDING_COMPLETE & 0xf0).toBe(0xa0);
    for (const d of Object.values(MESSAGES)) expect(d.code & 0x80, d.title).toBe(0);
    for (const d of Object.values(FRAMES)) {
      const low = { I: [1, 0], S: [3, 1], U: [3, 3] }[d.format];
      expect(d.code & (low[0] as number), d.title).toBe(low[1]);
      if (d.format === 'U') expect(d.code & 0x10, `${d.title}: P/F = 0 in the table`).toBe(0);
    }
  });

  it('mandatory elements name rows of IES', () => {
    for (const d of Object.values(MESSAGES)) for (const name of d.mandatory) expect(Object.keys(IES)).toContain(name);
  });
});
