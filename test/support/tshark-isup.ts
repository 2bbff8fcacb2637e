// Runs tshark over a batch of ISUP messages and returns its view of each one, for tests that
// use tshark (Wireshark's packet-isup.c) as an independent decoder.
//
// All messages go into ONE pcapng file (one frame per message) and tshark runs ONCE with
// `-T pdml`: starting tshark costs far more than dissecting a frame. pcapng lets the framings
// share the file, one interface per link type:
//   'cic'  → link type 147 (USER0), mapped to the isup dissector with the user_dlts UAT, so the
//            frame is the MTP3 user part (2-octet CIC + message);
//   'body' → Ethernet/IPv4/UDP carrying a SIP INFO whose body is the message, with
//            `Content-Type: application/ISUP;version=itu-t92+;base=itu-t92+` (RFC 3204, no CIC);
//   'mtp3', 'm2ua' → link types 148, 149 mapped to the mtp3 and m2ua dissectors (whole MSU or
//            M2UA message, for the research vectors kept in those forms).
// (The same wrappings as ../shared/research-vectors/tools/verify_isup.py.)
//
// PDML keeps tshark's tree: each ISUP parameter is a node holding an `isup.parameter_type`
// child, and the named fields inside it (isup.*, and q931.* for the Q.931 material tshark hands
// to its Q.931 dissector: USI bearer capability, cause, access transport, ...). Nodes without a
// field name carry only text (e.g. "Facility indicator : spare (129)").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expertSeverity, parsePdml, type ExpertSeverity, type RawNode } from './tshark.js';

/**
 * How a frame's octets reach the isup dissector:
 * 'cic'  ISUP as the MTP3 user part (2-octet CIC + message), link type USER0 (147) → isup;
 * 'body' ISUP as an RFC 3204 body (no CIC), inside a SIP INFO over UDP/IPv4/Ethernet;
 * 'mtp3' a whole MTP3 MSU (SIO + routing label + CIC + message), link type USER1 (148) → mtp3;
 * 'm2ua' a whole M2UA DATA message carrying an MTP3 MSU, link type USER2 (149) → m2ua.
 */
export type Framing = 'body' | 'cic' | 'mtp3' | 'm2ua';

export interface IsupFrameInput {
  octets: Uint8Array;
  framing: Framing;
}

/** A text-only node (no field name): its text and the hex of the octets it covers. */
export interface TextNode {
  text: string;
  hex: string;
}

/** One PDML node: a named field, or a text-only node (name ''). */
export interface PdmlNode {
  name: string;
  /** the `show` attribute: the field's value as tshark prints it (e.g. "3", "0x0a", "9299420008F") */
  show: string;
  /** the `showname` attribute: the whole tree line ("" for text-only nodes, whose text is `show`) */
  showname: string;
  /** the `value` attribute: hex of the octets (or, for bit fields, of the masked value) */
  value: string;
  children: PdmlNode[];
}

/**
 * Field name → one entry per occurrence, in tree order (tshark repeats fields: digits,
 * q931.extension_ind, ...). `fields` holds the `show` attributes (numbers as tshark prints
 * them, "3" or "0x0a"; digit strings), `raw` the `value` attributes (hex of FT_BYTES fields).
 */
export type FieldMap = ReadonlyMap<string, readonly string[]>;

/** One parameter as tshark dissected it. */
export interface TsharkParam {
  /** parameter name code (from isup.parameter_type) */
  code: number;
  /** 'fixed'/'variable' for mandatory parameters ("Mandatory Parameter: ..."), 'optional' otherwise */
  kind: 'fixed' | 'variable' | 'optional';
  /** the text of the parameter's node, e.g. "Parameter: (t=10, l=8): Calling party number: 4930..." */
  text: string;
  /**
   * hex octets of the parameter's node: fixed = the value; variable = length + value;
   * optional = name + length + value
   */
  hex: string;
  /** named fields under the parameter node (any depth): `show` values */
  fields: FieldMap;
  /** the same fields: `value` attributes (hex) */
  raw: FieldMap;
  /** text-only nodes under the parameter node (any depth), in order */
  texts: readonly TextNode[];
  node: PdmlNode;
}

export interface ExpertInfo {
  severity: ExpertSeverity;
  group: number;
  message: string;
  /** the protocol whose tree holds the expert item (isup, sip, _ws.malformed, ...) */
  protocol: string;
}

export interface TsharkIsupFrame {
  /** 0-based index into the input list */
  index: number;
  /** whether tshark produced an isup protocol tree for the frame at all */
  dissected: boolean;
  /** isup.message_type (undefined when absent) */
  messageType: number | undefined;
  /** isup.cic ('cic' framing only) */
  cic: number | undefined;
  /** every named field under the isup tree, in order (`show` values) */
  fields: FieldMap;
  /** parameters in tree order (mandatory fixed, mandatory variable, optional) */
  params: TsharkParam[];
  /** text-only nodes directly under the isup tree that are not parameters (e.g. "Format is a national matter") */
  texts: readonly TextNode[];
  /** expert items anywhere in the frame */
  experts: ExpertInfo[];
  /** a _ws.malformed item anywhere in the frame (tshark hit the end of the data or threw) */
  malformed: boolean;
  /** the isup protocol node */
  tree: PdmlNode | undefined;
}

/** Protocols whose expert errors and warnings concern the ISUP octets (the SIP wrapper's do not). */
const ISUP_LAYERS = new Set(['isup', 'mtp3', 'm2ua']);

/**
 * The expert infos that mean tshark objects to the octets: malformed, or errors and warnings in
 * the ISUP tree (or the MTP3/M2UA layers carrying it).
 */
export function isupProblems(f: TsharkIsupFrame): ExpertInfo[] {
  return f.experts.filter((e) => e.protocol === '_ws.malformed' || (ISUP_LAYERS.has(e.protocol) && (e.severity === 'error' || e.severity === 'warning')));
}

// ---------------------------------------------------------------------------------------
// pcapng writing

const LINKTYPE_ETHERNET = 1;
/** USER0..USER2, mapped to dissectors by the user_dlts UAT entries passed to tshark */
const LINKTYPE_USER: Record<Exclude<Framing, 'body'>, { linkType: number; dissector: string }> = {
  cic: { linkType: 147, dissector: 'isup' },
  mtp3: { linkType: 148, dissector: 'mtp3' },
  m2ua: { linkType: 149, dissector: 'm2ua' },
};
/** pcapng interface ids, one per framing */
const INTERFACE: Record<Framing, number> = { cic: 0, mtp3: 1, m2ua: 2, body: 3 };

class Bytes {
  private chunks: Uint8Array[] = [];
  length = 0;
  push(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function block(type: number, body: Uint8Array): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const total = 12 + padded;
  const b = new Uint8Array(total);
  const v = new DataView(b.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, total, true);
  b.set(body, 8);
  v.setUint32(total - 4, total, true);
  return b;
}

function sectionHeader(): Uint8Array {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0x1a2b3c4d, true);
  v.setUint16(4, 1, true);
  v.setUint16(6, 0, true);
  v.setBigInt64(8, -1n, true);
  return block(0x0a0d0d0a, body);
}

function interfaceDescription(linkType: number): Uint8Array {
  const body = new Uint8Array(8);
  const v = new DataView(body.buffer);
  v.setUint16(0, linkType, true);
  v.setUint32(4, 65535, true);
  return block(1, body);
}

function enhancedPacket(iface: number, seconds: number, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(20 + ((data.length + 3) & ~3));
  const v = new DataView(body.buffer);
  const micros = BigInt(seconds) * 1_000_000n;
  v.setUint32(0, iface, true);
  v.setUint32(4, Number(micros >> 32n), true);
  v.setUint32(8, Number(micros & 0xffffffffn), true);
  v.setUint32(12, data.length, true);
  v.setUint32(16, data.length, true);
  body.set(data, 20);
  return block(6, body);
}

function checksum(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < b.length; i += 2) s += ((b[i] as number) << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** The SIP INFO carrying `body` as application/ISUP, in Ethernet/IPv4/UDP (as verify_isup.py builds it). */
export function sipInfoFrame(body: Uint8Array): Uint8Array {
  const head =
    'INFO sip:gw@192.0.2.2 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKvec\r\n' +
    'From: <sip:a@192.0.2.1>;tag=1\r\nTo: <sip:gw@192.0.2.2>;tag=2\r\nCall-ID: vec@192.0.2.1\r\n' +
    'CSeq: 2 INFO\r\nMax-Forwards: 70\r\n' +
    'Content-Type: application/ISUP;version=itu-t92+;base=itu-t92+\r\n' +
    `Content-Disposition: signal;handling=optional\r\nContent-Length: ${body.length}\r\n\r\n`;
  const sip = new Uint8Array([...Buffer.from(head, 'latin1'), ...body]);
  const udpLen = 8 + sip.length;
  const ipLen = 20 + udpLen;
  const f = new Uint8Array(14 + ipLen);
  const v = new DataView(f.buffer);
  f.set([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00], 0);
  const ip = 14;
  f.set([0x45, 0, ipLen >> 8, ipLen & 0xff, 0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2], ip);
  v.setUint16(ip + 10, checksum(f.subarray(ip, ip + 20)));
  const udp = ip + 20;
  v.setUint16(udp, 5060);
  v.setUint16(udp + 2, 5060);
  v.setUint16(udp + 4, udpLen);
  v.setUint16(udp + 6, 0); // no UDP checksum
  f.set(sip, udp + 8);
  return f;
}

/** One pcapng holding every frame, one interface per framing (link types USER0..USER2 and Ethernet). */
export function buildPcapng(frames: readonly IsupFrameInput[]): Uint8Array {
  const out = new Bytes();
  out.push(sectionHeader());
  out.push(interfaceDescription(LINKTYPE_USER.cic.linkType));
  out.push(interfaceDescription(LINKTYPE_USER.mtp3.linkType));
  out.push(interfaceDescription(LINKTYPE_USER.m2ua.linkType));
  out.push(interfaceDescription(LINKTYPE_ETHERNET));
  frames.forEach((f, i) => {
    out.push(enhancedPacket(INTERFACE[f.framing], 1000 + i, f.framing === 'body' ? sipInfoFrame(f.octets) : f.octets));
  });
  return out.concat();
}

/** The user_dlts UAT entries: one `-o` per user link type. */
function userDltOptions(): string[] {
  return Object.values(LINKTYPE_USER).flatMap(({ linkType, dissector }) => ['-o', `uat:user_dlts:"User ${linkType - 147} (DLT=${linkType})","${dissector}","0","","0",""`]);
}

// ---------------------------------------------------------------------------------------
// From PDML's elements (parsePdml, tshark.ts) to this harness's nodes and frames

function toNode(r: RawNode): PdmlNode {
  return {
    name: r.attrs.name ?? '',
    show: r.attrs.show ?? '',
    showname: r.attrs.showname ?? '',
    value: (r.attrs.value ?? '').toLowerCase(),
    children: r.children.map(toNode),
  };
}

function collectFields(n: PdmlNode, shows: Map<string, string[]>, raws: Map<string, string[]>, texts?: TextNode[]): void {
  for (const c of n.children) {
    if (c.name !== '') {
      const list = shows.get(c.name);
      if (list === undefined) {
        shows.set(c.name, [c.show]);
        raws.set(c.name, [c.value]);
      } else {
        list.push(c.show);
        raws.get(c.name)?.push(c.value);
      }
    } else if (texts !== undefined) texts.push({ text: c.show, hex: c.value });
    collectFields(c, shows, raws, texts);
  }
}

function firstNumber(fields: FieldMap, name: string): number | undefined {
  const v = fields.get(name)?.[0];
  return v === undefined ? undefined : Number(v);
}

function expertOf(r: RawNode, protocol: string): ExpertInfo {
  const child = (name: string): string | undefined => r.children.find((x) => x.attrs.name === name)?.attrs.show;
  return {
    severity: expertSeverity(child('_ws.expert.severity')),
    group: Number(child('_ws.expert.group') ?? 0),
    message: child('_ws.expert.message') ?? r.attrs.showname ?? '',
    protocol,
  };
}

/** Expert items anywhere under `n`, each attributed to its nearest enclosing <proto>. */
function collectExperts(n: RawNode, protocol: string, out: ExpertInfo[]): void {
  for (const c of n.children) {
    if (c.tag === 'proto') collectExperts(c, c.attrs.name ?? '', out);
    else {
      if (c.attrs.name === '_ws.expert') out.push(expertOf(c, protocol));
      collectExperts(c, protocol, out);
    }
  }
}

/** All <proto> nodes of a packet, nested ones included (the body-framed isup sits inside sip). */
function protos(n: RawNode, out: RawNode[] = []): RawNode[] {
  for (const c of n.children) {
    if (c.tag === 'proto') out.push(c);
    protos(c, out);
  }
  return out;
}

function paramOf(n: PdmlNode): TsharkParam | undefined {
  const pt = n.children.find((c) => c.name === 'isup.parameter_type');
  if (pt === undefined) return undefined;
  const fields = new Map<string, string[]>();
  const raw = new Map<string, string[]>();
  const texts: TextNode[] = [];
  collectFields(n, fields, raw, texts);
  const mandatory = pt.showname.startsWith('Mandatory Parameter');
  const variable = n.children.some((c) => c.name === 'isup.mandatory_variable_parameter_pointer');
  return {
    code: Number(pt.show),
    kind: mandatory ? (variable ? 'variable' : 'fixed') : 'optional',
    text: n.show,
    hex: n.value,
    fields,
    raw,
    texts,
    node: n,
  };
}

function frameOf(index: number, packet: RawNode): TsharkIsupFrame {
  const all = protos(packet);
  const isupRaw = all.find((p) => p.attrs.name === 'isup');
  const experts: ExpertInfo[] = [];
  collectExperts(packet, '', experts);
  const malformed = all.some((p) => p.attrs.name === '_ws.malformed');
  if (isupRaw === undefined) {
    return { index, dissected: false, messageType: undefined, cic: undefined, fields: new Map(), params: [], texts: [], experts, malformed, tree: undefined };
  }
  const tree = toNode(isupRaw);
  const fields = new Map<string, string[]>();
  collectFields(tree, fields, new Map());
  const params: TsharkParam[] = [];
  const texts: TextNode[] = [];
  for (const c of tree.children) {
    const p = paramOf(c);
    if (p !== undefined) params.push(p);
    else if (c.name === '') texts.push({ text: c.show, hex: c.value });
  }
  return { index, dissected: true, messageType: firstNumber(fields, 'isup.message_type'), cic: firstNumber(fields, 'isup.cic'), fields, params, texts, experts, malformed, tree };
}

// ---------------------------------------------------------------------------------------

export { tsharkVersion } from './tshark.js';

/**
 * Dissects every frame with one tshark run; returns one entry per input, in input order.
 * Throws when tshark is missing, fails, or returns a different number of frames.
 */
export function tsharkIsup(frames: readonly IsupFrameInput[]): TsharkIsupFrame[] {
  if (frames.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'tandem-tshark-'));
  try {
    const file = join(dir, 'isup.pcapng');
    writeFileSync(file, buildPcapng(frames));
    const r = spawnSync(
      'tshark',
      [
        '-n',
        '-r',
        file,
        '-T',
        'pdml',
        ...userDltOptions(),
        '-o',
        'isup.variant:ITU Standard',
        // Each frame stands alone: no APM reassembly across frames.
        '-o',
        'isup.defragment_apm:FALSE',
      ],
      // A private, empty configuration directory: no personal preferences leak in.
      { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, WIRESHARK_CONFIG_DIR: dir } },
    );
    if (r.error !== undefined) {
      const code = (r.error as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? 'tshark is not installed (it is needed by the ISUP oracle tests; `npm test` installs it)' : `tshark: ${r.error.message}`);
    }
    if (r.status !== 0) throw new Error(`tshark exited with ${r.status}: ${r.stderr}`);
    const packets = parsePdml(r.stdout);
    if (packets.length !== frames.length) throw new Error(`tshark returned ${packets.length} frames for ${frames.length}`);
    return packets.map((p, i) => frameOf(i, p));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
