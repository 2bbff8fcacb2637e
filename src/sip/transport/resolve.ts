// Locating a SIP server (RFC 3263 §4, without NAPTR and SRV): the transport comes from the
// URI's transport parameter or its scheme (sip: UDP, sips: TLS), the port from the URI or the
// transport's default, and the addresses from the host (maddr if given) by A/AAAA lookup.
import { lookup } from 'node:dns/promises';
import { err, ok, type Result } from '../../core/result.js';
import type { GwError } from '../../core/errors.js';
import { getParam, parseUri, type SipUri } from '../message/index.js';
import { addressFamily, canonicalAddress } from './address.js';
import { NoTransport, ResolveFailed } from './errors.js';
import { DEFAULT_PORTS, protocolOf, type Target, type TransportProtocol } from './types.js';

/** Name to addresses (A and AAAA), injectable so tests need no DNS. */
export interface Resolver {
  /** the addresses of `name`, preferred first; rejects or resolves to [] when there are none */
  lookup(name: string): Promise<readonly string[]>;
}

/** node:dns lookup(): the system resolver (hosts file, then DNS A/AAAA). */
export const dnsResolver: Resolver = {
  async lookup(name) {
    return (await lookup(name, { all: true })).map((a) => a.address);
  },
};

/** The addresses of `host`: itself if it is an IP address, else what the resolver finds. */
export async function lookupHost(host: string, resolver: Resolver): Promise<Result<string[], GwError>> {
  if (addressFamily(host) !== 0) return ok([canonicalAddress(host)]);
  try {
    const found = [...new Set((await resolver.lookup(host)).map(canonicalAddress))];
    return found.length > 0 ? ok(found) : err(new ResolveFailed(`${host} has no address`));
  } catch (cause) {
    return err(new ResolveFailed(`${host}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
  }
}

/** The transport a URI asks for (RFC 3263 §4.1 when neither NAPTR nor SRV is used). */
function transportOf(uri: SipUri): Result<{ protocol: TransportProtocol; explicit: boolean }, GwError> {
  const param = getParam(uri.params, 'transport');
  if (param === undefined) return ok({ protocol: uri.secure ? 'tls' : 'udp', explicit: false });
  const named = protocolOf(param.value ?? '');
  // sips: means TLS end to end, so transport=tcp is TLS over TCP; there is no TLS over UDP here.
  if (uri.secure && (named === 'tcp' || named === 'tls')) return ok({ protocol: 'tls', explicit: true });
  if (named === undefined || (uri.secure && named === 'udp')) return err(new NoTransport(`transport=${param.value ?? ''} in a ${uri.secure ? 'sips' : 'sip'} URI`));
  return ok({ protocol: named, explicit: true });
}

/**
 * The targets for a request to `uri` (the Request-URI, or the first Route), in the order to try
 * them. Fails with GW_ERR_SIP_TRANSPORT_RESOLVE_FAILED or GW_ERR_SIP_TRANSPORT_NO_TRANSPORT.
 */
export async function resolveTargets(uri: string | SipUri, resolver: Resolver): Promise<Result<Target[], GwError>> {
  let sip: SipUri;
  if (typeof uri === 'string') {
    const parsed = parseUri(uri);
    if (!parsed.ok) return err(new ResolveFailed(parsed.error.message));
    if (parsed.value.kind !== 'sip') return err(new ResolveFailed(`${uri} is not a sip or sips URI`));
    sip = parsed.value;
  } else {
    sip = uri;
  }
  const transport = transportOf(sip);
  if (!transport.ok) return transport;
  const { protocol, explicit } = transport.value;
  const host = getParam(sip.params, 'maddr')?.value ?? sip.host;
  const addresses = await lookupHost(host, resolver);
  if (!addresses.ok) return addresses;
  const port = sip.port ?? DEFAULT_PORTS[protocol];
  const serverName = protocol === 'tls' && addressFamily(host) === 0 ? { serverName: host } : {};
  return ok(addresses.value.map((address) => ({ transport: protocol, host: address, port, transportExplicit: explicit, ...serverName })));
}
