// host = hostname / IPv4address / IPv6reference, hostport = host [ ":" port ] (RFC 3261 §25.1).

import { isIPv4, isIPv6 } from 'node:net';

/** A domain label; "_" is tolerated because it is common in private names (RFC 3261 forbids it). */
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;
const DIGITS_AND_DOTS = /^[0-9.]+$/;

/** True for a hostname, a dotted-quad IPv4 address, or an IPv6 address in brackets. */
export function isHost(text: string): boolean {
  if (text.startsWith('[')) return text.endsWith(']') && isIPv6(text.slice(1, -1));
  // Something made only of digits and dots is an IPv4 address or nothing.
  if (DIGITS_AND_DOTS.test(text)) return isIPv4(text);
  const labels = (text.endsWith('.') ? text.slice(0, -1) : text).split('.');
  return labels.every((l) => LABEL.test(l));
}

/** port = 1*DIGIT, read as 0-65535; undefined otherwise. */
function parsePort(text: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

export interface HostPort {
  readonly host: string;
  readonly port?: number;
}

/** Splits `host[:port]`, an IPv6 reference keeping its brackets; undefined if malformed. */
export function parseHostPort(text: string): HostPort | undefined {
  const close = text.startsWith('[') ? text.indexOf(']') : -1;
  const colon = text.indexOf(':', close < 0 ? 0 : close);
  const host = colon < 0 ? text : text.slice(0, colon);
  if (!isHost(host)) return undefined;
  if (colon < 0) return { host };
  const port = parsePort(text.slice(colon + 1));
  return port === undefined ? undefined : { host, port };
}

export function formatHostPort(value: HostPort): string {
  return value.port === undefined ? value.host : `${value.host}:${value.port}`;
}
