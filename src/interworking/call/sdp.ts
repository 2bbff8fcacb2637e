// SDP (RFC 4566, RFC 3264) as call control needs it. The span driver port only answers offers, so
// a P→S call asks the circuit to answer an offer of the codecs its IAM calls for (a placeholder
// address, port 9 "discard") and offers the circuit's answer to the SIP callee. The codec of a
// description is its first audio payload, for the CDR.
import { parse, write, type MediaDescription, type SessionDescription } from 'sdp-transform';
import type { CodecRow } from '../mapping/index.js';

/** Dynamic payload type for codecs without a static one (clearmode, RFC 4040). */
const DYNAMIC_PT = 97;

/** An offer of `codecs`, in order, from no address in particular. */
export function circuitOffer(codecs: readonly CodecRow[]): string {
  const rtp = codecs.map((c) => ({ payload: c.payload ?? DYNAMIC_PT, codec: c.codec, rate: c.rate }));
  return write({
    version: 0,
    origin: { username: 'tandem', sessionId: 0, sessionVersion: 0, netType: 'IN', ipVer: 4, address: '0.0.0.0' },
    name: '-',
    connection: { version: 4, ip: '0.0.0.0' },
    timing: { start: 0, stop: 0 },
    media: [{ type: 'audio', port: 9, protocol: 'RTP/AVP', payloads: rtp.map((r) => r.payload).join(' '), rtp, fmtp: [], direction: 'sendrecv' }],
  });
}

/** RFC 3551 static payload types Tandem knows by name. */
const STATIC: Readonly<Record<number, string>> = { 0: 'PCMU', 8: 'PCMA', 9: 'G722', 18: 'G729' };

/** Codec names as one string each (not one per SDP read): a call's CDR keeps its codec's name while the call lasts. */
const KNOWN = new Map(['PCMU', 'PCMA', 'G722', 'G729', 'CLEARMODE'].map((n) => [n, n]));

/** The first codec of the first active audio stream, e.g. `PCMA`. */
export function codecOf(sdp: string | Uint8Array | undefined): string | undefined {
  if (sdp === undefined) return undefined;
  const audio = parseSdp(sdp).media.find((m: MediaDescription) => m.type === 'audio' && m.port !== 0);
  const [first] = String(audio?.payloads ?? '').split(' ').filter((p) => p !== '').map(Number);
  if (audio === undefined || first === undefined) return undefined;
  const named = audio.rtp.find((r) => r.payload === first)?.codec.toUpperCase();
  return named === undefined ? STATIC[first] : (KNOWN.get(named) ?? named);
}

/** The session description of `sdp` (empty for none or garbage: sdp-transform does not throw on text). */
export function parseSdp(sdp: string | Uint8Array | undefined): SessionDescription {
  const text = sdp === undefined ? '' : typeof sdp === 'string' ? sdp : Buffer.from(sdp).toString('utf8');
  const parsed = parse(text);
  return { ...parsed, media: parsed.media ?? [] };
}

/** Octets of a body part as text. */
export const sdpText = (sdp: Uint8Array | undefined): string => (sdp === undefined ? '' : Buffer.from(sdp).toString('utf8'));
