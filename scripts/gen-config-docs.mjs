// Regenerates the reference part of docs/configuration.md from the built configuration schemas
// (run `npm run build` first). `--check` changes nothing and exits 1 when the document is stale.
// Usage: node scripts/gen-config-docs.mjs [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { currentGenerated, renderConfigReference, replaceGenerated } from './lib/config-docs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/config/index.js`;
if (!existsSync(built)) {
  console.error('gen-config-docs: dist/config/index.js missing: run `npm run build` first');
  process.exit(2);
}
const config = await import(built);
const { ISUP_TIMERS } = await import(`${root}dist/isup/timers.js`);
const generated = renderConfigReference({
  fileSchema: config.fileSchema,
  isupTimers: ISUP_TIMERS,
  sipTimers: config.SIP_TIMER_LIMITS,
  q931Timers: config.Q931_TIMER_LIMITS,
  l2Timers: config.L2_TIMER_LIMITS,
  formats: config.FORMATS,
  errorCodes: config.CONFIG_ERROR_CODES,
});
const docPath = `${root}docs/configuration.md`;
const doc = readFileSync(docPath, 'utf8');
if (process.argv.includes('--check')) {
  if (currentGenerated(doc) === generated) process.exit(0);
  console.error('gen-config-docs: docs/configuration.md is stale: run `node scripts/gen-config-docs.mjs`');
  process.exit(1);
}
writeFileSync(docPath, replaceGenerated(doc, generated));
console.log('gen-config-docs: docs/configuration.md updated');
