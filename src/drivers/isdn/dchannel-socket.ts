// The D-channel transport: one HDLC frame's contents per message over a TCP stream, framed as a
// 2-byte big-endian length followed by the frame (the framing of the libpri test peer,
// /work/shared/reference/pstn-peers.md "Transport"). No flags, no bit stuffing. In FCS mode a real
// HDLC FCS (CRC-16/X.25, fcs.ts) follows every frame: appended on send, checked and stripped on
// receive, bad frames dropped and reported.
//
// Only TCP is supported. The peer's other transport, AF_UNIX SOCK_SEQPACKET, cannot be opened from
// Node without a native addon (node:net offers stream sockets only), and this project takes no
// native dependencies.
import { createServer, Socket, type Server } from 'node:net';
import type { Clock, TimerHandle } from '../../core/clock.js';
import { appendFcs, checkFcs } from './fcs.js';

export interface DChannelEndpoint {
  /** `connect`: dial the peer (and redial when the connection ends); `listen`: accept one peer at a time */
  readonly mode: 'connect' | 'listen';
  readonly host: string;
  /** 0 with `listen`: a port the system picks (see `address()`) */
  readonly port: number;
}

export interface DChannelOptions {
  readonly endpoint: DChannelEndpoint;
  readonly clock: Clock;
  /** carry a CRC-16/X.25 FCS after each frame; both ends must agree. Default false. */
  readonly fcs?: boolean;
  /** `connect` mode: first redial delay, doubled after each failure up to `maxMs`. Default 250 / 8000 ms. */
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
}

export type DChannelEvent =
  | { readonly kind: 'up' }
  | { readonly kind: 'down'; readonly reason: string }
  | { readonly kind: 'frame'; readonly frame: Uint8Array }
  /** FCS mode: a frame whose FCS did not match was dropped; `count` is the total so far */
  | { readonly kind: 'fcsError'; readonly count: number; readonly length: number };

export type DChannelListener = (event: DChannelEvent) => void;

/** What the driver needs of a D-channel transport (the TCP one below, or a fake in tests). */
export interface DChannelTransport {
  readonly up: boolean;
  start(): void;
  stop(): void;
  /** false when the transport is down (the frame is dropped: layer 2 recovers) */
  send(frame: Uint8Array): boolean;
  subscribe(listener: DChannelListener): () => void;
}

export const MAX_FRAME = 0xffff;

/** Splits a byte stream into length-prefixed messages, whatever the chunk boundaries. */
export class FrameReassembler {
  #buf = new Uint8Array(0);

  /** The complete messages `chunk` finishes, in order; an empty message (length 0) is skipped. */
  push(chunk: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.#buf.length + chunk.length);
    joined.set(this.#buf);
    joined.set(chunk, this.#buf.length);
    const out: Uint8Array[] = [];
    let i = 0;
    while (joined.length - i >= 2) {
      const len = ((joined[i] as number) << 8) | (joined[i + 1] as number);
      if (joined.length - i - 2 < len) break;
      if (len > 0) out.push(joined.slice(i + 2, i + 2 + len));
      i += 2 + len;
    }
    this.#buf = joined.slice(i);
    return out;
  }

  /** bytes of an incomplete message held back */
  get pending(): number {
    return this.#buf.length;
  }

  reset(): void {
    this.#buf = new Uint8Array(0);
  }
}

/** One message on the wire: length prefix and frame (with its FCS in FCS mode). */
export function encodeMessage(frame: Uint8Array, fcs: boolean): Uint8Array {
  const body = fcs ? appendFcs(frame) : frame;
  if (body.length > MAX_FRAME) throw new RangeError(`D-channel frame of ${body.length} octets does not fit a 2-byte length`);
  const out = new Uint8Array(body.length + 2);
  out[0] = body.length >>> 8;
  out[1] = body.length & 0xff;
  out.set(body, 2);
  return out;
}

const DEFAULT_RECONNECT = { initialMs: 250, maxMs: 8000 };

export class TcpDChannel implements DChannelTransport {
  readonly #o: DChannelOptions;
  readonly #listeners = new Set<DChannelListener>();
  readonly #reassembler = new FrameReassembler();
  #socket: Socket | undefined;
  #server: Server | undefined;
  #running = false;
  #up = false;
  #retry: TimerHandle | undefined;
  #delay: number;
  #fcsErrors = 0;

  constructor(options: DChannelOptions) {
    this.#o = options;
    this.#delay = (options.reconnect ?? DEFAULT_RECONNECT).initialMs;
  }

  get up(): boolean {
    return this.#up;
  }

  /** Frames dropped for a bad FCS since construction. */
  get fcsErrors(): number {
    return this.#fcsErrors;
  }

  /** `listen` mode: the bound address once listening. */
  address(): { host: string; port: number } | undefined {
    const a = this.#server?.address();
    return a !== null && typeof a === 'object' ? { host: a.address, port: a.port } : undefined;
  }

  /** `listen` mode: resolves once the server is bound (immediately in `connect` mode). */
  listening(): Promise<void> {
    const server = this.#server;
    if (server === undefined || server.listening) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
  }

  subscribe(listener: DChannelListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    if (this.#o.endpoint.mode === 'connect') this.#dial();
    else this.#listen();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#retry?.cancel();
    this.#retry = undefined;
    this.#server?.close();
    this.#server = undefined;
    const s = this.#socket;
    if (s !== undefined) {
      s.destroy();
      this.#lost(s, 'stopped');
    }
  }

  send(frame: Uint8Array): boolean {
    const s = this.#socket;
    if (!this.#up || s === undefined) return false;
    s.write(encodeMessage(frame, this.#o.fcs === true));
    return true;
  }

  #dial(): void {
    const { host, port } = this.#o.endpoint;
    const s = new Socket();
    s.setNoDelay(true);
    s.on('error', () => undefined); // 'close' follows and handles the loss
    s.once('close', () => {
      const wasUp = this.#socket === s;
      if (wasUp) this.#lost(s, 'connection closed');
      if (this.#running) this.#scheduleRedial(wasUp);
    });
    s.connect(port, host, () => {
      if (!this.#running) {
        s.destroy();
        return;
      }
      this.#delay = (this.#o.reconnect ?? DEFAULT_RECONNECT).initialMs;
      this.#attach(s);
    });
  }

  #scheduleRedial(afterConnection: boolean): void {
    const r = this.#o.reconnect ?? DEFAULT_RECONNECT;
    const wait = afterConnection ? r.initialMs : this.#delay;
    if (!afterConnection) this.#delay = Math.min(this.#delay * 2, r.maxMs);
    this.#retry = this.#o.clock.setTimer(wait, () => {
      this.#retry = undefined;
      if (this.#running) this.#dial();
    });
  }

  #listen(): void {
    const server = createServer((s) => {
      if (this.#socket !== undefined || !this.#running) {
        // one peer at a time
        s.destroy();
        return;
      }
      s.setNoDelay(true);
      s.on('error', () => undefined);
      s.once('close', () => this.#lost(s, 'connection closed'));
      this.#attach(s);
    });
    server.on('error', (e) => this.#emit({ kind: 'down', reason: `listen failed: ${e.message}` }));
    server.listen(this.#o.endpoint.port, this.#o.endpoint.host);
    this.#server = server;
  }

  #attach(s: Socket): void {
    this.#socket = s;
    this.#reassembler.reset();
    s.on('data', (chunk: Buffer) => {
      if (this.#socket !== s) return;
      for (const m of this.#reassembler.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) this.#received(m);
    });
    this.#up = true;
    this.#emit({ kind: 'up' });
  }

  #received(m: Uint8Array): void {
    if (this.#o.fcs !== true) {
      this.#emit({ kind: 'frame', frame: m });
      return;
    }
    const frame = checkFcs(m);
    if (frame === undefined) this.#emit({ kind: 'fcsError', count: ++this.#fcsErrors, length: m.length });
    else this.#emit({ kind: 'frame', frame });
  }

  #lost(s: Socket, reason: string): void {
    if (this.#socket !== s) return;
    this.#socket = undefined;
    this.#reassembler.reset();
    if (!this.#up) return;
    this.#up = false;
    this.#emit({ kind: 'down', reason });
  }

  #emit(e: DChannelEvent): void {
    for (const l of [...this.#listeners]) l(e);
  }
}
