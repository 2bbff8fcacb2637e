// Checks that the shared research vectors are intact before other vector suites rely on them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const vectors = new URL('../../../shared/research-vectors/', import.meta.url);
const read = (path: string): Buffer => readFileSync(new URL(path, vectors));

describe('research vectors', () => {
  it('RFC 4475 torture messages match their SHA256SUMS', () => {
    const lines = read('rfc4475/SHA256SUMS').toString('utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [sum, file] = line.split(/\s+/);
      expect(file, line).toMatch(/\.dat$/);
      expect(createHash('sha256').update(read(`rfc4475/${file}`)).digest('hex'), file).toBe(sum);
    }
  });

  it('ISUP vectors have unique ids, a known format and whole-octet hex', () => {
    const rows = read('isup/isup_vectors.tsv')
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const [id = '', format, , hex = ''] of rows) {
      expect(ids.has(id), id).toBe(false);
      ids.add(id);
      expect(['cic', 'body', 'mtp3', 'm2ua'], id).toContain(format);
      expect(hex.replace(/\s+/g, ''), id).toMatch(/^(?:[0-9a-fA-F]{2})+$/);
    }
  });
});
