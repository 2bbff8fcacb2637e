// The SIP transport layer (RFC 3261 §18, RFC 3581, RFC 3263 §4 without DNS SRV): sends
// requests with the top Via filled in, stamps received/rport on requests that arrive, routes
// responses back (on the request's connection when reliable), answers unparsable requests with
// 400 when a Via can be read, and drops unparsable or misdirected responses.
import type { GwError } from '../../core/errors.js';
import type { Result } from '../../core/result.js';
import { DEFAULT_MAX_MESSAGE_SIZE, parseMessage, serializeMessage, type SipMessage, type SipRequest, type SipResponse, type SipUri } from '../message/index.js';
import { addressFamily, canonicalAddress } from './address.js';
import { badRequestResponse } from './bad-request.js';
import { Emitter } from './emitter.js';
import { ConnectFailed, NoTransport, SendFailed } from './errors.js';
import { dnsResolver, lookupHost, resolveTargets, type Resolver } from './resolve.js';
import { DEFAULT_PORTS, protocolOf, type Endpoint, type SendErrorCallback, type Source, type Target, type Transport, type TransportErrorEvent, type TransportProtocol } from './types.js';
import { clientVia, responseDestination, serverVia, topVia, withTopVia } from './via-rules.js';

/** RFC 3261 §18.1.1: a UDP request within this many octets of the path MTU goes over TCP. */
const MTU_MARGIN = 200;
export const DEFAULT_UDP_MTU = 1500;

export interface TransportLayerOptions {
  /** name lookups (A/AAAA); default node:dns lookup */
  readonly resolver?: Resolver;
  /** longer messages are not parsed (datagrams are answered 513); default 65535 */
  readonly maxMessageSize?: number;
  /**
   * RFC 3261 §18.1.1: a request for UDP longer than `udpMtu - 200` octets goes over TCP instead
   * when a TCP transport is registered and the target did not name its transport (URI parameter
   * `transport=udp`); if the TCP connection fails, it goes over UDP after all. Default true.
   */
  readonly largeRequestsOverTcp?: boolean;
  /** path MTU assumed for UDP; default 1500 (the RFC's 1300-octet threshold) */
  readonly udpMtu?: number;
}

/** A message received, parsed, with the top Via of a request stamped (§18.2.1). */
export interface Incoming {
  readonly message: SipMessage;
  readonly source: Source;
}

/** Something received and not passed up: why, and the status it was answered with, if any. */
export interface Discarded {
  readonly source: Source;
  readonly reason: string;
  readonly answered?: number;
}

export interface TransportLayerEvents {
  readonly message: Incoming;
  readonly error: TransportErrorEvent;
  readonly discarded: Discarded;
}

export class TransportLayer extends Emitter<TransportLayerEvents> {
  readonly #transports: Transport[] = [];
  readonly #resolver: Resolver;
  readonly #maxMessageSize: number;
  readonly #largeRequestsOverTcp: boolean;
  readonly #udpMtu: number;

  constructor(options: TransportLayerOptions = {}) {
    super();
    this.#resolver = options.resolver ?? dnsResolver;
    this.#maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.#largeRequestsOverTcp = options.largeRequestsOverTcp ?? true;
    this.#udpMtu = options.udpMtu ?? DEFAULT_UDP_MTU;
  }

  /** Adds a transport (listening or not yet): its messages and errors now come through here. */
  register(transport: Transport): void {
    this.#transports.push(transport);
    transport.on('message', ({ data, source }) => this.#receive(data, source));
    transport.on('error', (event) => this.emit('error', event));
  }

  /** The targets for a request to `uri`, in the order to try them (RFC 3263 §4). */
  resolve(uri: string | SipUri): Promise<Result<Target[], GwError>> {
    return resolveTargets(uri, this.#resolver);
  }

  /**
   * Sends `request` to `target` with its top Via filled in for the transport used (added, with a
   * new branch, if it has none). A host name in the target is looked up first.
   */
  sendRequest(request: SipRequest, target: Target, onError?: SendErrorCallback): void {
    // A name looked up here is still the name a TLS certificate must match.
    const named = addressFamily(target.host) === 0 && target.serverName === undefined ? { serverName: target.host } : {};
    this.#withAddress(target.host, onError, (host) => {
      const resolved = { ...target, host, ...named };
      const prepared = this.#prepare(request, resolved);
      const tcp = { ...resolved, transport: 'tcp' as const };
      const large = resolved.transport === 'udp' && prepared !== undefined && prepared.data.length > this.#udpMtu - MTU_MARGIN;
      if (large && this.#largeRequestsOverTcp && !target.transportExplicit && this.#pick('tcp', host) !== undefined) {
        this.#send(this.#prepare(request, tcp), tcp, (error) => {
          if (error.code === ConnectFailed.code) this.#send(prepared, resolved, onError);
          else onError?.(error);
        });
        return;
      }
      this.#send(prepared, resolved, onError);
    });
  }

  /**
   * Sends `response` where its top Via says (§18.2.2, RFC 3581 §4). Give the `source` of the
   * request: on TCP and TLS the response then goes back on the request's connection while it is
   * open, and on UDP from the socket the request arrived at.
   */
  sendResponse(response: SipResponse, source?: Source, onError?: SendErrorCallback): void {
    const via = topVia(response.headers);
    const protocol = via === undefined ? undefined : protocolOf(via.transport);
    if (via === undefined || protocol === undefined) {
      this.#fail(via === undefined ? new SendFailed('the response has no valid Via') : new NoTransport(`Via transport ${via.transport}`), onError);
      return;
    }
    const destination = responseDestination(via, protocol);
    const connectionId = protocol !== 'udp' && source?.transport === protocol ? source.connectionId : undefined;
    this.#withAddress(destination.host, onError, (host) => {
      const target: Target = { transport: protocol, host, port: destination.port, ...(connectionId === undefined ? {} : { connectionId }) };
      const transport = this.#pick(protocol, host, source?.local);
      if (transport === undefined) this.#fail(new NoTransport(`${protocol} to ${host}`), onError);
      else transport.send(serializeMessage(response), target, onError);
    });
  }

  /** Closes every transport. */
  async close(): Promise<void> {
    await Promise.all(this.#transports.map((t) => t.close()));
  }

  #receive(data: Uint8Array, source: Source): void {
    const framing = source.transport === 'udp' ? 'datagram' : 'stream';
    const parsed = parseMessage(data, { framing, maxMessageSize: this.#maxMessageSize });
    if (!parsed.ok) {
      const answer = badRequestResponse(data, parsed.error, source);
      if (answer !== undefined) this.sendResponse(answer, source);
      this.emit('discarded', { source, reason: `${parsed.error.code}: ${parsed.error.message}`, ...(answer === undefined ? {} : { answered: answer.status }) });
      return;
    }
    const message = parsed.value;
    const via = topVia(message.headers);
    if (via === undefined) return; // never: the parser requires a valid Via
    if (message.kind === 'request') {
      // A Via that needs no received or rport (sent-by is the source, no rport asked) stays the
      // very field received, whose typed value the layers above read without parsing it again.
      const stamped = serverVia(via, source);
      this.emit('message', { message: stamped === via ? message : { ...message, headers: withTopVia(message.headers, stamped) }, source });
    } else if (this.#isOurs(via.host, via.port, protocolOf(via.transport))) {
      this.emit('message', { message, source });
    } else {
      this.emit('discarded', { source, reason: `response Via sent-by ${via.host}:${via.port ?? ''} is not ours (§18.1.2)` });
    }
  }

  /** §18.1.2: the response's top Via names one of our transports as sent-by. */
  #isOurs(host: string, port: number | undefined, protocol: TransportProtocol | undefined): boolean {
    if (protocol === undefined) return false;
    const address = canonicalAddress(host);
    return this.#transports.some((t) => t.protocol === protocol && t.local.address === address && t.local.port === (port ?? DEFAULT_PORTS[protocol]));
  }

  /** The request as sent over `target.transport`: its octets and the transport, or undefined. */
  #prepare(request: SipRequest, target: Target): { data: Uint8Array; transport: Transport } | undefined {
    const transport = this.#pick(target.transport, target.host);
    if (transport === undefined) return undefined;
    const headers = withTopVia(request.headers, clientVia(topVia(request.headers), target.transport, transport.local));
    return { data: serializeMessage({ ...request, headers }), transport };
  }

  #send(prepared: { data: Uint8Array; transport: Transport } | undefined, target: Target, onError?: SendErrorCallback): void {
    if (prepared === undefined) this.#fail(new NoTransport(`${target.transport} to ${target.host}`), onError);
    else prepared.transport.send(prepared.data, target, onError);
  }

  /**
   * The transport for `protocol` toward `host`: the one at `local` if given, else one of the
   * host's address family; for TCP and TLS any (outgoing connections are not bound).
   */
  #pick(protocol: TransportProtocol, host: string, local?: Endpoint): Transport | undefined {
    const candidates = this.#transports.filter((t) => t.protocol === protocol);
    const at = local === undefined ? undefined : candidates.find((t) => t.local.address === local.address && t.local.port === local.port);
    const family = addressFamily(host);
    return at ?? candidates.find((t) => addressFamily(t.local.address) === family) ?? (protocol === 'udp' ? undefined : candidates[0]);
  }

  /** Runs `then` with `host` as an address: at once for an address, after a lookup for a name. */
  #withAddress(host: string, onError: SendErrorCallback | undefined, then: (address: string) => void): void {
    if (addressFamily(host) !== 0) {
      then(canonicalAddress(host));
      return;
    }
    void lookupHost(host, this.#resolver).then((found) => {
      if (found.ok) then(found.value[0] as string);
      else this.#fail(found.error, onError);
    });
  }

  #fail(error: GwError, onError: SendErrorCallback | undefined): void {
    this.emit('error', { error });
    onError?.(error);
  }
}
