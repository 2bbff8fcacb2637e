// The one place the simulated exchange touches the network: UDP sockets that send every RTP
// packet of a session's negotiated G.711 payload type back to its sender (RFC 3550).
// A socket is bound once and reused: a closed session's socket goes to a pool of idle sockets
// (up to `keepIdle`, unref'd so they never keep the process alive) and the next session takes
// it, because binding and closing a socket per call cost more CPU than the rest of the sim's
// share of a call. An idle socket drops whatever reaches it.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isRtpOf, type RtpEcho, type RtpEchoFactory } from './media.js';

/** How many idle echo sockets a factory keeps by default. */
export const DEFAULT_KEEP_IDLE = 256;

/** A pooled echo socket: `payloadType` is the current session's, or -1 while the socket is idle. */
interface Slot {
  readonly socket: Socket;
  readonly port: number;
  payloadType: number;
}

/** One session's use of a slot; closing it twice, or after the slot went to another session, is harmless. */
class Lease implements RtpEcho {
  #slot: Slot | undefined;

  constructor(
    readonly address: string,
    slot: Slot,
    private readonly release: (slot: Slot) => void,
  ) {
    this.#slot = slot;
  }

  get port(): number {
    return (this.#slot as Slot).port;
  }

  close(): void {
    const slot = this.#slot;
    if (slot === undefined) return;
    this.#slot = undefined;
    this.release(slot);
  }
}

export interface UdpRtpEchoFactory extends RtpEchoFactory {
  /** Idle sockets now in the pool. */
  idle(): number;
  /** Closes the idle sockets (sessions still open keep theirs, closed when their session closes). */
  closeIdle(): void;
}

/** Echo sockets bound to `address` on ports the system picks, at most `keepIdle` of them kept for reuse. */
export function udpRtpEcho(address = '127.0.0.1', keepIdle = DEFAULT_KEEP_IDLE): UdpRtpEchoFactory {
  const type = address.includes(':') ? 'udp6' : 'udp4';
  const idle: Slot[] = [];

  const release = (slot: Slot): void => {
    slot.payloadType = -1;
    if (idle.length < keepIdle) {
      slot.socket.unref();
      idle.push(slot);
    } else {
      slot.socket.close();
    }
  };

  const bind = (): Promise<Slot> =>
    new Promise<Slot>((resolve, reject) => {
      const socket = createSocket(type);
      socket.once('error', reject);
      socket.bind(0, address, () => {
        socket.off('error', reject);
        // a send to a vanished peer must not crash the process
        socket.on('error', () => undefined);
        const slot: Slot = { socket, port: socket.address().port, payloadType: -1 };
        socket.on('message', (packet: Buffer, from: RemoteInfo) => {
          if (slot.payloadType >= 0 && isRtpOf(packet, slot.payloadType)) socket.send(packet, from.port, from.address);
        });
        resolve(slot);
      });
    });

  return {
    open: async (payloadType) => {
      let slot = idle.pop();
      if (slot === undefined) slot = await bind();
      else slot.socket.ref();
      slot.payloadType = payloadType;
      return new Lease(address, slot, release);
    },
    idle: () => idle.length,
    closeIdle: () => {
      for (const slot of idle.splice(0)) slot.socket.close();
    },
  };
}
