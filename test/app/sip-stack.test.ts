// The SIP stack's close() (shutdown): the UA closes before the transports, so the transactions
// still running (here an INVITE's Timer A retransmissions) send nothing on the closed sockets and
// no send failure ("Not running") is logged.
import { createSocket, type Socket } from 'node:dgram';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { PeerAccess } from '../../src/app/peer-access.js';
import { startSipStack } from '../../src/app/sip-stack.js';
import { validateConfig } from '../../src/config/index.js';
import { FakeClock } from '../../src/core/clock.js';

const CONFIG = [
  { path: 'g.yaml', text: 'gateway:\n  nodeId: gw1\n  sip: { listen: { udp: [127.0.0.1:5060] } }\n  cdr: { spoolDir: cdr }\n' },
  { path: 'p.yaml', text: 'peers:\n  pbx: { address: 127.0.0.1, acl: [127.0.0.1/32] }\n' },
];

const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** A UDP peer on 127.0.0.1 that never answers; counts the datagrams it gets. */
async function silentPeer(): Promise<{ port: number; received: () => number }> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  let n = 0;
  socket.on('message', () => n++);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, received: () => n };
}

/** Lets the sockets' I/O run (datagrams on loopback, send callbacks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function setup() {
  const result = validateConfig(CONFIG);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const clock = new FakeClock(1_000_000);
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const gateway = { ...result.config.gateway, sip: { ...result.config.gateway.sip, listen: { udp: [{ host: '127.0.0.1', port: 0 }], tcp: [], tls: [] } } };
  const stack = await startSipStack({
    gateway,
    clock,
    log,
    access: new PeerAccess({ peers: result.config.peers, clock }),
    onCallEvent: () => undefined,
    monotonic: () => 0,
    retryAfterSeconds: 30,
  });
  const peer = await silentPeer();
  const placed = stack.ua.invite(`sip:2000@127.0.0.1:${peer.port}`, { from: 'sip:gw@127.0.0.1', sdp: 'v=0\r\n' });
  if (!placed.ok) throw placed.error;
  await settle();
  return { clock, lines, stack, peer };
}

describe('SIP stack close()', () => {
  it('before close, the INVITE is retransmitted as the clock advances (the control)', async () => {
    const { clock, stack, peer } = await setup();
    expect(peer.received()).toBe(1);
    clock.advance(1500); // Timer A: 500 ms, then 1 s
    await settle();
    expect(peer.received()).toBe(3);
    await stack.close();
  });

  it('after close, nothing is sent and no send failure is logged when the clock advances', async () => {
    const { clock, lines, stack, peer } = await setup();
    expect(stack.ua.transactionCount).toBe(1);
    await stack.close();
    expect(stack.ua.transactionCount).toBe(0);
    clock.advance(64 * 500);
    await settle();
    expect(peer.received()).toBe(1);
    expect(lines.filter((l) => l.level === 40 || /not running/i.test(String(l.msg)))).toEqual([]);
  });
});

describe('SIP stack: discarded messages in the log', () => {
  it('logs the first 10 discarded messages of a source one by one, then one summary of the rest (at close here)', async () => {
    const { lines, stack } = await setup();
    const port = stack.listening[0]?.port ?? 0;
    const attacker = createSocket('udp4');
    sockets.push(attacker);
    await new Promise<void>((resolve) => attacker.bind(0, '127.0.0.1', resolve));
    for (let i = 0; i < 15; i++) attacker.send(Buffer.from(`NOT SIP ${i}\r\n\r\n`), port, '127.0.0.1');
    for (let i = 0; i < 50 && lines.filter((l) => String(l.msg).startsWith('discarded:')).length < 10; i++) await settle();
    await settle();
    const oneByOne = lines.filter((l) => String(l.msg).startsWith('discarded:'));
    expect(oneByOne).toHaveLength(10);
    expect(oneByOne[0]?.source).toBe(`udp 127.0.0.1:${attacker.address().port}`);
    await stack.close();
    expect(lines.filter((l) => l.msg === 'messages discarded, not logged one by one')).toMatchObject([{ source: '127.0.0.1', count: 5 }]);
  });
});
