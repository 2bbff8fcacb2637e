// The public DSS1 vectors (../shared/research-vectors/q931/q931_vectors.tsv: LAPD frames, address
// + control [+ Q.931 message], no flags or FCS), read in place. Each is decoded with our codec
// (strictly), compared field by field with a live tshark dissection of the same octets
// (test/support/q931-compare.ts) and with the decode recorded beside it (decoded/<id>.txt), and
// re-encoded byte for byte.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MESSAGES, Sapi, decodeFrame, decodeMessage, decodeTeiMessage, encodeFrame, encodeMessage, type LapdFrame } from 'q931-codec';
import { compareWithTshark, type CompareStats, type Decoded } from '../support/q931-compare.js';
import { tsharkLapd, type TsharkLapdFrame } from '../support/tshark-q931.js';
import { beforeAllOnce } from '../support/before-all-once.js';


const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dir = path.resolve(repoRoot, '../shared/research-vectors/q931');
const tsv = path.join(dir, 'q931_vectors.tsv');

interface Vector {
  id: string;
  source: string;
  octets: Uint8Array;
}

function readVectors(): Vector[] {
  return readFileSync(tsv, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [id = '', source = '', hex = ''] = l.split('\t');
      return { id, source, octets: Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex')) };
    });
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Our strict decode of a vector: the frame and, on SAPI 0 I frames, the Q.931 message. */
function decodeVector(v: Vector): Decoded {
  const f = decodeFrame(v.octets, { strict: true });
  if (!f.ok) throw new Error(`${v.id}: frame ${f.error.code} at ${f.error.place.join('.')} (offset ${f.error.offset}): ${f.error.message}`);
  const ours: Decoded = { frame: f.value };
  const info = 'info' in f.value ? f.value.info : undefined;
  if (info !== undefined && (f.value.type === 'I' || f.value.type === 'UI') && f.value.sapi === Sapi.CALL_CONTROL) {
    const m = decodeMessage(info, { strict: true });
    if (!m.ok) throw new Error(`${v.id}: message ${m.error.code} at ${m.error.place.join('.')} (offset ${m.error.offset}): ${m.error.message}`);
    ours.message = m.value;
  }
  if (info !== undefined && f.value.type === 'UI' && f.value.sapi === Sapi.LAYER_2_MANAGEMENT) {
    const t = decodeTeiMessage(info, { strict: true });
    if (!t.ok) throw new Error(`${v.id}: TEI ${t.error.code} at ${t.error.place.join('.')}`);
    ours.tei = t.value;
  }
  return ours;
}

/** The lines of decoded/<id>.txt that name a value we also hold, checked against ours. */
function recorded(id: string, ours: Decoded): [what: string, recorded: string, ours: string][] {
  const text = readFileSync(path.join(dir, 'decoded', `${id}.txt`), 'utf8');
  const f: LapdFrame = ours.frame;
  const out: [string, string, string][] = [];
  const grab = (re: RegExp): string | undefined => re.exec(text)?.[1];
  out.push(['SAPI', grab(/= SAPI: .*\((\d+)\)/) ?? 'absent', String(f.sapi)]);
  out.push(['C/R', grab(/= C\/R: (\d)/) ?? 'absent', String(Number(f.cr))]);
  out.push(['TEI', grab(/= TEI: (\d+)/) ?? 'absent', String(f.tei)]);
  const m = ours.message;
  if (m !== undefined && m.type !== 'UNKNOWN') {
    out.push(['message type', grab(/Message type: .*\((0x[0-9a-f]{2})\)/) ?? 'absent', `0x${MESSAGES[m.type].code.toString(16).padStart(2, '0')}`]);
    out.push(['call reference length', grab(/Call reference value length: (\d+)/) ?? 'absent', String(m.callReference.length)]);
    out.push(['information elements', String(text.split('\n').filter((l) => /^ {8}Information element: /.test(l)).length), String(m.ies.length)]);
  }
  return out;
}

if (!existsSync(tsv)) {
  describe('Q.931 research vectors', () => {
    throw new Error(`Q.931 research vectors not found: ${tsv} (the suite expects ../shared/research-vectors beside the repository)`);
  });
} else {
  const vectors = readVectors();

  describe('Q.931 research vectors', () => {
    const stats: CompareStats = { checks: 0 };
    afterAll(() => {
      console.log(`q931 vectors: ${vectors.length} LAPD frames compared with tshark, ${stats.checks} field comparisons`);
    });
    const frames = beforeAllOnce(() => tsharkLapd(vectors.map((v) => v.octets)), 60_000);
    const frame = (i: number): TsharkLapdFrame => frames()[i] as TsharkLapdFrame;

    it('has vectors, each with its recorded tshark decode', () => {
      expect(vectors.length).toBeGreaterThanOrEqual(9);
      for (const v of vectors) expect(existsSync(path.join(dir, 'decoded', `${v.id}.txt`)), v.id).toBe(true);
    });

    it.each(vectors.map((v, i) => [v.id, i] as const))('%s', (_id, i) => {
      const v = vectors[i] as Vector;
      const ours = decodeVector(v);
      expect(hex(encodeFrame(ours.frame)), `${v.id}: encode(decode(x)) must equal x`).toBe(hex(v.octets));
      const info = 'info' in ours.frame ? ours.frame.info : undefined;
      if (ours.message !== undefined && info !== undefined) expect(hex(encodeMessage(ours.message))).toBe(hex(info));
      const d = compareWithTshark(ours, v.octets, frame(i), stats);
      expect(d.map((x) => `${x.field}: ours ${x.ours}, tshark ${x.theirs}`), `${v.id} ${hex(v.octets)}`).toEqual([]);
      for (const [what, rec, mine] of recorded(v.id, ours)) expect(mine, `${v.id}: ${what} in decoded/${v.id}.txt`).toBe(rec);
    });
  });
}
