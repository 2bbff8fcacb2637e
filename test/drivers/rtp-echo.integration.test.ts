// The one test that opens sockets: real RTP over UDP on 127.0.0.1, echoed by a simulated circuit,
// and the one socket a factory shares between its sessions.
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

describe('the shared echo socket', () => {
  let client: Socket | undefined;
  const factory = udpRtpEcho('127.0.0.1');
  afterEach(() => {
    client?.close();
    client = undefined;
    factory.closeIdle();
  });

  /** The packets `socket` receives within `ms`. */
  function packetsWithin(socket: Socket, ms: number): Promise<Buffer[]> {
    const got: Buffer[] = [];
    const take = (p: Buffer): void => void got.push(p);
    socket.on('message', take);
    return new Promise((resolve) =>
      setTimeout(() => {
        socket.off('message', take);
        resolve(got);
      }, ms),
    );
  }

  it('answers every session with one port and echoes the payload types of the sessions open, to each sender', async () => {
    client = createSocket('udp4');
    client.bind(0, '127.0.0.1');
    await once(client, 'listening');
    const other = createSocket('udp4');
    other.bind(0, '127.0.0.1');
    await once(other, 'listening');
    try {
      const pcmu = await factory.open(0);
      const pcma = await factory.open(8);
      const port = pcmu.port;
      expect([pcma.port, pcmu.address, factory.sessions()]).toEqual([port, '127.0.0.1', 2]);

      // two calls' RTP through the one socket: each packet goes back to the socket it came from
      const toClient = packetsWithin(client, 300);
      const toOther = packetsWithin(other, 300);
      client.send(rtp(0, 1), port, '127.0.0.1');
      other.send(rtp(8, 2), port, '127.0.0.1');
      client.send(rtp(18, 3), port, '127.0.0.1'); // G.729: no session negotiated it
      expect((await toClient).map((p) => p.readUInt16BE(2))).toEqual([1]);
      expect((await toOther).map((p) => p.readUInt16BE(2))).toEqual([2]);

      // PCMA's session closed (twice: the second close must not take PCMU's count): PCMA is no longer echoed
      pcma.close();
      pcma.close();
      expect(factory.sessions()).toBe(1);
      const after = packetsWithin(client, 300);
      client.send(rtp(8, 4), port, '127.0.0.1');
      client.send(rtp(0, 5), port, '127.0.0.1');
      expect((await after).map((p) => p.readUInt16BE(2))).toEqual([5]);

      // no session open: the socket stays bound, silent, and the next session gets the same port
      pcmu.close();
      const quiet = packetsWithin(client, 200);
      client.send(rtp(0, 6), port, '127.0.0.1');
      expect(await quiet).toEqual([]);
      const next = await factory.open(0);
      expect(next.port).toBe(port);
      next.close();
    } finally {
      other.close();
    }
  });

  it('binds once for sessions opened together, and again after closeIdle()', async () => {
    const [a, b] = await Promise.all([factory.open(0), factory.open(0)]);
    expect(a?.port).toBe(b?.port);
    factory.closeIdle(); // sessions are open: nothing closed
    const c = await factory.open(8);
    expect(c.port).toBe(a?.port);
    for (const s of [a, b, c]) s?.close();
    factory.closeIdle();
    // the old socket is closed: a datagram to its port is refused (ICMP port unreachable)
    const probe = createSocket('udp4');
    try {
      probe.connect(a?.port ?? 0, '127.0.0.1');
      await once(probe, 'connect');
      const refused = once(probe, 'error') as Promise<[NodeJS.ErrnoException]>;
      probe.send(rtp(0, 1));
      expect((await refused)[0].code).toBe('ECONNREFUSED');
    } finally {
      probe.close();
    }
    const d = await factory.open(0);
    expect(d.port).toBeGreaterThan(0);
    expect(factory.sessions()).toBe(1);
    d.close();
  });
});
