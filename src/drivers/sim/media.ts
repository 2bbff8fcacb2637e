// The simulated circuit's bearer: an SDP offer/answer (RFC 3264) choosing G.711 (PCMU or PCMA,
// RFC 3551 static payload types 0 and 8), and an RTP echo (RFC 3550 packets sent back to their
// sender). The socket lives in rtp-echo.ts behind RtpEchoFactory, so this file has no I/O.
import { parse, type SessionDescription } from 'sdp-transform';
import { err, ok, type Result } from '../../core/result.js';

/** An open echo: RTP packets of its payload type that reach address:port go back to where they came from. */
export interface RtpEcho {
  readonly address: string;
  readonly port: number;
  close(): void;
}

export interface RtpEchoFactory {
  open(payloadType: number): Promise<RtpEcho>;
}

export type G711 = 'PCMU' | 'PCMA';
const STATIC_G711: Readonly<Record<number, G711>> = { 0: 'PCMU', 8: 'PCMA' };

export interface MediaChoice {
  payloadType: number;
  codec: G711;
}

/** The first audio stream of an offer, as the text sdp-transform's grammar would read from it. */
interface AudioStream {
  /** the m= line's port */
  readonly port: string;
  /** the m= line's format list, undefined when the line has none */
  readonly payloads: string | undefined;
  /** its a=rtpmap lines: payload type, encoding name, clock rate */
  readonly rtp: { payload: string; codec: string; rate: string | undefined }[];
}

// sdp-transform's patterns for these lines (lib/grammar.js), so that this reads what its parse() reads
const SDP_LINE = /\r\n|\r|\n/;
const M_LINE = /^(\w*) (\d*) ([\w/]*)(?: (.*))?/;
const RTPMAP = /^rtpmap:(\d*) ([\w\-.]*)(?:\s*\/(\d*)(?:\s*\/(\S*))?)?/;

/**
 * The first audio stream of `sdp`, read line by line as sdp-transform's parse() does (a line is
 * `<lowercase letter>=`; a media section runs from its m= line to the next) but without building
 * the whole description: the sim reads every offer, and only this part of it.
 */
function firstAudio(sdp: string): AudioStream | undefined {
  let audio: { port: string; payloads: string | undefined; rtp: AudioStream['rtp'] } | undefined;
  for (const line of sdp.split(SDP_LINE)) {
    const type = line.charCodeAt(0);
    if (line.charCodeAt(1) !== 0x3d || type < 0x61 || type > 0x7a) continue; // not `[a-z]=`
    if (type === 0x6d) {
      // m=: the next media section
      if (audio !== undefined) break;
      const m = M_LINE.exec(line.slice(2));
      if (m !== null && m[1] === 'audio') audio = { port: m[2] as string, payloads: m[4], rtp: [] };
    } else if (type === 0x61 && audio !== undefined) {
      const r = RTPMAP.exec(line.slice(2));
      if (r !== null) audio.rtp.push({ payload: r[1] as string, codec: r[2] as string, rate: r[3] });
    }
  }
  return audio;
}

function codecOf(audio: AudioStream, pt: number): string | undefined {
  // sdp-transform turns integer text into numbers: an rtpmap's payload type is `pt` when its text is pt's
  const map = audio.rtp.find((r) => r.payload === String(pt));
  if (map !== undefined) return map.rate === '8000' ? map.codec.toUpperCase() : undefined;
  return STATIC_G711[pt];
}

/** The first G.711 payload type of the offer's first audio stream, in the offerer's order of preference. */
export function chooseG711(offer: string): Result<MediaChoice, string> {
  const audio = firstAudio(offer);
  if (audio === undefined || audio.port === '0') return err('no active audio stream in the offer');
  const pts = (audio.payloads ?? '')
    .split(' ')
    .filter((p) => p !== '')
    .map(Number);
  for (const pt of pts) {
    const codec = codecOf(audio, pt);
    // the literals, not the offer's text: a session keeps its codec for the call's life
    if (codec === 'PCMU') return ok({ payloadType: pt, codec: 'PCMU' });
    if (codec === 'PCMA') return ok({ payloadType: pt, codec: 'PCMA' });
  }
  return err('the offer has no PCMU or PCMA');
}

/** Where the far side takes RTP: the first active audio stream of its SDP (RFC 4566 c= and m=). */
export interface RemoteMedia {
  readonly address: string;
  readonly port: number;
  readonly payloadType: number;
}

/** The remote end of a session from the far side's SDP answer. */
export function remoteOf(sdpText: string): Result<RemoteMedia, string> {
  let sdp: SessionDescription;
  try {
    sdp = parse(sdpText);
  } catch (e) {
    return err(`unparsable SDP: ${String(e)}`);
  }
  const audio = (sdp.media ?? []).find((m) => m.type === 'audio');
  if (audio === undefined || audio.port === 0) return err('no active audio stream in the SDP');
  const address = audio.connection?.ip ?? sdp.connection?.ip;
  const payloadType = Number(String(audio.payloads ?? '').split(' ')[0]);
  if (address === undefined) return err('no connection address in the SDP');
  if (!Number.isInteger(payloadType)) return err('no payload type in the SDP');
  return ok({ address, port: audio.port, payloadType });
}

/**
 * The SDP answer for `choice`, with the echo's address and port: one audio stream with the chosen
 * codec only. Written out directly (it is the same few lines each time), exactly as sdp-transform's
 * write() would write them.
 */
export function answerSdp(choice: MediaChoice, echo: Pick<RtpEcho, 'address' | 'port'>, sessionId: number): string {
  const ip = `IN IP${echo.address.includes(':') ? 6 : 4} ${echo.address}`;
  const pt = choice.payloadType;
  return `v=0\r\no=tandem-sim ${sessionId} 1 ${ip}\r\ns=-\r\nc=${ip}\r\nt=0 0\r\nm=audio ${echo.port} RTP/AVP ${pt}\r\na=rtpmap:${pt} ${choice.codec}/8000\r\na=sendrecv\r\n`;
}

const RTP_HEADER = 12;

/** Whether `packet` is an RTP version 2 packet of payload type `pt` (RFC 3550 §5.1). */
export function isRtpOf(packet: Uint8Array, pt: number): boolean {
  return packet.length >= RTP_HEADER && ((packet[0] as number) & 0xc0) === 0x80 && ((packet[1] as number) & 0x7f) === pt;
}
