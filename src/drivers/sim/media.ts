// The simulated circuit's bearer: an SDP offer/answer (RFC 3264) choosing G.711 (PCMU or PCMA,
// RFC 3551 static payload types 0 and 8), and an RTP echo (RFC 3550 packets sent back to their
// sender). The socket lives in rtp-echo.ts behind RtpEchoFactory, so this file has no I/O.
import { parse, write, type MediaDescription, type SessionDescription } from 'sdp-transform';
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

function codecOf(m: MediaDescription, pt: number): string | undefined {
  const map = m.rtp.find((r) => r.payload === pt);
  if (map !== undefined) return map.rate === 8000 ? map.codec.toUpperCase() : undefined;
  return STATIC_G711[pt];
}

/** The first G.711 payload type of the offer's first audio stream, in the offerer's order of preference. */
export function chooseG711(offer: string): Result<MediaChoice, string> {
  let sdp: SessionDescription;
  try {
    sdp = parse(offer);
  } catch (e) {
    return err(`unparsable SDP: ${String(e)}`);
  }
  const audio = (sdp.media ?? []).find((m) => m.type === 'audio');
  if (audio === undefined || audio.port === 0) return err('no active audio stream in the offer');
  const pts = String(audio.payloads ?? '')
    .split(' ')
    .filter((p) => p !== '')
    .map(Number);
  for (const pt of pts) {
    const codec = codecOf(audio, pt);
    if (codec === 'PCMU' || codec === 'PCMA') return ok({ payloadType: pt, codec });
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

/** The SDP answer for `choice`, with the echo's address and port. */
export function answerSdp(choice: MediaChoice, echo: Pick<RtpEcho, 'address' | 'port'>, sessionId: number): string {
  const ipVer = echo.address.includes(':') ? 6 : 4;
  return write({
    version: 0,
    origin: { username: 'tandem-sim', sessionId, sessionVersion: 1, netType: 'IN', ipVer, address: echo.address },
    name: '-',
    connection: { version: ipVer, ip: echo.address },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: 'audio',
        port: echo.port,
        protocol: 'RTP/AVP',
        payloads: String(choice.payloadType),
        rtp: [{ payload: choice.payloadType, codec: choice.codec, rate: 8000 }],
        fmtp: [],
        direction: 'sendrecv',
      },
    ],
  });
}

const RTP_HEADER = 12;

/** Whether `packet` is an RTP version 2 packet of payload type `pt` (RFC 3550 §5.1). */
export function isRtpOf(packet: Uint8Array, pt: number): boolean {
  return packet.length >= RTP_HEADER && ((packet[0] as number) & 0xc0) === 0x80 && ((packet[1] as number) & 0x7f) === pt;
}
