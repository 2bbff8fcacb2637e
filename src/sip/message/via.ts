// Via (RFC 3261 §20.42, §25.1; rport RFC 3581):
//   via-parm = sent-protocol LWS sent-by *( SEMI via-params )
//   sent-protocol = protocol-name SLASH protocol-version SLASH transport
//   sent-by = host [ COLON port ]; via-params = via-ttl / via-maddr / via-received / via-branch / rport / extension

import { isIPv6 } from 'node:net';
import { err, ok, type Result } from '../../core/result.js';
import { isToken, splitOutside, trimLws } from './abnf.js';
import { DIGITS, isAll, isIn, spanOf, TOKEN, WSP } from './chars.js';
import { sipError, type SipError } from './errors.js';
import { formatHostPort, isHost, isIPv4, parseHostPort, parsePort } from './host.js';
import { formatParams, parseParams, simpleParams, type Param } from './params.js';

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
const USUAL_PROTOCOL = 'SIP/2.0/';
const SP = 0x20;
const SEMI = 0x3b;
type MutableVia = { -readonly [K in keyof Via]: Via[K] };

/**
 * What SENT_PROTOCOL captures (protocol, version, transport, sent-by, parameters), found without
 * it for the usual `SIP/2.0/transport SP sent-by` with one SP; null when `text` does not match.
 */
function sentProtocol(text: string): readonly (string | undefined)[] | null {
  if (text.startsWith(USUAL_PROTOCOL)) {
    const sp = spanOf(text, TOKEN, USUAL_PROTOCOL.length);
    const next = text.charCodeAt(sp + 1);
    if (sp > USUAL_PROTOCOL.length && text.charCodeAt(sp) === SP && sp + 1 < text.length && next !== SEMI && !isIn(next, WSP)) {
      const semi = text.indexOf(';', sp + 1);
      const transport = text.slice(USUAL_PROTOCOL.length, sp);
      return semi < 0 ? [text, 'SIP', '2.0', transport, text.slice(sp + 1)] : [text, 'SIP', '2.0', transport, text.slice(sp + 1, semi), text.slice(semi)];
    }
  }
  return SENT_PROTOCOL.exec(text);
}

function isAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text) || (text.startsWith('[') && text.endsWith(']') && isIPv6(text.slice(1, -1)));
}

/** The typed Via parameters (set on `via` in this order); a message when one is malformed. */
function setTyped(via: MutableVia, branch?: Param, received?: Param, rport?: Param, maddr?: Param, ttl?: Param): string | undefined {
  if (branch !== undefined) {
    if (branch.value === undefined || !isToken(branch.value)) return 'branch must be a token';
    via.branch = branch.value;
  }
  if (received !== undefined) {
    if (received.value === undefined || !isAddress(received.value)) return 'received must be an IP address';
    via.received = received.value;
  }
  if (rport !== undefined) {
    const port = rport.value === undefined ? true : parsePort(rport.value);
    if (port === undefined) return 'rport must be a port number';
    via.rport = port;
  }
  if (maddr !== undefined) {
    if (maddr.value === undefined || !isHost(maddr.value)) return 'maddr must be a host';
    via.maddr = maddr.value;
  }
  if (ttl !== undefined) {
    const value = Number(ttl.value);
    if (ttl.value === undefined || ttl.value.length > 3 || !isAll(ttl.value, DIGITS) || value > 255) return 'ttl must be 0-255';
    via.ttl = value;
  }
  return undefined;
}

/** sent-by, LWS allowed around the ":" before the port. */
function sentByText(text: string): string {
  const sentBy = trimLws(text);
  return sentBy.includes(' ') || sentBy.includes('\t') ? sentBy.replace(/[ \t]*:[ \t]*(?=[0-9]+$)/, ':') : sentBy;
}

const COLON = 0x3a;
/** Whether `name` is one that setTyped reads, in lowercase (a switch: no hashing of new strings). */
function isTypedName(name: string): boolean {
  switch (name) {
    case 'branch':
    case 'received':
    case 'rport':
    case 'maddr':
    case 'ttl':
      return true;
    default:
      return false;
  }
}

/**
 * The usual via-parm, `SIP/2.0/transport SP host [ ":" port ] *( ";" param )` with no LWS
 * elsewhere, no quoted-string, the typed parameters well-formed and written in lowercase: the
 * Via parseViaParm gives for it, read in one pass; undefined for anything else (which
 * parseViaParm then reads, and rejects if it must).
 */
function simpleViaParm(text: string): Via | undefined {
  if (!text.startsWith(USUAL_PROTOCOL)) return undefined;
  const sp = spanOf(text, TOKEN, USUAL_PROTOCOL.length);
  if (sp === USUAL_PROTOCOL.length || text.charCodeAt(sp) !== SP) return undefined;
  // host (token chars and "." cover hostnames and IPv4; IPv6 goes the long way), then the port.
  const hostEnd = spanOf(text, TOKEN, sp + 1);
  const host = text.slice(sp + 1, hostEnd);
  if (!isHost(host)) return undefined;
  let port: number | undefined;
  let paramsAt = hostEnd;
  if (text.charCodeAt(hostEnd) === COLON) {
    paramsAt = spanOf(text, DIGITS, hostEnd + 1);
    port = parsePort(text, hostEnd + 1, paramsAt);
    if (port === undefined) return undefined;
  }
  const params = simpleParams(text, paramsAt, text.length);
  if (params === undefined) return undefined;
  const transport = text.slice(USUAL_PROTOCOL.length, sp);
  const via = { protocol: 'SIP', version: '2.0', transport: transport.toUpperCase(), host } as MutableVia;
  if (port !== undefined) via.port = port;
  let rest: Param[] = params;
  let typed: Param[] | undefined;
  for (const p of params) {
    if (isTypedName(p.name)) (typed ??= []).push(p);
    else if (p.name.length <= 8 && isTypedName(p.name.toLowerCase())) return undefined;
  }
  if (typed !== undefined) {
    rest = params.filter((p) => !isTypedName(p.name));
    const named = (name: string): Param | undefined => typed.find((p) => p.name === name);
    const problem = setTyped(via, named('branch'), named('received'), named('rport'), named('maddr'), named('ttl'));
    if (problem !== undefined) return undefined;
  }
  via.params = rest;
  return via;
}

/** Parses one via-parm. */
function parseViaParm(text: string): Result<Via, SipError> {
  const simple = simpleViaParm(text);
  if (simple !== undefined) return ok(simple);
  const m = sentProtocol(text);
  if (m === null) return bad(`not "protocol/version/transport sent-by": ${JSON.stringify(text)}`);
  const [, protocol = '', version = '', transport = '', sentBy = '', paramText = ''] = m;
  if (!isToken(protocol) || !isToken(version) || !isToken(transport)) return bad('sent-protocol parts must be tokens');
  const hostport = parseHostPort(sentByText(sentBy));
  if (hostport === undefined) return bad(`bad sent-by ${JSON.stringify(trimLws(sentBy))}`);
  const params = parseParams(paramText);
  if (!params.ok) return bad(params.error);
  let branch: Param | undefined;
  let received: Param | undefined;
  let rport: Param | undefined;
  let maddr: Param | undefined;
  let ttl: Param | undefined;
  const rest: Param[] = [];
  for (const p of params.value) {
    switch (p.name.toLowerCase()) {
      case 'branch':
        branch = p;
        break;
      case 'received':
        received = p;
        break;
      case 'rport':
        rport = p;
        break;
      case 'maddr':
        maddr = p;
        break;
      case 'ttl':
        ttl = p;
        break;
      default:
        rest.push(p);
    }
  }
  const via = { protocol: protocol.toUpperCase(), version, transport: transport.toUpperCase(), host: hostport.host } as MutableVia;
  if (hostport.port !== undefined) via.port = hostport.port;
  const problem = setTyped(via, branch, received, rport, maddr, ttl);
  if (problem !== undefined) return bad(problem);
  via.params = rest;
  return ok(via);
}

/** Parses a Via field value: one or more comma-separated via-parms. */
export function parseVia(value: string): Result<Via[], SipError> {
  const vias: Via[] = [];
  if (!value.includes(',')) {
    const via = parseViaParm(trimLws(value));
    return via.ok ? ok([via.value]) : via;
  }
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
