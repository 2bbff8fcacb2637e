import { describe, expect, it } from 'vitest';
import { parseUri } from '../../../src/sip/message/index.js';
import { dnsResolver, resolveTargets, type Resolver, type Target } from '../../../src/sip/transport/index.js';
import { valueOf } from '../helpers.js';

const hosts: Record<string, string[]> = {
  'gw.example.net': ['192.0.2.10', '2001:db8::10'],
  'v6.example.net': ['2001:DB8:0:0:0:0:0:20'],
  'empty.example.net': [],
};
const resolver: Resolver = {
  lookup: (name) => (name in hosts ? Promise.resolve(hosts[name]!) : Promise.reject(new Error(`getaddrinfo ENOTFOUND ${name}`))),
};

describe('resolveTargets (RFC 3263 §4 without NAPTR/SRV)', () => {
  // [URI, targets as transport:host:port (serverName)]
  const rows: [string, string[]][] = [
    ['sip:+15551230000@192.0.2.1', ['udp 192.0.2.1 5060']],
    ['sip:192.0.2.1:5070', ['udp 192.0.2.1 5070']],
    ['sip:192.0.2.1;transport=tcp', ['tcp 192.0.2.1 5060 explicit']],
    ['sip:192.0.2.1;transport=TLS', ['tls 192.0.2.1 5061 explicit']],
    ['sip:192.0.2.1;transport=udp', ['udp 192.0.2.1 5060 explicit']],
    ['sips:192.0.2.1', ['tls 192.0.2.1 5061']],
    ['sips:192.0.2.1:5071;transport=tcp', ['tls 192.0.2.1 5071 explicit']],
    ['sip:[2001:db8::1]', ['udp 2001:db8::1 5060']],
    ['sip:[2001:db8:0:0:0:0:0:1]:5080;transport=tcp', ['tcp 2001:db8::1 5080 explicit']],
    ['sip:alice@gw.example.net', ['udp 192.0.2.10 5060', 'udp 2001:db8::10 5060']],
    ['sips:gw.example.net', ['tls 192.0.2.10 5061 (gw.example.net)', 'tls 2001:db8::10 5061 (gw.example.net)']],
    ['sip:v6.example.net:5099;transport=tcp', ['tcp 2001:db8::20 5099 explicit']],
    ['sip:user@example.org;maddr=192.0.2.99', ['udp 192.0.2.99 5060']],
  ];
  const show = (t: Target): string =>
    [t.transport, t.host, t.port, t.transportExplicit ? 'explicit' : '', t.serverName === undefined ? '' : `(${t.serverName})`].filter((x) => x !== '').join(' ');

  it.each(rows)('%s', async (uri, expected) => {
    const result = await resolveTargets(uri, resolver);
    if (!result.ok) expect.fail(result.error.message);
    expect(result.value.map(show)).toEqual(expected);
  });

  const failures: [string, string][] = [
    ['tel:+15551230000', 'GW_ERR_SIP_TRANSPORT_RESOLVE_FAILED'],
    ['sip:', 'GW_ERR_SIP_TRANSPORT_RESOLVE_FAILED'],
    ['sip:nowhere.example.net', 'GW_ERR_SIP_TRANSPORT_RESOLVE_FAILED'],
    ['sip:empty.example.net', 'GW_ERR_SIP_TRANSPORT_RESOLVE_FAILED'],
    ['sip:192.0.2.1;transport=sctp', 'GW_ERR_SIP_TRANSPORT_NO_TRANSPORT'],
    ['sips:192.0.2.1;transport=udp', 'GW_ERR_SIP_TRANSPORT_NO_TRANSPORT'],
  ];
  it.each(failures)('%s fails with %s', async (uri, code) => {
    const result = await resolveTargets(uri, resolver);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('takes a parsed URI too', async () => {
    const uri = valueOf(parseUri('sips:gw.example.net:5999'));
    if (uri.kind !== 'sip') expect.fail(uri.kind);
    const result = await resolveTargets(uri, resolver);
    expect(result.ok && result.value.map(show)).toEqual(['tls 192.0.2.10 5999 (gw.example.net)', 'tls 2001:db8::10 5999 (gw.example.net)']);
  });

  it('the system resolver (node:dns lookup) finds localhost', async () => {
    const result = await resolveTargets('sip:localhost:5099;transport=tcp', dnsResolver);
    if (!result.ok) expect.fail(result.error.message);
    expect(result.value.length).toBeGreaterThan(0);
    for (const t of result.value) expect(['127.0.0.1', '::1']).toContain(t.host);
  });
});
