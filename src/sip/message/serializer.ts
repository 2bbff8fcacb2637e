// Writes a SipMessage as octets: start line, header fields in order with their names as held,
// the empty line, and the body octets unchanged.

import { isToken } from './abnf.js';
import { formatFields } from './header-section.js';
import { headerKey } from './header-names.js';
import type { HeaderField } from './headers.js';
import type { SipMessage } from './message.js';

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

/** Every Content-Length field set to the body length, or one appended when there is none. */
function withContentLength(headers: readonly HeaderField[], length: number): HeaderField[] {
  let found = false;
  const out = headers.map((h) => {
    if (headerKey(h.name) !== 'content-length') return h;
    found = true;
    return { name: h.name, value: String(length) };
  });
  return found ? out : [...out, { name: 'Content-Length', value: String(length) }];
}

/**
 * The message as octets. Content-Length always states the body length, so the result frames
 * correctly on streams too. Throws RangeError for a message no peer could parse (method not a
 * token, status outside 100-699, CR or LF inside a header value, ...): a programming error.
 */
export function serializeMessage(message: SipMessage): Uint8Array {
  const head = Buffer.from(
    `${startLine(message)}\r\n${formatFields(withContentLength(message.headers, message.body.length))}\r\n`,
    'latin1',
  );
  const out = new Uint8Array(head.length + message.body.length);
  out.set(head);
  out.set(message.body, head.length);
  return out;
}
