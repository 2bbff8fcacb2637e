import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { LoopbackNetwork, type Received, type TransportErrorEvent } from '../../../src/sip/transport/index.js';
import { octets } from '../helpers.js';
import { collect } from './helpers.js';

type Events = { message: Received; error: TransportErrorEvent };

async function pair(protocol: 'udp' | 'tcp' = 'udp') {
  const clock = new FakeClock();
  const random = { next: 0.5 };
  const network = new LoopbackNetwork({ clock, random: () => random.next });
  const a = network.transport(protocol, '192.0.2.1', 5060);
  const b = network.transport(protocol, '192.0.2.2');
  await Promise.all([a.listen(), b.listen()]);
  return { clock, random, network, a, b, atB: collect<Events, 'message'>(b, 'message') };
}

const text = (r: Received): string => Buffer.from(r.data).toString('latin1');

describe('LoopbackNetwork', () => {
  it('delivers on the clock after delayMs, from the sender address, and records every send', async () => {
    const { clock, network, a, b, atB } = await pair();
    network.delayMs = 50;
    a.send(octets('one'), { transport: 'udp', host: '192.0.2.2', port: b.local.port });
    clock.advance(49);
    expect(atB).toEqual([]);
    clock.advance(1);
    expect(atB.map(text)).toEqual(['one']);
    expect(atB[0]?.source).toEqual({ transport: 'udp', address: '192.0.2.1', port: 5060, local: { address: '192.0.2.2', port: 49152 } });
    expect(network.sent).toMatchObject([{ at: 0, protocol: 'udp', from: { address: '192.0.2.1', port: 5060 }, target: { port: 49152 }, outcome: 'sent' }]);
  });

  it('with no delay, delivers on the next advance', async () => {
    const { clock, a, b, atB } = await pair();
    a.send(octets('now'), { transport: 'udp', host: '192.0.2.2', port: b.local.port });
    expect(atB).toEqual([]);
    clock.advance(0);
    expect(atB.map(text)).toEqual(['now']);
  });

  it('drops the next N messages, then by dropProbability against the injected random', async () => {
    const { clock, random, network, a, b, atB } = await pair();
    const to = { transport: 'udp', host: '192.0.2.2', port: b.local.port } as const;
    network.dropNext(2);
    for (const word of ['a', 'b', 'c']) a.send(octets(word), to);
    network.dropProbability = 0.3;
    random.next = 0.29;
    a.send(octets('d'), to);
    random.next = 0.3;
    a.send(octets('e'), to);
    clock.advance(0);
    expect(atB.map(text)).toEqual(['c', 'e']);
    expect(network.sent.map((r) => r.outcome)).toEqual(['dropped', 'dropped', 'sent', 'dropped', 'sent']);
  });

  it('loses a datagram to an address nothing is bound to, silently', async () => {
    const { clock, network, a } = await pair();
    const errors = collect<Events, 'error'>(a, 'error');
    a.send(octets('lost'), { transport: 'udp', host: '192.0.2.9', port: 5060 });
    clock.advance(0);
    expect(network.sent.map((r) => r.outcome)).toEqual(['unreachable']);
    expect(errors).toEqual([]);
  });

  it('a reliable loopback refuses the connection instead, and names one connection per pair', async () => {
    const { clock, a, b, atB } = await pair('tcp');
    const failed = new Promise((resolve) => a.send(octets('x'), { transport: 'tcp', host: '192.0.2.9', port: 5060 }, resolve));
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_CONNECT_FAILED' });
    const atA = collect<Events, 'message'>(a, 'message');
    a.send(octets('request'), { transport: 'tcp', host: '192.0.2.2', port: b.local.port });
    b.send(octets('response'), { transport: 'tcp', host: '192.0.2.1', port: 5060 });
    clock.advance(0);
    expect(atB[0]?.source.connectionId).toBe('loop-tcp-192.0.2.1:5060-192.0.2.2:49152');
    expect(atA[0]?.source.connectionId).toBe(atB[0]?.source.connectionId);
    expect(a.reliable && b.reliable).toBe(true);
  });

  it('refuses a second bind of the same address, and delivers nothing to a closed transport', async () => {
    const { clock, network, a, b, atB } = await pair();
    await expect(network.transport('udp', '192.0.2.1', 5060).listen()).rejects.toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_LISTEN_FAILED' });
    network.delayMs = 10;
    a.send(octets('late'), { transport: 'udp', host: '192.0.2.2', port: b.local.port });
    await b.close();
    clock.advance(10);
    expect(atB).toEqual([]);
  });
});
