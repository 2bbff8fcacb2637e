// SIP over UDP (RFC 3261 §18): one datagram is one message. IPv4 or IPv6 by the bound address.
// The receive buffer is made large so that bursts are queued by the kernel, not dropped.
import { createSocket, type RemoteInfo, type Socket, type SocketOptions } from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns';
import { isIPv6 } from 'node:net';
import type { GwError } from '../../core/errors.js';
import { serializeMessage, type SipMessage } from '../message/index.js';
import { addressFamily, canonicalAddress } from './address.js';
import { Emitter } from './emitter.js';
import { ListenFailed, MessageTooLarge, SendFailed } from './errors.js';
import { DEFAULT_PORTS, type Endpoint, type SendErrorCallback, type Source, type Target, type Transport, type TransportEvents } from './types.js';

/** 4 MiB: some thousands of typical SIP datagrams (Linux reports twice the granted size). */
export const DEFAULT_RECV_BUFFER_SIZE = 4 * 1024 * 1024;

export interface UdpTransportOptions {
  /** IPv4 or IPv6 address to bind (no brackets) */
  readonly host: string;
  /** default 5060; 0 picks a free port */
  readonly port?: number;
  /** SO_RCVBUF requested, in octets (the kernel may cap it: see getRecvBufferSize) */
  readonly recvBufferSize?: number;
}

/**
 * dgram's address lookup for every send: an address literal (all the transport layer hands
 * down) is answered at once, where dns.lookup would answer it a tick later through a closure;
 * a name still goes to dns.lookup.
 */
const literalLookup: NonNullable<SocketOptions['lookup']> = (hostname, options, callback) => {
  const family = canonicalAddress(hostname) === hostname ? addressFamily(hostname) : 0;
  if (family !== 0) callback(null, hostname, family);
  else dnsLookup(hostname, options, callback);
};

export class UdpTransport extends Emitter<TransportEvents> implements Transport {
  readonly protocol = 'udp';
  readonly reliable = false;
  readonly #socket: Socket;
  #local: Endpoint;

  constructor(options: UdpTransportOptions) {
    super();
    this.#local = { address: canonicalAddress(options.host), port: options.port ?? DEFAULT_PORTS.udp };
    this.#socket = createSocket({
      type: isIPv6(this.#local.address) ? 'udp6' : 'udp4',
      recvBufferSize: options.recvBufferSize ?? DEFAULT_RECV_BUFFER_SIZE,
      lookup: literalLookup,
    });
    this.#socket.on('message', (data: Buffer, rinfo: RemoteInfo) => {
      const source: Source = { transport: this.protocol, address: canonicalAddress(rinfo.address), port: rinfo.port, local: this.#local };
      // a view of the datagram's own memory (dgram gives each message a buffer of its size), not a copy
      this.emit('message', { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), source });
    });
  }

  get local(): Endpoint {
    return this.#local;
  }

  /** The effective SO_RCVBUF once listening (Linux: twice the granted request). */
  getRecvBufferSize(): number {
    return this.#socket.getRecvBufferSize();
  }

  listen(): Promise<Endpoint> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void => reject(new ListenFailed(`udp ${this.#local.address}:${this.#local.port}: ${error.message}`, { cause: error }));
      this.#socket.once('error', failed);
      this.#socket.bind({ address: this.#local.address, port: this.#local.port, exclusive: true }, () => {
        this.#socket.off('error', failed);
        // Send errors reach the send callbacks; anything else is reported, never thrown.
        this.#socket.on('error', (error) => this.emit('error', { error: new SendFailed(error.message, { cause: error }) }));
        this.#local = { address: this.#local.address, port: this.#socket.address().port };
        resolve(this.#local);
      });
    });
  }

  send(message: Uint8Array | SipMessage, target: Target, onError?: SendErrorCallback): void {
    const data = message instanceof Uint8Array ? message : serializeMessage(message);
    const address = canonicalAddress(target.host);
    const port = target.port;
    if (addressFamily(address) !== addressFamily(this.#local.address)) {
      this.#failed(new SendFailed(`udp socket on ${this.#local.address} cannot reach ${address}`), address, port, onError);
      return;
    }
    const done = (error: Error | null): void => {
      if (error !== null) this.#sendFailed(error, data.length, address, port, onError);
    };
    try {
      this.#socket.send(data, port, address, done);
    } catch (error) {
      // dgram throws synchronously when the socket is closed (ERR_SOCKET_DGRAM_NOT_RUNNING):
      // report it like any other send failure, never out of a timer callback.
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #sendFailed(error: Error, octets: number, address: string, port: number, onError: SendErrorCallback | undefined): void {
    const detail = `${octets} octets to ${address}:${port}: ${error.message}`;
    const gwError = (error as NodeJS.ErrnoException).code === 'EMSGSIZE' ? new MessageTooLarge(detail, { cause: error }) : new SendFailed(detail, { cause: error });
    this.#failed(gwError, address, port, onError);
  }

  #failed(error: GwError, address: string, port: number, onError: SendErrorCallback | undefined): void {
    this.emit('error', { error, peer: { address, port } });
    onError?.(error);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.#socket.close(resolve);
      } catch {
        resolve(); // never bound, or already closed
      }
    });
  }
}
