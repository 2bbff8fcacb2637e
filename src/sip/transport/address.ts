// IP addresses as SIP writes them (RFC 3261 §25.1, RFC 5118): IPv6 in brackets in a host,
// bare in `received`; compared in one canonical form.
import { isIP, isIPv6 } from 'node:net';

const MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The canonical text of an address: brackets removed, IPv6 compressed and lowercase (RFC 5952),
 * IPv4-mapped IPv6 as plain IPv4. Names are lowercased.
 */
export function canonicalAddress(text: string): string {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const mapped = MAPPED.exec(bare);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIPv6(bare)) return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return bare.toLowerCase();
}

/** 4, 6, or 0 for a name. */
export function addressFamily(text: string): 0 | 4 | 6 {
  return isIP(canonicalAddress(text)) as 0 | 4 | 6;
}

/** The address as a host: IPv6 in brackets. */
export function formatHost(address: string): string {
  const canonical = canonicalAddress(address);
  return isIPv6(canonical) ? `[${canonical}]` : canonical;
}
