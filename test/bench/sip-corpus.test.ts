// The corpus of bench/sip.bench.mjs is valid: every message parses with Tandem's parser and
// round-trips, so the benchmark measures the real path and not an early error return. The other
// libraries of the benchmark must round-trip it too, or their rates would not be comparable.
import { describe, expect, it } from 'vitest';
import { decode } from 'ss7-isup-codec';
import { CORPUS, ISUP_CONTENT_TYPE, ISUP_IAM, ISUP_REL, SIPI_BOUNDARY, SIPI_PARTS, bodyStart } from '../../bench/lib/corpus.mjs';
import { checkBody, makeLibraries } from '../../bench/lib/libraries.mjs';
import * as message from '../../src/sip/message/index.js';
import {
  buildMultipart,
  fieldValues,
  getParam,
  parseContentType,
  parseMessage,
  parseMultipart,
  readOne,
  serializeMessage,
  type SipMessage,
} from '../../src/sip/message/index.js';
import { valueOf } from '../sip/helpers.js';

const parse = (bytes: Uint8Array): SipMessage => valueOf(parseMessage(bytes, { framing: 'datagram' }));
const byName = (name: string) => {
  const m = CORPUS.find((c) => c.name === name);
  if (m === undefined) throw new Error(`no corpus message ${name}`);
  return m;
};
const startLine = (m: SipMessage): string => (m.kind === 'request' ? m.method : String(m.status));
const hasCrLf = (bytes: Uint8Array): boolean => Buffer.from(bytes).includes(Buffer.from('\r\n', 'latin1'));

describe('SIP benchmark corpus', () => {
  it('has at least 12 messages with distinct names, covering the kinds the issue lists', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(CORPUS.map((m) => m.name)).size).toBe(CORPUS.length);
    const messages = CORPUS.map((m) => parse(m.bytes));
    const kinds = messages.map(startLine);
    for (const kind of ['INVITE', 'ACK', 'BYE', 'REGISTER', '100', '180', '183', '200', '486']) expect(kinds).toContain(kind);
    const withSdp = messages.filter((m) => fieldValues(m.headers, 'Content-Type').includes('application/sdp')).map(startLine);
    for (const kind of ['INVITE', '183', '200']) expect(withSdp).toContain(kind);
    const register = messages.find((m) => m.kind === 'request' && m.method === 'REGISTER');
    expect(fieldValues(register?.headers ?? [], 'Authorization')[0]).toMatch(/^Digest /);
  });

  it.each(CORPUS.map((m) => [m.name, m] as const))('%s parses, and serializing gives it back', (_name, m) => {
    const message = parse(m.bytes);
    // The body is exactly the octets after the empty line (Content-Length states them all).
    expect(Buffer.from(message.body).equals(m.bytes.subarray(bodyStart(m.bytes)))).toBe(true);
    const out = serializeMessage(message);
    if (!m.folded) {
      expect(Buffer.from(out).equals(m.bytes)).toBe(true);
      return;
    }
    // Folded lines come back unfolded: the same fields and body, and a fixed point from there.
    const again = parse(out);
    expect(again).toEqual(message);
    expect(Buffer.from(serializeMessage(again)).equals(Buffer.from(out))).toBe(true);
  });

  it('has compact header forms and folded header lines', () => {
    const compact = parse(byName('invite-compact').bytes);
    expect(compact.headers.map((h) => h.name)).toEqual(expect.arrayContaining(['v', 'f', 't', 'i', 'm', 'k', 'c', 'l']));
    const folded = byName('options-folded');
    expect(folded.bytes.toString('latin1')).toMatch(/\r\n[ \t]/);
    expect(fieldValues(parse(folded.bytes).headers, 'Via')).toEqual([
      'SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKfold01, SIP/2.0/UDP 198.51.100.8:5060;branch=z9hG4bKfold00',
    ]);
    expect(CORPUS.filter((m) => m.folded).map((m) => m.name)).toEqual(['options-folded']);
  });

  it('SIP-I INVITE: multipart/mixed with SDP and the ISUP IAM, laid out as buildMultipart does', () => {
    const m = byName('sipi-invite');
    expect(m.binaryBody).toBe(true);
    const message = parse(m.bytes);
    const type = valueOf(readOne(message.headers, 'Content-Type', parseContentType));
    expect(type?.subtype).toBe('mixed');
    expect(getParam(type?.params ?? [], 'boundary')?.value).toBe(SIPI_BOUNDARY);
    const parts = valueOf(parseMultipart(message.body, SIPI_BOUNDARY));
    expect(parts.map((p) => fieldValues(p.headers, 'Content-Type')[0])).toEqual(['application/sdp', ISUP_CONTENT_TYPE]);
    expect(Buffer.from(parts[1]?.body ?? []).equals(ISUP_IAM)).toBe(true);
    const built = buildMultipart(SIPI_PARTS, () => SIPI_BOUNDARY);
    expect(Buffer.from(built.body).equals(Buffer.from(message.body))).toBe(true);
  });

  it('the ISUP octets are a real IAM and REL, with octets >= 0x80 and CR LF', () => {
    const iam = decode(ISUP_IAM, { framing: 'body' });
    expect(iam.ok && iam.value.type).toBe('IAM');
    const rel = decode(ISUP_REL, { framing: 'body' });
    expect(rel.ok && rel.value.type).toBe('REL');
    expect(ISUP_IAM.some((o) => o >= 0x80)).toBe(true);
    expect(hasCrLf(ISUP_IAM)).toBe(true);
    expect(ISUP_REL.some((o) => o >= 0x80)).toBe(true);
    const bye = byName('sipi-bye-rel');
    expect(bye.binaryBody).toBe(true);
    expect(Buffer.from(parse(bye.bytes).body).equals(ISUP_REL)).toBe(true);
    expect(CORPUS.filter((c) => c.binaryBody).map((c) => c.name)).toEqual(['sipi-invite', 'sipi-bye-rel']);
  });

  describe('every library of the benchmark round-trips every message', () => {
    const libraries = makeLibraries(message);
    it.each(libraries.map((lib) => [lib.id, lib] as const))('%s', (_id, lib) => {
      for (const m of CORPUS) {
        // The fields a transaction layer reads are the same through every library's accessors.
        const tandem = libraries[0]?.fields(m.bytes);
        const fields = lib.fields(m.bytes);
        expect(tandem?.callId).toMatch(/@/);
        expect({ name: m.name, ...fields, bodyLength: m.binaryBody ? tandem?.bodyLength : fields.bodyLength }).toEqual({ name: m.name, ...tandem });
        const out = lib.roundTrip(m.bytes);
        const check = checkBody(m.bytes, out);
        // Text bodies survive every library; binary ones only octet-safe decodings.
        if (!m.binaryBody || lib.id === 'tandem') expect({ name: m.name, ...check }).toMatchObject({ name: m.name, intact: true, lengthRight: true });
      }
    });
    it('tells a changed body from an intact one', () => {
      const m = byName('sipi-bye-rel');
      const utf8 = libraries.find((lib) => lib.id === 'drachtio-utf8');
      expect(utf8 && checkBody(m.bytes, utf8.roundTrip(m.bytes))).toMatchObject({ intact: false, lengthRight: false });
      expect(checkBody(m.bytes, m.bytes)).toMatchObject({ intact: true, lengthRight: true, declaredLength: ISUP_REL.length });
    });
  });
});
