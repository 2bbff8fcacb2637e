// Hop counter <-> Max-Forwards, and TMR/USI <-> SDP codecs, both ways, row by row.
import fc from 'fast-check';
import { parse } from 'sdp-transform';
import { Layer1Protocol, TransferCapability, TransmissionMedium } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import {
  BEARER_ROWS,
  CODEC_ROWS,
  HOP_COUNTER,
  bearerFromSdp,
  codecsForBearer,
  hopCounterFromMaxForwards,
  maxForwardsFromHopCounter,
  type BearerOptions,
} from '../../../src/interworking/mapping/index.js';

describe('hop counter <-> Max-Forwards', () => {
  it('has the hand-written parameters: ratio 1, 31 hops, default 70', () => {
    expect([HOP_COUNTER.ratio, HOP_COUNTER.maxHops, HOP_COUNTER.defaultMaxForwards]).toEqual([1, 31, 70]);
  });
  it.each([
    [70, 1, 31],
    [31, 1, 31],
    [10, 1, 10],
    [0, 1, 0],
    [255, 1, 31],
    [70, 4, 17],
    [3, 4, 0],
  ])('Max-Forwards %i (ratio %i) -> hop counter %i', (mf, ratio, hops) => {
    expect(hopCounterFromMaxForwards(mf, ratio)).toBe(hops);
  });
  it.each([
    [10, 1, 10],
    [31, 8, 248],
    [31, 10, 255],
    [undefined, 1, 70],
  ])('hop counter %s (ratio %i) -> Max-Forwards %i', (hops, ratio, mf) => {
    expect(maxForwardsFromHopCounter(hops, ratio)).toBe(mf);
  });
  it('round-trips every hop counter for any ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 1, max: 8 }), (hops, ratio) => {
        expect(hopCounterFromMaxForwards(maxForwardsFromHopCounter(hops, ratio), ratio)).toBe(hops);
      }),
    );
  });
});

const offer = (formats: string, rtpmaps: string[] = [], port = 49170): string =>
  ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', `m=audio ${port} RTP/AVP ${formats}`, ...rtpmaps.map((r) => `a=rtpmap:${r}`), ''].join('\r\n');
const A: BearerOptions = { audio: '3.1kHz', law: 'A' };
const SPEECH: BearerOptions = { audio: 'speech', law: 'mu' };
const bearer = (sdp: string, opts = A) => {
  const r = bearerFromSdp(parse(sdp), opts);
  return r.ok ? r.value : r.error;
};

describe('bearer rows', () => {
  it('match the hand-written lists', () => {
    expect(CODEC_ROWS.map((c) => [c.codec, c.payload, c.rate, c.kind, c.layer1])).toEqual([
      ['PCMA', 8, 8000, 'audio', 3],
      ['PCMU', 0, 8000, 'audio', 2],
      ['CLEARMODE', undefined, 8000, 'digital', undefined],
    ]);
    expect(BEARER_ROWS.map((b) => [b.bearer, b.tmr, b.transferCapability, b.offer])).toEqual([
      ['speech', 0, 0x00, ['audio']],
      ['3.1kHz', 3, 0x10, ['audio']],
      ['64k', 2, 0x08, ['digital']],
      ['64k-preferred', 6, 0x08, ['digital', 'audio']],
    ]);
  });
});

describe('SDP -> TMR and USI', () => {
  it.each(CODEC_ROWS.map((c) => [c.codec, c.kind, c.layer1] as const))('%s (%s) -> its row', (codec, kind, layer1) => {
    const row = BEARER_ROWS.find((b) => b.bearer === (kind === 'audio' ? '3.1kHz' : '64k'));
    const got = bearer(offer('97', [`97 ${codec}/8000`]));
    expect(got).toMatchObject({ transmissionMediumRequirement: row?.tmr, userServiceInformation: { transferCapability: row?.transferCapability, transferRate: 0x10, transferMode: 0, codingStandard: 0 } });
    expect('userServiceInformation' in got && got.userServiceInformation.layer1Protocol).toBe(layer1 ?? undefined);
  });
  it.each([
    [offer('8 0 101', ['101 telephone-event/8000']), A, TransmissionMedium.AUDIO_3K1, TransferCapability.AUDIO_3K1, Layer1Protocol.G711_A_LAW],
    [offer('0 8'), A, TransmissionMedium.AUDIO_3K1, TransferCapability.AUDIO_3K1, Layer1Protocol.G711_MU_LAW],
    [offer('0'), SPEECH, TransmissionMedium.SPEECH, TransferCapability.SPEECH, Layer1Protocol.G711_MU_LAW],
    [offer('18 8', ['18 G729/8000']), SPEECH, TransmissionMedium.SPEECH, TransferCapability.SPEECH, Layer1Protocol.G711_A_LAW],
    [offer('97 0', ['97 CLEARMODE/8000']), A, TransmissionMedium.UNRESTRICTED_64K, TransferCapability.UNRESTRICTED_DIGITAL, undefined],
    [offer('97 8', ['97 clearmode/8000']), SPEECH, TransmissionMedium.UNRESTRICTED_64K, TransferCapability.UNRESTRICTED_DIGITAL, undefined],
  ])('reference case %#', (sdp, opts, tmr, capability, layer1) => {
    const got = bearer(sdp, opts);
    expect(got).toEqual({
      transmissionMediumRequirement: tmr,
      userServiceInformation: { codingStandard: 0, transferCapability: capability, transferMode: 0, transferRate: 0x10, ...(layer1 === undefined ? {} : { layer1Protocol: layer1 }) },
    });
  });
  it.each([
    ['no common codec', offer('18', ['18 G729/8000'])],
    ['PCMA at 16 kHz', offer('96', ['96 PCMA/16000'])],
    ['inactive audio', offer('8', [], 0)],
    ['no audio', 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=video 5000 RTP/AVP 31\r\n'],
  ])('refuses %s with 488 / cause 65', (_what, sdp) => {
    expect(bearer(sdp)).toMatchObject({ code: 'NO_COMMON_BEARER', status: 488, cause: 65 });
  });
});

describe('TMR and USI -> codecs', () => {
  const usi = (layer1Protocol?: number) => ({ codingStandard: 0, transferCapability: TransferCapability.SPEECH, transferMode: 0, transferRate: 0x10, ...(layer1Protocol === undefined ? {} : { layer1Protocol }) });
  const codecs = (tmr: number, layer1?: number, opts = A) => {
    const r = codecsForBearer(tmr, layer1 === undefined ? undefined : usi(layer1), opts);
    return r.ok ? r.value.map((c) => c.codec) : r.error;
  };
  it.each(BEARER_ROWS.map((b) => [b.bearer, b.tmr, b.offer] as const))('%s (TMR %i) offers %j', (_name, tmr, kinds) => {
    const got = codecs(tmr);
    expect(Array.isArray(got) && got.map((c) => CODEC_ROWS.find((r) => r.codec === c)?.kind)).toEqual(kinds.flatMap((k) => (k === 'audio' ? ['audio', 'audio'] : ['digital'])));
  });
  it.each([
    [TransmissionMedium.SPEECH, Layer1Protocol.G711_MU_LAW, A, ['PCMU', 'PCMA']],
    [TransmissionMedium.AUDIO_3K1, Layer1Protocol.G711_A_LAW, SPEECH, ['PCMA', 'PCMU']],
    [TransmissionMedium.AUDIO_3K1, undefined, A, ['PCMA', 'PCMU']],
    [TransmissionMedium.SPEECH, undefined, SPEECH, ['PCMU', 'PCMA']],
    [TransmissionMedium.UNRESTRICTED_64K, undefined, A, ['CLEARMODE']],
    [TransmissionMedium.UNRESTRICTED_64K_PREFERRED, Layer1Protocol.G711_MU_LAW, A, ['CLEARMODE', 'PCMU', 'PCMA']],
  ])('reference: TMR %i, layer 1 %s -> %j', (tmr, layer1, opts, expected) => {
    expect(codecs(tmr, layer1, opts)).toEqual(expected);
  });
  it('refuses 2x64 kbit/s with cause 65', () => {
    expect(codecs(TransmissionMedium.UNRESTRICTED_2X64K)).toMatchObject({ code: 'NO_COMMON_BEARER', cause: 65 });
  });
  it('round trip: the first codec offered for a bearer gives that bearer back', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BEARER_ROWS.filter((b) => b.bearer !== '64k-preferred')), fc.constantFrom<BearerOptions['law']>('A', 'mu'), (row, law) => {
        const opts: BearerOptions = { audio: row.bearer === 'speech' ? 'speech' : '3.1kHz', law };
        const first = codecsForBearer(row.tmr, undefined, opts);
        if (!first.ok || first.value[0] === undefined) throw new Error('no codec');
        const c = first.value[0];
        const got = bearerFromSdp(parse(offer(String(c.payload ?? 97), [`${c.payload ?? 97} ${c.codec}/${c.rate}`])), opts);
        expect(got.ok && got.value.transmissionMediumRequirement).toBe(row.tmr);
      }),
    );
  });
});
