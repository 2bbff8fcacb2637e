import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport, TransportLayer, UdpTransport, type Incoming } from '../../../src/sip/transport/index.js';
import { next, ok200, optionsBytes, optionsText, until } from './helpers.js';
import { freePort } from '../../support/free-port.js';

type LayerEvents = { message: Incoming };

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A gateway layer with UDP and TCP on 127.0.0.1, free ports. */
async function gateway(): Promise<{ layer: TransportLayer; udp: UdpTransport; tcp: TcpTransport }> {
  const layer = new TransportLayer();
  const udp = new UdpTransport({ host: '127.0.0.1', port: 0 });
  const tcp = new TcpTransport({ host: '127.0.0.1', port: 0 });
  for (const t of [udp, tcp]) layer.register(t);
  cleanup.push(() => layer.close());
  await Promise.all([udp.listen(), tcp.listen()]);
  return { layer, udp, tcp };
}


function request(incoming: Incoming) {
  if (incoming.message.kind !== 'request') expect.fail('expected a request');
  return incoming.message;
}

describe('TransportLayer over real sockets', () => {
  it('answers on the TCP connection the request came on, also with a 400, and reconnects to sent-by once it is gone', async () => {
    const { layer, tcp } = await gateway();
    const port = await freePort();
    const client: Socket = connect({ host: '127.0.0.1', port: tcp.local.port });
    cleanup.push(() => client.destroy());
    let received = '';
    client.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const via = `SIP/2.0/TCP 127.0.0.1:${port};branch=z9hG4bKtcp`;

    const first = next<LayerEvents, 'message'>(layer, 'message');
    client.write(optionsBytes(via));
    const incoming = await first;
    expect(incoming.source).toMatchObject({ transport: 'tcp', address: '127.0.0.1', port: client.localPort, connectionId: 'tcp-1' });
    expect(request(incoming).headers[0]?.value).toBe(via);
    layer.sendResponse(ok200(request(incoming)), incoming.source);
    await until(() => received.startsWith('SIP/2.0 200 OK\r\n'), 'the 200 on the client connection');

    client.write(optionsText(via).replace('CSeq: 1 OPTIONS', 'CSeq: 1 INVITE'));
    await until(() => received.includes('SIP/2.0 400 CSeq Method Does Not Match Request Method\r\n'), 'the 400 on the client connection');

    client.destroy();
    await until(() => tcp.connectionCount === 0, 'the connection to close');
    const failed = new Promise((resolve) => layer.sendResponse(ok200(request(incoming)), incoming.source, resolve));
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_CONNECT_FAILED', message: expect.stringContaining(`127.0.0.1:${port}`) as unknown });
  });

  it('answers a UDP request with rport at the source port, behind a "NAT"', async () => {
    const { layer, udp } = await gateway();
    const phone: UdpSocket = createSocket('udp4');
    cleanup.push(() => new Promise<void>((resolve) => phone.close(() => resolve())));
    await new Promise<void>((resolve) => phone.bind(0, '127.0.0.1', resolve));
    const answered = new Promise<Buffer>((resolve) => phone.once('message', resolve));
    const first = next<LayerEvents, 'message'>(layer, 'message');
    phone.send(optionsBytes('SIP/2.0/UDP 10.1.2.3:5060;rport;branch=z9hG4bKnat'), udp.local.port, '127.0.0.1');
    const incoming = await first;
    expect(request(incoming).headers[0]?.value).toBe(`SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bKnat;received=127.0.0.1;rport=${phone.address().port}`);
    layer.sendResponse(ok200(request(incoming)), incoming.source);
    expect((await answered).toString('latin1')).toMatch(/^SIP\/2\.0 200 OK\r\n/);
  });
});
