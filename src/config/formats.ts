// String formats used by the configuration schemas (ajv custom formats), each with the phrase an
// error prints when a value does not match, and the parsers that turn the strings into values.

/** A host and port as the resolved configuration carries them (IPv6 hosts without brackets). */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX16 = /^[0-9a-fA-F]{1,4}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export function isIpv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIpv6(s: string): boolean {
  let text = s;
  let groups = 8;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.includes('.', lastColon)) {
    // An embedded IPv4 address in the last 32 bits, e.g. ::ffff:192.0.2.1.
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groups = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const parts = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (!parts.every((p) => p.every((g) => HEX16.test(g)))) return false;
  const count = parts.reduce((n, p) => n + p.length, 0);
  return halves.length === 2 ? count < groups : count === groups;
}

export function isIp(s: string): boolean {
  return isIpv4(s) || isIpv6(s);
}

/** `host[:port]`, `[v6][:port]` or a bare IPv6 address; undefined when the text is none of these. */
export function parseHostPort(s: string, defaultPort: number, allowNames: boolean): HostPort | undefined {
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (!isIpv6(host)) return undefined;
  } else if (isIpv6(s)) {
    host = s;
  } else {
    const m = /^([^:]+)(?::(\d+))?$/.exec(s);
    if (!m) return undefined;
    host = m[1] ?? '';
    portText = m[2];
    if (!isIpv4(host) && !(allowNames && HOSTNAME.test(host) && !/^[\d.]+$/.test(host))) return undefined;
  }
  const port = portText === undefined ? defaultPort : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host, port };
}

/** `address/length` for IPv4 or IPv6; a bare address means a single host (/32 or /128). */
export function isCidr(s: string): boolean {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const len = slash < 0 ? undefined : s.slice(slash + 1);
  const max = isIpv4(addr) ? 32 : isIpv6(addr) ? 128 : -1;
  if (max < 0) return false;
  return len === undefined || (/^\d{1,3}$/.test(len) && Number(len) <= max);
}

/** `1-15,17-31`, `5` (a number is also accepted by the schemas): the listed values in order, or undefined. */
export function parseRangeList(value: string | number): number[] | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? [value] : undefined;
  const out: number[] = [];
  for (const part of value.split(',')) {
    const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return undefined;
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

/** `tcp:HOST:PORT`, the address of an ISDN D-channel (the port is required); undefined when malformed. */
export function parseDChannelAddress(s: string): HostPort | undefined {
  const m = /^tcp:(.+):(\d+)$/.exec(s);
  if (!m) return undefined;
  const hostText = m[1] ?? '';
  const host = hostText.startsWith('[') && hostText.endsWith(']') ? hostText.slice(1, -1) : hostText;
  if (host.includes(':') && !hostText.startsWith('[')) return undefined;
  return parseHostPort(host.includes(':') ? `[${host}]:${m[2]}` : `${host}:${m[2]}`, 1, true);
}

/** The pattern every peer, trunk group and route name must match. */
export const NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{0,62}$';
export const NAME_EXPECTED = 'lower-case letters, digits, "-" and "_", starting with a letter or digit (at most 63)';

/** Format name → validator and the phrase used in "must be …" errors. */
/** `redis://` or `rediss://` with a host, an optional port and an optional database number path. */
export function isRedisUrl(s: string): boolean {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return false;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return false;
  if (u.hostname === '' || u.search !== '' || u.hash !== '') return false;
  return /^\/?(\d{1,2})?$/.test(u.pathname);
}

export const FORMATS = {
  'listen-address': {
    validate: (s: string) => parseHostPort(s, 1, false) !== undefined,
    expected: 'an IP address with an optional port, e.g. 127.0.0.1:5060 or [::1]:5060',
  },
  'host-port': {
    validate: (s: string) => parseHostPort(s, 1, true) !== undefined,
    expected: 'a host (IP address or DNS name) with an optional port, e.g. 192.0.2.10:5060 or sip.example.net',
  },
  'dchannel-address': {
    validate: (s: string) => parseDChannelAddress(s) !== undefined,
    expected: 'tcp:HOST:PORT, e.g. tcp:127.0.0.1:4000 or tcp:[::1]:4000 (only TCP is supported)',
  },
  cidr: {
    validate: isCidr,
    expected: 'an IP address or prefix, e.g. 127.0.0.1/32 or 2001:db8::/32',
  },
  'range-list': {
    validate: (s: string) => parseRangeList(s) !== undefined,
    expected: 'numbers and ascending ranges separated by commas, e.g. 1-15,17-31',
  },
  'redis-url': {
    validate: isRedisUrl,
    expected: 'a Redis URL, e.g. redis://127.0.0.1:6379, redis://:password@host:6379/2 or rediss://host:6380',
  },
  'node-id': {
    validate: (s: string) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(s),
    expected: 'letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit)',
  },
  name: {
    validate: (s: string) => new RegExp(NAME_PATTERN).test(s),
    expected: `a name of ${NAME_EXPECTED}`,
  },
  token: {
    validate: (s: string) => /^[A-Za-z0-9.!%*_+`'~-]+$/.test(s),
    expected: 'a MIME parameter token, e.g. itu-t92+',
  },
  'sip-user': {
    validate: (s: string) => /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/.test(s),
    expected: 'a SIP user name (letters, digits and -_.!~*\'()&=+$,;?/%)',
  },
} as const satisfies Record<string, { validate: (s: string) => boolean; expected: string }>;

export type FormatName = keyof typeof FORMATS;

