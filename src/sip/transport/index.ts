// SIP transports (RFC 3261 §18): UDP, TCP, TLS and an in-memory loopback behind one Transport
// port, and the transport layer that applies the Via rules and routes responses.
export type { Endpoint, Received, SendErrorCallback, Source, Target, Transport, TransportErrorEvent, TransportEvents, TransportProtocol } from './types.js';
export { DEFAULT_PORTS } from './types.js';
export { BadFraming, ConnectFailed, ListenFailed, MessageTooLarge, NoTransport, ResolveFailed, SendFailed, TlsHandshake } from './errors.js';
export { DEFAULT_RECV_BUFFER_SIZE, UdpTransport, type UdpTransportOptions } from './udp.js';
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, StreamTransport, type StreamTransportOptions } from './stream-transport.js';
export { TcpTransport } from './tcp.js';
export { TlsTransport, type TlsTransportOptions } from './tls.js';
export { LoopbackNetwork, LoopbackTransport, type LoopbackNetworkOptions, type LoopbackRecord } from './loopback.js';
export { dnsResolver, resolveTargets, type Resolver } from './resolve.js';
export { DEFAULT_UDP_MTU, TransportLayer, type Discarded, type Incoming, type TransportLayerEvents, type TransportLayerOptions } from './transport-layer.js';
