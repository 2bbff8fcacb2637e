// The one test that opens sockets: real RTP over UDP on 127.0.0.1, echoed by a simulated circuit,
// and the pool that reuses echo sockets across sessions.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { parse } from 'sdp-transform';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { udpRtpEcho } from '../../src/drivers/sim/rtp-echo.js';
import { SimExchange } from '../../src/drivers/sim/sim-exchange.js';

/** An RTP packet (RFC 3550 §5.1): version 2, payload type `pt`, then 160 octets of G.711 payload. */
function rtp(pt: number, seq: number): Buffer {
  const p = Buffer.alloc(12 + 160, 0xd5);
  p[0] = 0x80;
  p[1] = pt;
  p.writeUInt16BE(seq, 2);
  p.writeUInt32BE(seq * 160, 4);
  p.writeUInt32BE(0x1234abcd, 8);
  return p;
}

describe('RTP echo over UDP', () => {
  let client: Socket | undefined;
  let sim: SimExchange | undefined;
  afterEach(() => {
    client?.close();
    sim?.stop();
  });

  it('sends the negotiated G.711 packets back to their sender, unchanged, and nothing else', async () => {
    sim = new SimExchange({ name: 'sim', cics: [1], clock: new FakeClock() });
    sim.start();
    const offer = ['v=0', 'o=pbx 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 4000 RTP/AVP 0 8', ''].join('\r\n');
    const media = await sim.openMedia(1, offer);
    if (!media.ok) throw media.error;
    const answer = parse(media.value.answer);
    const port = answer.media[0]?.port ?? 0;
    const address = answer.connection?.ip ?? '';
    expect(address).toBe('127.0.0.1');

    client = createSocket('udp4');
    client.bind(0, '127.0.0.1');
    await once(client, 'listening');
    const echoed = once(client, 'message') as Promise<[Buffer]>;
    // PCMA was not negotiated: it must not come back; the PCMU packet sent after it must
    client.send(rtp(8, 1), port, address);
    client.send(rtp(0, 2), port, address);
    const [got] = await echoed;
    expect(got.equals(rtp(0, 2))).toBe(true);
  });
});

describe('the echo socket pool', () => {
  let client: Socket | undefined;
  const factory = udpRtpEcho('127.0.0.1', 1);
  afterEach(() => {
    client?.close();
    factory.closeIdle();
  });

  /** The first packet `client` receives within `ms`, or undefined. */
  function nextPacket(socket: Socket, ms: number): Promise<Buffer | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.off('message', got);
        resolve(undefined);
      }, ms);
      const got = (p: Buffer): void => {
        clearTimeout(timer);
        socket.off('message', got);
        resolve(p);
      };
      socket.on('message', got);
    });
  }

  it('gives a closed session’s socket to the next session, echoing that session’s payload type only', async () => {
    client = createSocket('udp4');
    client.bind(0, '127.0.0.1');
    await once(client, 'listening');
    const first = await factory.open(0);
    const port = first.port;
    first.close();
    expect(factory.idle()).toBe(1);

    // an idle socket echoes nothing
    const quiet = nextPacket(client, 200);
    client.send(rtp(0, 1), port, '127.0.0.1');
    expect(await quiet).toBeUndefined();

    const second = await factory.open(8);
    expect([second.port, factory.idle()]).toEqual([port, 0]);
    first.close(); // a stale close must not take the socket from the second session
    const echoed = nextPacket(client, 2000);
    client.send(rtp(0, 2), port, '127.0.0.1');
    client.send(rtp(8, 3), port, '127.0.0.1');
    expect((await echoed)?.equals(rtp(8, 3))).toBe(true);

    // beyond keepIdle (1 here) a closed session's socket is closed, not kept
    const third = await factory.open(0);
    expect(third.port).not.toBe(port);
    second.close();
    third.close();
    expect(factory.idle()).toBe(1);
  });
});
