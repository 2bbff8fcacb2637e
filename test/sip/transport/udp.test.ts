import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RECV_BUFFER_SIZE, UdpTransport, type Received, type TransportErrorEvent } from '../../../src/sip/transport/index.js';
import { collect, next, optionsBytes, optionsText, probeIpv6, until } from './helpers.js';

const ipv6 = await probeIpv6();
const open: (UdpTransport | Socket)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => (o instanceof UdpTransport ? o.close() : new Promise<void>((resolve) => o.close(() => resolve())))));
});

async function listening(host: string, recvBufferSize?: number): Promise<UdpTransport> {
  const transport = new UdpTransport({ host, port: 0, ...(recvBufferSize === undefined ? {} : { recvBufferSize }) });
  open.push(transport);
  await transport.listen();
  return transport;
}

/** A plain dgram socket playing the far end. */
function peer(type: 'udp4' | 'udp6', host: string): Promise<Socket> {
  const socket = createSocket(type);
  open.push(socket);
  return new Promise((resolve) => socket.bind(0, host, () => resolve(socket)));
}

function exchange(host: string, type: 'udp4' | 'udp6') {
  return async () => {
    const transport = await listening(host);
    const far = await peer(type, host);
    const message = optionsBytes(`SIP/2.0/UDP ${host.includes(':') ? `[${host}]` : host}:${far.address().port};branch=z9hG4bKu1`);
    const received = next<{ message: Received }, 'message'>(transport, 'message');
    far.send(message, transport.local.port, host);
    const { data, source } = await received;
    expect(Buffer.from(data).equals(Buffer.from(message))).toBe(true);
    expect(source).toEqual({ transport: 'udp', address: host, port: far.address().port, local: transport.local });

    const back = new Promise<Buffer>((resolve) => far.once('message', resolve));
    transport.send(message, { transport: 'udp', host, port: far.address().port });
    expect((await back).toString('latin1')).toBe(optionsText(`SIP/2.0/UDP ${host.includes(':') ? `[${host}]` : host}:${far.address().port};branch=z9hG4bKu1`));
  };
}

describe('UdpTransport', () => {
  it('receives and sends datagrams over 127.0.0.1', exchange('127.0.0.1', 'udp4'));

  if (ipv6.available) {
    it('receives and sends datagrams over ::1', exchange('::1', 'udp6'));
  } else {
    it('::1 is unavailable on this machine, so the IPv6 exchange cannot run', () => {
      expect(ipv6.error).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT|EINVAL/);
    });
  }

  it('receives a burst of 2000 datagrams without loss with the default receive buffer', async () => {
    const transport = await listening('127.0.0.1');
    const effective = transport.getRecvBufferSize();
    console.info(`UDP receive buffer: requested ${DEFAULT_RECV_BUFFER_SIZE} octets, effective ${effective} octets`);
    // Linux caps SO_RCVBUF at net.core.rmem_max (then doubles it): that sysctl must be >= 4 MiB.
    expect(effective, `net.core.rmem_max is ${readFileSync('/proc/sys/net/core/rmem_max', 'utf8').trim()}`).toBeGreaterThanOrEqual(DEFAULT_RECV_BUFFER_SIZE);
    const far = await peer('udp4', '127.0.0.1');
    const seen = collect<{ message: Received }, 'message'>(transport, 'message');
    const count = 2000;
    for (let i = 0; i < count; i++) far.send(optionsBytes(`SIP/2.0/UDP 127.0.0.1:${far.address().port};branch=z9hG4bKburst${i}`), transport.local.port, '127.0.0.1');
    await until(() => seen.length === count, `${count} datagrams (have ${seen.length})`);
    const branches = new Set(seen.map(({ data }) => /branch=(z9hG4bKburst\d+)/.exec(Buffer.from(data).toString('latin1'))?.[1]));
    expect(branches.size).toBe(count);
  });

  it('applies a configured receive buffer size', async () => {
    const transport = await listening('127.0.0.1', 256 * 1024);
    expect(transport.getRecvBufferSize()).toBeGreaterThanOrEqual(256 * 1024);
  });

  it('reports a datagram too large to send as GW_ERR_SIP_TRANSPORT_MESSAGE_TOO_LARGE', async () => {
    const transport = await listening('127.0.0.1');
    const events = collect<{ error: TransportErrorEvent }, 'error'>(transport, 'error');
    const failed = new Promise((resolve) => transport.send(new Uint8Array(70000), { transport: 'udp', host: '127.0.0.1', port: 9 }, resolve));
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_MESSAGE_TOO_LARGE' });
    expect(events).toMatchObject([{ error: { code: 'GW_ERR_SIP_TRANSPORT_MESSAGE_TOO_LARGE' }, peer: { address: '127.0.0.1', port: 9 } }]);
  });

  it('reports a target of the other address family as GW_ERR_SIP_TRANSPORT_SEND_FAILED', async () => {
    const transport = await listening('127.0.0.1');
    const failed = new Promise((resolve) => transport.send(new Uint8Array(10), { transport: 'udp', host: '::1', port: 9 }, resolve));
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_SEND_FAILED' });
  });

  it('reports a send after close() as GW_ERR_SIP_TRANSPORT_SEND_FAILED instead of throwing', async () => {
    const transport = await listening('127.0.0.1');
    await transport.close();
    const failed = new Promise((resolve) => transport.send(new Uint8Array(10), { transport: 'udp', host: '127.0.0.1', port: 9 }, resolve));
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_SEND_FAILED' });
  });

  it('rejects listen() on a port in use with GW_ERR_SIP_TRANSPORT_LISTEN_FAILED', async () => {
    const first = await listening('127.0.0.1');
    const second = new UdpTransport({ host: '127.0.0.1', port: first.local.port });
    open.push(second);
    await expect(second.listen()).rejects.toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_LISTEN_FAILED' });
  });
});
