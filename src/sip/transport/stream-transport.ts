// What SIP over TCP and over TLS share (RFC 3261 §18): a listening server, outgoing connections,
// and connection reuse: a response goes back on the connection its request came on (§18.2.2)
// and a request to a peer reuses any open connection to that address and port (§18.1.1).
import type { Server, Socket } from 'node:net';
import { systemClock, type Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import { DEFAULT_MAX_MESSAGE_SIZE, serializeMessage, type SipMessage } from '../message/index.js';
import { canonicalAddress } from './address.js';
import { Emitter } from './emitter.js';
import { ListenFailed } from './errors.js';
import { StreamConnection, type ConnectionContext, type Dialing } from './stream-connection.js';
import type { Endpoint, SendErrorCallback, Target, Transport, TransportEvents } from './types.js';

/** Idle connections close after 2 minutes, well beyond Timer B/F (64*T1 = 32 s). */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface StreamTransportOptions {
  /** IPv4 or IPv6 address to listen on (no brackets) */
  readonly host: string;
  /** default 5060 (TCP) or 5061 (TLS); 0 picks a free port */
  readonly port?: number;
  /** runs the idle and connect timers; default the system clock */
  readonly clock?: Clock;
  /** a connection with no traffic either way for this long is closed; default 120 s */
  readonly idleTimeoutMs?: number;
  /** an outgoing connection not up after this long fails; default 10 s */
  readonly connectTimeoutMs?: number;
  /** a longer stream message closes the connection; default 65535 octets */
  readonly maxMessageSize?: number;
}

/** A socket just opened by dial(), and the event after which it can carry SIP. */
export interface Dialed {
  readonly socket: Socket;
  readonly readyEvent: Dialing['readyEvent'];
}

/** Reuse key: address and port, and for an outgoing TLS connection the name its certificate matched. */
const peerKey = (address: string, port: number, serverName?: string): string =>
  serverName === undefined ? `${canonicalAddress(address)}|${port}` : `${canonicalAddress(address)}|${port}|${serverName.toLowerCase()}`;

export abstract class StreamTransport extends Emitter<TransportEvents> implements Transport {
  abstract readonly protocol: 'tcp' | 'tls';
  readonly reliable = true;
  readonly #server: Server;
  readonly #ctx: ConnectionContext;
  readonly #connectTimeoutMs: number;
  readonly #connections = new Map<string, StreamConnection>();
  /** the newest open connection to each address and port, whoever opened it */
  readonly #byPeer = new Map<string, StreamConnection>();
  #seq = 0;
  #local: Endpoint;

  /** `accepted` is the server event that hands over a connection ready for SIP. */
  protected constructor(options: StreamTransportOptions, server: Server, defaultPort: number, accepted: 'connection' | 'secureConnection') {
    super();
    this.#server = server;
    this.#local = { address: canonicalAddress(options.host), port: options.port ?? defaultPort };
    this.#connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#ctx = {
      clock: options.clock ?? systemClock,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
      deliver: (data, c) => {
        const source = { transport: this.protocol, address: c.peer.address, port: c.peer.port, connectionId: c.id, local: this.#local };
        this.emit('message', { data, source });
      },
      report: (error, c, onError) => {
        this.emit('error', { error, peer: c.peer, connectionId: c.id });
        onError?.(error);
      },
      closed: (c) => {
        this.#connections.delete(c.id);
        for (const [key, open] of this.#byPeer) if (open === c) this.#byPeer.delete(key);
      },
    };
    server.on(accepted, (socket: Socket) => this.#adopt(socket, { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 }));
  }

  get local(): Endpoint {
    return this.#local;
  }

  /** Open connections (accepted and outgoing). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Opens a connection to `target`; `readyEvent` says when it can carry SIP. */
  protected abstract dial(target: Target): Dialed;

  /** Reports a failure that belongs to no connection yet (a TLS handshake of the server). */
  protected reportError(error: GwError, peer?: Endpoint): void {
    this.emit('error', { error, ...(peer === undefined ? {} : { peer }) });
  }

  listen(): Promise<Endpoint> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void =>
        reject(new ListenFailed(`${this.protocol} ${this.#local.address}:${this.#local.port}: ${error.message}`, { cause: error }));
      this.#server.once('error', failed);
      this.#server.listen({ host: this.#local.address, port: this.#local.port }, () => {
        this.#server.off('error', failed);
        this.#server.on('error', (error) => this.reportError(new ListenFailed(error.message, { cause: error }), this.#local));
        const bound = this.#server.address();
        this.#local = { address: this.#local.address, port: typeof bound === 'object' && bound !== null ? bound.port : this.#local.port };
        resolve(this.#local);
      });
    });
  }

  send(message: Uint8Array | SipMessage, target: Target, onError?: SendErrorCallback): void {
    const data = message instanceof Uint8Array ? message : serializeMessage(message);
    (this.#reusable(target) ?? this.#open(target)).write(data, onError);
  }

  close(): Promise<void> {
    for (const c of this.#connections.values()) c.close();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** The connection named by the target while open, else the newest one to its address and port. */
  #reusable(target: Target): StreamConnection | undefined {
    const named = target.connectionId === undefined ? undefined : this.#connections.get(target.connectionId);
    if (named !== undefined && !named.closed) return named;
    const newest = this.#byPeer.get(peerKey(target.host, target.port, this.#serverName(target)));
    return newest?.closed === false ? newest : undefined;
  }

  /** The name an outgoing TLS connection's certificate is checked against, if not the address. */
  #serverName(target: Target): string | undefined {
    return this.protocol === 'tls' ? target.serverName : undefined;
  }

  #open(target: Target): StreamConnection {
    const { socket, readyEvent } = this.dial(target);
    const dialing = { readyEvent, connectTimeoutMs: this.#connectTimeoutMs };
    return this.#adopt(socket, { address: target.host, port: target.port }, dialing, this.#serverName(target));
  }

  #adopt(socket: Socket, peer: Endpoint, dialing?: Dialing, serverName?: string): StreamConnection {
    socket.setNoDelay(true);
    const id = `${this.protocol}-${++this.#seq}`;
    const c = new StreamConnection(id, socket, { address: canonicalAddress(peer.address), port: peer.port }, this.#ctx, dialing);
    this.#connections.set(id, c);
    this.#byPeer.set(peerKey(peer.address, peer.port, serverName), c);
    return c;
  }
}
