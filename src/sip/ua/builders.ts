// Building the messages of the UA core: responses (RFC 3261 §8.2.6), the Via and Contact of this
// UA (§8.1.1.7, §8.1.1.8), and the reason phrases of RFC 3261 §21 and the extensions used here.
import { isIPv6 } from 'node:net';
import { fieldValues, formatReason, type HeaderField, type Reason, type SipRequest, type SipResponse } from '../message/index.js';
import { pick } from '../transaction/parser-adapter.js';
import { encodeBody, type BodyOptions } from './body.js';

/** Where this UA is reached: the sent-by of its Via and the address of its Contact. */
export interface LocalAddress {
  readonly transport: 'UDP' | 'TCP' | 'TLS';
  /** an IP address (IPv6 without brackets) or a host name */
  readonly host: string;
  readonly port: number;
}

/** RFC 3261 §21, RFC 3262 §8, RFC 3311, RFC 4028 §6 (422). */
const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  181: 'Call Is Being Forwarded',
  182: 'Queued',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  380: 'Alternative Service',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  420: 'Bad Extension',
  421: 'Extension Required',
  422: 'Session Interval Too Small',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  482: 'Loop Detected',
  483: 'Too Many Hops',
  484: 'Address Incomplete',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  491: 'Request Pending',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Server Time-out',
  513: 'Message Too Large',
  600: 'Busy Everywhere',
  603: 'Decline',
  604: 'Does Not Exist Anywhere',
  606: 'Not Acceptable',
};

/** The reason phrase of `status`, or a generic one for its class. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? ['', 'Provisional', 'Success', 'Redirection', 'Request Failure', 'Server Failure', 'Global Failure'][Math.floor(status / 100)] ?? '';
}

function hostText(host: string): string {
  return isIPv6(host) ? `[${host}]` : host;
}

/** This UA's top Via for a request: the transport layer fills in the real sent-by; the branch stays. */
export function viaField(local: LocalAddress, branch: string): HeaderField {
  return { name: 'Via', value: `SIP/2.0/${local.transport} ${hostText(local.host)}:${local.port};branch=${branch};rport` };
}

/** This UA's Contact (§8.1.1.8): its address, with the transport named unless UDP. */
export function contactField(local: LocalAddress): HeaderField {
  const transport = local.transport === 'UDP' ? '' : `;transport=${local.transport.toLowerCase()}`;
  const scheme = local.transport === 'TLS' ? 'sips' : 'sip';
  return { name: 'Contact', value: `<${scheme}:${hostText(local.host)}:${local.port}${transport}>` };
}

export interface ResponseParts {
  /** the reason phrase; the standard one by default */
  readonly reason?: string;
  /** added to To unless it has a tag already (never to a 100) */
  readonly toTag?: string;
  readonly headers?: readonly HeaderField[];
  readonly body?: { readonly headers: readonly HeaderField[]; readonly body: Uint8Array };
}

/**
 * §8.2.6.2: the response to `request`: its Via fields, From, To (with `toTag` added), Call-ID
 * and CSeq, then `headers` and the body's headers.
 */
export function buildResponse(request: SipRequest, status: number, parts: ResponseParts = {}): SipResponse {
  const [to = ''] = fieldValues(request.headers, 'To');
  const addTag = parts.toTag !== undefined && status > 100 && !/;\s*tag\s*=/i.test(to);
  const headers = [
    ...pick(request.headers, ['Via', 'From']),
    { name: 'To', value: addTag ? `${to};tag=${parts.toTag}` : to },
    ...pick(request.headers, ['Call-ID', 'CSeq']),
    ...(parts.headers ?? []),
    ...(parts.body?.headers ?? []),
  ];
  return { kind: 'response', status, reason: parts.reason ?? reasonPhrase(status), headers, body: parts.body?.body ?? new Uint8Array() };
}

/** Reason header fields (RFC 3326), one per value. */
export function reasonFields(reason: readonly Reason[] | undefined): HeaderField[] {
  return (reason ?? []).map((r) => ({ name: 'Reason', value: formatReason(r) }));
}

/** How the layer above answers a request: a body (SDP and/or parts), headers, Reason headers (RFC 3326), the phrase. */
export interface ResponseOptions extends BodyOptions {
  readonly headers?: readonly HeaderField[];
  readonly reason?: readonly Reason[];
  readonly phrase?: string;
}

/** The response `status` to `request` from `options`, after the UA's own `extra` headers. */
export function buildAnswer(
  request: SipRequest,
  status: number,
  options: ResponseOptions,
  extra: { readonly toTag?: string; readonly headers?: readonly HeaderField[]; readonly newBoundary: () => string },
): SipResponse {
  return buildResponse(request, status, {
    ...(extra.toTag === undefined ? {} : { toTag: extra.toTag }),
    ...(options.phrase === undefined ? {} : { reason: options.phrase }),
    headers: [...(extra.headers ?? []), ...reasonFields(options.reason), ...(options.headers ?? [])],
    body: encodeBody(options, extra.newBoundary),
  });
}
