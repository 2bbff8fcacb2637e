// Shared by the CDR tests: call scenarios as event sequences, the Redis the test run provides
// (own key prefix, cleaned up after), and a redis-server of a test's own that it can stop and start.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { redisPing } from '../../scripts/lib/preflight.mjs';
import { CdrBuilder } from '../../src/cdr/builder.js';
import type { CallEvent } from '../../src/cdr/events.js';
import type { CdrRecord } from '../../src/cdr/record.js';
import { freePort } from '../support/free-port.js';

/** The Redis of the test run (scripts/test.mjs starts a throwaway one when none answers). */
export const REDIS_URL = process.env.TANDEM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses. */
export const testPrefix = (name: string) => `tandem-test:${name}:${randomUUID().slice(0, 8)}:`;

/** Deletes every key under `prefix`. */
export async function cleanRedis(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `tandem-${name}-`));

/** A redis-server child with an append-only file synced on every write, so a stop loses nothing. */
export class OwnRedis {
  readonly url: string;
  #child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort(), tempDir('redis'));
    await r.start();
    return r;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
    this.#child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await redisPing(this.url, 200)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on port ${this.port} did not answer`);
  }

  /** Stops the server (SIGKILL: no shutdown, the append-only file is all that is left). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null) return;
    await new Promise((resolve) => child.once('exit', resolve).kill(signal));
  }
}

let seq = 0;
/** Call keys and times unique within the test file. */
const nextKey = () => `call-${++seq}`;

/** A SIP call to the PSTN through trunk group `trunk`, ended by `end` (the last events). */
export function sipToPstn(t0: number, end: (key: string, t: number) => CallEvent[], o: { trunk?: string; calling?: string; called?: string } = {}): CallEvent[] {
  const callKey = nextKey();
  const called = o.called ?? '0612345678';
  return [
    { type: 'attemptStarted', callKey, at: t0, direction: 'sipToPstn', callId: `${callKey}@pbx`, sipPeer: 'pbx', calling: o.calling ?? '+33123456789', called, presentation: 'allowed', profile: 'sipi' },
    { type: 'routed', callKey, at: t0 + 2, route: 'national', trunkGroup: o.trunk ?? 'sim-e1' },
    { type: 'circuitSeized', callKey, at: t0 + 3, trunkGroup: o.trunk ?? 'sim-e1', circuit: { span: 1, channel: 5, cic: 5 } },
    { type: 'setupSent', callKey, at: t0 + 4, calling: '0123456789', called },
    ...end(callKey, t0),
  ];
}

/** The endings of the attempt kinds, from the first backward message on. */
export const endings = {
  answered: (callKey: string, t: number): CallEvent[] => [
    { type: 'backwardMessage', callKey, at: t + 100, message: 'ACM' },
    { type: 'alerting', callKey, at: t + 100 },
    { type: 'media', callKey, at: t + 150, codec: 'PCMA' },
    { type: 'answered', callKey, at: t + 3000 },
    { type: 'released', callKey, at: t + 63_000, side: 'sip', cause: 16, causeLocation: 0, sipStatus: 200, reason: 'Q.850;cause=16' },
  ],
  busy: (callKey: string, t: number): CallEvent[] => [
    { type: 'released', callKey, at: t + 80, side: 'pstn', cause: 17, causeLocation: 4, sipStatus: 486, reason: 'Q.850;cause=17;text="User busy"' },
  ],
  failed: (callKey: string, t: number): CallEvent[] => [
    { type: 'backwardMessage', callKey, at: t + 90, message: 'ACM' },
    { type: 'released', callKey, at: t + 200, side: 'pstn', cause: 1, causeLocation: 4, sipStatus: 404 },
  ],
  cancelled: (callKey: string, t: number): CallEvent[] => [
    { type: 'alerting', callKey, at: t + 120 },
    { type: 'released', callKey, at: t + 8000, side: 'sip', cause: 16, causeLocation: 1, sipStatus: 487 },
  ],
  timedOut: (callKey: string, t: number): CallEvent[] => [
    { type: 'released', callKey, at: t + 20_004, side: 'gateway', timer: 'T7', cause: 102, causeLocation: 1, sipStatus: 408 },
  ],
} as const;

/** Refused before any setup: only attemptStarted and the refusal. */
export function refused(t0: number, by: 'acl' | 'auth' | 'cac', cause: number, sipStatus: number): CallEvent[] {
  const callKey = nextKey();
  return [
    { type: 'attemptStarted', callKey, at: t0, direction: 'sipToPstn', callId: `${callKey}@pbx`, sipPeer: 'pbx', calling: '+33123456789', called: '0612345678' },
    { type: 'refused', callKey, at: t0 + 1, by, cause, causeLocation: 1, sipStatus },
  ];
}

/** Runs events through one builder; returns the records in order. */
export function build(events: readonly CallEvent[], builder = new CdrBuilder({ node: 'gw-test' })): CdrRecord[] {
  return events.flatMap((e) => {
    const r = builder.handle(e);
    if (!r.ok) throw r.error;
    return [...r.value];
  });
}

/** `n` finished calls of mixed kinds, starting at `t0`, one per second. */
export function mixedRecords(n: number, t0: number, builder = new CdrBuilder({ node: 'gw-test' })): CdrRecord[] {
  const kinds = Object.values(endings);
  const out: CdrRecord[] = [];
  for (let i = 0; i < n; i++) {
    const trunk = i % 3 === 0 ? 'sim-t1' : 'sim-e1';
    out.push(...build(sipToPstn(t0 + i * 1000, kinds[i % kinds.length] as (k: string, t: number) => CallEvent[], { trunk, called: `06000${String(i % 7)}` }), builder));
  }
  return out;
}
