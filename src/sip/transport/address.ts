// IP addresses as SIP writes them (RFC 3261 §25.1, RFC 5118): IPv6 in brackets in a host,
// bare in `received`; compared in one canonical form.
import { isIP, isIPv6 } from 'node:net';

const MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * Results of canonicalAddress and addressFamily, by the text asked: every datagram's source and
 * target pass through them, and the IPv6 check is a long regular expression. Bounded: emptied
 * when full, so addresses from the wire cannot grow it.
 */
const MEMO_MAX = 1024;
const canonicalMemo = new Map<string, string>();
const familyMemo = new Map<string, 0 | 4 | 6>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * The canonical text of an address: brackets removed, IPv6 compressed and lowercase (RFC 5952),
 * IPv4-mapped IPv6 as plain IPv4. Names are lowercased.
 */
export function canonicalAddress(text: string): string {
  return canonicalMemo.get(text) ?? remember(canonicalMemo, text, canonicalOf(text));
}

function canonicalOf(text: string): string {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const mapped = MAPPED.exec(bare);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIPv6(bare)) return new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return bare.toLowerCase();
}

/** 4, 6, or 0 for a name. */
export function addressFamily(text: string): 0 | 4 | 6 {
  return familyMemo.get(text) ?? remember(familyMemo, text, isIP(canonicalAddress(text)) as 0 | 4 | 6);
}

/** The address as a host: IPv6 in brackets. */
export function formatHost(address: string): string {
  const canonical = canonicalAddress(address);
  return isIPv6(canonical) ? `[${canonical}]` : canonical;
}
