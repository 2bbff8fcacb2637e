// Framing of SIP over a byte stream (RFC 3261 §18.3; keepalives RFC 5626 §3.5.1): chunks go in
// as they arrive, whole messages come out, whatever the cuts. CRLFCRLF is a ping to answer with
// a CRLF pong; other CRLFs between messages are dropped.
import { frameMessage, type SipError } from '../message/index.js';

export type StreamItem =
  /** one whole message (a copy: the framer reuses its buffer) */
  | { readonly kind: 'message'; readonly data: Uint8Array }
  /** a CRLFCRLF keepalive ping: send CRLF back */
  | { readonly kind: 'ping' }
  /** the framing is lost: close the connection (the framer accepts nothing more) */
  | { readonly kind: 'error'; readonly error: SipError };

const INITIAL_CAPACITY = 4096;
const PING_OCTETS = 4;

/**
 * Holds the unframed tail of a stream in one growing buffer: appending copies the chunk after
 * what is held, framed messages are consumed from the front, and the tail moves to the front
 * only when the buffer would otherwise grow, so framing resumes where the last chunk left off.
 */
export class StreamFramer {
  readonly #maxMessageSize: number;
  #buffer = new Uint8Array(INITIAL_CAPACITY);
  #start = 0;
  #end = 0;
  /** CRLF octets seen since the last message (a ping may arrive in pieces) */
  #crlf = 0;
  #failed = false;

  constructor(maxMessageSize: number) {
    this.#maxMessageSize = maxMessageSize;
  }


  /** Appends `chunk` and returns the items it completes, in stream order. */
  push(chunk: Uint8Array): StreamItem[] {
    if (this.#failed) return [];
    this.#append(chunk);
    const items: StreamItem[] = [];
    for (;;) {
      const held = this.#buffer.subarray(this.#start, this.#end);
      const frame = frameMessage(held, this.#maxMessageSize);
      if (frame.kind === 'need-more') break;
      if (frame.kind === 'error') {
        this.#failed = true;
        this.#buffer = new Uint8Array(0);
        this.#start = this.#end = 0;
        items.push(frame);
        break;
      }
      this.#start += frame.length;
      if (frame.kind === 'message') {
        this.#crlf = 0;
        items.push({ kind: 'message', data: held.slice(0, frame.length) });
        continue;
      }
      for (this.#crlf += frame.length; this.#crlf >= PING_OCTETS; this.#crlf -= PING_OCTETS) items.push({ kind: 'ping' });
    }
    if (this.#start === this.#end) this.#start = this.#end = 0;
    return items;
  }

  #append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#buffer.length) {
      const held = this.#end - this.#start;
      const needed = held + chunk.length;
      if (needed <= this.#buffer.length) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      } else {
        let capacity = this.#buffer.length * 2;
        while (capacity < needed) capacity *= 2;
        const grown = new Uint8Array(capacity);
        grown.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = grown;
      }
      this.#start = 0;
      this.#end = held;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }
}
