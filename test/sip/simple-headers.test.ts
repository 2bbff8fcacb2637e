// Headers with small grammars: CSeq, Max-Forwards, Content-Length, Call-ID, Allow/Supported/
// Require lists, Privacy, Reason, Date.
import { describe, expect, it } from 'vitest';
import {
  formatCSeq,
  formatDate,
  formatPrivacy,
  formatReason,
  parseCallId,
  parseContentLength,
  parseCSeq,
  parseDate,
  parseMaxForwards,
  parsePrivacy,
  parseReason,
  parseTokenList,
} from '../../src/sip/message/index.js';
import { errorOf, valueOf } from './helpers.js';

describe('CSeq', () => {
  it.each([
    ['314159 INVITE', 314159, 'INVITE'],
    ['0009 INVITE', 9, 'INVITE'],
    ['4294967295 BYE', 4294967295, 'BYE'],
    ['1\tNEWMETHOD', 1, 'NEWMETHOD'],
    ["139122385 !interesting-Method0123456789_*+`.%indeed'~", 139122385, "!interesting-Method0123456789_*+`.%indeed'~"],
  ])('%j', (text, seq, method) => {
    expect(valueOf(parseCSeq(text))).toEqual({ seq, method });
  });

  it.each(['', 'INVITE', '1', '1INVITE', '-1 INVITE', '1 INVITE BYE', '4294967296 INVITE', '36893488147419103232 REGISTER', '1 INV"ITE'])(
    'rejects %j',
    (text) => {
      expect(errorOf(parseCSeq(text)).code).toBe('SIP_BAD_CSEQ');
    },
  );

  it('formats', () => {
    expect(formatCSeq({ seq: 7, method: 'ACK' })).toBe('7 ACK');
  });
});

describe('Max-Forwards', () => {
  it.each([
    ['70', 70],
    ['0', 0],
    ['0068', 68],
    ['255', 255],
  ])('%j', (text, hops) => {
    expect(valueOf(parseMaxForwards(text))).toBe(hops);
  });

  it.each(['', '256', '300', '-1', '7 0', 'seventy'])('rejects %j', (text) => {
    expect(errorOf(parseMaxForwards(text)).code).toBe('SIP_BAD_HEADER');
  });
});

describe('Content-Length', () => {
  it.each([
    ['0', 0],
    ['00150', 150],
    ['9007199254740991', 9007199254740991],
  ])('%j', (text, length) => {
    expect(valueOf(parseContentLength(text))).toBe(length);
  });

  it.each(['', '-999', '+5', '1.5', '12 3', '9007199254740992'])('rejects %j', (text) => {
    expect(errorOf(parseContentLength(text)).code).toBe('SIP_BAD_CONTENT_LENGTH');
  });
});

describe('Call-ID', () => {
  it.each(['a84b4c76e66710@pc33.atlanta.example.com', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', 'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{'])(
    '%j',
    (text) => {
      expect(valueOf(parseCallId(text))).toBe(text);
    },
  );

  it.each(['', 'a@b@c', 'a b', '@host', 'id@', 'caf\u00e9'])('rejects %j', (text) => {
    expect(errorOf(parseCallId(text)).code).toBe('SIP_BAD_HEADER');
  });
});

describe('Allow / Supported / Require lists', () => {
  it.each([
    ['INVITE, ACK, OPTIONS, CANCEL, BYE', ['INVITE', 'ACK', 'OPTIONS', 'CANCEL', 'BYE']],
    ['100rel,timer ,  replaces', ['100rel', 'timer', 'replaces']],
    ['nothingSupportsThis, nothingSupportsThisEither', ['nothingSupportsThis', 'nothingSupportsThisEither']],
    ['', []],
    ['  ', []],
  ])('%j', (text, list) => {
    expect(valueOf(parseTokenList(text))).toEqual(list);
  });

  it.each(['INVITE,,BYE', 'INVITE,', 'IN VITE', '"x"'])('rejects %j', (text) => {
    expect(errorOf(parseTokenList(text)).code).toBe('SIP_BAD_HEADER');
  });
});

describe('Privacy', () => {
  it.each([
    ['id', ['id']],
    ['header;session;user', ['header', 'session', 'user']],
    ['None', ['none']],
    ['id ; critical', ['id', 'critical']],
  ])('%j', (text, values) => {
    expect(valueOf(parsePrivacy(text))).toEqual(values);
    expect(valueOf(parsePrivacy(formatPrivacy(values)))).toEqual(values);
  });

  it.each(['', 'id;', 'id;;user', 'i d'])('rejects %j', (text) => {
    expect(errorOf(parsePrivacy(text)).code).toBe('SIP_BAD_HEADER');
  });
});

describe('Reason (RFC 3326)', () => {
  it('parses protocol, cause and text', () => {
    expect(valueOf(parseReason('Q.850;cause=16;text="Normal call clearing"'))).toEqual([
      { protocol: 'Q.850', cause: 16, text: 'Normal call clearing', params: [] },
    ]);
  });

  it('parses a list with a comma inside the text, and other parameters', () => {
    expect(valueOf(parseReason('SIP ; cause=200 ; text="Call completed, elsewhere", Q.850;cause=31;location=LN'))).toEqual([
      { protocol: 'SIP', cause: 200, text: 'Call completed, elsewhere', params: [] },
      { protocol: 'Q.850', cause: 31, params: [{ name: 'location', value: 'LN' }] },
    ]);
  });

  it('accepts a token as text, and a protocol alone', () => {
    expect(valueOf(parseReason('Q.850;text=Busy'))).toEqual([{ protocol: 'Q.850', text: 'Busy', params: [] }]);
    expect(valueOf(parseReason('preemption'))).toEqual([{ protocol: 'preemption', params: [] }]);
  });

  it.each(['', 'Q.850;cause=abc', 'Q.850;cause', 'Q.850;text', 'Q 850;cause=1', 'Q.850;cause=1;text="unterminated', 'SIP;cause=200,'])(
    'rejects %j',
    (text) => {
      expect(errorOf(parseReason(text)).code).toBe('SIP_BAD_HEADER');
    },
  );

  it('round-trips, quoting and escaping the text', () => {
    const reasons = valueOf(parseReason('Q.850;cause=17;text="User \\"busy\\"";x=1, SIP;cause=480'));
    expect(formatReason(reasons[0] as never)).toBe('Q.850;cause=17;text="User \\"busy\\"";x=1');
    expect(valueOf(parseReason(reasons.map(formatReason).join(', ')))).toEqual(reasons);
  });
});

describe('Date', () => {
  it('parses an RFC 1123 GMT date, case-insensitively', () => {
    expect(valueOf(parseDate('Sat, 13 Nov 2010 23:29:00 GMT')).toISOString()).toBe('2010-11-13T23:29:00.000Z');
    expect(valueOf(parseDate('sat, 13 nov 2010 23:29:00 gmt')).toISOString()).toBe('2010-11-13T23:29:00.000Z');
  });

  it.each([
    'Fri, 01 Jan 2010 16:00:00 EST',
    'Sat, 13 Nov 2010 23:29:00',
    'Fri, 13 Nov 2010 23:29:00 GMT',
    'Mon, 31 Feb 2010 10:00:00 GMT',
    'Sat, 13 Nov 2010 24:00:00 GMT',
    'Sat, 13 Nov 2010 23:60:00 GMT',
    'Sat, 13 Nov 2010 23:00:60 GMT',
    'Sat, 13 Foo 2010 23:29:00 GMT',
    'Sat, 3 Nov 2010 23:29:00 GMT',
    '2010-11-13T23:29:00Z',
  ])('rejects %j', (text) => {
    expect(errorOf(parseDate(text)).code).toBe('SIP_BAD_HEADER');
  });

  it('formats and parses back', () => {
    const date = new Date(Date.UTC(2005, 9, 15, 4, 44, 56));
    expect(formatDate(date)).toBe('Sat, 15 Oct 2005 04:44:56 GMT');
    expect(valueOf(parseDate(formatDate(date)))).toEqual(date);
  });
});
