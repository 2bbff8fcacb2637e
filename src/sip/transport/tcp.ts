// SIP over TCP (RFC 3261 §18.3): the stream transport on plain node:net sockets.
import { connect, createServer } from 'node:net';
import { StreamTransport, type Dialed, type StreamTransportOptions } from './stream-transport.js';
import { DEFAULT_PORTS, type Target } from './types.js';

export class TcpTransport extends StreamTransport {
  readonly protocol = 'tcp';

  constructor(options: StreamTransportOptions) {
    super(options, createServer(), DEFAULT_PORTS.tcp, 'connection');
  }

  protected dial(target: Target): Dialed {
    return { socket: connect({ host: target.host, port: target.port }), readyEvent: 'connect' };
  }
}
