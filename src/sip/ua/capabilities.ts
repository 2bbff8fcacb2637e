// What this UA supports and says so (RFC 3261 §11, §8.2.2.3, §20.1, §20.5, §20.37): the methods
// it allows, the extensions it supports (100rel RFC 3262, timer RFC 4028), the body types it
// accepts; the checks that answer 420 and 415; the answer to OPTIONS.
import { optionTags } from '../dialog/session-expires.js';
import { parseContentType, readOne, type HeaderField, type SipRequest } from '../message/index.js';

export const ALLOWED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'PRACK', 'UPDATE', 'INFO'] as const;
export const SUPPORTED_EXTENSIONS = ['100rel', 'timer'] as const;
/** Body types every UA accepts; the layer above adds its own (e.g. application/isup). */
export const BASE_ACCEPT = ['application/sdp', 'multipart/mixed'] as const;

/** §8.2.2.3: the Require tags this UA does not support (answer 420 with them in Unsupported). */
export function unsupportedRequired(request: SipRequest): string[] {
  return optionTags(request.headers, 'Require').filter((tag) => !(SUPPORTED_EXTENSIONS as readonly string[]).includes(tag));
}

/** §8.2.3: the body's media type when it is not one of `accept` (answer 415 with Accept). */
export function unacceptedType(request: SipRequest, accept: readonly string[]): string | undefined {
  if (request.body.length === 0) return undefined;
  const type = readOne(request.headers, 'Content-Type', parseContentType);
  if (!type.ok || type.value === undefined) return undefined;
  const media = `${type.value.type}/${type.value.subtype}`;
  return accept.includes(media) ? undefined : media;
}

export function allowField(): HeaderField {
  return { name: 'Allow', value: ALLOWED_METHODS.join(', ') };
}

export function supportedField(): HeaderField {
  return { name: 'Supported', value: SUPPORTED_EXTENSIONS.join(', ') };
}

/** §11.2: what a 200 to OPTIONS carries: Allow, Accept, Accept-Encoding, Supported. */
export function capabilityFields(accept: readonly string[]): HeaderField[] {
  return [allowField(), { name: 'Accept', value: accept.join(', ') }, { name: 'Accept-Encoding', value: 'identity' }, supportedField()];
}
