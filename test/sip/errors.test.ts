import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { badRequestReason, SIP_ERROR_CODES } from '../../src/sip/message/index.js';

describe('error codes', () => {
  it('docs/sip-errors.md lists exactly the codes of SIP_ERROR_CODES', () => {
    const doc = readFileSync(new URL('../../docs/sip-errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(SIP_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...SIP_ERROR_CODES]);
  });

  it('the SipErrorCode doc comment lists every code', () => {
    const source = readFileSync(new URL('../../src/sip/message/errors.ts', import.meta.url), 'utf8');
    for (const code of SIP_ERROR_CODES) expect(source, code).toContain(` * - \`${code}\`: `);
  });
});

describe('badRequestReason', () => {
  it.each(SIP_ERROR_CODES)('%s gives wire-safe text', (code) => {
    const reason = badRequestReason({ code, message: 'detail "with" \\ quotes\r\n', header: 'Call-ID' });
    expect(reason).toMatch(/^[\x20-\x7e]+$/);
    expect(reason).not.toMatch(/["\\]/);
    expect(reason).not.toContain('detail');
  });

  it('names the header', () => {
    expect(badRequestReason({ code: 'SIP_MISSING_HEADER', message: '', header: 'Call-ID' })).toBe('Missing Call-ID Header');
    expect(badRequestReason({ code: 'SIP_DUPLICATE_HEADER', message: '', header: 'CSeq' })).toBe('Duplicate CSeq Header');
    expect(badRequestReason({ code: 'SIP_BAD_HEADER', message: '', header: 'To' })).toBe('Malformed To Header');
    expect(badRequestReason({ code: 'SIP_BAD_HEADER', message: '' })).toBe('Malformed Header Line');
    expect(badRequestReason({ code: 'SIP_BAD_URI', message: '' })).toBe('Malformed Request-URI');
    expect(badRequestReason({ code: 'SIP_BAD_URI', message: '', header: 'Contact' })).toBe('Malformed URI in Contact Header');
  });

  it('keeps only token characters of a header name', () => {
    expect(badRequestReason({ code: 'SIP_BAD_HEADER', message: '', header: 'X-"Evil"\r\nInjected: 1' })).toBe('Malformed X-EvilInjected1 Header');
  });
});
