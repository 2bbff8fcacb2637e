// Transmission medium requirement (Q.763 §3.54) and user service information (Q.763 §3.57, the
// Q.931 §4.5.5 bearer capability) <-> the SDP offer's audio codecs. G.711 (RFC 3551 static
// payload types 0 PCMU and 8 PCMA) is speech or 3.1 kHz audio with the matching layer 1 law;
// clearmode (RFC 4040) is 64 kbit/s unrestricted. RFC 3398 allows speech or 3.1 kHz for audio;
// Q.1912.5 uses 3.1 kHz ([mem]), the trunk chooses. S->P takes the first codec of the offer's
// first active audio stream that has a row (offer order is preference order); an offer without
// one is refused with 488 (cause 65, the RFC 3398 pair). P->S lists the codecs to offer.
import type { SessionDescription } from 'sdp-transform';
import { Layer1Protocol, TransferCapability, TransmissionMedium, type UserServiceInformation } from 'ss7-isup-codec';
import { err, ok, type Result } from '../../core/result.js';
import type { MappingFailure, Source } from './source.js';

export type Codec = 'PCMA' | 'PCMU' | 'CLEARMODE';
export type Bearer = 'speech' | '3.1kHz' | '64k' | '64k-preferred';

export interface CodecRow extends Source {
  readonly codec: Codec;
  /** RFC 3551 static payload type; clearmode's is dynamic. */
  readonly payload?: number;
  readonly rate: number;
  /** Audio codecs carry the trunk's audio bearer; clearmode the 64 kbit/s one. */
  readonly kind: 'audio' | 'digital';
  readonly layer1?: number;
}

export const CODEC_ROWS: readonly CodecRow[] = [
  { codec: 'PCMA', payload: 8, rate: 8000, kind: 'audio', layer1: Layer1Protocol.G711_A_LAW, ref: 'RFC 3551 §6; Q.931 §4.5.5; Q.1912.5', basis: 'mem' },
  { codec: 'PCMU', payload: 0, rate: 8000, kind: 'audio', layer1: Layer1Protocol.G711_MU_LAW, ref: 'RFC 3551 §6; Q.931 §4.5.5; Q.1912.5', basis: 'mem' },
  { codec: 'CLEARMODE', rate: 8000, kind: 'digital', ref: 'RFC 4040; Q.1912.5', basis: 'mem' },
];

export interface BearerRow extends Source {
  readonly bearer: Bearer;
  readonly tmr: number;
  readonly transferCapability: number;
  /** P->S: the kinds of codec offered, in order. */
  readonly offer: readonly CodecRow['kind'][];
}

const SPEECH: BearerRow = { bearer: 'speech', tmr: TransmissionMedium.SPEECH, transferCapability: TransferCapability.SPEECH, offer: ['audio'], ref: 'RFC 3398 §7.2.1.1', basis: 'mem' };
const AUDIO: BearerRow = { bearer: '3.1kHz', tmr: TransmissionMedium.AUDIO_3K1, transferCapability: TransferCapability.AUDIO_3K1, offer: ['audio'], ref: 'Q.1912.5 / TS 29.163', basis: 'mem' };
const DIGITAL: BearerRow = { bearer: '64k', tmr: TransmissionMedium.UNRESTRICTED_64K, transferCapability: TransferCapability.UNRESTRICTED_DIGITAL, offer: ['digital'], ref: 'Q.1912.5; RFC 4040', basis: 'mem' };

export const BEARER_ROWS: readonly BearerRow[] = [
  SPEECH,
  AUDIO,
  DIGITAL,
  {
    bearer: '64k-preferred',
    tmr: TransmissionMedium.UNRESTRICTED_64K_PREFERRED,
    transferCapability: TransferCapability.UNRESTRICTED_DIGITAL,
    offer: ['digital', 'audio'],
    ref: 'Tandem: 64 kbit/s, falling back to audio',
    basis: 'project',
  },
];

/** Q.931 §4.5.5 octet 4: circuit mode, 64 kbit/s. */
const CIRCUIT_MODE = 0;
const RATE_64K = 0x10;

export interface BearerOptions {
  /** How audio codecs are signalled: speech (TMR 0) or 3.1 kHz audio (TMR 3). */
  readonly audio: 'speech' | '3.1kHz';
  /** P->S: G.711 law offered first when the IAM's USI gives none (A-law on E1, µ-law on T1). */
  readonly law: 'A' | 'mu';
}

export interface IamBearer {
  readonly transmissionMediumRequirement: number;
  readonly userServiceInformation: UserServiceInformation;
}

const noBearer = (message: string): MappingFailure => ({ code: 'NO_COMMON_BEARER', status: 488, cause: 65, message });

function codecOf(rtp: SessionDescription['media'][number]['rtp'], payload: number): CodecRow | undefined {
  const map = rtp.find((r) => r.payload === payload);
  if (map === undefined) return CODEC_ROWS.find((r) => r.payload === payload);
  return CODEC_ROWS.find((r) => r.codec === map.codec.toUpperCase() && r.rate === map.rate);
}

/** S->P: TMR and USI for an SDP offer. */
export function bearerFromSdp(sdp: SessionDescription, opts: BearerOptions): Result<IamBearer, MappingFailure> {
  const audio = sdp.media.find((m) => m.type === 'audio' && m.port !== 0);
  if (audio === undefined) return err(noBearer('no active audio stream in the offer'));
  const payloads = String(audio.payloads ?? '').split(' ').filter((p) => p !== '').map(Number);
  const codec = payloads.map((p) => codecOf(audio.rtp, p)).find((c) => c !== undefined);
  if (codec === undefined) return err(noBearer('the offer has none of PCMA, PCMU, CLEARMODE'));
  const bearer = codec.kind === 'digital' ? DIGITAL : opts.audio === 'speech' ? SPEECH : AUDIO;
  const usi: UserServiceInformation = { codingStandard: 0, transferCapability: bearer.transferCapability, transferMode: CIRCUIT_MODE, transferRate: RATE_64K };
  return ok({ transmissionMediumRequirement: bearer.tmr, userServiceInformation: codec.layer1 === undefined ? usi : { ...usi, layer1Protocol: codec.layer1 } });
}

/** P->S: the codecs to offer, in order, for the IAM's TMR and USI. */
export function codecsForBearer(tmr: number, usi: UserServiceInformation | undefined, opts: BearerOptions): Result<CodecRow[], MappingFailure> {
  const bearer = BEARER_ROWS.find((b) => b.tmr === tmr);
  if (bearer === undefined) return err(noBearer(`transmission medium requirement ${tmr} is not supported`));
  const firstLayer1 = usi?.layer1Protocol ?? (opts.law === 'A' ? Layer1Protocol.G711_A_LAW : Layer1Protocol.G711_MU_LAW);
  const audio = [...CODEC_ROWS.filter((c) => c.kind === 'audio')].sort((a, b) => Number(b.layer1 === firstLayer1) - Number(a.layer1 === firstLayer1));
  return ok(bearer.offer.flatMap((kind) => (kind === 'audio' ? audio : CODEC_ROWS.filter((c) => c.kind === 'digital'))));
}
