// docs/errors.md lists every error code the gateway defines, with its title, and no others.
// Every module under src/ that calls defineError() is found and loaded, so a new module
// cannot be forgotten here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { definedErrors } from '../../src/core/errors.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

function definingModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return definingModules(p);
    return e.name.endsWith('.ts') && /\bdefineError\(/.test(readFileSync(p, 'utf8')) ? [p] : [];
  });
}

describe('docs/errors.md', () => {
  beforeAll(async () => {
    for (const m of definingModules(src)) await import(pathToFileURL(m).href);
  });

  it('lists exactly the defined codes, each with its title', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const listed = [...doc.matchAll(/^\| `(GW_ERR_[A-Z0-9_]+)` \| ([^|]+?) \|/gm)].map((m) => [m[1], m[2]]);
    expect(new Map(listed as [string, string][])).toEqual(definedErrors());
  });
});
