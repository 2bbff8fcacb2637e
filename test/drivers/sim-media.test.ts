import { parse, write } from 'sdp-transform';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { answerSdp, chooseG711, isRtpOf, remoteOf, type RtpEchoFactory } from '../../src/drivers/sim/media.js';
import { SimExchange } from '../../src/drivers/sim/sim-exchange.js';

function offer(mLine: string, attributes: string[] = []): string {
  return ['v=0', 'o=pbx 1 1 IN IP4 192.0.2.10', 's=call', 'c=IN IP4 192.0.2.10', 't=0 0', mLine, ...attributes, ''].join('\r\n');
}

describe('choosing G.711 from an SDP offer', () => {
  it.each<[string, string, string[], number, string]>([
    ['PCMU first', 'm=audio 4000 RTP/AVP 0 8 101', [], 0, 'PCMU'],
    ['PCMA first, in the offerer’s order', 'm=audio 4000 RTP/AVP 8 0', [], 8, 'PCMA'],
    ['after codecs it cannot answer', 'm=audio 4000 RTP/AVP 9 18 8', ['a=rtpmap:9 G722/8000', 'a=rtpmap:18 G729/8000'], 8, 'PCMA'],
    ['a dynamic payload type mapped to PCMU', 'm=audio 4000 RTP/AVP 96', ['a=rtpmap:96 PCMU/8000'], 96, 'PCMU'],
  ])('%s', (_, m, attrs, payloadType, codec) => {
    expect(chooseG711(offer(m, attrs))).toEqual({ ok: true, value: { payloadType, codec } });
  });

  it.each<[string, string, string[], RegExp]>([
    ['no G.711 at all', 'm=audio 4000 RTP/AVP 9 18', [], /no PCMU or PCMA/],
    ['G.711 at the wrong rate', 'm=audio 4000 RTP/AVP 96', ['a=rtpmap:96 PCMU/16000'], /no PCMU or PCMA/],
    ['a rejected audio stream', 'm=audio 0 RTP/AVP 0', [], /no active audio/],
    ['video only', 'm=video 5000 RTP/AVP 96', [], /no active audio/],
  ])('refuses %s', (_, m, attrs, message) => {
    const r = chooseG711(offer(m, attrs));
    expect(r.ok ? r.value : r.error).toMatch(message);
  });

  it('answers with the echo address and port and the chosen codec only', () => {
    const sdp = parse(answerSdp({ payloadType: 8, codec: 'PCMA' }, { address: '127.0.0.1', port: 40000 }, 7));
    expect(sdp.connection).toEqual({ version: 4, ip: '127.0.0.1' });
    expect(sdp.origin).toMatchObject({ sessionId: 7, address: '127.0.0.1' });
    expect(sdp.media).toHaveLength(1);
    // sdp-transform reads a lone payload type as a number
    expect(String(sdp.media[0]?.payloads)).toBe('8');
    expect(sdp.media[0]).toMatchObject({ type: 'audio', port: 40000, protocol: 'RTP/AVP', direction: 'sendrecv', rtp: [{ payload: 8, codec: 'PCMA', rate: 8000 }] });
  });
});

/** chooseG711 as it was written on sdp-transform's parse(): the reference the line reader must agree with. */
function chooseByParse(text: string): { payloadType: number; codec: string } | string {
  const audio = (parse(text).media ?? []).find((m) => m.type === 'audio');
  if (audio === undefined || audio.port === 0) return 'no active audio stream in the offer';
  const pts = String(audio.payloads ?? '').split(' ').filter((p) => p !== '').map(Number);
  for (const pt of pts) {
    const map = audio.rtp.find((r) => r.payload === pt);
    const codec = map !== undefined ? (map.rate === 8000 ? String(map.codec).toUpperCase() : undefined) : ({ 0: 'PCMU', 8: 'PCMA' } as Record<number, string>)[pt];
    if (codec === 'PCMU' || codec === 'PCMA') return { payloadType: pt, codec };
  }
  return 'the offer has no PCMU or PCMA';
}

describe('the offer reader agrees with sdp-transform', () => {
  const pieces = [
    'v=0', 'o=pbx 1 1 IN IP4 192.0.2.10', 's=-', 'c=IN IP4 192.0.2.10', 't=0 0',
    'm=audio 4000 RTP/AVP 0 8 101', 'm=audio 4002 RTP/AVP 96 8', 'm=audio 0 RTP/AVP 0', 'm=audio 00 RTP/AVP 8', 'm=audio  RTP/AVP 8',
    'm=audio 4000 RTP/AVP', 'm=audio 4000 RTP/AVP  8', 'm=audio 4000/2 RTP/AVP 0', 'm=video 5000 RTP/AVP 0', 'm=audio', 'M=audio 4000 RTP/AVP 0',
    'a=rtpmap:96 PCMU/8000', 'a=rtpmap:96 pcma/8000', 'a=rtpmap:96 PCMU/16000', 'a=rtpmap:96 PCMU', 'a=rtpmap:8 G729/8000', 'a=rtpmap:08 PCMA/8000',
    'a=rtpmap:0 PCMA/8000/1', 'a=rtpmap:0 PCMU / 8000', 'a=rtpmap:101 telephone-event/8000', 'a=rtpmap:96 123/8000', 'a=sendrecv', 'a=ptime:20', 'x', '',
  ];
  const separators = ['\r\n', '\n', '\r'];
  it('on offers made of valid and odd lines in any order', () => {
    let seed = 12345;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 3000; i++) {
      const lines = Array.from({ length: 1 + next(9) }, () => pieces[next(pieces.length)] as string);
      const text = lines.join(separators[next(3)]);
      const r = chooseG711(text);
      expect({ text, got: r.ok ? r.value : r.error }).toEqual({ text, got: chooseByParse(text) });
    }
  });

  it('writes the answer sdp-transform would write', () => {
    for (const [choice, address] of [[{ payloadType: 8, codec: 'PCMA' }, '127.0.0.1'], [{ payloadType: 96, codec: 'PCMU' }, '::1']] as const) {
      const answer = answerSdp(choice, { address, port: 40000 }, 7);
      const ipVer = address.includes(':') ? 6 : 4;
      expect(answer).toBe(
        write({
          version: 0,
          origin: { username: 'tandem-sim', sessionId: 7, sessionVersion: 1, netType: 'IN', ipVer, address },
          name: '-',
          connection: { version: ipVer, ip: address },
          timing: { start: 0, stop: 0 },
          media: [{ type: 'audio', port: 40000, protocol: 'RTP/AVP', payloads: String(choice.payloadType), rtp: [{ payload: choice.payloadType, codec: choice.codec, rate: 8000 }], fmtp: [], direction: 'sendrecv' }],
        }),
      );
    }
  });
});

describe('recognising RTP packets to echo', () => {
  const packet = (first: number, second: number, length = 172) => Uint8Array.from({ length }, (_, i) => (i === 0 ? first : i === 1 ? second : 0));
  it.each<[string, Uint8Array, number, boolean]>([
    ['PCMU, marker clear', packet(0x80, 0x00), 0, true],
    ['PCMA with the marker bit', packet(0x80, 0x88), 8, true],
    ['another payload type', packet(0x80, 0x08), 0, false],
    ['RTP version 1', packet(0x40, 0x00), 0, false],
    ['shorter than a header', packet(0x80, 0x00, 11), 0, false],
  ])('%s', (_, p, pt, want) => {
    expect(isRtpOf(p, pt)).toBe(want);
  });
});

describe('the simulated circuit’s media endpoint', () => {
  function withFakeEcho() {
    const opened: { payloadType: number; closed: boolean }[] = [];
    const media: RtpEchoFactory = {
      open: (payloadType) => {
        const e = { payloadType, closed: false };
        opened.push(e);
        return Promise.resolve({ address: '127.0.0.1', port: 41000 + opened.length, close: () => (e.closed = true) });
      },
    };
    const clock = new FakeClock();
    const sim = new SimExchange({ name: 'sim', cics: [1, 2], clock, media });
    sim.start();
    return { sim, opened };
  }

  it('answers an offer with an echo per session and closes it on demand or on stop', async () => {
    const t = withFakeEcho();
    const a = await t.sim.openMedia(1, offer('m=audio 4000 RTP/AVP 8 0'));
    const b = await t.sim.openMedia(2, offer('m=audio 4002 RTP/AVP 0'));
    if (!a.ok || !b.ok) throw new Error('media refused');
    const m = parse(a.value.answer).media[0];
    expect([m?.port, String(m?.payloads)]).toEqual([41001, '8']);
    expect(t.opened.map((e) => e.payloadType)).toEqual([8, 0]);
    a.value.close();
    expect(t.opened.map((e) => e.closed)).toEqual([true, false]);
    t.sim.stop();
    expect(t.opened.map((e) => e.closed)).toEqual([true, true]);
  });

  it('closes the echo and refuses the session when the exchange stops while it opens', async () => {
    const t = withFakeEcho();
    const pending = t.sim.openMedia(1, offer('m=audio 4000 RTP/AVP 0'));
    t.sim.stop();
    const r = await pending;
    expect(r.ok ? 'ok' : r.error.code).toBe('GW_ERR_DRIVER_LINK_DOWN');
    expect(t.opened).toEqual([{ payloadType: 0, closed: true }]);
  });

  it('refuses an offer without G.711 before opening anything, and unknown circuits', async () => {
    const t = withFakeEcho();
    const bad = await t.sim.openMedia(1, offer('m=audio 4000 RTP/AVP 9'));
    const unknown = await t.sim.openMedia(7, offer('m=audio 4000 RTP/AVP 0'));
    expect([bad, unknown].map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['GW_ERR_DRIVER_MEDIA', 'GW_ERR_DRIVER_UNKNOWN_CIC']);
    expect(t.opened).toEqual([]);
  });

  it('learns the far side’s RTP address from setRemote (the media address, else the session one); an unusable SDP is refused and changes nothing', async () => {
    const t = withFakeEcho();
    const a = await t.sim.openMedia(1, offer('m=audio 4000 RTP/AVP 8 0'));
    if (!a.ok) throw new Error('media refused');
    expect(a.value.remote).toBeUndefined();
    expect(a.value.setRemote(offer('m=audio 5004 RTP/AVP 8')).ok).toBe(true);
    expect(a.value.remote).toEqual({ address: '192.0.2.10', port: 5004, payloadType: 8 });
    const own = ['v=0', 'o=b 1 1 IN IP4 192.0.2.10', 's=-', 'c=IN IP4 192.0.2.10', 't=0 0', 'm=audio 6000 RTP/AVP 0', 'c=IN IP4 198.51.100.9', ''].join('\r\n');
    expect(a.value.setRemote(own).ok).toBe(true);
    expect(a.value.remote).toEqual({ address: '198.51.100.9', port: 6000, payloadType: 0 });
    for (const bad of [offer('m=audio 0 RTP/AVP 8'), offer('m=video 5000 RTP/AVP 96'), 'v=0\r\nm=audio 5000 RTP/AVP 8\r\n']) {
      const r = a.value.setRemote(bad);
      expect(r.ok ? 'ok' : r.error.code).toBe('GW_ERR_DRIVER_MEDIA');
    }
    expect(a.value.remote).toEqual({ address: '198.51.100.9', port: 6000, payloadType: 0 });
  });
});

describe('remoteOf', () => {
  it.each<[string, string, RegExp]>([
    ['a rejected stream', offer('m=audio 0 RTP/AVP 8'), /no active audio/],
    ['no audio', offer('m=video 5000 RTP/AVP 96'), /no active audio/],
    ['no c= line', 'v=0\r\no=x 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 8\r\n', /no connection address/],
  ])('refuses %s', (_, sdp, message) => {
    const r = remoteOf(sdp);
    expect(r.ok ? r.value : r.error).toMatch(message);
  });
});
