// Connects a UserAgent to the SIP transport layer (RFC 3261 §18, src/sip/transport): requests
// leave through sendRequest, which fills in the top Via (the branch stays); responses through
// sendResponse, back on the socket or connection their request came on; every message the layer
// parsed goes to the UA with where it came from.
import type { TxTarget } from '../transaction/message.js';
import type { Source, TransportLayer, TransportProtocol } from '../transport/index.js';
import type { UaSend, UserAgent } from './user-agent.js';

const PROTOCOLS: Readonly<Record<string, TransportProtocol>> = { UDP: 'udp', TCP: 'tcp', TLS: 'tls' };

export class TransportBinding {
  readonly #layer: TransportLayer;
  /** the transport's view of where each request came from, by the TxTarget the UA was given */
  readonly #sources = new WeakMap<TxTarget, Source>();

  constructor(layer: TransportLayer) {
    this.#layer = layer;
  }

  /** The `send` of UserAgentOptions. */
  readonly send: UaSend = (message, target, onError) => {
    const fail = (error: { readonly message: string }): void => onError(error.message);
    if (message.kind === 'response') {
      this.#layer.sendResponse(message, this.#sources.get(target), fail);
      return;
    }
    const transport = PROTOCOLS[target.transport];
    if (transport === undefined) onError(`no ${target.transport} transport`);
    else this.#layer.sendRequest(message, { transport, host: target.host, port: target.port }, fail);
  };

  /** Passes every message the transport layer receives to `ua`; returns the function that stops it. */
  attach(ua: UserAgent): () => void {
    return this.#layer.on('message', ({ message, source }) => {
      const from: TxTarget = { transport: source.transport.toUpperCase(), host: source.address, port: source.port, reliable: source.transport !== 'udp' };
      this.#sources.set(from, source);
      ua.receive(message, from);
    });
  }
}
