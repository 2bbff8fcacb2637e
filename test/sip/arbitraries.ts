// fast-check generators for URIs, addresses, Via values and whole SIP messages. Each yields
// values in the form the parsers produce (canonical), so parse(format(x)) must equal x.
import fc from 'fast-check';
import {
  formatCSeq,
  formatFromTo,
  formatUri,
  formatVia,
  quote,
  type FromTo,
  type NameAddr,
  type Param,
  type SipMessage,
  type SipUri,
  type Uri,
  type Via,
} from '../../src/sip/message/index.js';

const TOKEN_CHARS = "ABCXYZabcxyz0189-.!%*_+`'~";
export const token = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 10 });

/** Any latin1 char (one octet). */
const octetChar = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
/** Latin1 text without CR and LF. */
const lineChar = octetChar.filter((c) => c !== '\r' && c !== '\n');
const octetString = (minLength: number, maxLength: number): fc.Arbitrary<string> => fc.string({ unit: octetChar, minLength, maxLength });

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
export const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.')),
  fc.ipV4(),
  fc.ipV6().map((a) => `[${a}]`),
);
const port = fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined });

/** Parameters with distinct (case-insensitive) names. */
function params(name: fc.Arbitrary<string>, value: fc.Arbitrary<string | undefined>, exclude: readonly string[] = []): fc.Arbitrary<Param[]> {
  return fc
    .uniqueArray(
      fc.record({ name, value }).map(({ name: n, value: v }): Param => (v === undefined ? { name: n } : { name: n, value: v })),
      { maxLength: 4, selector: (p) => p.name.toLowerCase() },
    )
    .map((ps) => ps.filter((p) => !exclude.includes(p.name.toLowerCase())));
}

const optional = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** Drops undefined properties, as the parsers never set them. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const sipUri = fc
  .record({
    secure: fc.boolean(),
    user: optional(octetString(1, 8)),
    password: optional(octetString(0, 6)),
    host,
    port,
    params: params(octetString(1, 6), optional(octetString(1, 6))),
    headers: fc.array(fc.record({ name: octetString(1, 6), value: octetString(0, 6) }), { maxLength: 3 }),
  })
  .map(({ user, password, ...rest }): SipUri => compact({ kind: 'sip' as const, ...rest, user, password: user === undefined ? undefined : password }));

const telUri = fc
  .record({
    number: fc.stringMatching(/^\+[0-9\-.()]{0,6}[0-9][0-9\-.()]{0,6}$/),
    params: params(fc.stringMatching(/^[A-Za-z0-9-]{1,6}$/), optional(octetString(1, 6))),
  })
  .map((r): Uri => ({ kind: 'tel', ...r }));

const absoluteUri = fc
  .record({
    scheme: fc.stringMatching(/^[a-z][a-z0-9+.-]{0,6}$/).filter((s) => !['sip', 'sips', 'tel'].includes(s)),
    value: fc.stringMatching(/^[A-Za-z0-9\-_.!~*'();/?:@&=+$,]{1,12}$/),
  })
  .map((r): Uri => ({ kind: 'absolute', ...r }));

export const uri: fc.Arbitrary<Uri> = fc.oneof(sipUri, telUri, absoluteUri);

/** Header parameter values: none, a token, or a quoted-string of any text. */
const genValue = optional(fc.oneof(token, fc.string({ unit: lineChar, maxLength: 8 }).map(quote)));

export const nameAddr: fc.Arbitrary<NameAddr> = fc
  .record({
    displayName: optional(fc.string({ unit: lineChar, maxLength: 12 })),
    uri,
    params: params(token, genValue),
  })
  .map(compact);

export const fromTo: fc.Arbitrary<FromTo> = fc
  .record({ addr: nameAddr, tag: optional(token), extra: params(token, genValue, ['tag']) })
  .map(({ addr, tag, extra }) => compact({ ...addr, params: extra, tag }));

export const via: fc.Arbitrary<Via> = fc
  .record({
    protocol: fc.constant('SIP'),
    version: fc.constant('2.0'),
    transport: fc.constantFrom('UDP', 'TCP', 'TLS', 'SCTP', 'WS', 'WSS', 'X-NEW'),
    host,
    port,
    branch: optional(token.map((t) => `z9hG4bK${t}`)),
    received: optional(fc.oneof(fc.ipV4(), fc.ipV6())),
    rport: optional(fc.oneof(fc.constant(true as const), fc.integer({ min: 0, max: 65535 }))),
    maddr: optional(host),
    ttl: optional(fc.integer({ min: 0, max: 255 })),
    params: params(token, optional(token), ['branch', 'received', 'rport', 'maddr', 'ttl']),
  })
  .map(compact);

/** Extension header fields: X- names, values of any text without CR/LF, trimmed. */
const extensionField = fc
  .record({ name: token.map((t) => `X-${t}`), value: fc.string({ unit: lineChar, maxLength: 20 }) })
  .map(({ name, value }) => ({ name, value: value.replace(/^[ \t]+|[ \t]+$/g, '') }));

/** A valid request or response with a correct Content-Length, and octets for a body. */
export const message: fc.Arbitrary<SipMessage> = fc
  .record({
    request: fc.boolean(),
    method: token,
    ruri: sipUri,
    status: fc.integer({ min: 100, max: 699 }),
    reason: fc.string({ unit: lineChar.filter((c) => c >= ' ' && c !== '\x7f'), maxLength: 20 }),
    vias: fc.array(via, { minLength: 1, maxLength: 3 }),
    from: fromTo,
    to: fromTo,
    callId: fc.stringMatching(/^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]{1,16}$/),
    seq: fc.integer({ min: 0, max: 0xffffffff }),
    maxForwards: fc.integer({ min: 0, max: 255 }),
    extra: fc.array(extensionField, { maxLength: 4 }),
    body: fc.uint8Array({ maxLength: 300 }),
  })
  .map((g): SipMessage => {
    const headers = [
      ...g.vias.map((v) => ({ name: 'Via', value: formatVia(v) })),
      { name: 'Max-Forwards', value: String(g.maxForwards) },
      { name: 'From', value: formatFromTo(g.from) },
      { name: 'To', value: formatFromTo(g.to) },
      { name: 'Call-ID', value: g.callId },
      { name: 'CSeq', value: formatCSeq({ seq: g.seq, method: g.method }) },
      ...g.extra,
      { name: 'Content-Length', value: String(g.body.length) },
    ];
    const base = { headers, body: g.body };
    // Request-URIs may not carry headers (RFC 3261 §19.1.1).
    return g.request
      ? { kind: 'request', method: g.method, uri: formatUri({ ...g.ruri, headers: [] }), ...base }
      : { kind: 'response', status: g.status, reason: g.reason, ...base };
  });
