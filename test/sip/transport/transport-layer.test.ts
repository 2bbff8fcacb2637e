import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import type { SipRequest } from '../../../src/sip/message/index.js';
import { LoopbackNetwork, TransportLayer, type Discarded, type Incoming, type Received, type Resolver, type Source, type TransportLayerOptions } from '../../../src/sip/transport/index.js';
import { octets } from '../helpers.js';
import { collect, ok200, optionsText, parsed } from './helpers.js';

type FarEvents = { message: Received };
type LayerEvents = { message: Incoming; discarded: Discarded };

const resolver: Resolver = { lookup: (name) => (name === 'far.example.net' ? Promise.resolve(['192.0.2.2']) : Promise.reject(new Error(`ENOTFOUND ${name}`))) };

/** The gateway's layer (UDP and TCP at 192.0.2.1:5060) and a raw far end at 192.0.2.2. */
async function bench(options: TransportLayerOptions = {}, farProtocols: ('udp' | 'tcp')[] = ['udp', 'tcp']) {
  const clock = new FakeClock();
  const network = new LoopbackNetwork({ clock });
  const layer = new TransportLayer({ resolver, ...options });
  for (const protocol of ['udp', 'tcp'] as const) {
    const t = network.transport(protocol, '192.0.2.1', 5060);
    await t.listen();
    layer.register(t);
  }
  const far = Object.fromEntries(
    await Promise.all(
      farProtocols.map(async (protocol) => {
        const t = network.transport(protocol, '192.0.2.2', 5060);
        await t.listen();
        return [protocol, { transport: t, received: collect<FarEvents, 'message'>(t, 'message') }] as const;
      }),
    ),
  );
  const up = collect<LayerEvents, 'message'>(layer, 'message');
  const discarded = collect<LayerEvents, 'discarded'>(layer, 'discarded');
  /** What the far end received over `protocol`, as text. */
  const farGot = (protocol: 'udp' | 'tcp' = 'udp'): string[] => (far[protocol]?.received ?? []).map((r) => Buffer.from(r.data).toString('latin1'));
  return { clock, network, layer, far, up, discarded, farGot };
}

const request = (via: string, extra: string[] = [], body = ''): SipRequest => parsed(octets(optionsText(via, extra, body))) as SipRequest;

const FAR_UDP = { transport: 'udp', host: '192.0.2.2', port: 5060 } as const;

describe('TransportLayer: outgoing requests (RFC 3261 §18.1.1, RFC 3581 §3)', () => {
  it('fills the top Via with the transport, the listening address and rport, keeping the branch', async () => {
    const { clock, layer, farGot } = await bench();
    layer.sendRequest(request('SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKkeep'), FAR_UDP);
    clock.advance(0);
    expect(farGot()[0]).toContain('\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKkeep;rport\r\n');
  });

  it('adds a Via with a new branch to a request without one', async () => {
    const { clock, layer, farGot } = await bench();
    const noVia = request('SIP/2.0/UDP x;branch=z9hG4bK1');
    layer.sendRequest({ ...noVia, headers: noVia.headers.filter((h) => h.name !== 'Via') }, FAR_UDP);
    clock.advance(0);
    expect(farGot()[0]).toMatch(/^OPTIONS sip:gw@example\.net SIP\/2\.0\r\nVia: SIP\/2\.0\/UDP 192\.0\.2\.1:5060;branch=z9hG4bK[0-9a-f]{20};rport\r\n/);
  });

  it('looks up a host name in the target, and reports a failed lookup', async () => {
    const { clock, layer, farGot } = await bench();
    layer.sendRequest(request('SIP/2.0/UDP x;branch=z9hG4bK1'), { ...FAR_UDP, host: 'far.example.net' });
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(0);
    expect(farGot()).toHaveLength(1);
    const failed = new Promise((resolve) => layer.sendRequest(request('SIP/2.0/UDP x;branch=z9hG4bK2'), { ...FAR_UDP, host: 'nowhere.example.net' }, resolve));
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_RESOLVE_FAILED' });
  });

  it('reports GW_ERR_SIP_TRANSPORT_NO_TRANSPORT for a transport not registered', async () => {
    const { layer } = await bench();
    const failed = new Promise((resolve) => layer.sendRequest(request('SIP/2.0/UDP x;branch=z9hG4bK1'), { ...FAR_UDP, transport: 'tls' }, resolve));
    expect(await failed).toMatchObject({ code: 'GW_ERR_SIP_TRANSPORT_NO_TRANSPORT' });
  });

  describe('a UDP request over MTU - 200 octets (§18.1.1)', () => {
    const large = (): SipRequest => request('SIP/2.0/UDP x;branch=z9hG4bKbig', ['Content-Type: text/plain'], 'x'.repeat(1400));

    it('goes over TCP instead, with the Via saying TCP', async () => {
      const { clock, layer, farGot } = await bench();
      layer.sendRequest(large(), FAR_UDP);
      clock.advance(0);
      expect(farGot('udp')).toEqual([]);
      expect(farGot('tcp')[0]).toContain('Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bKbig;rport\r\n');
    });

    it('stays on UDP under the threshold, when the URI named UDP, or when the option is off', async () => {
      const { clock, layer, farGot } = await bench({ udpMtu: 2000 });
      layer.sendRequest(large(), FAR_UDP);
      const { layer: explicit, clock: clock2, farGot: farGot2 } = await bench();
      explicit.sendRequest(large(), { ...FAR_UDP, transportExplicit: true });
      const { layer: off, clock: clock3, farGot: farGot3 } = await bench({ largeRequestsOverTcp: false });
      off.sendRequest(large(), FAR_UDP);
      [clock, clock2, clock3].forEach((c) => c.advance(0));
      expect([farGot('udp').length, farGot2('udp').length, farGot3('udp').length]).toEqual([1, 1, 1]);
    });

    it('goes over UDP after all when the TCP connection fails', async () => {
      const { clock, layer, farGot } = await bench({}, ['udp']);
      layer.sendRequest(large(), FAR_UDP);
      clock.advance(0);
      expect(farGot('udp')[0]).toContain('Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbig;rport\r\n');
    });
  });
});

describe('TransportLayer: incoming requests and their responses (§18.2, RFC 3581 §4)', () => {
  it('stamps received and rport, and sends the response to received:rport', async () => {
    const { clock, layer, far, up, farGot } = await bench();
    far.udp?.transport.send(octets(optionsText('SIP/2.0/UDP 10.0.0.5:5070;rport;branch=z9hG4bKin')), { transport: 'udp', host: '192.0.2.1', port: 5060 });
    clock.advance(0);
    const [incoming] = up;
    if (incoming?.message.kind !== 'request') expect.fail('no request');
    expect(incoming.message.headers[0]).toEqual({ name: 'Via', value: 'SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bKin;received=192.0.2.2;rport=5060' });
    layer.sendResponse(ok200(incoming.message), incoming.source);
    clock.advance(0);
    expect(farGot()[0]).toMatch(/^SIP\/2\.0 200 OK\r\nVia: SIP\/2\.0\/UDP 10\.0\.0\.5:5070;branch=z9hG4bKin;received=192\.0\.2\.2;rport=5060\r\n/);
  });

  it('passes a request whose Via needs no stamp (sent-by is the source, no rport) up with the Via field it was read with', async () => {
    const { clock, network, up } = await bench();
    const phone = network.transport('udp', '192.0.2.2', 5070);
    await phone.listen();
    phone.send(octets(optionsText('SIP/2.0/UDP 192.0.2.2:5070;branch=z9hG4bKas')), { transport: 'udp', host: '192.0.2.1', port: 5060 });
    clock.advance(0);
    const [incoming] = up;
    if (incoming?.message.kind !== 'request') expect.fail('no request');
    expect(incoming.message.headers[0]?.value).toBe('SIP/2.0/UDP 192.0.2.2:5070;branch=z9hG4bKas');
    // The parser's own field (which carries the Via it read), not a copy made to stamp it.
    expect(incoming.message.headers[0]?.constructor.name).toBe('ReceivedField');
  });

  it('without rport, sends the response to received and the sent-by port', async () => {
    const { clock, network, layer, up } = await bench();
    const phone = network.transport('udp', '192.0.2.2', 5070);
    await phone.listen();
    const atPhone = collect<FarEvents, 'message'>(phone, 'message');
    phone.send(octets(optionsText('SIP/2.0/UDP phone.example.com:5060;branch=z9hG4bKnr')), { transport: 'udp', host: '192.0.2.1', port: 5060 });
    clock.advance(0);
    const [incoming] = up;
    if (incoming?.message.kind !== 'request') expect.fail('no request');
    expect(incoming.message.headers[0]?.value).toBe('SIP/2.0/UDP phone.example.com:5060;branch=z9hG4bKnr;received=192.0.2.2');
    layer.sendResponse(ok200(incoming.message), incoming.source);
    clock.advance(0);
    expect(atPhone).toEqual([]);
    expect(network.sent.at(-1)?.target).toMatchObject({ host: '192.0.2.2', port: 5060 });
  });

  it('sends a UDP response from the socket the request arrived at', async () => {
    const { clock, network, layer, far, up } = await bench();
    const second = network.transport('udp', '192.0.2.1', 5080);
    await second.listen();
    layer.register(second);
    far.udp?.transport.send(octets(optionsText('SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bKs')), { transport: 'udp', host: '192.0.2.1', port: 5080 });
    clock.advance(0);
    const [incoming] = up;
    if (incoming?.message.kind !== 'request') expect.fail('no request');
    layer.sendResponse(ok200(incoming.message), incoming.source);
    expect(network.sent.at(-1)?.from).toEqual({ address: '192.0.2.1', port: 5080 });
  });

  // [what arrives, status line of the answer]
  const garbage: [string, string, string][] = [
    ['no Max-Forwards', optionsText('SIP/2.0/UDP 192.0.2.2:5060;rport;branch=z9hG4bKg').replace('Max-Forwards: 70\r\n', ''), 'SIP/2.0 400 Missing Max-Forwards Header'],
    ['a malformed start line', optionsText('SIP/2.0/UDP 192.0.2.2:5060;rport;branch=z9hG4bKg').replace('OPTIONS sip', 'OPTIONS  sip'), 'SIP/2.0 400 Malformed Start Line'],
    ['SIP/3.0', optionsText('SIP/2.0/UDP 192.0.2.2:5060;rport;branch=z9hG4bKg').replace('SIP/2.0\r\n', 'SIP/3.0\r\n'), 'SIP/2.0 505 Version Not Supported'],
    ['a bad CSeq', optionsText('SIP/2.0/UDP 192.0.2.2:5060;rport;branch=z9hG4bKg').replace('CSeq: 1 OPTIONS', 'CSeq: x OPTIONS'), 'SIP/2.0 400 Malformed CSeq Header'],
  ];
  it.each(garbage)('answers a request with %s when its Via can be read', async (_, text, statusLine) => {
    const { clock, far, up, discarded, farGot } = await bench();
    far.udp?.transport.send(octets(text), { transport: 'udp', host: '192.0.2.1', port: 5060 });
    clock.advance(0);
    expect(up).toEqual([]);
    const [answer = ''] = farGot();
    expect(answer.split('\r\n')[0]).toBe(statusLine);
    expect(answer).toContain('\r\nVia: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bKg;received=192.0.2.2;rport=5060\r\n');
    expect(answer).toMatch(/\r\nTo: <sip:gw@example\.net>;tag=[0-9a-f]{12}\r\n/);
    expect(answer).toContain('\r\nCall-ID: call-1@example.com\r\n');
    expect(discarded).toMatchObject([{ answered: Number(statusLine.split(' ')[1]) }]);
  });

  it('drops silently what has no readable Via, and any unparsable response', async () => {
    const { clock, network, far, up, discarded } = await bench();
    const to = { transport: 'udp', host: '192.0.2.1', port: 5060 } as const;
    far.udp?.transport.send(octets(optionsText('SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKg').replace(/Via: [^\r]*/, 'Via: garbage')), to);
    far.udp?.transport.send(octets('hello world\r\n\r\n'), to);
    far.udp?.transport.send(octets('\r\n\r\n'), to);
    far.udp?.transport.send(octets('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n\r\n'), to);
    clock.advance(0);
    expect(up).toEqual([]);
    expect(discarded.map((d) => d.reason.split(':')[0])).toEqual(['SIP_BAD_VIA', 'SIP_BAD_START_LINE', 'SIP_EMPTY_MESSAGE', 'SIP_MISSING_HEADER']);
    expect(discarded.every((d) => d.answered === undefined)).toBe(true);
    expect(network.sent.filter((r) => r.from.address === '192.0.2.1')).toEqual([]);
  });
});

describe('TransportLayer: incoming responses (§18.1.2)', () => {
  const response = (via: string): Uint8Array =>
    octets(['SIP/2.0 200 OK', `Via: ${via}`, 'To: <sip:a@b>;tag=x', 'From: <sip:c@d>;tag=y', 'Call-ID: r1', 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n'));

  it('passes up a response whose top Via sent-by is ours, and drops any other', async () => {
    const { clock, far, up, discarded } = await bench();
    const to = { transport: 'udp', host: '192.0.2.1', port: 5060 } as const;
    far.udp?.transport.send(response('SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport=5060'), to);
    far.udp?.transport.send(response('SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK2'), to);
    far.udp?.transport.send(response('SIP/2.0/UDP 192.0.2.1:5999;branch=z9hG4bK3'), to);
    far.udp?.transport.send(response('SIP/2.0/TLS 192.0.2.1:5060;branch=z9hG4bK4'), to);
    clock.advance(0);
    expect(up.map((i) => (i.message.kind === 'response' ? i.message.status : 0))).toEqual([200, 200]);
    expect(up[0]?.source).toMatchObject({ transport: 'udp', address: '192.0.2.2', port: 5060 } satisfies Partial<Source>);
    expect(discarded.map((d) => d.reason)).toEqual([
      'response Via sent-by 192.0.2.1:5999 is not ours (§18.1.2)',
      'response Via sent-by 192.0.2.1:5060 is not ours (§18.1.2)',
    ]);
  });

  it('reports a response it cannot route', async () => {
    const { layer } = await bench();
    const base = { kind: 'response', status: 200, reason: 'OK', body: new Uint8Array(0) } as const;
    const noVia = new Promise((resolve) => layer.sendResponse({ ...base, headers: [] }, undefined, resolve));
    const sctp = new Promise((resolve) => layer.sendResponse({ ...base, headers: [{ name: 'Via', value: 'SIP/2.0/SCTP 192.0.2.2' }] }, undefined, resolve));
    expect(await Promise.all([noVia, sctp])).toMatchObject([{ code: 'GW_ERR_SIP_TRANSPORT_SEND_FAILED' }, { code: 'GW_ERR_SIP_TRANSPORT_NO_TRANSPORT' }]);
  });

  it('resolves a URI to targets with its resolver', async () => {
    const { layer } = await bench();
    expect(await layer.resolve('sip:far.example.net;transport=tcp')).toMatchObject({ ok: true, value: [{ transport: 'tcp', host: '192.0.2.2', port: 5060 }] });
  });
});
