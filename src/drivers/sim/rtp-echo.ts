// The one place the simulated exchange touches the network: a UDP socket per media session that
// sends every RTP packet of the negotiated G.711 payload type back to its sender (RFC 3550).
import { createSocket } from 'node:dgram';
import { isRtpOf, type RtpEcho, type RtpEchoFactory } from './media.js';

/** Echo sockets bound to `address` on a port the system picks. */
export function udpRtpEcho(address = '127.0.0.1'): RtpEchoFactory {
  return {
    open: (payloadType) =>
      new Promise<RtpEcho>((resolve, reject) => {
        const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
        socket.on('message', (packet, from) => {
          if (isRtpOf(packet, payloadType)) socket.send(packet, from.port, from.address);
        });
        socket.once('error', reject);
        socket.bind(0, address, () => {
          socket.off('error', reject);
          // a send to a vanished peer must not crash the process
          socket.on('error', () => undefined);
          let open = true;
          const close = (): void => {
            if (open) socket.close();
            open = false;
          };
          resolve({ address, port: socket.address().port, close });
        });
      }),
  };
}
