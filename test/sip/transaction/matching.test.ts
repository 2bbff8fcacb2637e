// The matching rules as pure functions: RFC 3261 §17.1.3, §17.2.3, §9.2.
import { describe, expect, it } from 'vitest';
import {
  cancelledKey,
  cancelsRfc2543,
  clientKey,
  hasMagicCookie,
  matchesRfc2543,
  responseKey,
  serverKey,
} from '../../../src/sip/transaction/matching.js';
import { req, res } from './harness.js';

const legacy = (method: string, fields = {}) => req(method, { branch: undefined, topVia: 'SIP/2.0/UDP 192.0.2.10:5060', ...fields });

describe('matching', () => {
  it('recognises the magic cookie, case and all', () => {
    expect([hasMagicCookie('z9hG4bK776'), hasMagicCookie('z9hg4bk776'), hasMagicCookie('776'), hasMagicCookie(undefined)]).toEqual([true, false, false, false]);
  });

  it('§17.1.3: a response names its client transaction by branch and CSeq method', () => {
    const invite = req('INVITE', { branch: 'z9hG4bK1' });
    expect(responseKey(res(invite, 180))).toBe(clientKey('z9hG4bK1', 'INVITE'));
    expect(responseKey(res(req('CANCEL', { branch: 'z9hG4bK1' }), 200))).toBe(clientKey('z9hG4bK1', 'CANCEL'));
    expect(responseKey(res(invite, 180, { branch: undefined }))).toBeUndefined();
  });

  it('§17.2.3: with the cookie, branch + sent-by + method; an ACK names its INVITE', () => {
    const invite = serverKey(req('INVITE', { branch: 'z9hG4bK1' }));
    expect(invite).toBeDefined();
    expect(serverKey(req('ACK', { branch: 'z9hG4bK1' }))).toBe(invite);
    expect(serverKey(req('INVITE', { branch: 'z9hG4bK1', sentBy: '192.0.2.99' }))).not.toBe(invite);
    expect(serverKey(req('CANCEL', { branch: 'z9hG4bK1' }))).not.toBe(invite);
    expect(serverKey(req('INVITE', { branch: 'z9hG4bK2' }))).not.toBe(invite);
    expect(serverKey(legacy('INVITE'))).toBeUndefined();
    expect(serverKey(req('INVITE', { branch: 'abc' }))).toBeUndefined();
  });

  it('§9.2: a CANCEL names the INVITE with its branch and sent-by', () => {
    expect(cancelledKey(req('CANCEL', { branch: 'z9hG4bK1' }))).toBe(serverKey(req('INVITE', { branch: 'z9hG4bK1' })));
    expect(cancelledKey(legacy('CANCEL'))).toBeUndefined();
  });

  describe('RFC 2543 fallback (§17.2.3)', () => {
    const invite = legacy('INVITE');

    it('matches the same request, and nothing that differs in a compared field', () => {
      expect(matchesRfc2543(invite, undefined, invite)).toBe(true);
      const differing = [
        { requestUri: 'sip:other@gw.example.net' },
        { toTag: 'x' },
        { fromTag: 'x' },
        { callId: 'x' },
        { cseq: { seq: 2, method: 'INVITE' } },
        { topVia: 'SIP/2.0/UDP 192.0.2.11:5060' },
      ];
      for (const fields of differing) expect(matchesRfc2543(invite, undefined, { ...invite, ...fields })).toBe(false);
      expect(matchesRfc2543(invite, undefined, legacy('OPTIONS'))).toBe(false);
    });

    it('matches an ACK by CSeq number (not method) and the To tag of the response sent', () => {
      const ack = legacy('ACK', { cseq: { seq: 1, method: 'ACK' }, toTag: 'callee' });
      expect(matchesRfc2543(invite, 'callee', ack)).toBe(true);
      expect(matchesRfc2543(invite, 'other', ack)).toBe(false);
      expect(matchesRfc2543(invite, 'callee', { ...ack, cseq: { seq: 2, method: 'ACK' } })).toBe(false);
      const options = legacy('OPTIONS');
      expect(matchesRfc2543(options, 'callee', { ...ack, cseq: { seq: 1, method: 'ACK' } })).toBe(false);
    });

    it('matches a CANCEL to the INVITE it would match as an INVITE', () => {
      const cancel = legacy('CANCEL');
      expect(cancelsRfc2543(invite, cancel)).toBe(true);
      expect(cancelsRfc2543(invite, { ...cancel, cseq: { seq: 2, method: 'CANCEL' } })).toBe(false);
      expect(cancelsRfc2543(invite, { ...cancel, toTag: 'x' })).toBe(false);
      expect(cancelsRfc2543(legacy('OPTIONS'), cancel)).toBe(false);
    });
  });
});
