// The D-channel transport over real loopback TCP: length-prefix framing (a stream cut at every
// offset), FCS mode (CRC-16/X.25), one peer at a time when listening, redial on the injected clock.
import { createServer, Socket, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, systemClock } from '../../../src/core/clock.js';
import { encodeMessage, FrameReassembler, TcpDChannel, type DChannelEvent } from '../../../src/drivers/isdn/dchannel-socket.js';
import { appendFcs, checkFcs, crc16x25 } from '../../../src/drivers/isdn/fcs.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const SABME = bytes(0x00, 0x01, 0x7f);
const SETUP_I = bytes(0x00, 0x01, 0x00, 0x00, 0x08, 0x02, 0x00, 0x01, 0x05, 0x04, 0x03, 0x80, 0x90, 0xa3);

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function until<T>(get: () => T | undefined, ms = 5000): Promise<T> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const v = get();
      if (v !== undefined) resolve(v);
      else if (Date.now() - start > ms) reject(new Error('timed out'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

function record(t: TcpDChannel): DChannelEvent[] {
  const events: DChannelEvent[] = [];
  t.subscribe((e) => events.push(e));
  return events;
}

/** A raw TCP server standing in for the peer: the sockets it accepted and the bytes each sent. */
async function rawServer(port = 0): Promise<{ server: Server; port: number; sockets: Socket[]; received: Buffer[] }> {
  const sockets: Socket[] = [];
  const received: Buffer[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('data', (d: Buffer) => received.push(d));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  cleanup.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  const a = server.address();
  return { server, port: typeof a === 'object' && a !== null ? a.port : 0, sockets, received };
}

describe('CRC-16/X.25', () => {
  it('has the check value 0x906E for "123456789"', () => {
    expect(crc16x25(new TextEncoder().encode('123456789'))).toBe(0x906e);
  });
  it('is appended low byte first and checked', () => {
    const withFcs = appendFcs(new TextEncoder().encode('123456789'));
    expect([...withFcs.slice(-2)]).toEqual([0x6e, 0x90]);
    expect(checkFcs(withFcs)).toEqual(new TextEncoder().encode('123456789'));
    const bad = withFcs.slice();
    bad[0] = (bad[0] as number) ^ 1;
    expect(checkFcs(bad)).toBeUndefined();
  });
});

describe('FrameReassembler', () => {
  const stream = new Uint8Array([...encodeMessage(SABME, false), ...encodeMessage(SETUP_I, false), ...encodeMessage(bytes(0x02, 0x01, 0x73), false)]);

  it('yields the same frames for the stream cut at every offset (and at every pair of offsets)', () => {
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        const r = new FrameReassembler();
        const got = [...r.push(stream.subarray(0, a)), ...r.push(stream.subarray(a, b)), ...r.push(stream.subarray(b))];
        expect(got, `cut at ${a},${b}`).toEqual([SABME, SETUP_I, bytes(0x02, 0x01, 0x73)]);
        expect(r.pending).toBe(0);
      }
    }
  });

  it('yields frames byte by byte, and holds an incomplete tail back', () => {
    const r = new FrameReassembler();
    const got: Uint8Array[] = [];
    for (const b of stream.subarray(0, stream.length - 1)) got.push(...r.push(bytes(b)));
    expect(got).toEqual([SABME, SETUP_I]);
    expect(r.pending).toBe(4);
  });
});

describe('TcpDChannel over loopback TCP', () => {
  it('connect mode: up, frames both ways with the length prefix, cut at every offset by the peer', async () => {
    const peer = await rawServer();
    const t = new TcpDChannel({ endpoint: { mode: 'connect', host: '127.0.0.1', port: peer.port }, clock: systemClock });
    cleanup.push(() => t.stop());
    const events = record(t);
    t.start();
    await until(() => (t.up && peer.sockets.length === 1 ? true : undefined));
    expect(events).toEqual([{ kind: 'up' }]);
    expect(t.send(SETUP_I)).toBe(true);
    await until(() => (Buffer.concat(peer.received).length === SETUP_I.length + 2 ? true : undefined));
    expect(new Uint8Array(Buffer.concat(peer.received))).toEqual(encodeMessage(SETUP_I, false));

    const msg = encodeMessage(SETUP_I, false);
    const s = peer.sockets[0] as Socket;
    for (let cut = 0; cut <= msg.length; cut++) {
      s.write(msg.subarray(0, cut));
      await new Promise((r) => setTimeout(r, 2));
      s.write(msg.subarray(cut));
    }
    await until(() => (events.filter((e) => e.kind === 'frame').length === msg.length + 1 ? true : undefined));
    for (const e of events.filter((x) => x.kind === 'frame')) expect(e).toEqual({ kind: 'frame', frame: SETUP_I });
  });

  it('FCS mode: appends a good FCS, passes good frames, drops bad ones with a counted event', async () => {
    const peer = await rawServer();
    const t = new TcpDChannel({ endpoint: { mode: 'connect', host: '127.0.0.1', port: peer.port }, clock: systemClock, fcs: true });
    cleanup.push(() => t.stop());
    const events = record(t);
    t.start();
    await until(() => (t.up && peer.sockets.length === 1 ? true : undefined));
    t.send(SABME);
    await until(() => (Buffer.concat(peer.received).length === 7 ? true : undefined));
    const sent = new Uint8Array(Buffer.concat(peer.received));
    expect(sent.subarray(0, 2)).toEqual(bytes(0, 5));
    expect(checkFcs(sent.subarray(2))).toEqual(SABME);

    const good = appendFcs(SETUP_I);
    const bad = good.slice();
    bad[good.length - 1] = (bad[good.length - 1] as number) ^ 0xff;
    const s = peer.sockets[0] as Socket;
    s.write(Buffer.concat([encodeMessage(bad, false), encodeMessage(good, false), encodeMessage(bad, false)]));
    await until(() => (events.length === 4 ? true : undefined));
    expect(events.slice(1)).toEqual([
      { kind: 'fcsError', count: 1, length: good.length },
      { kind: 'frame', frame: SETUP_I },
      { kind: 'fcsError', count: 2, length: good.length },
    ]);
    expect(t.fcsErrors).toBe(2);
  });

  it('listen mode: one peer at a time; down when it leaves, up again for the next', async () => {
    const t = new TcpDChannel({ endpoint: { mode: 'listen', host: '127.0.0.1', port: 0 }, clock: systemClock });
    cleanup.push(() => t.stop());
    const events = record(t);
    t.start();
    await t.listening();
    const port = t.address()?.port as number;
    const first = new Socket();
    const firstData: Buffer[] = [];
    first.on('data', (d: Buffer) => firstData.push(d));
    await new Promise<void>((r) => first.connect(port, '127.0.0.1', r));
    await until(() => (t.up ? true : undefined));
    const second = new Socket();
    const secondClosed = new Promise<void>((r) => second.once('close', () => r()));
    second.on('error', () => undefined);
    second.connect(port, '127.0.0.1');
    await secondClosed;
    expect(t.up).toBe(true);
    t.send(SABME);
    await until(() => (firstData.length > 0 ? true : undefined));
    expect(new Uint8Array(Buffer.concat(firstData))).toEqual(encodeMessage(SABME, false));
    first.destroy();
    await until(() => (t.up ? undefined : true));
    expect(t.send(SABME)).toBe(false);
    const third = new Socket();
    cleanup.push(() => third.destroy());
    await new Promise<void>((r) => third.connect(port, '127.0.0.1', r));
    await until(() => (t.up ? true : undefined));
    expect(events.map((e) => e.kind)).toEqual(['up', 'down', 'up']);
  });

  it('connect mode redials on the clock with a capped, doubling backoff, and after a lost connection', async () => {
    const probe = await rawServer();
    const port = probe.port;
    await new Promise<void>((r) => probe.server.close(() => r()));
    const clock = new FakeClock();
    const t = new TcpDChannel({ endpoint: { mode: 'connect', host: '127.0.0.1', port }, clock, reconnect: { initialMs: 100, maxMs: 300 } });
    cleanup.push(() => t.stop());
    const events = record(t);
    t.start();
    // refused: a redial is scheduled 100 ms out; then 200, then capped at 300
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await until(() => (clock.pending() === 1 ? true : undefined));
      let waited = 0;
      while (clock.pending() === 1) {
        clock.advance(50);
        waited += 50;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([100, 200, 300, 300]);
    const peer = await rawServer(port);
    await until(() => (clock.pending() === 1 ? true : undefined));
    clock.advance(300);
    await until(() => (t.up ? true : undefined));
    (peer.sockets[0] as Socket).destroy();
    await until(() => (t.up ? undefined : true));
    // a lost connection is redialled after the initial delay
    await until(() => (clock.pending() === 1 ? true : undefined));
    clock.advance(100);
    await until(() => (t.up ? true : undefined));
    expect(events.map((e) => e.kind)).toEqual(['up', 'down', 'up']);
  });
});
