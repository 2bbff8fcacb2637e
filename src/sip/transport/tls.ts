// SIP over TLS (RFC 3261 §26.2.1, §18.3): the stream transport on node:tls, with the certificate
// and key given by configuration. Peers' certificates are verified unless told otherwise.
import { isIP } from 'node:net';
import { connect, createServer, type SecureContextOptions } from 'node:tls';
import { canonicalAddress } from './address.js';
import { TlsHandshake } from './errors.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, StreamTransport, type Dialed, type StreamTransportOptions } from './stream-transport.js';
import { DEFAULT_PORTS, type Target } from './types.js';

export interface TlsTransportOptions extends StreamTransportOptions {
  /** PEM certificate chain presented to peers */
  readonly cert: SecureContextOptions['cert'];
  /** PEM private key of `cert` */
  readonly key: SecureContextOptions['key'];
  /** PEM CA certificates trusted for peers; default Node's bundled roots */
  readonly ca?: SecureContextOptions['ca'];
  /** refuse peers whose certificate does not verify; default true */
  readonly rejectUnauthorized?: boolean;
  /** ask connecting clients for a certificate (mutual TLS); default false */
  readonly requestCert?: boolean;
}

export class TlsTransport extends StreamTransport {
  readonly protocol = 'tls';
  readonly #options: TlsTransportOptions;

  constructor(options: TlsTransportOptions) {
    const { cert, key, ca, requestCert = false } = options;
    const rejectUnauthorized = options.rejectUnauthorized ?? true;
    const handshakeTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const server = createServer({ cert, key, ca, requestCert, rejectUnauthorized, handshakeTimeout });
    super(options, server, DEFAULT_PORTS.tls, 'secureConnection');
    this.#options = options;
    // Node no longer knows the address of a socket that failed before this event: then no peer.
    server.on('tlsClientError', (error, socket) => {
      const peer = socket.remoteAddress === undefined ? undefined : { address: canonicalAddress(socket.remoteAddress), port: socket.remotePort ?? 0 };
      const from = peer === undefined ? 'from a client' : `from ${peer.address}:${peer.port}`;
      this.reportError(new TlsHandshake(`${from}: ${error.message}`, { cause: error }), peer);
    });
  }

  protected dial(target: Target): Dialed {
    const { cert, key, ca, rejectUnauthorized = true } = this.#options;
    // SNI and certificate matching use the name; an IP target is matched against IP SANs.
    const servername = target.serverName ?? (isIP(target.host) === 0 ? target.host : undefined);
    return { socket: connect({ host: target.host, port: target.port, servername, cert, key, ca, rejectUnauthorized }), readyEvent: 'secureConnect' };
  }
}
