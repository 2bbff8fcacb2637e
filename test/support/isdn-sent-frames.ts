// "Every frame Tandem sends decodes in tshark the same way Tandem decodes it", for the runs against
// libpri: the rigs (test/drivers/isdn/libpri-rig.ts, test/e2e/isdn.ts) start every peer with --dump,
// hand the frames the peer received from Tandem (its `rx` events) to collectSentFrames() when the
// peer closes, and verifySentFramesAfterAll() checks them all after the test file with ONE tshark run
// (test/support/tshark-q931.ts), field by field against our codec (test/support/q931-compare.ts, the
// comparator of test/q931-oracle.test.ts). A disagreement fails the file.
import { Sapi, decodeFrame, decodeMessage, decodeTeiMessage } from 'q931-codec';
import { afterAll, expect } from 'vitest';
import { compareWithTshark, type CompareStats, type Decoded } from './q931-compare.js';
import type { PriPeer } from './pri-peer.js';
import { tsharkLapd } from './tshark-q931.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Our decode of one frame: the frame, and its Q.931 or TEI management message. Throws on a frame we cannot decode. */
export function ourDecode(octets: Uint8Array): Decoded {
  const f = decodeFrame(octets);
  if (!f.ok) throw new Error(`${hex(octets)}: frame ${f.error.code}`);
  const d: Decoded = { frame: f.value };
  const info = 'info' in f.value ? f.value.info : undefined;
  if (info === undefined || info.length === 0) return d;
  if (f.value.sapi === Sapi.CALL_CONTROL) {
    const m = decodeMessage(info);
    if (!m.ok) throw new Error(`${hex(octets)}: message ${m.error.code}`);
    d.message = m.value;
  } else if (f.value.sapi === Sapi.LAYER_2_MANAGEMENT) {
    const t = decodeTeiMessage(info);
    if (!t.ok) throw new Error(`${hex(octets)}: TEI ${t.error.code}`);
    d.tei = t.value;
  }
  return d;
}

/** The frames a peer received from Tandem (`rx` with --dump), as octets. */
export function framesSentTo(peer: PriPeer): Uint8Array[] {
  return peer.all('rx').map((e) => Uint8Array.from(Buffer.from(String(e.hex).replace(/\s+/g, ''), 'hex')));
}

/** tshark's dissection of `frames` against ours: the field checks made and every disagreement. */
export function tsharkDisagreements(frames: readonly Uint8Array[]): { checks: number; disagreements: string[] } {
  if (frames.length === 0) return { checks: 0, disagreements: [] };
  const dissected = tsharkLapd([...frames]);
  const stats: CompareStats = { checks: 0 };
  const disagreements = frames.flatMap((octets, i) =>
    compareWithTshark(ourDecode(octets), octets, dissected[i] as (typeof dissected)[number], stats).map((x) => `${hex(octets)} ${x.field}: ours ${x.ours}, tshark ${x.theirs}`),
  );
  return { checks: stats.checks, disagreements };
}

const collected: Uint8Array[] = [];

/** Keep the frames `peer` received from Tandem for the check after the file. */
export function collectSentFrames(peer: PriPeer): void {
  collected.push(...framesSentTo(peer));
}

/** Registers the check of every collected frame after the test file (call once, at module level). */
export function verifySentFramesAfterAll(): void {
  afterAll(() => {
    const frames = collected.splice(0);
    const { checks, disagreements } = tsharkDisagreements(frames);
    expect(disagreements, disagreements.join('\n')).toEqual([]);
    if (frames.length > 0) expect(checks).toBeGreaterThan(frames.length);
  }, 120_000);
}
