// Regenerates the tables part of docs/interworking.md from the built mapping catalogue
// (run `npm run build` first). `--check` changes nothing and exits 1 when the document is stale.
// Usage: node scripts/gen-interworking-docs.mjs [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { currentGenerated, renderInterworkingTables, replaceGenerated } from './lib/interworking-docs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/interworking/mapping/index.js`;
if (!existsSync(built)) {
  console.error('gen-interworking-docs: dist/interworking/mapping/index.js missing: run `npm run build` first');
  process.exit(2);
}
const { MAPPING_TABLES } = await import(built);
const generated = renderInterworkingTables(MAPPING_TABLES);
const docPath = `${root}docs/interworking.md`;
const doc = readFileSync(docPath, 'utf8');
if (process.argv.includes('--check')) {
  if (currentGenerated(doc) === generated) process.exit(0);
  console.error('gen-interworking-docs: docs/interworking.md is stale: run `node scripts/gen-interworking-docs.mjs`');
  process.exit(1);
}
writeFileSync(docPath, replaceGenerated(doc, generated));
console.log('gen-interworking-docs: docs/interworking.md updated');
