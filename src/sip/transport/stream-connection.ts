// One SIP connection over TCP or TLS (RFC 3261 §18.3): frames what arrives, answers keepalive
// pings (RFC 5626 §3.5.1), queues what is sent until the connection is up, and closes itself
// when idle for idleTimeoutMs.
import type { Socket } from 'node:net';
import type { Clock, TimerHandle } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import { BadFraming, ConnectFailed, MessageTooLarge, SendFailed, TlsHandshake } from './errors.js';
import { StreamFramer } from './stream-framer.js';
import type { Endpoint, SendErrorCallback } from './types.js';

const PONG = new Uint8Array([0x0d, 0x0a]);

/** What a connection shares with its transport. */
export interface ConnectionContext {
  readonly clock: Clock;
  readonly idleTimeoutMs: number;
  readonly maxMessageSize: number;
  /** a framed message */
  readonly deliver: (data: Uint8Array, connection: StreamConnection) => void;
  /** a failure; `onError` is the failed send's callback, if any */
  readonly report: (error: GwError, connection: StreamConnection, onError?: SendErrorCallback) => void;
  /** the socket closed, for whatever reason */
  readonly closed: (connection: StreamConnection) => void;
}

/** How an outgoing connection comes up. */
export interface Dialing {
  /** `connect` for TCP, `secureConnect` for TLS (after `connect` and the handshake) */
  readonly readyEvent: 'connect' | 'secureConnect';
  readonly connectTimeoutMs: number;
}

interface Queued {
  readonly data: Uint8Array;
  readonly onError?: SendErrorCallback;
}

export class StreamConnection {
  readonly id: string;
  /** the far end's address and port */
  readonly peer: Endpoint;
  readonly #socket: Socket;
  readonly #ctx: ConnectionContext;
  readonly #framer: StreamFramer;
  /** sends waiting for an outgoing connection to come up; undefined once up */
  #queue: Queued[] | undefined;
  #lastActivity: number;
  #idleTimer: TimerHandle;
  #connectTimer: TimerHandle | undefined;
  #closed = false;

  /** `dialing` is given for an outgoing connection still coming up. */
  constructor(id: string, socket: Socket, peer: Endpoint, ctx: ConnectionContext, dialing?: Dialing) {
    this.id = id;
    this.peer = peer;
    this.#socket = socket;
    this.#ctx = ctx;
    this.#framer = new StreamFramer(ctx.maxMessageSize);
    this.#lastActivity = ctx.clock.now();
    this.#idleTimer = ctx.clock.setTimer(ctx.idleTimeoutMs, () => this.#checkIdle());
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('close', () => this.#onClose());
    if (dialing === undefined) {
      socket.on('error', () => undefined); // the 'close' that follows cleans up
      return;
    }
    this.#queue = [];
    let tcpUp = false;
    socket.once('connect', () => (tcpUp = true));
    socket.once(dialing.readyEvent, () => this.#up());
    socket.on('error', (error: Error) => {
      if (this.#queue === undefined) return;
      const tls = dialing.readyEvent === 'secureConnect' && tcpUp;
      const detail = `${peer.address}:${peer.port}: ${error.message}`;
      this.#failQueue(tls ? new TlsHandshake(detail, { cause: error }) : new ConnectFailed(detail, { cause: error }));
    });
    this.#connectTimer = ctx.clock.setTimer(dialing.connectTimeoutMs, () => {
      if (this.#queue === undefined) return;
      this.#failQueue(new ConnectFailed(`${peer.address}:${peer.port}: no connection after ${dialing.connectTimeoutMs} ms`));
      socket.destroy();
    });
  }

  /** closed, or closing: not to be used for new sends */
  get closed(): boolean {
    return this.#closed || this.#socket.destroyed;
  }

  /** Writes `data` now, or once the connection is up; a failure goes to `report`. */
  write(data: Uint8Array, onError?: SendErrorCallback): void {
    if (this.#queue !== undefined) {
      this.#queue.push({ data, onError });
      return;
    }
    this.#lastActivity = this.#ctx.clock.now();
    this.#socket.write(data, (error) => {
      if (error === undefined || error === null) return;
      this.#ctx.report(new SendFailed(`${data.length} octets on ${this.id}: ${error.message}`, { cause: error }), this, onError);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #up(): void {
    const queued = this.#queue ?? [];
    this.#queue = undefined;
    this.#connectTimer?.cancel();
    for (const { data, onError } of queued) this.write(data, onError);
  }

  /** Reports one failure for the connection, and each queued send's callback. */
  #failQueue(error: GwError): void {
    const queued = this.#queue ?? [];
    this.#queue = undefined;
    this.#ctx.report(error, this);
    for (const { onError } of queued) onError?.(error);
  }

  #receive(chunk: Buffer): void {
    this.#lastActivity = this.#ctx.clock.now();
    for (const item of this.#framer.push(chunk)) {
      if (item.kind === 'message') {
        this.#ctx.deliver(item.data, this);
      } else if (item.kind === 'ping') {
        this.write(PONG);
      } else {
        const detail = `${item.error.code} on ${this.id}: ${item.error.message}`;
        this.#ctx.report(item.error.code === 'SIP_MESSAGE_TOO_LARGE' ? new MessageTooLarge(detail) : new BadFraming(detail), this);
        this.close();
      }
    }
  }

  #checkIdle(): void {
    const idle = this.#ctx.clock.now() - this.#lastActivity;
    if (idle >= this.#ctx.idleTimeoutMs) this.close();
    else this.#idleTimer = this.#ctx.clock.setTimer(this.#ctx.idleTimeoutMs - idle, () => this.#checkIdle());
  }

  #onClose(): void {
    this.#closed = true;
    this.#idleTimer.cancel();
    this.#connectTimer?.cancel();
    if (this.#queue !== undefined) this.#failQueue(new ConnectFailed(`${this.peer.address}:${this.peer.port}: closed before it was up`));
    this.#ctx.closed(this);
  }
}
