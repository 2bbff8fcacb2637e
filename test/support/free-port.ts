// Ports for test peers (SIPp, Redis, Tandem's own listeners) that nothing holds a moment ago.
//
// Drawn at random below Linux's ephemeral range (net.ipv4.ip_local_port_range, 32768-60999 by
// default), not with listen(0): a port from listen(0) is an ephemeral one, which any socket
// bound to port 0 in a parallel test file (a Tandem's sockets, a client's local port) may take
// between the check and the peer's own bind. Below that range only another free-port draw can
// take it, and the draw checks that the port binds on TCP and UDP.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const LOW = 20000;
const HIGH = 32767;

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** A port free on 127.0.0.1 for TCP and UDP a moment ago, below the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if ((await tcpFree(port)) && (await udpFree(port))) return port;
  }
  throw new Error(`no free port in ${LOW}-${HIGH} after 200 draws`);
}
