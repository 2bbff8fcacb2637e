// The octets a parsed message was read from, kept when they are exactly what serializeMessage
// would write for it (canonical start line and header lines, one Content-Length stating the body
// length, nothing folded): serializing the message unchanged is then a copy of those octets.
//
// Kept out of sight on the message's first ReceivedField (not in a WeakMap: short-lived WeakMap
// keys cost the garbage collector more than the copy saves), with what they were read as: the start line's
// parts, the header array and the fields it held in order, the body. serializeMessage uses them only while the
// message still holds those very values and every field is an unchanged ReceivedField; any change
// (a new header array, a field replaced, moved or edited, another body, Request-URI or status) makes it
// serialize the message field by field, as for a message built by hand.

import { ReceivedField, type HeaderField } from './headers.js';
import type { SipMessage } from './message.js';

class Received {
  /** the whole message, start line to the body's end (the body is a view of its tail) */
  readonly octets: Uint8Array;
  readonly headers: readonly HeaderField[];
  /** the fields the header array held, in order: a field replaced or moved in place shows */
  readonly fields: readonly HeaderField[];
  readonly body: Uint8Array;
  readonly first: string | number;
  readonly second: string;

  constructor(message: SipMessage, octets: Uint8Array) {
    this.octets = octets;
    this.headers = message.headers;
    this.fields = message.headers.slice();
    this.body = message.body;
    [this.first, this.second] = startParts(message);
  }
}

function startParts(message: SipMessage): [string | number, string] {
  return message.kind === 'request' ? [message.method, message.uri] : [message.status, message.reason];
}

/** Records that `message` was read from exactly `octets`, written as serializeMessage writes it. */
export function rememberOctets(message: SipMessage, octets: Uint8Array): void {
  ReceivedField.attach(message.headers[0], new Received(message, octets));
}

/** The octets `message` was read from, if it is unchanged since; else undefined. */
export function unchangedOctets(message: SipMessage): Uint8Array | undefined {
  const { headers, body } = message;
  const received = ReceivedField.attached(headers[0]);
  if (!(received instanceof Received)) return undefined;
  const { fields } = received;
  if (received.headers !== headers || fields.length !== headers.length || received.body !== body) return undefined;
  const [first, second] = startParts(message);
  if (received.first !== first || received.second !== second) return undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = headers[i] as HeaderField;
    if (field !== fields[i] || !ReceivedField.isIntact(field)) return undefined;
  }
  return received.octets;
}
