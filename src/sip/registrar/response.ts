// A response to a request (RFC 3261 §8.2.6.2): the Via fields, From, To, Call-ID and CSeq copied
// in their order, To with a tag added when it has none, then the given header fields; no body.

import { randomBytes } from 'node:crypto';
import { headerKey, parseFromTo, type HeaderField, type SipRequest, type SipResponse } from '../message/index.js';

const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

/** A To tag: 64 random bits in hex (RFC 3261 §19.3 asks for at least 32). */
export function newTag(): string {
  return randomBytes(8).toString('hex');
}

function withTag(field: HeaderField, tag: string): HeaderField {
  const to = parseFromTo(field.value);
  return to.ok && to.value.tag === undefined ? { name: field.name, value: `${field.value};tag=${tag}` } : field;
}

export function responseTo(
  request: SipRequest,
  status: number,
  reason: string,
  headers: readonly HeaderField[] = [],
  toTag: string = newTag(),
): SipResponse {
  const copied = request.headers
    .filter((h) => COPIED.has(headerKey(h.name)))
    .map((h) => (headerKey(h.name) === 'to' ? withTag(h, toTag) : h));
  return { kind: 'response', status, reason, headers: [...copied, ...headers], body: new Uint8Array(0) };
}
