// Via (RFC 3261 §20.42, §25.1; rport RFC 3581):
//   via-parm = sent-protocol LWS sent-by *( SEMI via-params )
//   sent-protocol = protocol-name SLASH protocol-version SLASH transport
//   sent-by = host [ COLON port ]; via-params = via-ttl / via-maddr / via-received / via-branch / rport / extension

import { isIPv4, isIPv6 } from 'node:net';
import { err, ok, type Result } from '../../core/result.js';
import { isToken, splitOutside, trimLws } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatHostPort, isHost, parseHostPort } from './host.js';
import { formatParams, parseParams, takeParams, type Param } from './params.js';

export interface Via {
  /** uppercase, `SIP` */
  readonly protocol: string;
  readonly version: string;
  /** uppercase: UDP, TCP, TLS, SCTP, WS, WSS or any other token */
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly branch?: string;
  /** IPv4 or IPv6 address (IPv6 as written, with or without brackets) */
  readonly received?: string;
  /** `true` for a bare `rport` (a request asking for it), the port number once filled in */
  readonly rport?: number | true;
  readonly maddr?: string;
  readonly ttl?: number;
  /** the other parameters, in order */
  readonly params: readonly Param[];
}

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_VIA', message));

const SENT_PROTOCOL = /^([^ \t/]+)[ \t]*\/[ \t]*([^ \t/]+)[ \t]*\/[ \t]*([^ \t/]+)[ \t]+([^;]+)(;.*)?$/s;
const KNOWN = ['branch', 'received', 'rport', 'maddr', 'ttl'];

function isAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text) || (text.startsWith('[') && text.endsWith(']') && isIPv6(text.slice(1, -1)));
}

/** The typed Via parameters; a message when one is malformed. */
function typedParams(taken: ReadonlyMap<string, Param>): Partial<Via> | string {
  const typed: { -readonly [K in keyof Via]?: Via[K] } = {};
  const { branch, received, rport, maddr, ttl } = Object.fromEntries(taken) as Partial<Record<string, Param>>;
  if (branch !== undefined) {
    if (branch.value === undefined || !isToken(branch.value)) return 'branch must be a token';
    typed.branch = branch.value;
  }
  if (received !== undefined) {
    if (received.value === undefined || !isAddress(received.value)) return 'received must be an IP address';
    typed.received = received.value;
  }
  if (rport !== undefined) {
    const port = rport.value === undefined ? true : /^[0-9]{1,5}$/.test(rport.value) ? Number(rport.value) : NaN;
    if (port !== true && !(port <= 65535)) return 'rport must be a port number';
    typed.rport = port;
  }
  if (maddr !== undefined) {
    if (maddr.value === undefined || !isHost(maddr.value)) return 'maddr must be a host';
    typed.maddr = maddr.value;
  }
  if (ttl !== undefined) {
    const value = Number(ttl.value);
    if (ttl.value === undefined || !/^[0-9]{1,3}$/.test(ttl.value) || value > 255) return 'ttl must be 0-255';
    typed.ttl = value;
  }
  return typed;
}

/** Parses one via-parm. */
function parseViaParm(text: string): Result<Via, SipError> {
  const m = SENT_PROTOCOL.exec(text);
  if (m === null) return bad(`not "protocol/version/transport sent-by": ${JSON.stringify(text)}`);
  const [, protocol = '', version = '', transport = '', sentBy = '', paramText = ''] = m;
  if (![protocol, version, transport].every(isToken)) return bad('sent-protocol parts must be tokens');
  const hostport = parseHostPort(trimLws(sentBy).replace(/[ \t]*:[ \t]*(?=[0-9]+$)/, ':'));
  if (hostport === undefined) return bad(`bad sent-by ${JSON.stringify(trimLws(sentBy))}`);
  const params = parseParams(paramText);
  if (!params.ok) return bad(params.error);
  const { taken, rest } = takeParams(params.value, KNOWN);
  const typed = typedParams(taken);
  if (typeof typed === 'string') return bad(typed);
  return ok({
    protocol: protocol.toUpperCase(),
    version,
    transport: transport.toUpperCase(),
    ...hostport,
    ...typed,
    params: rest,
  });
}

/** Parses a Via field value: one or more comma-separated via-parms. */
export function parseVia(value: string): Result<Via[], SipError> {
  const vias: Via[] = [];
  for (const item of splitOutside(value, ',')) {
    const via = parseViaParm(item);
    if (!via.ok) return via;
    vias.push(via.value);
  }
  return ok(vias);
}

/** One via-parm: `SIP/2.0/UDP host:port;branch=...;received=...;rport=...;maddr=...;ttl=...;others`. */
export function formatVia(via: Via): string {
  const typed: Param[] = [];
  if (via.branch !== undefined) typed.push({ name: 'branch', value: via.branch });
  if (via.received !== undefined) typed.push({ name: 'received', value: via.received });
  if (via.rport !== undefined) typed.push(via.rport === true ? { name: 'rport' } : { name: 'rport', value: String(via.rport) });
  if (via.maddr !== undefined) typed.push({ name: 'maddr', value: via.maddr });
  if (via.ttl !== undefined) typed.push({ name: 'ttl', value: String(via.ttl) });
  return `${via.protocol}/${via.version}/${via.transport} ${formatHostPort(via)}${formatParams([...typed, ...via.params])}`;
}
