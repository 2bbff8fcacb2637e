// TransportBinding: the TxTarget a UserAgent is given for each received message (messages from
// one source share one, carrying the transport's Source), and responses sent back to it.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import type { SipMessage, SipResponse } from '../../../src/sip/message/index.js';
import type { TxTarget } from '../../../src/sip/transaction/message.js';
import { LoopbackNetwork } from '../../../src/sip/transport/loopback.js';
import { TransportLayer } from '../../../src/sip/transport/transport-layer.js';
import type { Source } from '../../../src/sip/transport/types.js';
import { TransportBinding, type UserAgent } from '../../../src/sip/ua/index.js';
import { inviteLines, octets, wire } from '../helpers.js';

async function bench(protocol: 'udp' | 'tcp') {
  const clock = new FakeClock();
  const net = new LoopbackNetwork({ clock });
  const transport = net.transport(protocol, '192.0.2.1', 5060);
  const layer = new TransportLayer();
  layer.register(transport);
  await transport.listen();
  const binding = new TransportBinding(layer);
  const got: { message: SipMessage; from: TxTarget }[] = [];
  binding.attach({ receive: (message: SipMessage, from: TxTarget) => got.push({ message, from }) } as unknown as UserAgent);
  const from = (address: string, port: number, connectionId?: string): Source => ({
    transport: protocol,
    address,
    port,
    local: { ...transport.local },
    ...(connectionId === undefined ? {} : { connectionId }),
  });
  const invite = (branch: string, via = 'UDP'): Uint8Array =>
    octets(wire(inviteLines().map((l) => (l.startsWith('Via:') ? `Via: SIP/2.0/${via} pc33.atlanta.example.com;branch=${branch}` : l))));
  return { net, transport, binding, got, from, invite };
}

describe('TransportBinding', () => {
  it('gives messages from one source (equal, not the same object) one TxTarget; another source another', async () => {
    const { transport, got, from, invite } = await bench('udp');
    transport.inject(invite('z9hG4bK1'), from('192.0.2.9', 5070));
    transport.inject(invite('z9hG4bK2'), from('192.0.2.9', 5070));
    transport.inject(invite('z9hG4bK3'), from('192.0.2.10', 5070));
    transport.inject(invite('z9hG4bK4'), from('192.0.2.10', 5071));
    const [a, b, c, d] = got.map((g) => g.from);
    expect(a).toMatchObject({ transport: 'UDP', host: '192.0.2.9', port: 5070, reliable: false });
    expect(b).toBe(a);
    expect(c).toMatchObject({ transport: 'UDP', host: '192.0.2.10', port: 5070, reliable: false });
    expect(c).not.toBe(a);
    expect(d).toMatchObject({ host: '192.0.2.10', port: 5071 });
    expect(d).not.toBe(c);
  });

  it('tells stream connections apart, and sends a response back on the connection its request came on', async () => {
    const { net, transport, binding, got, from, invite } = await bench('tcp');
    transport.inject(invite('z9hG4bK1', 'TCP'), from('192.0.2.9', 40000, 'conn-1'));
    transport.inject(invite('z9hG4bK2', 'TCP'), from('192.0.2.9', 40000, 'conn-2'));
    const [first, second] = got;
    expect(first?.from).toMatchObject({ transport: 'TCP', host: '192.0.2.9', port: 40000, reliable: true });
    expect(second?.from).not.toBe(first?.from);
    if (first === undefined) throw new Error('no message');
    const response: SipResponse = { kind: 'response', status: 100, reason: 'Trying', headers: first.message.headers.filter((h) => h.name !== 'Content-Length'), body: new Uint8Array() };
    const errors: string[] = [];
    binding.send(response, first.from, (reason) => errors.push(reason));
    // On the request's connection (the Via's received address and port name it otherwise).
    expect(net.sent.at(-1)?.target).toMatchObject({ transport: 'tcp', host: '192.0.2.9', connectionId: 'conn-1' });
    binding.send(response, second?.from ?? first.from, (reason) => errors.push(reason));
    expect(net.sent.at(-1)?.target).toMatchObject({ connectionId: 'conn-2' });
  });
});
