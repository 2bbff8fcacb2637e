// RSeq and RAck (RFC 3262 §7.1, §7.2).
import { describe, expect, it } from 'vitest';
import { formatRAck, parseRAck, parseRSeq } from '../../../src/sip/dialog/rseq.js';

describe('RSeq and RAck', () => {
  it('parses and formats', () => {
    expect(parseRSeq('988789')).toEqual({ ok: true, value: 988789 });
    expect(parseRAck('776656 1 INVITE')).toEqual({ ok: true, value: { rseq: 776656, cseq: 1, method: 'INVITE' } });
    expect(parseRAck('1  2\tINVITE')).toMatchObject({ ok: true, value: { rseq: 1, cseq: 2 } });
    expect(formatRAck({ rseq: 5, cseq: 314159, method: 'INVITE' })).toBe('5 314159 INVITE');
  });

  it.each(['0', '4294967296', 'x', '', '1 2'])('rejects RSeq %j', (value) => {
    expect(parseRSeq(value)).toMatchObject({ ok: false, error: { code: 'SIP_BAD_HEADER', header: 'RSeq' } });
  });

  it.each(['1 1', '1 x INVITE', '0 1 INVITE', '1 1 INVITE extra', '1 1 IN;VITE'])('rejects RAck %j', (value) => {
    expect(parseRAck(value)).toMatchObject({ ok: false, error: { code: 'SIP_BAD_HEADER', header: 'RAck' } });
  });
});
