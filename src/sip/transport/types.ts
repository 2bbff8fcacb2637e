// The transport port (RFC 3261 §18): what every SIP transport (UDP, TCP, TLS, loopback) offers
// the transport layer above it. Transports move octets; the transport layer reads SIP.
import type { GwError } from '../../core/errors.js';
import type { SipMessage } from '../message/index.js';

export type TransportProtocol = 'udp' | 'tcp' | 'tls';

/** An IP address (IPv6 without brackets, IPv4-mapped IPv6 as IPv4) and a port. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** Where a message came from. */
export interface Source extends Endpoint {
  readonly transport: TransportProtocol;
  /** the stream connection it came on (TCP, TLS); a response goes back on it (§18.2.2) */
  readonly connectionId?: string;
  /** the local address it arrived at */
  readonly local: Endpoint;
}

/** Where a message goes. */
export interface Target {
  readonly transport: TransportProtocol;
  /** an IP address at the transport; the transport layer also takes a name and resolves it */
  readonly host: string;
  readonly port: number;
  /** streams: use this connection while it is open, else one to host:port, else a new one */
  readonly connectionId?: string;
  /** TLS: the name the server certificate must match (and SNI); default the host */
  readonly serverName?: string;
  /** the URI named the transport: a large request is not moved from UDP to TCP (§18.1.1) */
  readonly transportExplicit?: boolean;
}

/** One datagram, or one message framed from a stream. */
export interface Received {
  readonly data: Uint8Array;
  readonly source: Source;
}

/** A failure, reported as an event (never thrown from a socket callback). */
export interface TransportErrorEvent {
  readonly error: GwError;
  /** the far end concerned, when there is one */
  readonly peer?: Endpoint;
  readonly connectionId?: string;
}

export interface TransportEvents {
  readonly message: Received;
  readonly error: TransportErrorEvent;
}

/** Called once if a send fails, now or later (the error is also emitted as an `error` event). */
export type SendErrorCallback = (error: GwError) => void;

export interface Transport {
  readonly protocol: TransportProtocol;
  /** TCP, TLS: retransmissions are not needed (RFC 3261 §17.1.1.2) */
  readonly reliable: boolean;
  /** where it listens; read it after listen() resolved */
  readonly local: Endpoint;
  /** binds and listens; rejects with GW_ERR_SIP_TRANSPORT_LISTEN_FAILED */
  listen(): Promise<Endpoint>;
  /** sends one message; failures go to `onError` and to the `error` event */
  send(message: Uint8Array | SipMessage, target: Target, onError?: SendErrorCallback): void;
  /** stops listening and closes every connection */
  close(): Promise<void>;
  /** subscribes; returns the function that unsubscribes */
  on<K extends keyof TransportEvents>(event: K, listener: (value: TransportEvents[K]) => void): () => void;
}

/** Default ports by transport (RFC 3261 §19.1.2, §26.2). */
export const DEFAULT_PORTS: Readonly<Record<TransportProtocol, number>> = { udp: 5060, tcp: 5060, tls: 5061 };

/** TCP and TLS are reliable; the name as it appears in a Via (uppercase) or URI (any case). */
export function protocolOf(name: string): TransportProtocol | undefined {
  const lower = name.toLowerCase();
  return lower === 'udp' || lower === 'tcp' || lower === 'tls' ? lower : undefined;
}
