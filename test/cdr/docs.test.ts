// docs/cdr.md documents every CDR field, in record order and with its type, and every
// GW_ERR_CDR_* code; nothing more.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definedErrors } from '../../src/core/errors.js';
import '../../src/cdr/errors.js';
import { CDR_FIELD_KINDS, CDR_FIELDS, type FieldKind } from '../../src/cdr/record.js';

const doc = readFileSync(new URL('../../docs/cdr.md', import.meta.url), 'utf8');

/** The rows of the table under `## heading`: first cell (unquoted) and second cell. */
function tableRows(heading: string): [string, string][] {
  const section = doc.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \| ([^|]+?) \|/gm)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

/** How the table writes a field's type. */
function typeText(kind: FieldKind): string {
  if (kind.values) return `${kind.values.map((v) => `\`${v}\``).join(', ')}${kind.nullable ? ', or null' : ''}`;
  return `${kind.type === 'int' ? 'integer' : 'string'}${kind.nullable ? ' or null' : ''}`;
}

describe('docs/cdr.md', () => {
  it('has one row per record field, in record order, each with its type', () => {
    expect(tableRows('Fields')).toEqual(CDR_FIELDS.map((f) => [f, typeText(CDR_FIELD_KINDS[f])]));
  });

  it('lists exactly the GW_ERR_CDR_* codes', () => {
    const codes = [...definedErrors().keys()].filter((c) => c.startsWith('GW_ERR_CDR_'));
    expect(tableRows('Errors').map(([code]) => code).sort()).toEqual(codes.sort());
  });
});
