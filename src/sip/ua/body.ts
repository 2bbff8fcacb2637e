// Message bodies as the layer above sees them: a list of parts, each with its content type,
// disposition and octets (RFC 3261 §7.4, §20.11, §20.15; multipart/mixed, RFC 5621). One part is
// sent as the body itself, several as multipart/mixed. This layer never looks inside a part, so
// an application/isup part (RFC 3204) passes through as octets.
import { err, ok, type Result } from '../../core/result.js';
import {
  buildMultipart,
  formatContentType,
  getParam,
  parseContentDisposition,
  parseContentType,
  parseMultipart,
  readOne,
  unquote,
  type BodyPart,
  type ContentDisposition,
  type ContentType,
  type HeaderField,
  type SipError,
  type SipMessage,
} from '../message/index.js';

/** One part to send. A string body is sent as its UTF-8 octets. */
export interface OutgoingPart {
  /** e.g. `application/isup;version=itu-t92+` */
  readonly contentType: string;
  readonly body: Uint8Array | string;
  /** e.g. `signal;handling=optional` */
  readonly disposition?: string;
  /** other part headers (Content-Encoding, Content-ID, ...) */
  readonly headers?: readonly HeaderField[];
}

/** The body of a message to send: an SDP (sent first, as application/sdp) and any other parts. */
export interface BodyOptions {
  readonly sdp?: Uint8Array | string;
  readonly parts?: readonly OutgoingPart[];
}

/** One part received. `contentType` is undefined when absent or malformed. */
export interface ReceivedPart {
  readonly contentType?: ContentType;
  readonly disposition?: ContentDisposition;
  readonly headers: readonly HeaderField[];
  readonly body: Uint8Array;
}

export interface ReceivedBody {
  /** every part in order (none for an empty body); a multipart body is split into its parts */
  readonly parts: readonly ReceivedPart[];
  /** the octets of the first application/sdp part */
  readonly sdp?: Uint8Array;
}

function octets(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? new Uint8Array(Buffer.from(body, 'utf8')) : body;
}

function partsOf(options: BodyOptions): OutgoingPart[] {
  const sdp: OutgoingPart[] = options.sdp === undefined ? [] : [{ contentType: 'application/sdp', body: options.sdp }];
  return [...sdp, ...(options.parts ?? [])];
}

function partHeaders(part: OutgoingPart): HeaderField[] {
  const disposition = part.disposition === undefined ? [] : [{ name: 'Content-Disposition', value: part.disposition }];
  return [{ name: 'Content-Type', value: part.contentType }, ...disposition, ...(part.headers ?? [])];
}

/** The headers and octets of a body: nothing, the one part, or multipart/mixed with a fresh boundary. */
export function encodeBody(options: BodyOptions, newBoundary: () => string): { headers: HeaderField[]; body: Uint8Array } {
  const parts = partsOf(options);
  const [only] = parts;
  if (only === undefined) return { headers: [], body: new Uint8Array() };
  if (parts.length === 1) return { headers: partHeaders(only), body: octets(only.body) };
  const built = buildMultipart(
    parts.map((p): BodyPart => ({ headers: partHeaders(p), body: octets(p.body) })),
    newBoundary,
  );
  const type = formatContentType({ type: 'multipart', subtype: 'mixed', params: [{ name: 'boundary', value: built.boundary }] });
  return { headers: [{ name: 'Content-Type', value: type }], body: built.body };
}

/** An SDP as a string of one character per octet (latin1: every octet kept as it is, UTF-8 included). */
export function sdpString(sdp: Uint8Array): string {
  return Buffer.from(sdp.buffer, sdp.byteOffset, sdp.byteLength).toString('latin1');
}

function received(headers: readonly HeaderField[], body: Uint8Array): ReceivedPart {
  const type = readOne(headers, 'Content-Type', parseContentType);
  const disposition = readOne(headers, 'Content-Disposition', parseContentDisposition);
  return {
    ...(type.ok && type.value !== undefined ? { contentType: type.value } : {}),
    ...(disposition.ok && disposition.value !== undefined ? { disposition: disposition.value } : {}),
    headers,
    body,
  };
}

function withSdp(parts: ReceivedPart[]): ReceivedBody {
  const sdp = parts.find((p) => p.contentType?.type === 'application' && p.contentType.subtype === 'sdp');
  return sdp === undefined ? { parts } : { parts, sdp: sdp.body };
}

/** The parts of a message's body; an error for a malformed Content-Type or multipart body. */
export function decodeBody(message: SipMessage): Result<ReceivedBody, SipError> {
  if (message.body.length === 0) return ok({ parts: [] });
  const type = readOne(message.headers, 'Content-Type', parseContentType);
  if (!type.ok) return type;
  if (type.value?.type !== 'multipart') {
    const head = message.headers.filter((h) => /^(content-type|c|content-disposition|content-encoding|e)$/i.test(h.name));
    return ok(withSdp([received(head, message.body)]));
  }
  const boundary = getParam(type.value.params, 'boundary')?.value;
  if (boundary === undefined) return err({ code: 'SIP_BAD_MULTIPART', message: 'multipart body without a boundary', header: 'Content-Type' });
  const parts = parseMultipart(message.body, unquote(boundary));
  if (!parts.ok) return parts;
  return ok(withSdp(parts.value.map((p) => received(p.headers, p.body))));
}

/** decodeBody, or for a body that does not decode the whole body as one part of unknown type. */
export function decodeBodyLeniently(message: SipMessage): ReceivedBody {
  const body = decodeBody(message);
  return body.ok ? body.value : { parts: [{ headers: [], body: message.body }] };
}
