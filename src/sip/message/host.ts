// host = hostname / IPv4address / IPv6reference, hostport = host [ ":" port ] (RFC 3261 §25.1).

import { isIPv6 } from 'node:net';
import { DIGITS, isAll, isIn, LABEL } from './chars.js';

const DOT = 0x2e;
const HYPHEN = 0x2d;
const ZERO = 0x30;

/**
 * IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each 0-255, written as
 * node:net's isIPv4 accepts it (no leading zero), without its RegExp.
 */
export function isIPv4(text: string): boolean {
  return isIPv4Range(text, 0, text.length);
}

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
/** A dotted quad, each part 0-255 without a leading zero, as a regular expression's source. */
export const IPV4_RE = `${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}`;
/**
 * A dotted quad from lastIndex (sticky). Its alternatives are tried longest first, so a match
 * ends after the longest quad there.
 */
const IPV4 = new RegExp(IPV4_RE, 'y');

/** isIPv4 of text[from, to). */
export function isIPv4Range(text: string, from: number, to: number): boolean {
  // The compiled expression walks it faster than the loop below; a match ending at `to` is the
  // answer. Else the range is no address, unless the quad runs on past `to` (a digit there):
  // then the loop, which stops at `to`, tells.
  IPV4.lastIndex = from;
  if (IPV4.test(text)) {
    if (IPV4.lastIndex === to) return true;
  }
  const next = text.charCodeAt(to) - ZERO;
  return next >= 0 && next <= 9 && ipv4Loop(text, from, to);
}

/** isIPv4Range by a loop over the chars. */
function ipv4Loop(text: string, from: number, to: number): boolean {
  const n = to;
  let i = from;
  for (let part = 0; part < 4; part++) {
    if (part > 0 && text.charCodeAt(i++) !== DOT) return false;
    const start = i;
    let value = 0;
    while (i < n && i - start < 4) {
      const digit = text.charCodeAt(i) - ZERO;
      if (!(digit >= 0 && digit <= 9)) break;
      value = value * 10 + digit;
      i++;
    }
    const length = i - start;
    if (length === 0 || length > 3 || value > 255 || (length > 1 && text.charCodeAt(start) === ZERO)) return false;
  }
  return i === n;
}

/**
 * hostname: dot-separated labels, an optional final dot. A label is letters and digits with
 * "-" inside; "_" is tolerated because it is common in private names (RFC 3261 forbids it).
 * Something made only of digits and dots is an IPv4 address or nothing.
 */
function isHostname(text: string): boolean {
  const n = text.length;
  let digitsAndDots = true;
  for (let i = 0; ; i++) {
    // A label starts and ends with a label char, with "-" allowed inside.
    if (!isIn(text.charCodeAt(i), LABEL)) return false;
    const start = i;
    while (i < n && (isIn(text.charCodeAt(i), LABEL) || text.charCodeAt(i) === HYPHEN)) i++;
    if (text.charCodeAt(i - 1) === HYPHEN) return false;
    digitsAndDots &&= isAll(text, DIGITS, start, i);
    if (i === n || (i + 1 === n && text.charCodeAt(i) === DOT)) break;
    if (text.charCodeAt(i) !== DOT) return false;
  }
  return digitsAndDots ? isIPv4(text) : true;
}

/**
 * isHost of text[from, to), one pass for a hostname or IPv4 address (isHostname's rules: labels
 * of LABEL chars with "-" inside, dot-separated, an optional final dot; all-digit labels make it
 * an IPv4 address or nothing).
 */
export function isHostRange(text: string, from: number, to: number): boolean {
  if (text.charCodeAt(from) === 0x5b) return isHost(text.slice(from, to));
  let digitsAndDots = true;
  let i = from;
  for (;;) {
    if (i >= to || !isIn(text.charCodeAt(i), LABEL)) return false;
    let c = 0;
    while (i < to && ((c = text.charCodeAt(i)) === HYPHEN || isIn(c, LABEL))) {
      if (!(c >= ZERO && c <= ZERO + 9)) digitsAndDots = false;
      i++;
    }
    if (text.charCodeAt(i - 1) === HYPHEN) return false;
    if (i === to || (i + 1 === to && text.charCodeAt(i) === DOT)) break;
    if (text.charCodeAt(i) !== DOT) return false;
    i++;
  }
  return digitsAndDots ? isIPv4Range(text, from, to) : true;
}

/** True for a hostname, a dotted-quad IPv4 address, or an IPv6 address in brackets. */
export function isHost(text: string): boolean {
  if (text.charCodeAt(0) === 0x5b) return text.endsWith(']') && isIPv6(text.slice(1, -1));
  return isIPv4(text) || isHostname(text);
}

/** port = 1*DIGIT, read as 0-65535; undefined otherwise. */
export function parsePort(text: string, from = 0, end = text.length): number | undefined {
  if (end === from || end - from > 5) return undefined;
  let port = 0;
  for (let i = from; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return undefined;
    port = port * 10 + digit;
  }
  return port <= 65535 ? port : undefined;
}

export interface HostPort {
  readonly host: string;
  readonly port?: number;
}

/** Splits `host[:port]`, an IPv6 reference keeping its brackets; undefined if malformed. */
export function parseHostPort(text: string): HostPort | undefined {
  const close = text.charCodeAt(0) === 0x5b ? text.indexOf(']') : -1;
  const colon = text.indexOf(':', close < 0 ? 0 : close);
  const host = colon < 0 ? text : text.slice(0, colon);
  if (!isHost(host)) return undefined;
  if (colon < 0) return { host };
  const port = parsePort(text, colon + 1);
  return port === undefined ? undefined : { host, port };
}

export function formatHostPort(value: HostPort): string {
  return value.port === undefined ? value.host : `${value.host}:${value.port}`;
}
