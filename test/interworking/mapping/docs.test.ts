// docs/interworking.md holds every mapping table as generated from the code
// (scripts/gen-interworking-docs.mjs), and the catalogue holds every table of the module.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, currentGenerated, renderInterworkingTables, replaceGenerated } from '../../../scripts/lib/interworking-docs.mjs';
import * as mapping from '../../../src/interworking/mapping/index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('docs/interworking.md', () => {
  it('holds exactly the tables generated from the code (run node scripts/gen-interworking-docs.mjs after npm run build)', () => {
    const doc = readFileSync(`${root}docs/interworking.md`, 'utf8');
    expect(currentGenerated(doc)).toBe(renderInterworkingTables(mapping.MAPPING_TABLES));
  });

  it('replaces only the generated part', () => {
    const doc = `intro\n${BEGIN}\nold\n${END}\noutro\n`;
    expect(replaceGenerated(doc, `${BEGIN}\nnew\n${END}`)).toBe(`intro\n${BEGIN}\nnew\n${END}\noutro\n`);
    expect(currentGenerated('no markers')).toBeUndefined();
    expect(() => replaceGenerated('no markers', '')).toThrow(/markers/);
  });
});

describe('the catalogue', () => {
  const exported = Object.entries(mapping).filter(([name, v]) => /^[A-Z0-9_]+$/.test(name) && (Array.isArray(v) || (typeof v === 'object' && v !== null && 'rows' in v)));
  it('renders every exported row table, or the tables of a two-way cause table', () => {
    const ids = new Set(mapping.MAPPING_TABLES.map((t) => t.id));
    const missing = exported.map(([name]) => name).filter((name) => !ids.has(name) && name !== 'MAPPING_TABLES');
    expect(missing).toEqual([]);
  });
  it('gives every row a source and a cell per column', () => {
    for (const t of mapping.MAPPING_TABLES) {
      expect(t.rows.length).toBeGreaterThan(0);
      for (const r of t.rows) {
        expect(r.cells).toHaveLength(t.columns.length);
        expect(r.ref).not.toBe('');
        expect(['verified', 'mem', 'project']).toContain(r.basis);
      }
    }
  });
});
