// The readers of the usual shapes (src/sip/message/scan.ts: compiled regular expressions plus
// checks on their captures) only accept: whatever they read, the full grammar reads the same way,
// to the same value; whatever they decline goes to the full grammar. Checked on tables and on
// generated values, formatted and then mangled.
import { isIPv4 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatFromTo,
  formatNameAddr,
  formatUri,
  formatVia,
  parseCallId,
  parseContact,
  parseContentType,
  parseRoute,
  parseUri,
  type SipUri,
} from '../../src/sip/message/index.js';
import { isSimpleContact } from '../../src/sip/message/contact.js';
import { digitsValue } from '../../src/sip/message/chars.js';
import { isSimpleContentType } from '../../src/sip/message/content-type.js';
import { fullFromTo, simpleFromTo } from '../../src/sip/message/from-to.js';
import { isIPv4Range } from '../../src/sip/message/host.js';
import { nameAt, headerKey } from '../../src/sip/message/header-names.js';
import { parseFieldLines } from '../../src/sip/message/header-section.js';
import { fullNameAddr, simpleNameAddr } from '../../src/sip/message/name-addr.js';
import { isSimpleRoute } from '../../src/sip/message/route.js';
import {
  ADDRESS_COMMON,
  FROM_TO_COMMON,
  hostOk,
  matchSipUri,
  nameAddrList,
  nameAddrOk,
  nameIs,
  ParamMarks,
  portOk,
  REQUEST_LINE_COMMON,
  splitParams,
  VIA_COMMON,
} from '../../src/sip/message/scan.js';
import { parseSipUri, simpleSipUri } from '../../src/sip/message/sip-uri.js';
import { parseStartLine } from '../../src/sip/message/start-line.js';
import { fullViaParm, simpleViaParm } from '../../src/sip/message/via.js';
import { fromTo, host, nameAddr, token, uri, via } from './arbitraries.js';
import { valueOf } from './helpers.js';

/** Text with its chars sometimes replaced or doubled by chars the grammars care about. */
function mangle(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const special = fc.constantFrom(...'<>"\\;,=?&%[]: \t/@.-_!~*Aa09:;'.split(''), '\u00e9', '\u0100', '\r');
  const edits = fc.oneof(fc.constant([]), fc.array(fc.tuple(fc.nat(), special, fc.boolean()), { minLength: 1, maxLength: 3 }));
  return fc.tuple(text, edits).map(([t, edits]) => {
    let out = t;
    for (const [at, c, insert] of edits) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + c + out.slice(insert ? i : i + 1);
    }
    return out;
  });
}

const RUNS = { numRuns: 3000 };

// Text of the usual shapes (and near them), built from parts that often break one rule or another.
const pick = (...xs: string[]): fc.Arbitrary<string> => fc.constantFrom(...xs);
const hostText = fc.oneof(
  { arbitrary: host, weight: 4 },
  pick('192.0.2.1', '198.51.100.20', '10.0.0.255', '1.2.3', '256.1.1.1', '01.2.3.4', '123', 'a-.example.com', 'x_y.example', 'host.', '[2001:db8::1]'),
);
const portText = fc.option(fc.oneof(fc.integer({ min: 0, max: 70000 }).map(String), pick('05060', '', '123456')), { nil: undefined });
const paramName = pick('user', 'lr', 'transport', 'tag', 'Tag', 'expires', 'EXPIRES', 'branch', 'Branch', 'received', 'rport', 'maddr', 'ttl', 'x', 'X', 'q');
const paramValue = fc.option(
  fc.oneof({ arbitrary: token, weight: 3 }, pick('phone', 'udp', 'z9hG4bK74bf9', '192.0.2.10', '5060', '70000', '255', '256', '2001:db8::1', '[::1]', 'a.b.c', '"quoted"', '3600', 'soon')),
  { nil: undefined },
);
const paramsText = fc
  .uniqueArray(fc.tuple(paramName, paramValue), { maxLength: 3, selector: ([n]) => n })
  .map((ps) => ps.map(([n, v]) => (v === undefined ? `;${n}` : `;${n}=${v}`)).join(''));
const usualUri = fc
  .tuple(fc.option(fc.oneof(token, pick('+33123456789', 'a;b', 'a%40b', 'user:pw', 'a,b')), { nil: undefined }), hostText, portText, paramsText)
  .map(([user, h, port, params]) => `${user === undefined ? '' : `${user}@`}${h}${port === undefined ? '' : `:${port}`}${params}`);
const usualNameAddr = fc
  .tuple(fc.option(pick('"Alice Martin"', '"Alice Martin"', '"Alice Martin"', '""', '"a \\"b\\" c"', '"x\\', 'Bob', '"tab\there"'), { nil: undefined }), pick('', ' ', '  '), usualUri, paramsText)
  .map(([display, lws, u, params]) => `${display === undefined ? '' : `${display}${lws}`}<sip:${u}>${params}`);
const usualVia = fc
  .tuple(pick('UDP', 'tcp', 'TLS', 'WSS', 'X-1'), hostText, portText, paramsText)
  .map(([t, h, port, params]) => `SIP/2.0/${t} ${h}${port === undefined ? '' : `:${port}`}${params}`);
const sipUriText = fc.oneof(usualUri, uri.filter((u): u is SipUri => u.kind === 'sip' && !u.secure).map((u) => formatUri(u).slice(4)));

describe('IPv4 address in a range of text', () => {
  it('is what node:net reads as one in the slice, whatever follows the range', () => {
    expect(isIPv4Range('x1.2.3.45', 1, 8)).toBe(true);
    expect(isIPv4Range('x1.2.3.45', 1, 9)).toBe(true);
    expect(isIPv4Range('1.2.3.255', 0, 8)).toBe(true);
    expect(isIPv4Range('1.2.3.256', 0, 9)).toBe(false);
    expect(isIPv4Range('1.2.3.4.5', 0, 9)).toBe(false);
    const text = fc.array(fc.constantFrom(...'0123456789.....;x'.split(''), '25', '255', '256', '199', '00'), { maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const from = a % (t.length + 1);
        const to = from + (b % (t.length - from + 1));
        expect(isIPv4Range(t, from, to)).toBe(isIPv4(t.slice(from, to)));
      }),
      RUNS,
    );
  });
});

describe('SIP URI', () => {
  it.each([
    ['alice@atlanta.example.com', true],
    ['+33123456789@pbx.example.com;user=phone', true],
    ['gw@203.0.113.5:5060;transport=udp', true],
    ['host.example.com.', true],
    ['192.0.2.1:65535', true],
    ['192.0.2.1:65536', false],
    ['192.0.2.256', false],
    ['0192.0.2.1', false],
    ['host-.example.com', false],
    ['-host.example.com', false],
    ['a;lr;LR', false],
    ['a;x=1;y=2;X=3', false],
    ['a%40b@host', false],
    ['[2001:db8::1]', false],
    ['a@b@c', false],
    ['user:pw@host', false],
    ['host?subject=x', false],
  ])('%j is read by the usual reader: %s', (text, usual) => {
    expect(matchSipUri(text, 0, new ParamMarks()) !== null).toBe(usual);
    if (usual) expect(simpleSipUri(text, 0, text.length, false)).toStrictEqual(parseSipUri(text, false));
  });

  it('the usual reader agrees with parseSipUri on generated and mangled URIs', () => {
    let read = 0;
    fc.assert(
      fc.property(mangle(sipUriText), (rest) => {
        const simple = simpleSipUri(rest, 0, rest.length, false);
        if (simple !== undefined) read++;
        if (simple !== undefined) expect(simple).toStrictEqual(parseSipUri(rest, false));
      }),
      RUNS,
    );
    // Enough of them are of the usual shape (and read by it) for the comparison to mean something.
    expect(read).toBeGreaterThan(RUNS.numRuns / 100);
  });
});

describe('name-addr, From and To', () => {
  it.each([
    ['"Alice Martin" <sip:+33123456789@pbx.example.com;user=phone>;tag=9fxced76sl', true],
    ['"a \\"quoted\\" name"<sip:a@b>', true],
    ['<sip:a@b;lr>;x=1;y', true],
    ['Alice <sip:a@b>', false],
    ['<sip:a@b> ;tag=1', false],
    ['<sips:a@b>', false],
    ['<sip:a@b>;tag="q"', false],
    ['<sip:a@b>;tag=1;TAG=2', false],
    ['"unterminated <sip:a@b>', false],
  ])('%j is read by the usual reader: %s', (text, usual) => {
    expect(simpleNameAddr(text) !== undefined).toBe(usual);
    if (usual) expect(simpleNameAddr(text)).toStrictEqual(valueOf(fullNameAddr(text)));
  });

  it.each([
    ['<sip:a@b>;tag=t9', true],
    ['"Alice \\"A\\"" <sip:+331@pbx.example.com;user=phone>;tag=9fxced76sl', true],
    ['"A"<sip:a@b:5060;user=phone>', true],
    ['<sip:gw.example.net>', true],
    ['<sip:a@b>;tag=', false],
    ['<sip:a@b>;tag=[::1]', false],
    ['<sip:a@256.1.1.1>;tag=t', false],
    ['<sip:a@b:65536>;tag=t', false],
    ['<sip:a@b;lr;LR>;tag=t', false],
    ['<sip:a@b>;tag=t;tag=u', false],
  ])('the commonest From/To (FROM_TO_COMMON) %j agrees with the full grammar (read: %s)', (text, read) => {
    expect(FROM_TO_COMMON.test(text) || !read).toBe(true);
    const simple = simpleFromTo(text);
    expect(simple !== undefined).toBe(read);
    if (simple !== undefined) expect(simple).toStrictEqual(valueOf(fullFromTo(text)));
  });

  it('the From/To reader takes the tag written `tag` with a token value, and leaves the rest to the full grammar', () => {
    expect(simpleFromTo('<sip:a@b>;x=1;tag=t9;y')).toStrictEqual(valueOf(fullFromTo('<sip:a@b>;x=1;tag=t9;y')));
    expect(simpleFromTo('<sip:a@b>;Tag=t9')).toBeUndefined();
    expect(simpleFromTo('<sip:a@b>;tag')).toBeUndefined();
    expect(simpleFromTo('<sip:a@b>;tag=[::1]')).toBeUndefined();
  });

  it('agree with the full grammar on generated and mangled values', () => {
    const text = mangle(fc.oneof({ arbitrary: usualNameAddr, weight: 4 }, nameAddr.map(formatNameAddr), fromTo.map(formatFromTo)));
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        const simple = simpleNameAddr(t);
        if (simple !== undefined) expect(simple).toStrictEqual(valueOf(fullNameAddr(t)));
        const ft = simpleFromTo(t);
        if (ft !== undefined) read++;
        if (ft !== undefined) expect(ft).toStrictEqual(valueOf(fullFromTo(t)));
      }),
      RUNS,
    );
    expect(read).toBeGreaterThan(RUNS.numRuns / 100);
  });
});

describe('Via', () => {
  it.each([
    ['SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport', true],
    ['SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport=5060;received=192.0.2.10', true],
    ['SIP/2.0/tcp h.example.com;ttl=255;maddr=224.2.0.1;x;y=[::1]', true],
    ['SIP/2.0/UDP h;received=2001:db8::1', true],
    ['SIP/2.0/UDP h;ttl=256', false],
    ['SIP/2.0/UDP h;Branch=x', false],
    ['SIP/2.0/UDP h;rport=70000', false],
    ['SIP/2.0/UDP h;received=h.example.com', false],
    ['SIP/2.0/UDP h;branch="x"', false],
    ['SIP/2.0/UDP  h', false],
    ['SIP/2.0/UDP h:', false],
    ['SIP/2.0/UDP [2001:db8::1]:5060', false],
    // The commonest shape (VIA_COMMON) and its near misses.
    ['SIP/2.0/WS h.example.com;branch=z9hG4bK1;rport;received=10.0.0.1', true],
    ['SIP/2.0/TCP h;branch=z9hG4bK1;rport=05060', true],
    ['SIP/2.0/UDP 1.2.3.4:65535;branch=b;received=255.255.255.255', true],
    ['SIP/2.0/UDP h:65536;branch=b', false],
    ['SIP/2.0/UDP h;branch=b;rport=65536', false],
    ['SIP/2.0/UDP h;branch=b;received=192.0.2.256', false],
    ['SIP/2.0/UDP h;branch=b;received=192.0.2.01', false],
    ['SIP/2.0/UDP 256.1.1.1;branch=b', false],
    ['SIP/2.0/UDP h;branch=b;rport=', false],
    ['SIP/2.0/UDP h;branch=b;rport;rport', false],
    ['SIP/2.0/UDP h;branch=b;received=10.0.0.1;rport', true],
  ])('%j is read by the usual reader: %s', (text, usual) => {
    expect(simpleViaParm(text) !== undefined).toBe(usual);
    if (usual) expect(simpleViaParm(text)).toStrictEqual(valueOf(fullViaParm(text)));
  });

  it('agrees with the full grammar on generated and mangled via-parms', () => {
    let read = 0;
    fc.assert(
      fc.property(mangle(fc.oneof(usualVia, via.map(formatVia))), (t) => {
        const simple = simpleViaParm(t);
        if (simple !== undefined) read++;
        if (simple !== undefined) expect(simple).toStrictEqual(valueOf(fullViaParm(t)));
      }),
      RUNS,
    );
    expect(read).toBeGreaterThan(RUNS.numRuns / 100);
  });

  it('agrees with the full grammar on the commonest shape (branch, rport, received), generated and mangled', () => {
    const common = fc
      .tuple(
        pick('UDP', 'TCP', 'TLS', 'SCTP', 'WS', 'WSS', 'udp'),
        hostText,
        portText,
        fc.oneof(token, pick('z9hG4bK74bf9', '', '"x"')),
        fc.option(fc.option(fc.oneof(portText, pick('5060', '65535', '65536', '99999', '00000')), { nil: undefined }), { nil: null }),
        fc.option(pick('192.0.2.10', '255.255.255.255', '0.0.0.0', '1.2.3.256', '01.2.3.4', '1.2.3', '2001:db8::1', 'h.example'), { nil: undefined }),
      )
      .map(([t, h, port, branch, rport, received]) => {
        const rportText = rport === null ? '' : rport === undefined ? ';rport' : `;rport=${rport}`;
        return `SIP/2.0/${t} ${h}${port === undefined ? '' : `:${port}`};branch=${branch}${rportText}${received === undefined ? '' : `;received=${received}`}`;
      });
    let read = 0;
    fc.assert(
      fc.property(mangle(common), (t) => {
        const simple = simpleViaParm(t);
        if (simple !== undefined) read++;
        if (simple !== undefined) expect(simple).toStrictEqual(valueOf(fullViaParm(t)));
        // The commonest shape, valid, is never left to the full grammar.
        else expect(VIA_COMMON.test(t) && fullViaParm(t).ok).toBe(false);
      }),
      RUNS,
    );
    expect(read).toBeGreaterThan(RUNS.numRuns / 20);
  });
});

describe('digitsValue', () => {
  it('is Number for any string of digits: leading zeros, 15 digits read by its loop, more by Number', () => {
    for (const d of ['0', '007', '5060', '65535', '4294967295', '999999999999999', '9007199254740993', '00000000000000000001']) expect(digitsValue(d)).toBe(Number(d));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,25}$/), (d) => {
        expect(digitsValue(d)).toBe(Number(d));
      }),
      RUNS,
    );
  });
});

describe('Request-Line', () => {
  it('the commonest (REQUEST_LINE_COMMON) is read as the full grammar reads it, and its near misses are left to it', () => {
    for (const line of ['INVITE sip:a@1.2.3.256 SIP/2.0', 'INVITE sip:a@b:65536 SIP/2.0', 'INVITE sip:a@b;lr;x SIP/2.0', 'INVITE sip:a@b SIP/2.1', 'INVITE  sip:a@b SIP/2.0']) {
      expect(REQUEST_LINE_COMMON.test(line)).toBe(false);
    }
    expect(REQUEST_LINE_COMMON.test('INVITE sip:+33612345678@gw.tandem.example.net;user=phone SIP/2.0')).toBe(true);
    let read = 0;
    fc.assert(
      fc.property(mangle(fc.tuple(pick('INVITE', 'ACK', 'BYE', 'REGISTER', 'X-Y'), usualUri).map(([m, u]) => `${m} sip:${u} SIP/2.0`)), (line) => {
        const m = REQUEST_LINE_COMMON.exec(line);
        if (m === null) return;
        read++;
        const method = m[1] ?? '';
        const uriText = m[2] ?? '';
        expect(valueOf(parseStartLine(line, 0))).toStrictEqual({ kind: 'request', method, uri: uriText });
        // What the full grammar gives for the URI: a SIP URI without headers.
        const parsed = valueOf(parseUri(uriText));
        expect(parsed.kind === 'sip' && parsed.headers.length === 0).toBe(true);
        expect(matchSipUri(uriText, 4, new ParamMarks())).not.toBeNull();
      }),
      RUNS,
    );
    expect(read).toBeGreaterThan(RUNS.numRuns / 20);
  });
});

describe('headers checked without building their values', () => {
  it.each([
    ['<sip:gw@203.0.113.5:5060;transport=udp>', 1],
    ['<sip:a@b>;expires=3600, "B" <sip:c@d>;q=0.5', 2],
    ['<sip:a@b>;expires=soon', 0],
    ['<sip:a@b>;EXPIRES=1', 0],
    ['*', 0],
    ['sip:a@b', 0],
    ['<sip:a@b>,', 0],
  ])('Contact %j: %d', (text, n) => {
    expect(isSimpleContact(text)).toBe(n);
    if (n > 0) expect(valueOf(parseContact(text))).toHaveLength(n);
  });

  it.each([
    ['<sip:203.0.113.5:5060;lr>', 1],
    ['<sip:p1.example.com;lr> , <sip:p2.example.com;lr>', 2],
    ['<sip:p1.example.com;lr;lr>', 0],
    ['sip:p1.example.com;lr', 0],
  ])('Route %j: %d', (text, n) => {
    expect(isSimpleRoute(text)).toBe(n);
    if (n > 0) expect(valueOf(parseRoute(text))).toHaveLength(n);
  });

  it.each([
    ['application/sdp', 1],
    ['multipart/mixed;boundary=unique-boundary-1', 1],
    ['application/isup;version=itu-t92+;base=itu-t92+', 1],
    ['application/isup;version=1;Version=2', 0],
    ['text/plain;charset', 0],
    ['text/plain ;charset=x', 0],
    ['text/plain;charset="x"', 0],
  ])('Content-Type %j: %d', (text, n) => {
    expect(isSimpleContentType(text)).toBe(n);
    if (n > 0) expect(parseContentType(text).ok).toBe(true);
  });

  it('the commonest address (ADDRESS_COMMON, tested without captures) is the usual reader\'s and the full parsers\' single address', () => {
    const marks = new ParamMarks();
    const usualReader = (t: string): number => nameAddrList(t, (m) => nameAddrOk(m, marks));
    for (const t of ['<sip:1.2.3.256>', '<sip:1.2.3.4.>', '<sip:01.2.3.4>', '<sip:a@b:65536>', '<sip:a@b:99999>', '<sip:1.2.3>', '<sip:a@b;lr;lr>', '<sip:a@b>;expires=1', '"A" <sip:a@b>']) {
      expect(ADDRESS_COMMON.test(t)).toBe(false);
    }
    for (const t of ['<sip:a@b:65535>', '<sip:a@b:00080>', '<sip:1a.2.3.4>', '<sip:203.0.113.5:5060;lr>', '<sip:h.example.com.;transport=udp>']) {
      expect(ADDRESS_COMMON.test(t)).toBe(true);
    }
    let read = 0;
    fc.assert(
      fc.property(mangle(usualUri.map((u) => `<sip:${u}>`)), (t) => {
        const common = ADDRESS_COMMON.test(t);
        if (common) read++;
        if (common) {
          expect(usualReader(t)).toBe(1);
          expect(valueOf(parseRoute(t))).toHaveLength(1);
          expect(valueOf(parseContact(t))).toHaveLength(1);
        } else if (/^<sip:[^;]*(;[^;]*)?>$/.test(t)) {
          // At most one ";": no second URI parameter, no header parameter; nothing before "<".
          expect(usualReader(t)).toBe(0);
        }
      }),
      RUNS,
    );
    expect(read).toBeGreaterThan(RUNS.numRuns / 20);
  });

  it('accept only what the full parsers accept, with as many elements', () => {
    const text = mangle(
      fc.array(fc.tuple(fc.oneof({ arbitrary: usualNameAddr, weight: 6 }, nameAddr.map(formatNameAddr)), pick(',', ', ', ' ,')), { minLength: 1, maxLength: 3 }).map((xs) => xs.map(([a, comma], i) => (i === 0 ? a : `${comma}${a}`)).join('')),
    );
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        const contacts = isSimpleContact(t);
        if (contacts > 0) expect(valueOf(parseContact(t))).toHaveLength(contacts);
        const routes = isSimpleRoute(t);
        if (routes > 0) read++;
        if (routes > 0) expect(valueOf(parseRoute(t))).toHaveLength(routes);
      }),
      RUNS,
    );
    expect(read).toBeGreaterThan(RUNS.numRuns / 100);
    const mediaType = mangle(fc.constantFrom('application/sdp', 'multipart/mixed;boundary=b1', 'application/isup;version=itu-t92+;base=itu-t92+'));
    fc.assert(
      fc.property(mediaType, (t) => {
        if (isSimpleContentType(t) > 0) expect(parseContentType(t).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('Call-ID: the compiled expression accepts exactly word [ "@" word ]', () => {
    const WORD = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+$/;
    const reference = (t: string): boolean => t.split('@').length <= 2 && t.split('@').every((w) => WORD.test(w));
    fc.assert(
      fc.property(mangle(fc.constantFrom('3848276298220188511@192.0.2.10', 'a84b4c76e66710', 'x@y')), (t) => {
        expect(parseCallId(t).ok).toBe(reference(t));
      }),
      RUNS,
    );
  });
});

describe('parts checked on the captures', () => {
  it.each([
    ['example.com', true],
    ['192.0.2.1', true],
    ['1.2.3', false],
    ['1.2.3.04', false],
    ['300.1.1.1', false],
    ['1host.example', true],
    ['123', false],
  ])('host %j: %s', (host, ok) => {
    expect(hostOk(host)).toBe(ok);
  });

  it.each([
    [undefined, true],
    ['0', true],
    ['65535', true],
    ['65536', false],
    ['99999', false],
  ])('port %j: %s', (port, ok) => {
    expect(portOk(port)).toBe(ok);
  });

  it('splitParams marks names and values, and refuses a name given twice in any case', () => {
    const marks = new ParamMarks();
    expect(splitParams(';a=1;lr;b=x:y', marks)).toBe(3);
    expect([...marks.at.slice(0, 12)]).toEqual([1, 2, 3, 4, 5, 7, -1, 7, 8, 9, 10, 13]);
    expect(nameIs(';LR', marks, 0, 'lr')).toBe(0);
    splitParams(';LR', marks);
    expect(nameIs(';LR', marks, 0, 'lr')).toBe(2);
    expect(splitParams(';a;A', marks)).toBe(-1);
    expect(splitParams(';a'.repeat(17).replace(/a/g, (_, i: number) => `p${i}`), marks)).toBe(-1);
  });
});

describe('header lines', () => {
  it('nameAt keys the usual names in any case, and only exact spellings keep their name', () => {
    expect(nameAt('xVia:', 1, 4)).toEqual({ key: 'via', spelling: 'Via', slot: 0 });
    // Only text[from, to) counts: the same letters before or after it do not.
    expect(nameAt('Call-IDs', 0, 7)).toEqual({ key: 'call-id', spelling: 'Call-ID', slot: 6 });
    expect(nameAt('Call-ID', 0, 6)).toBeUndefined();
    // Same length and initial as a usual name, other letters.
    expect(nameAt('Vib', 0, 3)).toBeUndefined();
    expect(nameAt('CSeQ', 0, 4)).toEqual({ key: 'cseq', spelling: undefined, slot: 7 });
    expect(nameAt('VIA', 0, 3)).toEqual({ key: 'via', spelling: undefined, slot: 0 });
    expect(nameAt('l', 0, 1)).toEqual({ key: 'content-length', spelling: 'l', slot: 10 });
    expect(nameAt('L', 0, 1)?.key).toBe('content-length');
    expect(nameAt('X-Custom', 0, 8)).toBeUndefined();
    // A char that is not a letter never matches a letter of the name.
    expect(nameAt('V\u0009a', 0, 3)).toBeUndefined();
  });

  it('agree with headerKey on generated names', () => {
    const names = fc.oneof(
      fc.constantFrom('Via', 'v', 'CALL-id', 'Call-Id', 'cseq', 'Record-Route', 'Max-Forwards', 'Content-Length', 'l', 'X-Foo', 'Min-SE', 'Subject'),
      fc.string({ unit: fc.constantFrom(...'aAvVlLiI-.!%*_+`\'~09'.split('')), minLength: 1, maxLength: 14 }),
    );
    fc.assert(
      fc.property(names, (name) => {
        const found = nameAt(name, 0, name.length);
        if (found !== undefined) expect(found.key).toBe(headerKey(name));
        const fields = valueOf(parseFieldLines(`${name}: x`, 0));
        expect(fields[0]?.name).toBe(name);
      }),
      RUNS,
    );
  });
});
