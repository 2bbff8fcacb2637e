// An in-memory network of SIP transports for tests (style guideline 13; pjsip's loop transport):
// transports bound to made-up addresses exchange octets through a LoopbackNetwork, which can
// delay them (on an injected Clock), drop them, and records everything sent.
import type { Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import { serializeMessage, type SipMessage } from '../message/index.js';
import { canonicalAddress } from './address.js';
import { Emitter } from './emitter.js';
import { ConnectFailed, ListenFailed } from './errors.js';
import type { Endpoint, SendErrorCallback, Source, Target, Transport, TransportEvents, TransportProtocol } from './types.js';

/** One send through the network, and what became of it. */
export interface LoopbackRecord {
  readonly at: number;
  readonly protocol: TransportProtocol;
  readonly from: Endpoint;
  readonly target: Target;
  readonly data: Uint8Array;
  /** `sent`: will arrive after the delay; `dropped`: by a knob; `unreachable`: nothing bound there */
  readonly outcome: 'sent' | 'dropped' | 'unreachable';
}

export interface LoopbackNetworkOptions {
  /** runs the delivery timers */
  readonly clock: Clock;
  /** [0, 1) for dropProbability; default Math.random */
  readonly random?: () => number;
}

const FIRST_EPHEMERAL_PORT = 49152;
const bindKey = (protocol: TransportProtocol, address: string, port: number): string => `${protocol}|${canonicalAddress(address)}|${port}`;

export class LoopbackNetwork {
  /** each message arrives this long after it was sent (0: on the clock's next advance) */
  delayMs = 0;
  /** chance that a message is dropped */
  dropProbability = 0;
  /** every send, in order */
  readonly sent: LoopbackRecord[] = [];
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #bound = new Map<string, LoopbackTransport>();
  #dropNext = 0;
  #nextPort = FIRST_EPHEMERAL_PORT;

  constructor(options: LoopbackNetworkOptions) {
    this.#clock = options.clock;
    this.#random = options.random ?? Math.random;
  }

  /** A transport of this network; it carries nothing until listen(). */
  transport(protocol: TransportProtocol, address: string, port = 0): LoopbackTransport {
    return new LoopbackTransport(this, protocol, { address: canonicalAddress(address), port });
  }

  /** Drops the next `n` messages sent, whatever dropProbability says. */
  dropNext(n: number): void {
    this.#dropNext += n;
  }

  /** Binds `transport` and returns where; undefined if that address and port are taken. Port 0 picks a free port. */
  bind(transport: LoopbackTransport, local: Endpoint): Endpoint | undefined {
    let port = local.port;
    while (port === 0) {
      const candidate = this.#nextPort++;
      if (!this.#bound.has(bindKey(transport.protocol, local.address, candidate))) port = candidate;
    }
    const key = bindKey(transport.protocol, local.address, port);
    if (this.#bound.has(key)) return undefined;
    this.#bound.set(key, transport);
    return { address: local.address, port };
  }

  unbind(transport: LoopbackTransport): void {
    this.#bound.delete(bindKey(transport.protocol, transport.local.address, transport.local.port));
  }

  /** Carries `data` from `sender` to `target`: records it, then drops or delivers it. */
  carry(sender: LoopbackTransport, data: Uint8Array, target: Target, onError?: SendErrorCallback): void {
    const receiver = this.#bound.get(bindKey(sender.protocol, target.host, target.port));
    const dropped = this.#dropNext > 0 || (this.dropProbability > 0 && this.#random() < this.dropProbability);
    if (this.#dropNext > 0) this.#dropNext--;
    const outcome = dropped ? 'dropped' : receiver === undefined ? 'unreachable' : 'sent';
    this.sent.push({ at: this.#clock.now(), protocol: sender.protocol, from: sender.local, target, data, outcome });
    if (outcome === 'unreachable' && sender.reliable) sender.fail(new ConnectFailed(`${target.host}:${target.port}: nothing listens there`), target, onError);
    if (dropped || receiver === undefined) return;
    const ends = [sender.local, receiver.local].map((e) => `${e.address}:${e.port}`).sort();
    const source: Source = {
      transport: sender.protocol,
      ...sender.local,
      ...(sender.reliable ? { connectionId: `loop-${sender.protocol}-${ends.join('-')}` } : {}),
      local: receiver.local,
    };
    this.#clock.setTimer(this.delayMs, () => {
      if (this.#bound.get(bindKey(sender.protocol, target.host, target.port)) === receiver) receiver.inject(data, source);
    });
  }
}

export class LoopbackTransport extends Emitter<TransportEvents> implements Transport {
  readonly protocol: TransportProtocol;
  readonly reliable: boolean;
  readonly #network: LoopbackNetwork;
  #local: Endpoint;

  constructor(network: LoopbackNetwork, protocol: TransportProtocol, local: Endpoint) {
    super();
    this.#network = network;
    this.protocol = protocol;
    this.reliable = protocol !== 'udp';
    this.#local = local;
  }

  get local(): Endpoint {
    return this.#local;
  }

  listen(): Promise<Endpoint> {
    const bound = this.#network.bind(this, this.#local);
    if (bound === undefined) return Promise.reject(new ListenFailed(`loopback ${this.protocol} ${this.#local.address}:${this.#local.port} is taken`));
    this.#local = bound;
    return Promise.resolve(bound);
  }

  send(message: Uint8Array | SipMessage, target: Target, onError?: SendErrorCallback): void {
    this.#network.carry(this, message instanceof Uint8Array ? message : serializeMessage(message), target, onError);
  }

  close(): Promise<void> {
    this.#network.unbind(this);
    return Promise.resolve();
  }

  /** Delivers `data` as if it had arrived from `source` (the network calls it; so may a test). */
  inject(data: Uint8Array, source: Source): void {
    this.emit('message', { data, source });
  }

  /** Reports a failed send (the network calls it). */
  fail(error: GwError, target: Target, onError?: SendErrorCallback): void {
    this.emit('error', { error, peer: { address: target.host, port: target.port } });
    onError?.(error);
  }
}
