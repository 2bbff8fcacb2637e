// docs/configuration.md is generated from the schemas (scripts/gen-config-docs.mjs), and the schemas
// keep their promises: every object closed, every property described, every error code documented.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { currentGenerated, renderConfigReference } from '../../scripts/lib/config-docs.mjs';
import { CONFIG_ERROR_CODES, FORMATS, L2_TIMER_LIMITS, Q931_TIMER_LIMITS, SIP_TIMER_LIMITS, fileSchema, type Schema } from '../../src/config/index.js';
import { ISUP_TIMERS } from '../../src/isup/timers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/configuration.md', () => {
  it('holds exactly the reference generated from the schemas (run node scripts/gen-config-docs.mjs after npm run build)', () => {
    const doc = readFileSync(`${root}docs/configuration.md`, 'utf8');
    const generated = renderConfigReference({ fileSchema, isupTimers: ISUP_TIMERS, sipTimers: SIP_TIMER_LIMITS, q931Timers: Q931_TIMER_LIMITS, l2Timers: L2_TIMER_LIMITS, formats: FORMATS, errorCodes: CONFIG_ERROR_CODES });
    expect(currentGenerated(doc)).toBe(generated);
  });

  it('lists every configuration error code in docs/errors.md, with the same meaning', () => {
    const doc = readFileSync(`${root}docs/errors.md`, 'utf8');
    const listed = [...doc.matchAll(/^\| `(CONFIG_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]?.replace(/\\\|/g, '|')]);
    expect(Object.fromEntries(listed)).toEqual(CONFIG_ERROR_CODES);
  });

  it('documents every error code', () => {
    const doc = readFileSync(`${root}docs/configuration.md`, 'utf8');
    for (const code of Object.keys(CONFIG_ERROR_CODES)) expect(doc).toContain(`| \`${code}\` |`);
  });
});

/** Every object schema under `s` with its path. */
function objects(s: Schema, path: string, out: [string, Schema][] = []): [string, Schema][] {
  if (s.type === 'object') out.push([path, s]);
  for (const [k, p] of Object.entries(s.properties ?? {})) objects(p, `${path}.${k}`, out);
  for (const p of Object.values(s.patternProperties ?? {})) objects(p, `${path}.<name>`, out);
  if (s.items) objects(s.items, `${path}[]`, out);
  return out;
}

describe('the schemas', () => {
  const all = objects(fileSchema, '');
  it('close every object (unknown keys are errors)', () => {
    expect(all.filter(([, s]) => s.additionalProperties !== false).map(([p]) => p)).toEqual([]);
  });
  it('describe every property', () => {
    const missing = all.flatMap(([p, s]) => Object.entries(s.properties ?? {}).filter(([, prop]) => !prop.description).map(([k]) => `${p}.${k}`));
    expect(missing).toEqual([]);
  });
});
