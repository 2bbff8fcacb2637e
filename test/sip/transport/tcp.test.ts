import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { TcpTransport, type Received, type StreamTransportOptions, type TransportErrorEvent } from '../../../src/sip/transport/index.js';
import { octets } from '../helpers.js';
import { collect, next, optionsBytes, probeIpv6, until } from './helpers.js';
import { freePort } from '../../support/free-port.js';

type Events = { message: Received; error: TransportErrorEvent };

const ipv6 = await probeIpv6();
const open: (TcpTransport | Socket)[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await (o instanceof TcpTransport ? o.close() : o.destroy());
});

async function listening(options: Partial<StreamTransportOptions> = {}): Promise<TcpTransport> {
  const transport = new TcpTransport({ host: '127.0.0.1', port: 0, ...options });
  open.push(transport);
  await transport.listen();
  return transport;
}

/** A raw client connected to `transport`, and everything it receives. */
async function client(transport: TcpTransport): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect({ host: transport.local.address, port: transport.local.port });
  open.push(socket);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, received: () => Buffer.concat(chunks).toString('latin1') };
}

const write = (socket: Socket, data: Uint8Array): Promise<void> =>
  new Promise((resolve) => socket.write(data, () => setImmediate(resolve)));

const message = optionsBytes('SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKt1', ['Content-Type: text/plain'], 'body with\r\n\r\nan empty line');
const text = (data: Uint8Array): string => Buffer.from(data).toString('latin1');

describe('TcpTransport', () => {
  it('frames the same message cut at every offset and written in two pieces', async () => {
    const transport = await listening();
    const seen = collect<Events, 'message'>(transport, 'message');
    const { socket } = await client(transport);
    for (let cut = 1; cut < message.length; cut++) {
      await write(socket, message.subarray(0, cut));
      await write(socket, message.subarray(cut));
    }
    await until(() => seen.length === message.length - 1, 'every message');
    expect(new Set(seen.map((r) => text(r.data)))).toEqual(new Set([text(message)]));
    expect(new Set(seen.map((r) => r.source.connectionId)).size).toBe(1);
    expect(seen[0]?.source).toMatchObject({ transport: 'tcp', address: '127.0.0.1', port: socket.localPort, local: transport.local });
  });

  it('splits two messages in one chunk and answers a CRLFCRLF ping with a CRLF pong', async () => {
    const transport = await listening();
    const seen = collect<Events, 'message'>(transport, 'message');
    const { socket, received } = await client(transport);
    await write(socket, Buffer.concat([message, octets('\r\n\r\n'), message]));
    await until(() => seen.length === 2 && received() === '\r\n', 'two messages and the pong');
    expect(seen.map((r) => text(r.data))).toEqual([text(message), text(message)]);
  });

  it('sends a response back on the connection its request came on, and reuses it toward that peer', async () => {
    const transport = await listening();
    const { socket, received } = await client(transport);
    const request = next<Events, 'message'>(transport, 'message');
    await write(socket, message);
    const { source } = await request;
    transport.send(octets('first'), { transport: 'tcp', host: '192.0.2.99', port: 5060, connectionId: source.connectionId! });
    transport.send(octets('second'), { transport: 'tcp', host: source.address, port: source.port });
    await until(() => received() === 'firstsecond', 'both writes on the client socket');
    expect(transport.connectionCount).toBe(1);
  });

  it('opens one connection for several requests to the same target and receives the answers on it', async () => {
    const [a, b] = [await listening(), await listening()];
    const atB = collect<Events, 'message'>(b, 'message');
    const atA = collect<Events, 'message'>(a, 'message');
    a.send(message, { transport: 'tcp', host: '127.0.0.1', port: b.local.port });
    a.send(message, { transport: 'tcp', host: '127.0.0.1', port: b.local.port });
    await until(() => atB.length === 2, 'two requests at B');
    expect(atB[0]?.source.connectionId).toBe(atB[1]?.source.connectionId);
    b.send(message, { transport: 'tcp', host: '127.0.0.1', port: b.local.port + 1, connectionId: atB[0]!.source.connectionId! });
    await until(() => atA.length === 1, 'the answer at A');
    expect(atA[0]?.source.port).toBe(b.local.port);
    expect([a.connectionCount, b.connectionCount]).toEqual([1, 1]);
  });

  it('closes a connection idle for idleTimeoutMs, counting traffic either way (FakeClock)', async () => {
    const clock = new FakeClock();
    const transport = await listening({ clock, idleTimeoutMs: 1000 });
    const { socket } = await client(transport);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const first = next<Events, 'message'>(transport, 'message');
    await write(socket, message);
    const { source } = await first;
    clock.advance(600);
    transport.send(octets('\r\n'), { transport: 'tcp', host: source.address, port: source.port });
    clock.advance(600);
    expect(transport.connectionCount).toBe(1);
    clock.advance(399);
    expect(transport.connectionCount).toBe(1);
    clock.advance(1);
    await closed;
    await until(() => transport.connectionCount === 0, 'the connection to go');
  });

  it('closes the connection when the framing is lost (no Content-Length)', async () => {
    const transport = await listening();
    const errors = collect<Events, 'error'>(transport, 'error');
    const { socket } = await client(transport);
    const [port, closed] = [socket.localPort, new Promise((resolve) => socket.once('close', resolve))];
    await write(socket, octets('OPTIONS sip:gw SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n'));
    await closed;
    expect(errors).toMatchObject([{ error: { code: 'GW_ERR_SIP_TRANSPORT_BAD_FRAMING' }, peer: { address: '127.0.0.1', port } }]);
  });

  it('closes the connection on a message over maxMessageSize', async () => {
    const transport = await listening({ maxMessageSize: 200 });
    const errors = collect<Events, 'error'>(transport, 'error');
    const { socket } = await client(transport);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await write(socket, message);
    await closed;
    expect(errors).toMatchObject([{ error: { code: 'GW_ERR_SIP_TRANSPORT_MESSAGE_TOO_LARGE' } }]);
  });

  it('reports a refused connection to each queued send and as one event', async () => {
    const transport = await listening();
    const errors = collect<Events, 'error'>(transport, 'error');
    const port = await freePort();
    const failures = [1, 2].map(() => new Promise((resolve) => transport.send(message, { transport: 'tcp', host: '127.0.0.1', port }, resolve)));
    expect(await Promise.all(failures)).toMatchObject([{ code: 'GW_ERR_SIP_TRANSPORT_CONNECT_FAILED' }, { code: 'GW_ERR_SIP_TRANSPORT_CONNECT_FAILED' }]);
    expect(errors).toMatchObject([{ error: { code: 'GW_ERR_SIP_TRANSPORT_CONNECT_FAILED' }, peer: { address: '127.0.0.1', port } }]);
    await until(() => transport.connectionCount === 0, 'the failed connection to go');
  });

  if (ipv6.available) {
    it('carries messages both ways over ::1', async () => {
      const [a, b] = [await listening({ host: '::1' }), await listening({ host: '::1' })];
      const atB = next<Events, 'message'>(b, 'message');
      a.send(message, { transport: 'tcp', host: '::1', port: b.local.port });
      const { data, source } = await atB;
      expect(text(data)).toBe(text(message));
      expect(source).toMatchObject({ transport: 'tcp', address: '::1', local: { address: '::1', port: b.local.port } });
      const atA = next<Events, 'message'>(a, 'message');
      b.send(message, { transport: 'tcp', host: '::1', port: 9, connectionId: source.connectionId! });
      expect((await atA).source).toMatchObject({ address: '::1', port: b.local.port });
    });
  } else {
    it('::1 is unavailable on this machine, so the IPv6 exchange cannot run', () => {
      expect(ipv6.error).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT|EINVAL/);
    });
  }
});

