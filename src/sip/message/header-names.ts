// Header names compare case-insensitively, and a compact form equals its full name
// (RFC 3261 §7.3.3, IANA "Header Fields" registry).

/** Compact form -> full name, lowercase. */
const COMPACT: ReadonlyMap<string, string> = new Map(
  Object.entries({
    a: 'accept-contact', // RFC 3841
    b: 'referred-by', // RFC 3892
    c: 'content-type',
    d: 'request-disposition', // RFC 3841
    e: 'content-encoding',
    f: 'from',
    i: 'call-id',
    j: 'reject-contact', // RFC 3841
    k: 'supported',
    l: 'content-length',
    m: 'contact',
    n: 'identity-info', // RFC 4474
    o: 'event', // RFC 6665
    r: 'refer-to', // RFC 3515
    s: 'subject',
    t: 'to',
    u: 'allow-events', // RFC 6665
    v: 'via',
    x: 'session-expires', // RFC 4028
    y: 'identity', // RFC 8224
  }),
);

/** The key two names share when they name the same header: lowercase, compact forms expanded. */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT.get(lower) ?? lower;
}
