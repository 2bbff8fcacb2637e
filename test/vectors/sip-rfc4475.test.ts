// RFC 4475 torture messages, read in place from ../shared/research-vectors/rfc4475 (not copied
// into this repository). index.tsv gives each file a class; this suite handles them so:
//
//   valid                      parseMessage succeeds (plus a check of what the RFC points at)
//   invalid                    parseMessage fails
//   invalid (liberal allowed)  parseMessage fails: we take the strict option the RFC allows,
//                              except baddate (see its entry)
//   transaction layer, application layer, backward compatibility, archive extra:
//                              decided per file below, with the reason in a comment
//
// Every message is parsed as one UDP datagram, as the RFC 4475 archive holds them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildMultipart,
  fieldValues,
  formatUri,
  frameMessage,
  getParam,
  parseContact,
  parseContentType,
  parseDate,
  parseFromTo,
  parseMaxForwards,
  parseMessage,
  parseMultipart,
  parseTokenList,
  parseUri,
  parseVia,
  readList,
  readOne,
  unquote,
  type ContactAddress,
  type SipError,
  type SipErrorCode,
  type SipMessage,
  type Uri,
} from '../../src/sip/message/index.js';
import type { Result } from '../../src/core/result.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dir = path.resolve(repoRoot, '../shared/research-vectors/rfc4475');
const read = (file: string): Buffer => readFileSync(path.join(dir, file));

interface Row {
  readonly file: string;
  readonly section: string;
  readonly klass: string;
}
const rows: Row[] = read('index.tsv')
  .toString('utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [file = '', section = '', , klass = ''] = line.split('\t');
    return { file, section, klass };
  });

/** What we expect of a file: it parses (then `check` runs), or it fails with `code`. */
type Expectation = { readonly parses: true; readonly check?: (m: SipMessage) => void } | { readonly code: SipErrorCode; readonly check?: () => void };

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const uriOf = (text: string): Uri => must(parseUri(text));
/** A single-valued header that must be present. */
function one<T>(m: SipMessage, name: string, parse: (value: string) => Result<T, SipError>): T {
  const value = must(readOne(m.headers, name, parse));
  if (value === undefined) throw new Error(`no ${name}`);
  return value;
}
const contacts = (m: SipMessage): ContactAddress[] => must(readList(m.headers, 'Contact', parseContact)).filter((c) => c !== '*');
const requestUri = (m: SipMessage): Uri => uriOf(m.kind === 'request' ? m.uri : '');

const expectations: Record<string, Expectation> = {
  // ---- valid: must parse ----
  'wsinv.dat': {
    parses: true,
    check: (m) => {
      expect(one(m, 'From', parseFromTo)).toMatchObject({ displayName: 'J Rosenberg \\"', tag: '98asjd8' });
      expect(one(m, 'To', parseFromTo).tag).toBe('1918181833n');
      expect(one(m, 'Max-Forwards', parseMaxForwards)).toBe(68);
      expect(must(readList(m.headers, 'Via', parseVia)).map((v) => v.branch)).toEqual(['390skdjuw', 'z9hG4bK9ikj8', 'z9hG4bK30239']);
      expect(contacts(m)[0]?.params).toEqual([{ name: 'newparam', value: 'newvalue' }, { name: 'secondparam' }, { name: 'q', value: '0.33' }]);
      expect(fieldValues(m.headers, 'NewFangledHeader')).toEqual(['newfangled value continued newfangled value']);
    },
  },
  'intmeth.dat': {
    parses: true,
    check: (m) => {
      const to = one(m, 'To', parseFromTo);
      expect(to.displayName).toBe('BEL:\u0007 NUL:\u0000 DEL:\u007f');
      const uri = requestUri(m);
      expect(uri.kind === 'sip' && [uri.user, uri.password]).toEqual(["1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"]);
    },
  },
  'esc01.dat': {
    parses: true,
    check: (m) => {
      const to = one(m, 'To', parseFromTo).uri;
      expect(to.kind === 'sip' && to.user).toBe('user');
      const uri = requestUri(m);
      expect(uri.kind === 'sip' && uri.user).toBe('sips:user@example.com');
      const contactUri = contacts(m)[0]?.uri;
      // n%61me=v%61lue%25%34%31 unescapes once to name=value%41, not to valueA.
      expect(contactUri?.kind === 'sip' && contactUri.params).toEqual([{ name: 'lr' }, { name: 'name', value: 'value%41' }]);
    },
  },
  'escnull.dat': {
    parses: true,
    check: (m) => {
      const users = contacts(m).map((c) => (c.uri.kind === 'sip' ? c.uri.user : ''));
      expect(users).toEqual(['\u0000', '\u0000\u0000']);
    },
  },
  'esc02.dat': {
    parses: true,
    check: (m) => {
      // An unknown method, not REGISTER; C%6Fntact is an extension header, so two Contacts.
      expect(m.kind === 'request' && m.method).toBe('RE%47IST%45R');
      expect(contacts(m)).toHaveLength(2);
      expect(one(m, 'From', parseFromTo).displayName).toBe('%Z%45');
    },
  },
  'lwsdisp.dat': { parses: true, check: (m) => expect(one(m, 'From', parseFromTo).displayName).toBe('caller') },
  'longreq.dat': {
    parses: true,
    check: (m) => {
      expect(must(readList(m.headers, 'Via', parseVia))).toHaveLength(34);
      expect(m.body).toHaveLength(150);
    },
  },
  // The REGISTER has Content-Length 0: the INVITE after it in the datagram is ignored.
  'dblreq.dat': { parses: true, check: (m) => expect(m).toMatchObject({ method: 'REGISTER', body: new Uint8Array() }) },
  'semiuri.dat': {
    parses: true,
    check: (m) => {
      const uri = requestUri(m);
      expect(uri.kind === 'sip' && [uri.user, uri.host]).toEqual(['user;par=u@example.net', 'example.com']);
    },
  },
  'transports.dat': {
    parses: true,
    check: (m) => expect(must(readList(m.headers, 'Via', parseVia)).map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']),
  },
  'mpart01.dat': {
    parses: true,
    check: (m) => {
      const ct = one(m, 'Content-Type', parseContentType);
      const parts = must(parseMultipart(m.body, unquote(getParam(ct.params, 'boundary')?.value ?? '')));
      expect(parts.map((p) => fieldValues(p.headers, 'Content-Type'))).toEqual([['text/plain'], ['application/octet-stream']]);
      expect(Buffer.from(parts[0]?.body ?? []).toString('latin1')).toBe('Hello');
      expect(parts[1]?.body.includes(0)).toBe(true);
      const rebuilt = buildMultipart(parts);
      expect(must(parseMultipart(rebuilt.body, rebuilt.boundary))).toEqual(parts);
    },
  },
  'unreason.dat': {
    parses: true,
    check: (m) => expect(m.kind === 'response' && Buffer.from(m.reason, 'latin1').toString('utf8')).toMatch(/^= 2\*\*3 \* 5\*\*2 \u043d\u043e/),
  },
  'noreason.dat': { parses: true, check: (m) => expect(m).toMatchObject({ kind: 'response', status: 100, reason: '' }) },

  // ---- invalid: must be rejected ----
  'badinv01.dat': { code: 'SIP_BAD_VIA' },
  'clerr.dat': { code: 'SIP_BODY_TRUNCATED' },
  'ncl.dat': { code: 'SIP_BAD_CONTENT_LENGTH' },
  'scalar02.dat': { code: 'SIP_BAD_CSEQ' },
  'scalarlg.dat': { code: 'SIP_BAD_CSEQ' },
  'quotbal.dat': { code: 'SIP_BAD_HEADER' },
  'lwsruri.dat': { code: 'SIP_BAD_START_LINE' },
  'badvers.dat': { code: 'SIP_BAD_VERSION' },
  'mismatch01.dat': { code: 'SIP_CSEQ_METHOD_MISMATCH' },
  'mismatch02.dat': { code: 'SIP_CSEQ_METHOD_MISMATCH' },
  'bigcode.dat': { code: 'SIP_BAD_START_LINE' },

  // ---- invalid (liberal allowed): rejected, the strict choice ----
  'ltgtruri.dat': { code: 'SIP_BAD_URI' },
  'lwsstart.dat': { code: 'SIP_BAD_START_LINE' },
  'trws.dat': { code: 'SIP_BAD_START_LINE' },
  'escruri.dat': { code: 'SIP_BAD_URI' },
  'regbadct.dat': { code: 'SIP_BAD_HEADER' },
  'badaspec.dat': { code: 'SIP_BAD_URI' },
  // Also lacks the empty line after the headers (see the vectors' README): the end of the
  // datagram ends them, and the unquoted "Bell, Alexander" is what is rejected.
  'baddn.dat': { code: 'SIP_BAD_HEADER' },
  // RFC 4475 §3.1.2.12: reject only where the Date matters. The message layer does not use
  // Date, so the message parses, and reading the Date (parseDate) is what rejects "EST".
  'baddate.dat': {
    parses: true,
    check: (m) => expect(parseDate(fieldValues(m.headers, 'Date')[0] ?? '')).toMatchObject({ ok: false, error: { code: 'SIP_BAD_HEADER' } }),
  },

  // ---- transaction layer ----
  // Well formed; a branch of only the magic cookie is for the transaction layer to judge.
  'badbranch.dat': { parses: true, check: (m) => expect(must(readList(m.headers, 'Via', parseVia))[0]?.branch).toBe('z9hG4bK') },

  // ---- application layer ----
  // Missing Call-ID, From, To, Max-Forwards: the parser applies RFC 3261 §8.1.1 itself (400).
  'insuf.dat': { code: 'SIP_MISSING_HEADER' },
  // Well formed; the application answers 416 Unsupported URI Scheme.
  'unkscm.dat': { parses: true, check: (m) => expect(requestUri(m)).toMatchObject({ kind: 'absolute', scheme: 'nobodyknowsthisscheme' }) },
  // Well formed; 416 or 404 is an application decision.
  'novelsc.dat': { parses: true, check: (m) => expect(requestUri(m)).toMatchObject({ kind: 'absolute', scheme: 'soap.beep' }) },
  // Well formed; a registrar rejects the non-SIP To.
  'unksm2.dat': {
    parses: true,
    check: (m) => {
      expect(one(m, 'To', parseFromTo).uri).toEqual({ kind: 'absolute', scheme: 'isbn', value: '2983792873' });
      expect(contacts(m)[0]?.uri).toEqual({ kind: 'absolute', scheme: 'name', value: 'John_Smith' });
    },
  },
  // Well formed; the UAS answers 420 listing the Require tags it does not support.
  'bext01.dat': {
    parses: true,
    check: (m) => expect(must(readList(m.headers, 'Require', parseTokenList))).toEqual(['nothingSupportsThis', 'nothingSupportsThisEither']),
  },
  // Well formed; an endpoint answers 415.
  'invut.dat': { parses: true, check: (m) => expect(one(m, 'Content-Type', parseContentType)).toMatchObject({ subtype: 'unknownformat' }) },
  // Well formed; the Authorization scheme is the registrar's business.
  'regaut01.dat': { parses: true, check: (m) => expect(fieldValues(m.headers, 'Authorization')).toEqual(['NoOneKnowsThisScheme opaque-data=here']) },
  // Duplicate single-valued headers: the parser rejects them (400).
  'multi01.dat': { code: 'SIP_DUPLICATE_HEADER' },
  // Two Content-Lengths: framing unknowable; on a stream the framer fails too (close).
  'mcl01.dat': {
    code: 'SIP_BAD_CONTENT_LENGTH',
    check: () => expect(frameMessage(read('mcl01.dat'))).toMatchObject({ kind: 'error', error: { code: 'SIP_BAD_CONTENT_LENGTH' } }),
  },
  // Well formed; dropping a response with a broadcast Via is the transport/proxy's job.
  'bcast.dat': { parses: true, check: (m) => expect(must(readList(m.headers, 'Via', parseVia))[1]?.host).toBe('255.255.255.255') },
  // Well formed; a proxy answers 483, an endpoint processes it.
  'zeromf.dat': { parses: true, check: (m) => expect(one(m, 'Max-Forwards', parseMaxForwards)).toBe(0) },
  // unknownparam is a Contact header parameter (addr-spec form), not a URI parameter.
  'cparam01.dat': {
    parses: true,
    check: (m) => {
      const [c] = contacts(m);
      expect(c?.params).toEqual([{ name: 'unknownparam' }]);
      expect(c?.uri.kind === 'sip' && c.uri.params).toEqual([]);
    },
  },
  // Inside <>, unknownparam is a URI parameter and stays in the binding.
  'cparam02.dat': {
    parses: true,
    check: (m) => {
      const [c] = contacts(m);
      expect(c?.params).toEqual([]);
      expect(c?.uri.kind === 'sip' && c.uri.params).toEqual([{ name: 'unknownparam' }]);
    },
  },
  // The escaped Route stays a header of the Contact URI.
  'regescrt.dat': {
    parses: true,
    check: (m) => {
      const uri = contacts(m)[0]?.uri;
      expect(uri?.kind === 'sip' && uri.headers).toEqual([{ name: 'Route', value: '<sip:sip.example.com>' }]);
      expect(formatUri(uri ?? uriOf('x:y'))).toBe('sip:user@example.com?Route=%3Csip:sip.example.com%3E');
    },
  },
  // Well formed; 406 or 400 for the Accept is an application decision.
  'sdp01.dat': { parses: true, check: (m) => expect(fieldValues(m.headers, 'Accept')).toEqual(['text/nobodyKnowsThis']) },

  // ---- backward compatibility ----
  // No Max-Forwards: rejected by default, accepted with allowMissingMaxForwards (RFC 2543 peers).
  'inv2543.dat': {
    code: 'SIP_MISSING_HEADER',
    check: () => expect(parseMessage(read('inv2543.dat'), { allowMissingMaxForwards: true })).toMatchObject({ ok: true, value: { method: 'INVITE' } }),
  },

  // ---- archive extra ----
  // No SIP-Version in the request line (and a header line without colon): rejected.
  'test.dat': { code: 'SIP_BAD_START_LINE' },
};

describe('RFC 4475 torture messages', () => {
  it('index.tsv lists the 50 files, each with an expectation here', () => {
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r.file).sort()).toEqual(Object.keys(expectations).sort());
  });

  it.each(rows)('$file ($section, $klass)', ({ file, klass }) => {
    const expectation = expectations[file];
    if (expectation === undefined) throw new Error(`no expectation for ${file}`);
    const result = parseMessage(read(file));
    if ('parses' in expectation) {
      // Only baddate among the invalid ones is left to the Date reader (see above).
      if (klass.startsWith('invalid')) expect(file).toBe('baddate.dat');
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      expectation.check?.(result.value);
    } else {
      expect(klass).not.toBe('valid');
      expect(result).toMatchObject({ ok: false, error: { code: expectation.code } });
      expectation.check?.();
    }
  });
});
