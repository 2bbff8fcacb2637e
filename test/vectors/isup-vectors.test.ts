// The public ISUP vectors (../shared/research-vectors/isup/isup_vectors.tsv), read in place:
// each is decoded with our codec, compared field by field with a live tshark dissection of the
// same octets in the vector's own framing (test/support/isup-compare.ts), and re-encoded byte
// for byte. The four vectors tshark calls malformed must fail to decode with specific errors.
//
// Formats: cic and body are ISUP as they are; mtp3 is an MTP3 MSU (SIO + 4-octet routing label,
// then the cic layout); m2ua is an M2UA DATA message whose Protocol Data 1 parameter (tag 0x0300)
// holds such an MSU. tshark gets the whole vector through its mtp3/m2ua dissectors; our codec
// gets the ISUP part.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decode, encode, type DecodeErrorCode } from 'ss7-isup-codec';
import { compareWithTshark, type CompareStats } from '../support/isup-compare.js';
import { tsharkIsup, type Framing, type TsharkIsupFrame } from '../support/tshark-isup.js';
import { beforeAllOnce } from '../support/before-all-once.js';


const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const shared = path.resolve(repoRoot, '../shared/research-vectors');
const tsv = path.join(shared, 'isup', 'isup_vectors.tsv');

interface Vector {
  id: string;
  format: Framing;
  source: string;
  octets: Uint8Array;
}

/** Vectors tshark marks malformed, and the error our decoder must give for each. */
const MALFORMED: Record<string, { code: DecodeErrorCode; place: string[] }> = {
  // SAM and CFN built without the optional-part pointer their message types require
  jss7_sam: { code: 'BAD_POINTER', place: ['SAM', 'subsequentNumber'] },
  jss7_cnf: { code: 'BAD_POINTER', place: ['CFN', 'causeIndicators'] },
  // application transport whose extension bits announce octets 1a/3a that eat the information
  jss7_apm: { code: 'TRUNCATED', place: ['APM', 'applicationTransport', 'information'] },
  jss7_pri: { code: 'TRUNCATED', place: ['PRI', 'applicationTransport', 'information'] },
};

function readVectors(): Vector[] {
  return readFileSync(tsv, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [id = '', format = '', source = '', hex = ''] = l.split('\t');
      return { id, format: format as Framing, source, octets: Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex')) };
    });
}

/** MTP3 MSU → ISUP in the cic layout: skip the SIO and the ITU routing label. */
function fromMsu(msu: Uint8Array): Uint8Array {
  if (msu.length < 5 || ((msu[0] as number) & 0x0f) !== 5) throw new Error('not an MTP3 MSU carrying ISUP (service indicator 5)');
  return msu.subarray(5);
}

/** M2UA (RFC 3331) DATA message → the MSU in its Protocol Data 1 parameter (tag 0x0300). */
function fromM2ua(m: Uint8Array): Uint8Array {
  const v = new DataView(m.buffer, m.byteOffset, m.byteLength);
  if (m[0] !== 1 || m[2] !== 6 || m[3] !== 1) throw new Error('not an M2UA MAUP DATA message');
  const end = Math.min(v.getUint32(4), m.length);
  for (let at = 8; at + 4 <= end; ) {
    const tag = v.getUint16(at);
    const len = v.getUint16(at + 2); // includes the 4-octet tag/length header, not the padding
    if (len < 4 || at + len > end) throw new Error(`M2UA parameter 0x${tag.toString(16)} runs past the message`);
    if (tag === 0x0300) return m.subarray(at + 4, at + len);
    at += (len + 3) & ~3;
  }
  throw new Error('M2UA message without Protocol Data 1 (0x0300)');
}

/** The ISUP part of a vector and the framing our decoder reads it with. */
function isupPart(v: Vector): { octets: Uint8Array; framing: 'cic' | 'body' } {
  switch (v.format) {
    case 'cic':
    case 'body':
      return { octets: v.octets, framing: v.format };
    case 'mtp3':
      return { octets: fromMsu(v.octets), framing: 'cic' };
    case 'm2ua':
      return { octets: fromMsu(fromM2ua(v.octets)), framing: 'cic' };
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

if (!existsSync(tsv)) {
  describe('ISUP research vectors', () => {
    throw new Error(`ISUP research vectors not found: ${tsv} (the suite expects ../shared/research-vectors beside the repository)`);
  });
} else {
  const vectors = readVectors();

  describe('ISUP research vectors', () => {
    const stats: CompareStats = { checks: 0 };
    let compared = 0;
    afterAll(() => {
      console.log(`isup vectors: ${compared} of ${vectors.length} vectors compared with tshark, ${stats.checks} field comparisons`);
    });
    const frames = beforeAllOnce(() => tsharkIsup(vectors.map((v) => ({ octets: v.octets, framing: v.format }))), 60_000);
    const frame = (i: number): TsharkIsupFrame => frames()[i] as TsharkIsupFrame;

    it('has vectors, and an expected error for each one tshark calls malformed', () => {
      expect(vectors.length).toBeGreaterThan(40);
      for (const id of Object.keys(MALFORMED)) expect(vectors.some((v) => v.id === id), id).toBe(true);
    });

    it.each(vectors.map((v, i) => [v.id, v.format, i] as const))('%s (%s)', (id, _format, i) => {
      const v = vectors[i] as Vector;
      const f = frame(i);
      const { octets, framing } = isupPart(v);
      const r = decode(octets, { framing });
      const bad = MALFORMED[id];
      if (bad !== undefined) {
        expect(f.malformed, `tshark should call ${id} malformed`).toBe(true);
        expect(r.ok, `${id} should not decode`).toBe(false);
        if (!r.ok) expect({ code: r.error.code, place: r.error.place }).toEqual(bad);
        return;
      }
      if (!r.ok) throw new Error(`${id}: ${r.error.code} at ${r.error.place.join('.')} (offset ${r.error.offset}): ${r.error.message}`);
      expect(hex(encode(r.value, { framing })), `${id}: encode(decode(x)) must equal x`).toBe(hex(octets));
      const d = compareWithTshark(r.value, octets, framing, f, stats);
      compared++;
      expect(d.map((x) => `${x.field}: ours ${x.ours}, tshark ${x.theirs}`), `${id} ${hex(v.octets)}`).toEqual([]);
    });

    it('rfc3204_iam: the octets after the optional-part pointer 0 are kept (lenient) or refused (strict)', () => {
      const v = vectors.find((x) => x.id === 'rfc3204_iam');
      expect(v).toBeDefined();
      if (v === undefined) return;
      const lenient = decode(v.octets, { framing: 'body' });
      expect(lenient.ok).toBe(true);
      if (!lenient.ok) return;
      expect(lenient.value.trailing?.length).toBe(44);
      expect(hex(encode(lenient.value, { framing: 'body' }))).toBe(hex(v.octets));
      const strict = decode(v.octets, { framing: 'body', strict: true });
      expect(strict.ok).toBe(false);
      if (!strict.ok) expect(strict.error.code).toBe('TRAILING_BYTES');
    });
  });
}
