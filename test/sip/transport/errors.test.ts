import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definedErrors } from '../../../src/core/errors.js';
import '../../../src/sip/transport/index.js';

describe('transport error codes', () => {
  it('docs/sip-transports.md lists exactly the codes src/sip/transport defines, in order', () => {
    const doc = readFileSync(new URL('../../../docs/sip-transports.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(GW_ERR_SIP_TRANSPORT_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    const defined = [...definedErrors().keys()].filter((code) => code.startsWith('GW_ERR_SIP_TRANSPORT_'));
    expect(defined).toHaveLength(8);
    expect(documented).toEqual(defined);
  });
});
