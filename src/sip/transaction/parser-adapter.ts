// The adapter between the SIP message layer and the transaction layer (RFC 3261 §17): what the
// layer reads from a parsed SipRequest / SipResponse (TxRequest / TxResponse, with URIs and the
// top Via in a canonical form, RFC 3261 §19.1.4, §20.42), and the messages it builds: the ACK
// for a 300-699 response (§17.1.1.3), the 100 (Trying) (§8.2.6), and the CANCEL (§9.1).
import { err, ok, type Result } from '../../core/result.js';
import { ownString } from '../../core/strings.js';
import {
  formatUri,
  formatVia,
  headerKey,
  isShareable,
  parseCallId,
  parseCSeq,
  parseFromTo,
  parseUri,
  parseVia,
  readList,
  readOne,
  type HeaderField,
  type Param,
  type SipError,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  type Uri,
  type Via,
} from '../message/index.js';
import { hasMagicCookie } from './matching.js';
import type { TxMessage, TxMessageFactory, TxRequest, TxResponse } from './message.js';

export type SipTxMessage = TxMessage<SipMessage>;
export type SipTxRequest = TxRequest<SipMessage>;
export type SipTxResponse = TxResponse<SipMessage>;

const missing = (header: string): SipError => ({ code: 'SIP_MISSING_HEADER', message: `no ${header} header`, header });

/** Parameters with lowercase names (and values, which §19.1.4 compares case-insensitively), sorted. */
function canonicalParams(params: readonly Param[]): Param[] {
  return params
    .map((p) => (p.value === undefined ? { name: p.name.toLowerCase() } : { name: p.name.toLowerCase(), value: p.value.toLowerCase() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A URI as one string such that equal URIs (§19.1.4: user and password case-sensitive) are equal strings. */
export function canonicalUri(uri: Uri): string {
  if (uri.kind !== 'sip') return formatUri(uri);
  const headers = [...uri.headers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return formatUri({ ...uri, host: uri.host.toLowerCase(), params: canonicalParams(uri.params), headers });
}

const DEFAULT_VIA_PORT: Readonly<Record<string, number>> = { TLS: 5061, WSS: 443, WS: 80 };

/** sent-by with the host lowercased and the transport's default port made explicit (§18.2.2). */
function canonicalSentBy(via: Via): string {
  return `${via.host.toLowerCase()}:${via.port ?? DEFAULT_VIA_PORT[via.transport] ?? 5060}`;
}

function canonicalVia(via: Via): string {
  return formatVia({ ...via, host: via.host.toLowerCase(), port: via.port ?? DEFAULT_VIA_PORT[via.transport] ?? 5060, params: canonicalParams(via.params) });
}

/** The first via-parm of the first Via field (typed values are cached on received fields). */
function readTopVia(headers: readonly HeaderField[]): Result<Via, SipError> {
  const vias = readList(headers, 'Via', parseVia);
  if (!vias.ok) return vias;
  const [top] = vias.value;
  return top === undefined ? err(missing('Via')) : ok(top);
}

function required<T>(headers: readonly HeaderField[], name: string, parse: (value: string) => Result<T, SipError>): Result<T, SipError> {
  const value = readOne(headers, name, parse);
  if (!value.ok) return value;
  return value.value === undefined ? err(missing(name)) : ok(value.value);
}

/** The transaction layer's view of a parsed message; `payload` is the message itself. */
export function toTxMessage(message: SipRequest): Result<SipTxRequest, SipError>;
export function toTxMessage(message: SipResponse): Result<SipTxResponse, SipError>;
export function toTxMessage(message: SipMessage): Result<SipTxMessage, SipError>;
export function toTxMessage(message: SipMessage): Result<SipTxMessage, SipError> {
  const { headers } = message;
  const via = readTopVia(headers);
  if (!via.ok) return via;
  const cseq = required(headers, 'CSeq', parseCSeq);
  if (!cseq.ok) return cseq;
  const callId = required(headers, 'Call-ID', parseCallId);
  if (!callId.ok) return callId;
  const from = required(headers, 'From', parseFromTo);
  if (!from.ok) return from;
  const to = required(headers, 'To', parseFromTo);
  if (!to.ok) return to;
  // Absent tags and branch are undefined rather than left out: spreading them in only when
  // present made objects of many shapes, which cost more than the rest of this function.
  const top = via.value;
  // The canonical top Via and Request-URI serve RFC 2543 matching only (matching.ts).
  const rfc2543 = !hasMagicCookie(top.branch);
  const common = {
    branch: top.branch,
    sentBy: canonicalSentBy(top),
    topVia: rfc2543 ? canonicalVia(top) : '',
    cseq: cseq.value,
    callId: callId.value,
    fromTag: from.value.tag,
    toTag: to.value.tag,
    payload: message,
  };
  if (message.kind === 'response') return ok({ kind: 'response', status: message.status, ...common });
  const uri = parseUri(message.uri);
  if (!uri.ok) return uri;
  return ok({ kind: 'request', method: message.method, requestUri: rfc2543 ? canonicalUri(uri.value) : '', ...common });
}

/** The view of a message this stack built itself: a failure is a bug in the builder, so it throws. */
export function builtTx(message: SipRequest): SipTxRequest;
export function builtTx(message: SipResponse): SipTxResponse;
export function builtTx(message: SipMessage): SipTxMessage {
  const tx = toTxMessage(message);
  if (!tx.ok) throw new Error(`built an invalid ${message.kind}: ${tx.error.code} ${tx.error.message}`);
  return tx.value;
}

/** The parsed request of a TxRequest built by this adapter. */
export function sipRequestOf(tx: TxRequest<SipMessage>): SipRequest {
  if (tx.payload.kind !== 'request') throw new Error('transaction request carries a response payload');
  return tx.payload;
}

/** The parsed response of a TxResponse built by this adapter. */
export function sipResponseOf(tx: TxResponse<SipMessage>): SipResponse {
  if (tx.payload.kind !== 'response') throw new Error('transaction response carries a request payload');
  return tx.payload;
}

/**
 * Every field called one of `names`, in the order of `names`, then in wire order, named as in
 * `names`. A field already named so is taken as it is (the very object: fields are read-only, and
 * a received field brings the typed values read from it, so the message built from it is not
 * parsed again), unless it carries its message's received octets (isShareable); one written
 * otherwise (compact form, other case) is copied under that name.
 */
export function pick(headers: readonly HeaderField[], names: readonly string[]): HeaderField[] {
  const picked: HeaderField[] = [];
  for (const name of names) {
    const key = headerKey(name);
    for (const field of headers) {
      if (headerKey(field.name) === key) picked.push(field.name === name && isShareable(field) ? field : { name, value: field.value });
    }
  }
  return picked;
}

/** The top via-parm as a Via field of its own. */
function topViaField(request: SipRequest): HeaderField {
  const via = readTopVia(request.headers);
  if (!via.ok) throw new Error(`request without a valid Via: ${via.error.message}`);
  return { name: 'Via', value: formatVia(via.value) };
}

function cseqNumber(request: SipRequest): number {
  const cseq = required(request.headers, 'CSeq', parseCSeq);
  if (!cseq.ok) throw new Error(`request without a valid CSeq: ${cseq.error.message}`);
  return cseq.value.seq;
}

/**
 * The CANCEL of `invite` (RFC 3261 §9.1): the same Request-URI, Call-ID, To, From, Route and
 * top Via (so the same branch), CSeq number with the method CANCEL; `extra` headers (Reason,
 * RFC 3326) are added.
 */
export function buildCancel(invite: SipRequest, extra: readonly HeaderField[] = []): SipTxRequest {
  const headers = [
    topViaField(invite),
    { name: 'Max-Forwards', value: '70' },
    ...pick(invite.headers, ['From', 'To', 'Call-ID']),
    { name: 'CSeq', value: `${cseqNumber(invite)} CANCEL` },
    ...pick(invite.headers, ['Route']),
    ...extra,
  ];
  return builtTx({ kind: 'request', method: 'CANCEL', uri: invite.uri, headers, body: new Uint8Array() });
}

const NO_BODY = new Uint8Array();

/**
 * The payload of a settled INVITE: the message itself is released. Building a response from it
 * fails loudly (builtTx throws on a response without Via): nothing may answer a settled INVITE.
 */
const RELEASED_INVITE: SipRequest = Object.freeze({ kind: 'request', method: 'INVITE', uri: '', headers: Object.freeze([]), body: NO_BODY });

/** Methods as constant strings (the parser hands out a copy of the method's name per message). */
const METHOD_NAMES = new Map(['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'PRACK', 'UPDATE', 'INFO'].map((m) => [m, m]));
const methodName = (method: string): string => METHOD_NAMES.get(method) ?? ownString(method);

/**
 * What a settled TxRequest keeps: every string its own (the parser's are slices of the message
 * text). The top Via and Request-URI are empty already with the magic cookie (toTxMessage).
 */
function settledFields(tx: SipTxRequest, payload: SipRequest): SipTxRequest {
  return {
    kind: 'request',
    method: methodName(tx.method),
    requestUri: ownString(tx.requestUri),
    branch: tx.branch === undefined ? undefined : ownString(tx.branch),
    sentBy: ownString(tx.sentBy),
    topVia: ownString(tx.topVia),
    cseq: { seq: tx.cseq.seq, method: methodName(tx.cseq.method) },
    callId: ownString(tx.callId),
    fromTag: tx.fromTag === undefined ? undefined : ownString(tx.fromTag),
    toTag: tx.toTag === undefined ? undefined : ownString(tx.toTag),
    payload,
  };
}

/** TxMessageFactory for parsed messages. */
export const sipMessageFactory: TxMessageFactory<SipMessage> = {
  /** §17.1.1.3: Request-URI, Call-ID, From, Route and top Via of the INVITE, To of the response. */
  ack(invite, response) {
    const request = sipRequestOf(invite);
    const headers = [
      topViaField(request),
      { name: 'Max-Forwards', value: '70' },
      ...pick(request.headers, ['From']),
      ...pick(sipResponseOf(response).headers, ['To']),
      ...pick(request.headers, ['Call-ID']),
      { name: 'CSeq', value: `${invite.cseq.seq} ACK` },
      ...pick(request.headers, ['Route']),
    ];
    return builtTx({ kind: 'request', method: 'ACK', uri: request.uri, headers, body: new Uint8Array() });
  },
  /** §8.2.6: Via, From, To (no tag added), Call-ID, CSeq and Timestamp copied. */
  trying(invite) {
    const headers = pick(sipRequestOf(invite).headers, ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Timestamp']);
    const message: SipResponse = { kind: 'response', status: 100, reason: 'Trying', headers, body: new Uint8Array() };
    // Via, From, To, Call-ID and CSeq are the INVITE's own fields, already read into `invite`:
    // the view of the 100 is the INVITE's (no To tag is added), without parsing them again.
    return {
      kind: 'response',
      status: 100,
      ...(invite.branch === undefined ? {} : { branch: invite.branch }),
      sentBy: invite.sentBy,
      topVia: invite.topVia,
      cseq: invite.cseq,
      callId: invite.callId,
      ...(invite.fromTag === undefined ? {} : { fromTag: invite.fromTag }),
      ...(invite.toTag === undefined ? {} : { toTag: invite.toTag }),
      payload: message,
    };
  },
  /**
   * The INVITE once answered: its matching fields, every string a copy of its own, and no
   * message (a placeholder payload), so that neither the message, its body, nor the received text
   * stays alive for Timer L (or H, I).
   */
  settled(invite) {
    return settledFields(invite, RELEASED_INVITE);
  },
};
