// docs/errors.md lists every error code the gateway defines, with its title, and no others.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definedErrors } from '../../src/core/errors.js';
// Loaded for their defineError() calls: every module that defines codes.
import '../../src/core/fsm.js';
import '../../src/sip/transaction/errors.js';

describe('docs/errors.md', () => {
  it('lists exactly the defined codes, each with its title', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const listed = [...doc.matchAll(/^\| `(GW_ERR_[A-Z0-9_]+)` \| ([^|]+?) \|/gm)].map((m) => [m[1], m[2]]);
    expect(new Map(listed as [string, string][])).toEqual(definedErrors());
  });
});
