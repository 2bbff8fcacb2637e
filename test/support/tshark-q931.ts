// Runs tshark over a batch of LAPD frames and returns its view of each one, for tests that use
// tshark (Wireshark's packet-lapd.c, packet-q931.c, packet-tei_management.c) as an independent
// decoder.
//
// All frames go into ONE classic pcap file with link type 203 (LINKTYPE_LAPD: the frame starts
// at the address field, no pseudo-header, no FCS), and tshark runs ONCE with `-T pdml`. Without
// a pseudo-header tshark does not know the direction, so it shows every frame as a command: the
// P/F bit as "lapd.control.p" and U modifiers as "lapd.control.u_modifier_cmd". tshark hands
// the information field of I frames, and of UI frames with P = 0, to the dissector of the
// frame's SAPI (0 → q931, 63 → tei_management, 16 → x25); every other information field is
// shown as data.
//
// PDML keeps tshark's tree. Under the q931 protocol node, each information element is a node of
// its own: a text node (no field name) for variable-length elements, holding
// `q931.information_element` and the element's fields; a named field for the single-octet
// elements tshark knows (q931.sending_complete, q931.locking_codeset, ...). Nodes carry `pos`
// and `size`, so an element's octets can be matched by position.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expertSeverity, parsePdml, type ExpertSeverity, type RawNode } from './tshark.js';

/** One PDML node: a protocol, a named field or a text-only node (name ''). */
export interface PdmlNode {
  proto: boolean;
  name: string;
  /** the `show` attribute (for text-only nodes, their text) */
  show: string;
  showname: string;
  /** the `value` attribute (hex of the octets, or of the masked value for bit fields) */
  value: string;
  pos: number;
  size: number;
  children: PdmlNode[];
}

export interface ExpertInfo {
  severity: ExpertSeverity;
  message: string;
  /** the protocol whose tree holds the expert item */
  protocol: string;
}

export interface TsharkLapdFrame {
  index: number;
  lapd: PdmlNode | undefined;
  q931: PdmlNode | undefined;
  tei: PdmlNode | undefined;
  /** the data.data field, when tshark shows octets as data */
  data: PdmlNode | undefined;
  /** names of every protocol node of the frame, in order (frame, lapd, q931, ...) */
  protocols: string[];
  experts: ExpertInfo[];
  /** a _ws.malformed item anywhere in the frame (tshark hit the end of the data or threw) */
  malformed: boolean;
}

/** LINKTYPE_LAPD: Q.921 frames starting with the address field. */
export const LINKTYPE_LAPD = 203;

/** A classic pcap (microsecond timestamps) holding every frame, link type LAPD. */
export function buildPcap(frames: readonly Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, LINKTYPE_LAPD, true);
  let at = 24;
  frames.forEach((f, i) => {
    v.setUint32(at, 1000 + i, true);
    v.setUint32(at + 8, f.length, true);
    v.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// From PDML's elements (parsePdml, tshark.ts) to this harness's nodes and frames

function toNode(r: RawNode): PdmlNode {
  return {
    proto: r.tag === 'proto',
    name: r.attrs.name ?? '',
    show: r.attrs.show ?? '',
    showname: r.attrs.showname ?? '',
    value: (r.attrs.value ?? '').toLowerCase(),
    pos: Number(r.attrs.pos ?? -1),
    size: Number(r.attrs.size ?? 0),
    children: r.children.map(toNode),
  };
}

/** Every node under `n` (any depth), in tree order. */
export function descendants(n: PdmlNode, out: PdmlNode[] = []): PdmlNode[] {
  for (const c of n.children) {
    out.push(c);
    descendants(c, out);
  }
  return out;
}

/** Expert items under `n`, each attributed to its nearest enclosing protocol. */
function collectExperts(n: PdmlNode, protocol: string, out: ExpertInfo[]): void {
  for (const c of n.children) {
    if (c.name === '_ws.expert') {
      const child = (name: string): string | undefined => c.children.find((x) => x.name === name)?.show;
      out.push({ severity: expertSeverity(child('_ws.expert.severity')), message: child('_ws.expert.message') ?? '', protocol });
    }
    collectExperts(c, c.proto ? c.name : protocol, out);
  }
}

function frameOf(index: number, packet: RawNode): TsharkLapdFrame {
  const root = toNode({ tag: 'packet', attrs: {}, children: packet.children });
  const all = descendants(root);
  const proto = (name: string): PdmlNode | undefined => all.find((n) => n.proto && n.name === name);
  const experts: ExpertInfo[] = [];
  collectExperts(root, '', experts);
  return {
    index,
    lapd: proto('lapd'),
    q931: proto('q931'),
    tei: proto('tei_management'),
    data: all.find((n) => n.name === 'data.data'),
    protocols: all.filter((n) => n.proto).map((n) => n.name),
    experts,
    malformed: all.some((n) => n.name === '_ws.malformed'),
  };
}

export { tsharkVersion } from './tshark.js';

/**
 * Dissects every frame with one tshark run; returns one entry per input, in input order.
 * Throws when tshark is missing, fails, or returns a different number of frames.
 */
export function tsharkLapd(frames: readonly Uint8Array[]): TsharkLapdFrame[] {
  if (frames.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'tandem-tshark-q931-'));
  try {
    const file = join(dir, 'lapd.pcap');
    writeFileSync(file, buildPcap(frames));
    const r = spawnSync(
      'tshark',
      // Each frame stands alone: no reassembly of segmented Q.931 messages across frames.
      ['-n', '-r', file, '-T', 'pdml', '-o', 'q931.reassembly:FALSE', '-o', 'lapd.use_gsm_sapi_values:FALSE'],
      // A private, empty configuration directory: no personal preferences leak in.
      { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, WIRESHARK_CONFIG_DIR: dir } },
    );
    if (r.error !== undefined) {
      const code = (r.error as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? 'tshark is not installed (the Q.931 oracle tests need it; `npm test` installs it)' : `tshark: ${r.error.message}`);
    }
    if (r.status !== 0) throw new Error(`tshark exited with ${r.status}: ${r.stderr}`);
    const packets = parsePdml(r.stdout);
    if (packets.length !== frames.length) throw new Error(`tshark returned ${packets.length} frames for ${frames.length}`);
    return packets.map((p, i) => frameOf(i, p));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
