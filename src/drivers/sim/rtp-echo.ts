// The one place the simulated exchange touches the network: one UDP socket per factory that sends
// every RTP packet (RFC 3550) of a payload type some open session negotiated back to its sender.
// Every session of the factory is answered with the same address and port: a simulated exchange
// needs no port per call, and a socket per held call cost about 3 KB of memory (heap and native)
// and a bind per call. The socket is bound by the first session and kept, unref'd so it never
// keeps the process alive, while no session is open; with no session open it drops everything.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isRtpOf, type RtpEcho, type RtpEchoFactory } from './media.js';

/** The factory's socket and how many open sessions negotiated each payload type (0 to 127). */
class SharedEcho {
  readonly address: string;
  readonly #type: 'udp4' | 'udp6';
  #socket: Socket | undefined;
  #bound: Promise<void> | undefined;
  #port = 0;
  #sessions = 0;
  readonly #perType = new Uint32Array(128);

  constructor(address: string) {
    this.address = address;
    this.#type = address.includes(':') ? 'udp6' : 'udp4';
  }

  get port(): number {
    return this.#port;
  }

  get sessions(): number {
    return this.#sessions;
  }

  async open(payloadType: number): Promise<RtpEcho> {
    // a loop: closeIdle() may close a socket between its bind and this session's turn
    while (this.#socket === undefined) await (this.#bound ??= this.#bind());
    if (this.#sessions++ === 0) this.#socket.ref();
    const pt = payloadType & 0x7f;
    this.#perType[pt] = (this.#perType[pt] as number) + 1;
    return new Lease(this, pt, this.#port);
  }

  release(payloadType: number): void {
    this.#perType[payloadType] = (this.#perType[payloadType] as number) - 1;
    if (--this.#sessions === 0) this.#socket?.unref();
  }

  /** Closes the socket when no session is open; the next session binds a new one. */
  closeIdle(): void {
    if (this.#sessions > 0 || this.#socket === undefined) return;
    this.#socket.close();
    this.#socket = undefined;
    this.#bound = undefined;
  }

  #bind(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = createSocket(this.#type);
      const failed = (e: Error): void => {
        this.#bound = undefined;
        socket.close();
        reject(e);
      };
      socket.once('error', failed);
      socket.bind(0, this.address, () => {
        socket.off('error', failed);
        // a send to a vanished peer must not crash the process
        socket.on('error', () => undefined);
        socket.on('message', (packet: Buffer, from: RemoteInfo) => this.#echo(socket, packet, from));
        socket.unref();
        this.#port = socket.address().port;
        this.#socket = socket;
        resolve();
      });
    });
  }

  #echo(socket: Socket, packet: Buffer, from: RemoteInfo): void {
    const pt = (packet[1] ?? 0) & 0x7f;
    if ((this.#perType[pt] as number) > 0 && isRtpOf(packet, pt)) socket.send(packet, from.port, from.address);
  }
}

/** One session's use of the shared socket; closing it twice is harmless. */
class Lease implements RtpEcho {
  readonly #echo: SharedEcho;
  /** the session's payload type, -1 once closed */
  #payloadType: number;
  /** the port the session was answered with (the socket it opened on) */
  readonly port: number;

  constructor(echo: SharedEcho, payloadType: number, port: number) {
    this.#echo = echo;
    this.#payloadType = payloadType;
    this.port = port;
  }

  get address(): string {
    return this.#echo.address;
  }

  close(): void {
    if (this.#payloadType < 0) return;
    this.#echo.release(this.#payloadType);
    this.#payloadType = -1;
  }
}

export interface UdpRtpEchoFactory extends RtpEchoFactory {
  /** Sessions open now. */
  sessions(): number;
  /** Closes the socket if no session is open (a later session binds a new one, on another port). */
  closeIdle(): void;
}

/** Echo sessions on one socket bound to `address`, on a port the system picks when the first session opens. */
export function udpRtpEcho(address = '127.0.0.1'): UdpRtpEchoFactory {
  const echo = new SharedEcho(address);
  return {
    open: (payloadType) => echo.open(payloadType),
    sessions: () => echo.sessions,
    closeIdle: () => echo.closeIdle(),
  };
}
