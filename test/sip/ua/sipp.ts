// SIPp (Debian sip-tester, /usr/bin/sipp) against a Tandem UA on real UDP over 127.0.0.1: free
// ports, a UA on a UdpTransport through the TransportLayer, running SIPp to completion with a
// global timeout, and its statistics file (successful and failed calls).
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock, type TimerHandle } from '../../../src/core/clock.js';
import { START, type FsmLogRecord } from '../../../src/core/fsm.js';
import { TcpTransport, TransportLayer, UdpTransport } from '../../../src/sip/transport/index.js';
import { TransportBinding, UserAgent, type UserAgentOptions } from '../../../src/sip/ua/index.js';

export const SIPP = '/usr/bin/sipp';
const SCENARIOS = fileURLToPath(new URL('./scenarios/', import.meta.url));

/** A UDP port free on 127.0.0.1 right now. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** True once something listens on UDP 127.0.0.1:`port` (Linux /proc/net/udp). */
function udpBound(port: number): boolean {
  const hex = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8').includes(` ${hex} `);
}

/** Waits (at most `ms`) until SIPp listens on `port`. */
export async function waitForUdpPort(port: number, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (udpBound(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`nothing listens on UDP 127.0.0.1:${port} after ${ms} ms`);
}

export interface Gateway {
  readonly ua: UserAgent;
  readonly port: number;
  /** messages this UA sent again, or received again and absorbed: proof that something was lost */
  retransmissions(): number;
  close(): Promise<void>;
}

/** A transition that is a retransmission sent (timer A, E, G, reliable 1xx) or one received and absorbed. */
function isRetransmission(r: FsmLogRecord): boolean {
  if (['timerA', 'timerE', 'timerG', 'timerRetransmit'].includes(r.event)) return true;
  if (r.fsm === 'ist') return r.event === 'INVITE' && r.from !== START;
  if (r.fsm === 'nist') return r.event === 'request';
  return (r.fsm === 'ict' && r.from === 'Accepted') || ((r.fsm === 'ict' || r.fsm === 'nict') && r.from === 'Completed');
}

/** The wall clock, with a way to cancel every timer still pending (so nothing sends after close). */
function stoppableClock(): { readonly clock: Clock; stop(): void } {
  const pending = new Set<TimerHandle>();
  let stopped = false;
  const clock: Clock = {
    now: () => systemClock.now(),
    setTimer(ms, callback) {
      if (stopped) return { cancel: () => undefined };
      const handle: TimerHandle = systemClock.setTimer(ms, () => {
        pending.delete(handle);
        callback();
      });
      pending.add(handle);
      return { cancel: () => (handle.cancel(), pending.delete(handle)) };
    },
  };
  return {
    clock,
    stop: () => {
      stopped = true;
      for (const handle of pending) handle.cancel();
      pending.clear();
    },
  };
}

/** A Tandem UA on UDP (or TCP) 127.0.0.1, a free port, on the wall clock. */
export async function gateway(options: Partial<UserAgentOptions> = {}, protocol: 'UDP' | 'TCP' = 'UDP'): Promise<Gateway> {
  const time = stoppableClock();
  const transport = protocol === 'UDP' ? new UdpTransport({ host: '127.0.0.1', port: 0 }) : new TcpTransport({ host: '127.0.0.1', port: 0, clock: time.clock });
  const layer = new TransportLayer();
  layer.register(transport);
  const { port } = await transport.listen();
  const binding = new TransportBinding(layer);
  let retransmissions = 0;
  const log = (record: FsmLogRecord): void => {
    if (isRetransmission(record)) retransmissions++;
  };
  const ua = new UserAgent({ clock: time.clock, send: binding.send, local: { transport: protocol, host: '127.0.0.1', port }, log, ...options });
  const detach = binding.attach(ua);
  return {
    ua,
    port,
    retransmissions: () => retransmissions,
    close: async () => {
      time.stop();
      detach();
      await layer.close();
    },
  };
}

export interface SippRun {
  /** 0: every call succeeded; 1: at least one failed; others: SIPp could not run */
  readonly code: number | null;
  readonly successful: number;
  readonly failed: number;
  /** the tail of SIPp's output and its error log, for failure messages */
  readonly diagnostics: string;
}

/** The last value of `column` in SIPp's ';'-separated statistics file. */
function statistic(csv: string, column: string): number {
  const lines = csv.trim().split('\n');
  const header = (lines[0] ?? '').split(';');
  const last = (lines[lines.length - 1] ?? '').split(';');
  const at = header.indexOf(column);
  return at < 0 ? NaN : Number(last[at]);
}

/**
 * Runs SIPp with `scenario` (a file of scenarios/) and `args` until it exits: at most `timeoutS`
 * seconds (-timeout, a failure), always -nostdin, with statistics and errors traced.
 */
export function sipp(scenario: string, args: readonly string[], timeoutS = 30): Promise<SippRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-sipp-'));
  const stats = join(dir, 'stats.csv');
  const all = [
    ...args,
    '-sf',
    join(SCENARIOS, scenario),
    '-timeout',
    `${timeoutS}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_stat',
    '-stf',
    stats,
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    join(dir, 'errors.log'),
  ];
  return new Promise((resolve) => {
    const child = spawn(SIPP, all, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString('latin1')).slice(-4000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('latin1')).slice(-4000)));
    child.on('close', (code) => {
      const read = (name: string): string => (readdirSync(dir).includes(name) ? readFileSync(join(dir, name), 'latin1') : '');
      const csv = read('stats.csv');
      resolve({
        code,
        successful: statistic(csv, 'SuccessfulCall(C)'),
        failed: statistic(csv, 'FailedCall(C)'),
        diagnostics: `sipp ${all.join(' ')}\n${output.slice(-2000)}\n${read('errors.log').slice(-4000)}`,
      });
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
