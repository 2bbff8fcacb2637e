// The Via rules of the transport layer: the top Via a client inserts (RFC 3261 §18.1.1, rport
// RFC 3581 §3), what a server adds to it (§18.2.1, RFC 3581 §4), and where a response goes
// (§18.2.2, RFC 3581 §4).
import { randomBytes } from 'node:crypto';
import { formatVia, headerKey, parseVia, readList, type HeaderField, type Via } from '../message/index.js';
import { splitOutside } from '../message/abnf.js';
import { canonicalAddress, formatHost } from './address.js';
import { DEFAULT_PORTS, type Endpoint, type TransportProtocol } from './types.js';

/** The RFC 3261 magic cookie and 80 random bits. */
export function newBranch(): string {
  return `z9hG4bK${randomBytes(10).toString('hex')}`;
}

/**
 * The first via-parm of the first Via field, if it parses. Read through readList, so a received
 * field's Via, already parsed when the message was checked, is not parsed again (the value is
 * shared: read-only).
 */
export function topVia(headers: readonly HeaderField[]): Via | undefined {
  const first = headers.find((h) => headerKey(h.name) === 'via');
  if (first === undefined) return undefined;
  const parsed = readList([first], 'Via', parseVia);
  return parsed.ok ? parsed.value[0] : undefined;
}

/** `headers` with the top via-parm replaced by `via` (or a Via field added first if none). */
export function withTopVia(headers: readonly HeaderField[], via: Via): HeaderField[] {
  const at = headers.findIndex((h) => headerKey(h.name) === 'via');
  const value = formatVia(via);
  if (at < 0) return [{ name: 'Via', value }, ...headers];
  const { name, value: old } = headers[at] as HeaderField;
  const rest = splitOutside(old, ',').slice(1);
  const replaced = rest.length === 0 ? [{ name, value }] : [{ name, value }, { name, value: rest.join(', ') }];
  return [...headers.slice(0, at), ...replaced, ...headers.slice(at + 1)];
}

/**
 * The top Via of an outgoing request: this transport and its listening address as sent-by, the
 * branch kept (or a new one), and `rport` asking for the source port (RFC 3581 §3).
 */
export function clientVia(via: Via | undefined, protocol: TransportProtocol, local: Endpoint): Via {
  return {
    protocol: 'SIP',
    version: '2.0',
    transport: protocol.toUpperCase(),
    host: formatHost(local.address),
    port: local.port,
    branch: via?.branch ?? newBranch(),
    rport: true,
    ...(via?.maddr === undefined ? {} : { maddr: via.maddr }),
    ...(via?.ttl === undefined ? {} : { ttl: via.ttl }),
    params: via?.params ?? [],
  };
}

/**
 * The top Via of a received request as the server keeps it: `received` when sent-by is not the
 * source address (§18.2.1), and with a bare `rport` always, `rport` set to the source port
 * (RFC 3581 §4).
 */
export function serverVia(via: Via, source: Endpoint): Via {
  const wantsRport = via.rport === true;
  if (!wantsRport && canonicalAddress(via.host) === source.address) return via;
  return { ...via, received: source.address, ...(wantsRport ? { rport: source.port } : {}) };
}

/**
 * Where a response goes when not on the request's connection. Unreliable (§18.2.2, RFC 3581 §4):
 * received:rport; else maddr; else received; else sent-by; with sent-by's port or the default.
 * Reliable, once the connection is gone: received (or sent-by) and sent-by's port.
 */
export function responseDestination(via: Via, protocol: TransportProtocol): { readonly host: string; readonly port: number } {
  const port = via.port ?? DEFAULT_PORTS[protocol];
  const received = via.received === undefined ? undefined : canonicalAddress(via.received);
  if (protocol !== 'udp') return { host: received ?? canonicalAddress(via.host), port };
  if (typeof via.rport === 'number') return { host: received ?? canonicalAddress(via.host), port: via.rport };
  if (via.maddr !== undefined) return { host: canonicalAddress(via.maddr), port };
  return { host: received ?? canonicalAddress(via.host), port };
}
