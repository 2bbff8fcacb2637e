// Connects a UserAgent to the SIP transport layer (RFC 3261 §18, src/sip/transport): requests
// leave through sendRequest, which fills in the top Via (the branch stays); responses through
// sendResponse, back on the socket or connection their request came on; every message the layer
// parsed goes to the UA with where it came from.
import type { TxTarget } from '../transaction/message.js';
import type { Source, TransportLayer, TransportProtocol } from '../transport/index.js';
import type { UaSend, UserAgent } from './user-agent.js';

const PROTOCOLS: Readonly<Record<string, TransportProtocol>> = { UDP: 'udp', TCP: 'tcp', TLS: 'tls' };
const NAMES: Readonly<Record<string, string>> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS' };

/** The TxTarget the UA is given for a received message, with the transport's view of where it came from. */
interface BoundTarget extends TxTarget {
  readonly source: Source;
}

function sameSource(a: Source, b: Source): boolean {
  return (
    a === b ||
    (a.transport === b.transport && a.address === b.address && a.port === b.port && a.connectionId === b.connectionId && a.local.address === b.local.address && a.local.port === b.local.port)
  );
}

/**
 * Memory: a server transaction (and the front door's admission) keeps the TxTarget of its
 * request, for 32 s after a call is answered. Messages from the same source share one: the last
 * one made is reused while messages keep coming from where it says.
 */
export class TransportBinding {
  readonly #layer: TransportLayer;
  #last: BoundTarget | undefined;

  constructor(layer: TransportLayer) {
    this.#layer = layer;
  }

  /** The `send` of UserAgentOptions. */
  readonly send: UaSend = (message, target, onError) => {
    const fail = (error: { readonly message: string }): void => onError(error.message);
    if (message.kind === 'response') {
      this.#layer.sendResponse(message, 'source' in target ? (target as BoundTarget).source : undefined, fail);
      return;
    }
    const transport = PROTOCOLS[target.transport];
    if (transport === undefined) onError(`no ${target.transport} transport`);
    else this.#layer.sendRequest(message, { transport, host: target.host, port: target.port }, fail);
  };

  /** Passes every message the transport layer receives to `ua`; returns the function that stops it. */
  attach(ua: UserAgent): () => void {
    return this.#layer.on('message', ({ message, source }) => ua.receive(message, this.#targetOf(source)));
  }

  #targetOf(source: Source): BoundTarget {
    const last = this.#last;
    if (last !== undefined && sameSource(last.source, source)) return last;
    const transport = NAMES[source.transport] ?? source.transport.toUpperCase();
    return (this.#last = { transport, host: source.address, port: source.port, reliable: source.transport !== 'udp', source });
  }
}
