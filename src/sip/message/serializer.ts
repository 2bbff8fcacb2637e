// Writes a SipMessage as octets: start line, header fields in order with their names as held,
// the empty line, and the body octets unchanged.

import { isToken } from './abnf.js';
import { ReceivedField, type HeaderField } from './headers.js';
import type { SipMessage } from './message.js';
import { copyOctets, latin1Then } from './octets.js';
import { unchangedOctets } from './received-octets.js';

function startLine(message: SipMessage): string {
  if (message.kind === 'request') {
    if (!isToken(message.method)) throw new RangeError(`method is not a token: ${JSON.stringify(message.method)}`);
    if (!/^[\x21-\x7e]+$/.test(message.uri)) throw new RangeError(`Request-URI holds SP, CTL or non-ASCII: ${JSON.stringify(message.uri)}`);
    return `${message.method} ${message.uri} SIP/2.0`;
  }
  if (!Number.isInteger(message.status) || message.status < 100 || message.status > 699) {
    throw new RangeError(`status ${message.status} is not 100-699`);
  }
  if (/[\r\n\u0100-\uffff]/.test(message.reason)) throw new RangeError('reason phrase holds CR, LF or a non-latin1 character');
  return `SIP/2.0 ${message.status} ${message.reason}`;
}

/** CR, LF, or a char that is not one octet (above U+00FF). */
const NOT_IN_LINE = /[\r\n\u0100-\uffff]/;

/** `name: value`, checked unless the field is a received one left unchanged. */
function fieldLine(field: HeaderField): string {
  const { name, value } = field;
  if (!ReceivedField.isIntact(field)) {
    if (!isToken(name)) throw new RangeError(`header name is not a token: ${JSON.stringify(name)}`);
    if (NOT_IN_LINE.test(value)) throw new RangeError(`header ${name}: value holds CR, LF or a non-latin1 character`);
  }
  return `${name}: ${value}\r\n`;
}

/**
 * The message as octets. Content-Length always states the body length (every Content-Length
 * field is set to it, or one is appended), so the result frames correctly on streams too. Throws
 * RangeError for a message no peer could parse (method not a token, status outside 100-699, CR
 * or LF inside a header value, ...): a programming error.
 *
 * The result is a plain Uint8Array of its own octets, cut from a shared slab (see octets.ts). A
 * message parseMessage gave, unchanged and written canonically, is copied from its received
 * octets: the same octets as writing it field by field gives.
 */
export function serializeMessage(message: SipMessage): Uint8Array {
  // A parsed message still as received, which was written canonically: its octets (received-octets.ts).
  const received = unchangedOctets(message);
  if (received !== undefined) return copyOctets(received);
  const { body } = message;
  let head = `${startLine(message)}\r\n`;
  let lengthSet = false;
  for (const field of message.headers) {
    if (ReceivedField.keyOf(field) !== 'content-length') head += fieldLine(field);
    else {
      if (!isToken(field.name)) throw new RangeError(`header name is not a token: ${JSON.stringify(field.name)}`);
      head += `${field.name}: ${body.length}\r\n`;
      lengthSet = true;
    }
  }
  if (!lengthSet) head += `Content-Length: ${body.length}\r\n`;
  head += '\r\n';
  return latin1Then(head, body);
}
