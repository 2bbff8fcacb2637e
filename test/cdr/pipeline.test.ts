// The CDR pipeline end to end on real Redis: call events -> builder -> spool -> shipper -> bull
// -> worker -> Redis store, queried back. Then Redis stopped and started under a run of calls
// (zero loss, zero duplicates, appends never held up), and a second worker process.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fsSpoolStorage } from '../../src/app/cdr-spool-fs.js';
import { openCdrQueue, startCdrWorker, type RunningWorker } from '../../src/app/cdr-worker.js';
import { CdrBuilder } from '../../src/cdr/builder.js';
import { bullCdrQueue } from '../../src/cdr/bull-queue.js';
import type { CdrRecord } from '../../src/cdr/record.js';
import { RedisCdrStore } from '../../src/cdr/redis-store.js';
import { CdrShipper, type ShipperEvent } from '../../src/cdr/shipper.js';
import { listSegments } from '../../src/cdr/spool-reader.js';
import { Spool } from '../../src/cdr/spool.js';
import { systemClock } from '../../src/core/clock.js';
import { build, cleanRedis, endings, mixedRecords, OwnRedis, REDIS_URL, sipToPstn, tempDir, testPrefix } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const FAST = { stalledInterval: 1000, lockDuration: 2000 };

/** Spool, shipper and a reading store against `url`, all closed after the test. */
async function pipeline(url: string, prefix: string, batchSize = 100) {
  const dir = tempDir('pipeline');
  const storage = fsSpoolStorage(join(dir, 'cdr'));
  const spool = await Spool.open({ storage, clock: systemClock });
  const queue = openCdrQueue(url, prefix);
  queue.on('error', () => undefined); // Redis going away is part of some tests
  const events: ShipperEvent[] = [];
  const shipper = new CdrShipper({ storage, spool, queue: bullCdrQueue(queue), clock: systemClock, batchSize, pollMs: 50, retryMs: 200, timeoutMs: 2000, onEvent: (e) => events.push(e) });
  shipper.start();
  const redis = new Redis(url, { retryStrategy: (n) => Math.min(n * 100, 1000) });
  redis.on('error', () => undefined);
  const store = new RedisCdrStore({ redis, prefix, retentionMs: 3650 * 86_400_000, clock: systemClock });
  cleanups.push(async () => {
    await shipper.stop();
    await spool.close();
    await queue.close();
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
  const stored = () => redis.zcard(`${prefix}cdr:idx:time`);
  return { storage, spool, shipper, events, store, redis, stored };
}

function worker(url: string, prefix: string): RunningWorker {
  const w = startCdrWorker({ redis: url, prefix, retentionDays: 3650, concurrency: 2, settings: FAST }, () => undefined);
  cleanups.push(() => w.stop());
  return w;
}

/** Every record is stored exactly once: the time index and the hashes both hold exactly these ids. */
async function expectStoredOnce(redis: Redis, prefix: string, records: readonly CdrRecord[]): Promise<void> {
  const ids = records.map((r) => r.id).sort();
  expect(new Set(ids).size).toBe(ids.length);
  expect((await redis.zrange(`${prefix}cdr:idx:time`, 0, -1)).sort()).toEqual(ids);
  const hashes = await redis.keys(`${prefix}cdr:rec:*`);
  expect(hashes.map((k) => k.slice(`${prefix}cdr:rec:`.length)).sort()).toEqual(ids);
}

describe('CDR pipeline on Redis', () => {
  const prefix = testPrefix('pipeline');
  afterAll(() => cleanRedis(REDIS_URL, prefix));

  it('takes call events to stored, queryable CDRs, and empties the spool', async () => {
    const p = await pipeline(REDIS_URL, prefix);
    worker(REDIS_URL, prefix);
    const builder = new CdrBuilder({ node: 'gw-e2e' });
    const t0 = Date.now() - 3_600_000;
    const records: CdrRecord[] = [];
    for (const [i, end] of Object.values(endings).entries()) {
      const built = build(sipToPstn(t0 + i * 1000, end, { trunk: 'e2e' }), builder);
      await p.spool.append(built); // before anything else happens to them
      records.push(...built);
    }
    await vi.waitFor(async () => expect(await p.stored()).toBe(records.length), { timeout: 10_000, interval: 50 });
    expect(await p.store.query({ trunk: 'e2e' })).toEqual([...records].reverse());
    expect(await p.store.get(records[0]?.id ?? '')).toEqual(records[0]);
    expect((await p.store.query({ trunk: 'e2e', answered: true })).map((r) => r.disposition)).toEqual(['answered']);
    await p.spool.close();
    await vi.waitFor(async () => expect(await listSegments(p.storage)).toEqual([]), { timeout: 5000, interval: 50 });
    expect(p.events.filter((e) => e.type === 'error' || e.type === 'corrupt' || e.type === 'truncated')).toEqual([]);
  });

  it('serves the same queue from a second worker process', { timeout: 60_000 }, async () => {
    const cli = join(root, 'dist', 'app', 'cli.js');
    if (!existsSync(cli)) throw new Error('dist/app/cli.js missing: run `npm run build` (npm test does it first)');
    const p2 = testPrefix('two-workers');
    cleanups.push(() => cleanRedis(REDIS_URL, p2));
    const child = spawn(process.execPath, [join(root, 'bin', 'tandem.js'), 'cdr-worker', '--redis', REDIS_URL, '--prefix', p2, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(() => void child.kill('SIGKILL'));
    await vi.waitFor(() => expect(out).toContain('cdr-worker: storing CDRs'), { timeout: 10_000, interval: 50 });

    const p = await pipeline(REDIS_URL, p2, 50);
    const t0 = Date.now() - 3_600_000;
    const first = mixedRecords(200, t0);
    await p.spool.append(first);
    await vi.waitFor(async () => expect(await p.stored()).toBe(200), { timeout: 10_000, interval: 50 });

    const inProcess = worker(REDIS_URL, p2); // now two workers share the queue
    const second = mixedRecords(3000, t0 + 1_000_000);
    for (let i = 0; i < second.length; i += 100) await p.spool.append(second.slice(i, i + 100));
    await vi.waitFor(async () => expect(await p.stored()).toBe(3200), { timeout: 30_000, interval: 100 });
    child.kill('SIGTERM');
    await exited;
    const summary = /stopped after (\d+) jobs: (\d+) stored, (\d+) duplicates/.exec(out);
    expect(summary).not.toBeNull();
    const childStored = Number(summary?.[2]);
    expect(childStored).toBeGreaterThanOrEqual(200);
    expect(childStored + inProcess.totals.stored).toBe(3200);
    await expectStoredOnce(p.redis, p2, [...first, ...second]);
  });
});

describe('CDR pipeline with Redis stopped and started during a run of calls', () => {
  it('loses nothing, stores nothing twice, and never holds up an append', { timeout: 90_000 }, async () => {
    const own = await OwnRedis.start();
    cleanups.push(async () => {
      await own.stop('SIGKILL');
      rmSync(own.dir, { recursive: true, force: true });
    });
    const prefix = testPrefix('restart');
    const p = await pipeline(own.url, prefix, 20);
    worker(own.url, prefix);
    const t0 = Date.now() - 3_600_000;
    const all = mixedRecords(1500, t0);
    let slowest = 0;
    let i = 0;
    /** Calls ending at about 400 per second, for `ms`. */
    const calls = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end && i < all.length) {
        const batch = all.slice(i, i + 10);
        i += batch.length;
        const start = performance.now();
        await p.spool.append(batch);
        slowest = Math.max(slowest, performance.now() - start);
        await new Promise((r) => setTimeout(r, 25));
      }
    };

    await calls(500);
    await own.stop('SIGTERM');
    await calls(1500); // Redis down: calls go on, records stay spooled
    await own.start();
    await calls(500);
    await own.stop('SIGKILL'); // no shutdown: only the append-only file survives
    await calls(1000);
    await own.start();
    await calls(500);
    const spooled = all.slice(0, i);
    expect(spooled.length).toBeGreaterThan(500);
    expect(slowest).toBeLessThan(500);
    await vi.waitFor(async () => expect(await p.stored()).toBe(spooled.length), { timeout: 60_000, interval: 200 });
    await expectStoredOnce(p.redis, prefix, spooled);
    expect(p.events.some((e) => e.type === 'error')).toBe(true); // it did notice Redis was gone
  });
});
