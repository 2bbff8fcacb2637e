// Via (RFC 3261 §20.42, §25.1; rport RFC 3581):
//   via-parm = sent-protocol LWS sent-by *( SEMI via-params )
//   sent-protocol = protocol-name SLASH protocol-version SLASH transport
//   sent-by = host [ COLON port ]; via-params = via-ttl / via-maddr / via-received / via-branch / rport / extension

import { isIPv6 } from 'node:net';
import { err, ok, type Result } from '../../core/result.js';
import { isToken, splitOutside, trimLws } from './abnf.js';
import { DIGITS, digitsValue, isAll, isIn, spanOf, TOKEN, WSP } from './chars.js';
import { sipError, type SipError } from './errors.js';
import { formatHostPort, isHost, isHostRange, isIPv4, isIPv4Range, parseHostPort, parsePort } from './host.js';
import { formatParams, parseParams, type Param } from './params.js';
import { allIn, decimalAt, hostOk, nameIs, ParamMarks, portOk, splitParams, VIA_COMMON, VIA_PARM, VIA_PARM_TOKENS } from './scan.js';

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

const MARKS = new ParamMarks();
/** The parameters setTyped reads, in its order. */
const TYPED = ['branch', 'received', 'rport', 'maddr', 'ttl'] as const;
const TRANSPORTS = ['UDP', 'TCP', 'TLS', 'SCTP', 'WS', 'WSS'];

/** `transport` in uppercase: itself when it is so written (one of TRANSPORTS: no new string). */
function upperTransport(transport: string): string {
  for (const t of TRANSPORTS) if (t === transport) return t;
  return transport.toUpperCase();
}

/** Whether text[from, to) is an IP address as isAddress reads it. */
function isAddressAt(text: string, from: number, to: number): boolean {
  return isIPv4Range(text, from, to) || isAddress(text.slice(from, to));
}

const isTokenAt = (text: string, from: number, to: number): boolean => allIn(text, from, to, TOKEN);
/** For a value known to be a token: whether there is one. */
const hasValue = (_text: string, from: number, to: number): boolean => from < to;

/**
 * The value of the `i`th marked parameter (`at`: the marks' offsets, four per parameter) when it
 * has one that `accept` takes; else undefined.
 */
function markedValue(ps: string, at: Int32Array, i: number, accept: (text: string, from: number, to: number) => boolean): string | undefined {
  const from = at[4 * i + 2] ?? -1;
  const to = at[4 * i + 3] ?? -1;
  return from >= 0 && accept(ps, from, to) ? ps.slice(from, to) : undefined;
}

/**
 * The commonest via-parm (scan.ts's VIA_COMMON: a branch, perhaps rport, perhaps an IPv4
 * received, in that order), read and checked by one expression with no look at the parameters
 * one by one: the Via simpleViaParm's general reading gives for it; undefined when it is not that
 * shape (the general reading then decides).
 */
function commonViaParm(text: string): Via | undefined {
  const m = VIA_COMMON.exec(text);
  if (m === null) return undefined;
  const host = m[2] ?? '';
  const portText = m[3];
  const rportText = m[6];
  const protocol = 'SIP';
  const version = '2.0';
  const transport = upperTransport(m[1] ?? '');
  const branch = m[4] ?? '';
  const rport = m[5] === undefined ? undefined : rportText === undefined ? true : digitsValue(rportText);
  const received = m[7];
  const params: Param[] = [];
  // The shapes of simpleViaParm's general reading, properties in the same order.
  if (portText !== undefined) {
    const port = digitsValue(portText);
    if (received === undefined) {
      return rport === undefined ? { protocol, version, transport, host, port, branch, params } : { protocol, version, transport, host, port, branch, rport, params };
    }
    return rport === undefined
      ? { protocol, version, transport, host, port, branch, received, params }
      : { protocol, version, transport, host, port, branch, received, rport, params };
  }
  const via = { protocol, version, transport, host } as MutableVia;
  via.branch = branch;
  if (received !== undefined) via.received = received;
  if (rport !== undefined) via.rport = rport;
  via.params = params;
  return via;
}

/**
 * The usual via-parm, `SIP/2.0/transport SP host [ ":" port ] *( ";" param )` with no LWS
 * elsewhere, no quoted-string, the typed parameters well-formed and written in lowercase: the
 * Via parseViaParm gives for it, read in one pass (scan.ts); undefined for anything else (which
 * parseViaParm then reads, and rejects if it must).
 */
export function simpleViaParm(text: string): Via | undefined {
  const common = commonViaParm(text);
  if (common !== undefined) return common;
  // Parameter values are usually tokens: then the branch is one without a look at its chars.
  let m = VIA_PARM_TOKENS.exec(text);
  const tokens = m !== null;
  if (m === null) m = VIA_PARM.exec(text);
  if (m === null) return undefined;
  const transport = m[1] ?? '';
  const host = m[2] ?? '';
  const portText = m[3];
  const ps = m[4] ?? '';
  if (!hostOk(host) || !portOk(portText)) return undefined;
  const count = ps === '' ? 0 : splitParams(ps, MARKS);
  if (count < 0) return undefined;
  // Which mark holds each typed parameter (-1: absent); names are distinct (splitParams).
  let branch = -1;
  let received = -1;
  let rport = -1;
  let maddr = -1;
  let ttl = -1;
  let others = 0;
  const at = MARKS.at;
  for (let k = 0; k < count; k++) {
    // The typed names by length and initial: branch 6, received 8, rport and maddr 5, ttl 3.
    const from = at[4 * k] ?? 0;
    const length = (at[4 * k + 1] ?? 0) - from;
    const initial = ps.charCodeAt(from) | 0x20;
    const t =
      length === 6 && initial === 0x62 ? 0 : length === 8 && initial === 0x72 ? 1 : length === 5 ? (initial === 0x72 ? 2 : initial === 0x6d ? 3 : -1) : length === 3 && initial === 0x74 ? 4 : -1;
    const is = t < 0 ? 0 : nameIs(ps, MARKS, k, (TYPED as readonly string[])[t] ?? '');
    if (is === 2) return undefined;
    if (is === 0) others++;
    else if (t === 0) branch = k;
    else if (t === 1) received = k;
    else if (t === 2) rport = k;
    else if (t === 3) maddr = k;
    else ttl = k;
  }
  // setTyped's checks, on the marks.
  let branchValue: string | undefined;
  if (branch >= 0) {
    branchValue = markedValue(ps, at, branch, tokens ? hasValue : isTokenAt);
    if (branchValue === undefined) return undefined;
  }
  let receivedValue: string | undefined;
  if (received >= 0) {
    receivedValue = markedValue(ps, at, received, isAddressAt);
    if (receivedValue === undefined) return undefined;
  }
  let rportValue: number | true | undefined;
  if (rport >= 0) {
    const from = at[4 * rport + 2] ?? -1;
    rportValue = from < 0 ? true : parsePort(ps, from, at[4 * rport + 3]);
    if (rportValue === undefined) return undefined;
  }
  let maddrValue: string | undefined;
  if (maddr >= 0) {
    maddrValue = markedValue(ps, at, maddr, isHostRange);
    if (maddrValue === undefined) return undefined;
  }
  let ttlValue = -1;
  if (ttl >= 0) {
    const from = at[4 * ttl + 2] ?? -1;
    const to = at[4 * ttl + 3] ?? -1;
    ttlValue = from < 0 || to - from > 3 ? -1 : decimalAt(ps, from, to);
    if (ttlValue < 0 || ttlValue > 255) return undefined;
  }
  const params: Param[] = [];
  if (others > 0) {
    for (let k = 0; k < count; k++) {
      if (k === branch || k === received || k === rport || k === maddr || k === ttl) continue;
      const name = ps.slice(at[4 * k], at[4 * k + 1]);
      const from = at[4 * k + 2] ?? -1;
      params.push(from < 0 ? { name } : { name, value: ps.slice(from, at[4 * k + 3]) });
    }
  }
  const protocol = 'SIP';
  const version = '2.0';
  const t = upperTransport(transport);
  // The usual shapes in one literal each (the properties in the order of the general case below).
  if (portText !== undefined && branchValue !== undefined && maddr < 0 && ttl < 0) {
    const port = Number(portText);
    const branch = branchValue;
    if (receivedValue === undefined) {
      return rportValue === undefined
        ? { protocol, version, transport: t, host, port, branch, params }
        : { protocol, version, transport: t, host, port, branch, rport: rportValue, params };
    }
    return rportValue === undefined
      ? { protocol, version, transport: t, host, port, branch, received: receivedValue, params }
      : { protocol, version, transport: t, host, port, branch, received: receivedValue, rport: rportValue, params };
  }
  const via = { protocol, version, transport: t, host } as MutableVia;
  if (portText !== undefined) via.port = Number(portText);
  if (branchValue !== undefined) via.branch = branchValue;
  if (receivedValue !== undefined) via.received = receivedValue;
  if (rportValue !== undefined) via.rport = rportValue;
  if (maddrValue !== undefined) via.maddr = maddrValue;
  if (ttl >= 0) via.ttl = ttlValue;
  via.params = params;
  return via;
}

/** Parses one via-parm. */
function parseViaParm(text: string): Result<Via, SipError> {
  const simple = simpleViaParm(text);
  return simple === undefined ? fullViaParm(text) : ok(simple);
}

/** parseViaParm without the reader of the usual shape (simpleViaParm): the whole grammar. */
export function fullViaParm(text: string): Result<Via, SipError> {
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
    const text = trimLws(value);
    const simple = simpleViaParm(text);
    if (simple !== undefined) return ok([simple]);
    const via = fullViaParm(text);
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
