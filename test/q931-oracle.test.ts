// tshark as an oracle for the Q.921/Q.931 codec: several hundred generated LAPD frames (every
// frame type, TEI management messages of every type, and I frames carrying Q.931 messages of
// every message type with every typed information element at varied values) are encoded with
// our encoders, dissected by ONE tshark run over one pcap (link type 203, LAPD), and every field
// tshark shows is compared with our decode of the same octets (test/support/q931-compare.ts).
// Any disagreement fails the test, and all are printed.
//
// Deterministic: values come from a seeded PRNG, so a failure reproduces exactly.
// tshark must be installed (`npm test` installs it); without it the test fails.
import { describe, expect, it } from 'vitest';
import {
  AI_GROUP,
  FRAMES,
  IES,
  MESSAGES,
  Sapi,
  TEI_GROUP,
  TEI_MESSAGES,
  decodeFrame,
  decodeMessage,
  decodeTeiMessage,
  encodeFrame,
  encodeMessage,
  encodeTeiMessage,
  type FrameName,
  type IeName,
  type InformationElement,
  type LapdFrame,
  type MessageName,
  type Q931Message,
  type TeiMessage,
} from 'q931-codec';
import { COMPARED_IES, compareWithTshark, type CompareStats, type Decoded, type Disagreement } from './support/q931-compare.js';
import { tsharkLapd, tsharkVersion } from './support/tshark-q931.js';
import { beforeAllOnce } from './support/before-all-once.js';

const SEED = 0x0931_1998;

/** Drops undefined properties, as the decoders never set them (so decode(encode(x)) can be compared with x). */
function canonical<T>(x: T): T {
  if (Array.isArray(x)) return x.map(canonical) as T;
  if (x instanceof Uint8Array || x === null || typeof x !== 'object') return x;
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined).map(([k, v]) => [k, canonical(v)])) as T;
}

/** mulberry32: a small seeded PRNG, enough for test data. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  bytes(min: number, max: number): Uint8Array {
    return Uint8Array.from({ length: this.int(min, max) }, () => this.int(0, 255));
  }
  /** `n` characters of `alphabet`, n in min..max */
  chars(alphabet: string, min: number, max: number): string {
    return Array.from({ length: this.int(min, max) }, () => this.pick([...alphabet])).join('');
  }
}

// ---------------------------------------------------------------------------------------
// Information elements, with values tshark dissects without complaint

const DIGITS = '0123456789012345678901234567890123456789*#';
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const chain = (r: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? 0x80 : 0) | r.int(0, 0x7f));
const spareOf = (r: Rng, p: number, values: readonly number[]): number | undefined => (r.bool(p) ? r.pick(values) : undefined);

function bearerCapability(r: Rng): unknown {
  if (r.bool(0.15)) {
    // national / network-specific coding: tshark shows the octets only
    const transferRate = r.int(0, 31);
    return { codingStandard: r.int(1, 3), transferCapability: r.int(0, 31), transferMode: r.int(0, 3), transferRate, rateMultiplier: transferRate === 0x18 ? r.int(0, 127) : undefined, more: r.bool() ? r.bytes(1, 3) : undefined };
  }
  const packet = r.bool(0.1);
  const transferRate = packet ? 0 : r.pick([0x10, 0x10, 0x11, 0x13, 0x15, 0x17, 0x18]);
  const layer = (id: number, protocols: readonly number[]): { protocol: number; more?: Uint8Array } | undefined =>
    r.bool(id === 1 ? 0.7 : 0.15) ? { protocol: r.bool(0.85) ? r.pick(protocols) : r.int(0, 31), more: r.bool(0.3) ? chain(r, r.int(1, id === 1 ? 3 : 2)) : undefined } : undefined;
  const layers = { layer1: layer(1, [1, 2, 3, 3, 4, 5, 7, 8, 9]), layer2: layer(2, [2, 6, 12]), layer3: layer(3, [2, 6, 11]) };
  // octets after the last group: one whose bits 7-6 do not name a later layer
  const last = layers.layer3 !== undefined ? 3 : layers.layer2 !== undefined ? 2 : layers.layer1 !== undefined ? 1 : 0;
  const more = r.bool(0.1) ? Uint8Array.of(0x80 | (r.int(0, last) << 5) | r.int(0, 31), ...r.bytes(0, 2)) : undefined;
  return {
    codingStandard: 0,
    transferCapability: r.bool(0.9) ? r.pick([0x00, 0x08, 0x09, 0x10, 0x11, 0x18]) : r.int(0, 31),
    transferMode: packet ? 2 : 0,
    transferRate,
    rateMultiplier: transferRate === 0x18 ? r.int(2, 30) : undefined,
    ...layers,
    more,
  };
}

function channelIdentification(r: Rng): unknown {
  const interfaceType = r.bool() ? 1 : 0;
  const selection = interfaceType === 0 ? r.int(0, 3) : r.pick([1, 1, 1, 3, 0]);
  let channel: unknown;
  let more: Uint8Array | undefined;
  if (interfaceType === 1 && selection === 1) {
    const byNumber = r.bool(0.75);
    const numbers = Array.from({ length: r.int(1, 3) }, () => (r.bool(0.9) ? r.int(1, 31) : r.int(0, 127)));
    channel = { codingStandard: r.bool(0.9) ? 0 : r.int(1, 3), channelType: r.pick([3, 3, 3, 6, 8, 9]), numbers: byNumber ? numbers : undefined, slotMap: byNumber ? undefined : r.bytes(1, 3) };
    if (byNumber && r.bool(0.1)) more = r.bytes(1, 2);
  } else if (interfaceType === 0 && r.bool(0.1)) more = r.bytes(1, 2);
  return { interfaceType, exclusive: r.bool(), dChannel: r.bool(0.1), selection, interfaceId: r.bool(0.15) ? chain(r, r.int(1, 2)) : undefined, channel, more, spare: spareOf(r, 0.05, [0x10]) };
}

const called = (r: Rng): { typeOfNumber: number; numberingPlan: number; digits: string } => ({
  typeOfNumber: r.bool(0.8) ? r.pick([0, 1, 2, 4]) : r.int(0, 7),
  numberingPlan: r.bool(0.8) ? r.pick([0, 1, 1, 8, 9]) : r.int(0, 15),
  digits: r.chars(r.bool(0.2) ? PRINTABLE : DIGITS, 0, 20),
});
const calling = (r: Rng): unknown => (r.bool(0.8) ? { ...called(r), presentation: r.int(0, 3), screening: r.int(0, 3), spare: spareOf(r, 0.1, [0x04, 0x08, 0x1c]) } : called(r));

/** Typed elements: one generator each, yielding values in decode()'s canonical form. */
const TYPED: Partial<Record<IeName, (r: Rng) => unknown>> = {
  bearerCapability,
  channelIdentification,
  calledPartyNumber: called,
  callingPartyNumber: calling,
  connectedNumber: calling,
  redirectingNumber: (r) => {
    const v = calling(r) as { presentation?: number };
    return v.presentation !== undefined && r.bool(0.7) ? { ...v, reason: r.pick([0, 1, 2, 4, 9, 10, 15, r.int(0, 15)]), reasonSpare: spareOf(r, 0.1, [0x10, 0x70]) } : v;
  },
  cause: (r) => ({
    codingStandard: r.bool(0.8) ? 0 : r.int(1, 3),
    location: r.bool(0.8) ? r.pick([0, 1, 2, 3, 4, 5, 7, 10]) : r.int(0, 15),
    recommendation: r.bool(0.15) ? r.pick([0, 3, 4, 5]) : undefined,
    causeValue: r.bool(0.5) ? r.pick([1, 3, 16, 17, 18, 19, 21, 27, 28, 31, 34, 41, 44, 47, 58, 63, 65, 79, 81, 88, 100, 111, 127]) : r.int(0, 127),
    diagnostics: r.bool(0.3) ? r.bytes(1, 4) : undefined,
    spare: spareOf(r, 0.1, [0x10]),
  }),
  progressIndicator: (r) => ({ codingStandard: r.bool(0.8) ? 0 : r.int(1, 3), location: r.int(0, 15), description: r.pick([1, 2, 3, 4, 5, 8, r.int(0, 127)]), spare: spareOf(r, 0.1, [0x1000]) }),
  restartIndicator: (r) => ({ restartClass: r.pick([0, 6, 7, r.int(0, 7)]), spare: spareOf(r, 0.1, [0x08, 0x40, 0x78]) }),
  notificationIndicator: (r) => ({ description: r.pick([0, 1, 2, 0x40, r.int(0, 127)]), more: r.bool(0.3) ? r.bytes(1, 3) : undefined }),
  display: (r) => r.chars(PRINTABLE, 0, 30),
};

/** Contents for the raw rows, in the forms tshark breaks down cleanly. */
const RAW: Partial<Record<IeName, (r: Rng) => Uint8Array>> = {
  callIdentity: (r) => r.bytes(1, 4),
  callState: (r) => Uint8Array.of(r.pick([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 15, 17, 19, 22, 25])),
  facility: (r) => Uint8Array.of(0x91, 0xa2, 0x03, 0x02, 0x01, r.int(0, 127)), // ROSE returnResult, invoke id only
  networkSpecificFacilities: (r) => Uint8Array.of(0x00, ...r.bytes(0, 3)),
  dateTime: (r) => Uint8Array.of(r.int(0, 99), r.int(1, 12), r.int(1, 28), r.int(0, 23), r.int(0, 59), ...(r.bool() ? [r.int(0, 59)] : [])),
  keypadFacility: (r) => ascii(r.chars(DIGITS, 1, 8)),
  signal: (r) => Uint8Array.of(r.pick([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x3f, 0x40, 0x47, 0x4f])),
  callingPartySubaddress: (r) => (r.bool() ? Uint8Array.of(0x80, 0x50, ...ascii(r.chars(DIGITS, 1, 6))) : Uint8Array.of(0xa0, ...r.bytes(1, 4))),
  calledPartySubaddress: (r) => (r.bool() ? Uint8Array.of(0x80, 0x50, ...ascii(r.chars(DIGITS, 1, 6))) : Uint8Array.of(0xa8, ...r.bytes(1, 4))),
  transitNetworkSelection: (r) => Uint8Array.of(0xa1, ...ascii(r.chars('0123456789', 3, 4))),
  lowLayerCompatibility: (r) => Uint8Array.from(r.pick([[0x88, 0x90], [0x80, 0x90, 0xa3]])),
  highLayerCompatibility: (r) => Uint8Array.from(r.pick([[0x91, 0x81], [0x91, 0x84]])),
  // IA5 user information (with user-specific protocol 0x00, tshark's heuristic sub-dissectors claim the octets)
  userUser: (r) => Uint8Array.of(0x04, ...ascii(r.chars(PRINTABLE, 0, 12))),
};

function ieValue(r: Rng, name: IeName): unknown {
  const typed = TYPED[name];
  if (typed !== undefined) return canonical(typed(r));
  return (RAW[name] ?? ((x: Rng) => x.bytes(0, 4)))(r);
}

/** Identifiers no table of tshark's knows, in any codeset. */
const UNKNOWN_IDS = [0x02, 0x0c, 0x24, 0x5a];
const unknownIe = (r: Rng, codeset: number): InformationElement =>
  r.bool(0.75) ? { name: 'unknown', codeset, id: r.pick(UNKNOWN_IDS), contents: r.bytes(0, 4) } : { name: 'unknown', codeset, id: r.pick([0xa0, 0xb1, 0xc3, 0xd2, 0xf4, 0x80]) };
const named = (r: Rng): InformationElement => {
  const name = r.pick(Object.keys(IES) as IeName[]);
  return { name, value: ieValue(r, name) } as InformationElement;
};

/** Random elements: named ones, sending complete, unknown ones, a non-locking shift, and sometimes a locking shift to codeset 6 or 7 with elements there. */
function informationElements(r: Rng): InformationElement[] {
  const ies: InformationElement[] = Array.from({ length: r.int(0, 4) }, () => named(r));
  if (r.bool(0.2)) ies.push({ name: 'sendingComplete' });
  if (r.bool(0.15)) ies.push(unknownIe(r, 0));
  if (r.bool(0.1)) {
    const codeset = r.pick([0, 5, 7]);
    ies.push({ name: 'shift', locking: false, codeset }, codeset === 0 ? named(r) : unknownIe(r, codeset));
  }
  if (r.bool(0.1)) {
    const codeset = r.pick([6, 7]);
    ies.push({ name: 'shift', locking: true, codeset }, ...Array.from({ length: r.int(1, 2) }, () => unknownIe(r, codeset)));
  }
  return ies;
}

/** A frame of `type` with random address and control values; info-bearing types get a random information field. */
function frameOf(r: Rng, type: FrameName, sapi: number): LapdFrame {
  const a = { sapi, cr: r.bool(), tei: r.pick([0, 64, 70, 126, 127, r.int(0, 127)]) };
  const d = FRAMES[type];
  if (type === 'I') return { ...a, type, ns: r.int(0, 127), nr: r.int(0, 127), p: r.bool(), info: r.bytes(0, 8) };
  if (d.format === 'S') return { ...a, type, nr: r.int(0, 127), pf: r.bool() } as LapdFrame;
  return (d.info ? { ...a, type, pf: r.bool(), info: r.bytes(0, 8) } : { ...a, type, pf: r.bool() }) as LapdFrame;
}

interface Case {
  decoded: Decoded;
  octets: Uint8Array;
}

function message(r: Rng, type: MessageName, extra: InformationElement[] = []): Q931Message {
  const length = r.pick([1, 1, 1, 2, 2, 2, 0, 3, 4]);
  const value = length === 0 ? 0 : r.bool(0.1) ? 0 : r.int(0, 2 ** (8 * length - 1) - 1);
  const mandatory = MESSAGES[type].mandatory.map((name) => ({ name, value: ieValue(r, name) }) as InformationElement);
  // extra elements before the random ones, which may end with a locking shift away from codeset 0
  return { type, callReference: { length, flag: length > 0 && r.bool(), value }, ies: [...mandatory, ...extra, ...informationElements(r)] };
}

function generate(): Decoded[] {
  const r = new Rng(SEED);
  const out: Decoded[] = [];
  const types = Object.keys(MESSAGES) as MessageName[];
  // every message type, with random elements
  for (const type of types) for (let i = 0; i < 6; i++) out.push({ frame: frameOf(r, 'I', 0), message: message(r, type) });
  // every element of IES, several times, in random messages
  for (const name of Object.keys(IES) as IeName[]) {
    for (let i = 0; i < 8; i++) out.push({ frame: frameOf(r, 'I', 0), message: message(r, r.pick(types), [{ name, value: ieValue(r, name) } as InformationElement]) });
  }
  // Q.931 in UI frames (P = 0), and message types the table does not know (kept whole)
  for (let i = 0; i < 6; i++) out.push({ frame: { ...frameOf(r, 'UI', 0), pf: false } as LapdFrame, message: message(r, r.pick(types)) });
  for (const code of [0x00, 0x24, 0x60, 0x79, 0x85]) {
    out.push({ frame: frameOf(r, 'I', 0), message: { type: 'UNKNOWN', code, callReference: { length: 1, flag: r.bool(), value: r.int(0, 127) }, body: Uint8Array.of(0x08, 0x02, 0x80, 0x90) } });
  }
  // TEI management: every message type, and unknown ones, in UI frames on SAPI 63, TEI 127
  const tei = (m: TeiMessage): Decoded => ({ frame: { sapi: Sapi.LAYER_2_MANAGEMENT, cr: r.bool(), tei: TEI_GROUP, type: 'UI', pf: false, info: new Uint8Array(0) }, tei: m });
  for (const type of Object.keys(TEI_MESSAGES) as (keyof typeof TEI_MESSAGES)[]) {
    for (let i = 0; i < 5; i++) out.push(tei({ type, ri: r.pick([0, 0xffff, r.int(0, 0xffff)]), ai: r.pick([0, 64, 126, AI_GROUP, r.int(0, 127)]) }));
  }
  for (const code of [0, 8, 0x7f, 0xff]) out.push(tei({ type: 'UNKNOWN', code, ri: r.int(0, 0xffff), ai: r.int(0, 127) }));
  // every frame type on other SAPIs, P/F both ways, with and without information fields
  for (const type of Object.keys(FRAMES) as FrameName[]) for (let i = 0; i < 8; i++) out.push({ frame: frameOf(r, type, r.pick([1, 1, 12, 62])) });
  // UI frames with P = 1 (tshark shows their information field as data), S and U frames with octets after the control field
  for (let i = 0; i < 4; i++) out.push({ frame: { ...frameOf(r, 'UI', r.pick([0, 63])), pf: true, info: r.bytes(1, 6) } as LapdFrame });
  for (const type of ['RR', 'RNR', 'REJ', 'SABME', 'DM', 'DISC', 'UA'] as const) out.push({ frame: { ...frameOf(r, type, 0), info: r.bytes(1, 4) } });
  // control fields the table does not know: the fourth supervisory function, S octets with spare bits, undefined U modifiers
  for (const control of [[0x0d, 0x00], [0x0d, 0x0b], [0x21, 0x04], [0xf1, 0x01], [0x8b], [0x9b], [0x27], [0xe3]]) {
    out.push({ frame: { sapi: r.int(0, 63), cr: r.bool(), tei: r.int(0, 127), type: 'UNKNOWN', control: Uint8Array.from(control), info: r.bytes(0, 3) } });
  }
  return out.map(canonical);
}

function encodeCase(d: Decoded): Case {
  const info = d.message !== undefined ? encodeMessage(d.message) : d.tei !== undefined ? encodeTeiMessage(d.tei) : undefined;
  const frame = info === undefined ? d.frame : ({ ...d.frame, info } as LapdFrame);
  return { decoded: { ...d, frame }, octets: encodeFrame(frame) };
}

/** Our decode of the octets: the frame, and its Q.931 or TEI management payload where the case has one. */
function decodeCase(c: Case): Decoded | string {
  const f = decodeFrame(c.octets);
  if (!f.ok) return `frame: ${f.error.code} at ${f.error.place.join('.')}`;
  const info = 'info' in f.value ? f.value.info : undefined;
  const ours: Decoded = { frame: f.value };
  if (c.decoded.message !== undefined && info !== undefined) {
    const m = decodeMessage(info, { strict: c.decoded.message.type !== 'UNKNOWN' });
    if (!m.ok) return `message: ${m.error.code} at ${m.error.place.join('.')}: ${m.error.message}`;
    ours.message = m.value;
  }
  if (c.decoded.tei !== undefined && info !== undefined) {
    const t = decodeTeiMessage(info);
    if (!t.ok) return `TEI: ${t.error.code} at ${t.error.place.join('.')}`;
    ours.tei = t.value;
  }
  return ours;
}

interface Results {
  cases: Case[];
  roundTrip: string[];
  disagreements: { c: Case; d: Disagreement[] }[];
  stats: CompareStats;
  ms: number;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function run(): Results {
  const t0 = Date.now();
  const cases = generate().map(encodeCase);
  const frames = tsharkLapd(cases.map((c) => c.octets));
  const roundTrip: string[] = [];
  const disagreements: { c: Case; d: Disagreement[] }[] = [];
  const stats: CompareStats = { checks: 0 };
  cases.forEach((c, i) => {
    const ours = decodeCase(c);
    if (typeof ours === 'string') {
      roundTrip.push(`${hex(c.octets)}: ${ours}`);
      return;
    }
    try {
      expect(ours).toEqual(c.decoded);
    } catch {
      roundTrip.push(`${hex(c.octets)}: decode(encode(x)) differs from x`);
    }
    const d = compareWithTshark(ours, c.octets, frames[i] as (typeof frames)[number], stats);
    if (d.length > 0) disagreements.push({ c, d });
  });
  return { cases, roundTrip, disagreements, stats, ms: Date.now() - t0 };
}

function report(list: { c: Case; d: Disagreement[] }[]): string {
  const lines = [`${list.length} frame(s) disagree with tshark:`];
  for (const { c, d } of list) {
    lines.push(`  ${hex(c.octets)}`);
    for (const x of d) lines.push(`    ${x.field}: ours ${x.ours}, tshark ${x.theirs}`);
  }
  return lines.join('\n');
}

describe('Q.921/Q.931 codec against tshark (oracle)', () => {
  const get = beforeAllOnce(run, 120_000);

  it('tshark is installed (npm test installs it; this suite fails without it)', () => {
    expect(tsharkVersion(), 'tshark is not on PATH: install it (Debian package tshark) or run `npm test`').toBeDefined();
  });

  it('generates every frame type, TEI management message, Q.931 message type and information element', () => {
    const res = get();
    const seen = (key: (d: Decoded) => string[]): Set<string> => new Set(res.cases.flatMap((c) => key(c.decoded)));
    expect([...seen((d) => [d.frame.type])].sort()).toEqual([...Object.keys(FRAMES), 'UNKNOWN'].sort());
    expect([...seen((d) => (d.tei === undefined ? [] : [d.tei.type]))].sort()).toEqual([...Object.keys(TEI_MESSAGES), 'UNKNOWN'].sort());
    expect([...seen((d) => (d.message === undefined ? [] : [d.message.type]))].sort()).toEqual([...Object.keys(MESSAGES), 'UNKNOWN'].sort());
    const ies = new Map<string, number>();
    for (const c of res.cases) for (const ie of c.decoded.message?.type === 'UNKNOWN' ? [] : (c.decoded.message?.ies ?? [])) ies.set(ie.name, (ies.get(ie.name) ?? 0) + 1);
    for (const name of [...Object.keys(IES), 'sendingComplete', 'shift', 'unknown']) expect(ies.get(name) ?? 0, name).toBeGreaterThanOrEqual(8);
    // the comparator breaks down every typed element (raw ones are compared by identifier, length and position)
    const raw = IES.userUser.codec;
    const typed = (Object.keys(IES) as IeName[]).filter((n) => IES[n].codec !== raw);
    expect(typed.filter((n) => !COMPARED_IES.includes(n))).toEqual([]);
    expect(res.cases.length).toBeGreaterThan(400);
  });

  it('decode(encode(x)) returns every generated frame and message unchanged', () => {
    const res = get();
    expect(res.roundTrip, res.roundTrip.join('\n')).toEqual([]);
  });

  it('tshark agrees with our decode on every field of every frame', () => {
    const res = get();
    console.log(`q931 oracle: ${res.cases.length} LAPD frames, ${res.stats.checks} field comparisons with tshark (one tshark run, ${res.ms} ms in all)`);
    expect(res.stats.checks).toBeGreaterThan(20 * res.cases.length);
    expect(res.disagreements.length, report(res.disagreements)).toBe(0);
  });
});
