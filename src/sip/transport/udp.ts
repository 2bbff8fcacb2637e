// SIP over UDP (RFC 3261 §18): one datagram is one message. IPv4 or IPv6 by the bound address.
// The receive buffer is made large so that bursts are queued by the kernel, not dropped.
import { createSocket, type Socket } from 'node:dgram';
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
    });
    this.#socket.on('message', (data, rinfo) => {
      const source: Source = { transport: this.protocol, address: canonicalAddress(rinfo.address), port: rinfo.port, local: this.#local };
      this.emit('message', { data: new Uint8Array(data), source });
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
    const peer = { address: canonicalAddress(target.host), port: target.port };
    const fail = (error: GwError): void => {
      this.emit('error', { error, peer });
      onError?.(error);
    };
    if (addressFamily(peer.address) !== addressFamily(this.#local.address)) {
      fail(new SendFailed(`udp socket on ${this.#local.address} cannot reach ${peer.address}`));
      return;
    }
    const done = (error: Error | null): void => {
      if (error === null) return;
      const detail = `${data.length} octets to ${peer.address}:${peer.port}: ${error.message}`;
      fail((error as NodeJS.ErrnoException).code === 'EMSGSIZE' ? new MessageTooLarge(detail, { cause: error }) : new SendFailed(detail, { cause: error }));
    };
    try {
      this.#socket.send(data, peer.port, peer.address, done);
    } catch (error) {
      // dgram throws synchronously when the socket is closed (ERR_SOCKET_DGRAM_NOT_RUNNING):
      // report it like any other send failure, never out of a timer callback.
      done(error instanceof Error ? error : new Error(String(error)));
    }
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
