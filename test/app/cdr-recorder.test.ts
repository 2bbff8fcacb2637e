// The CDRs of `tandem start` with gateway.cdr.redis set (src/app/cdr-recorder.ts), on real Redis:
// call events are spooled, shipped and stored by the in-process worker exactly once; with Redis
// down at start the calls' records stay spooled, one warning is logged, and they are stored once
// Redis answers; with `worker: false` they wait in the queue for a `tandem cdr-worker`.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCdrRecorder, type CdrRecorder } from '../../src/app/cdr-recorder.js';
import { fsSpoolStorage } from '../../src/app/cdr-spool-fs.js';
import { startCdrWorker } from '../../src/app/cdr-worker.js';
import type { CallEvent } from '../../src/cdr/events.js';
import { listSegments } from '../../src/cdr/spool-reader.js';
import type { CdrConfig } from '../../src/config/index.js';
import { cleanRedis, endings, OwnRedis, REDIS_URL, sipToPstn, tempDir, testPrefix } from '../cdr/helpers.js';

interface Line {
  level: number;
  msg: string;
  code?: string;
}

function capture(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
  return { log, lines };
}

const FAST = { stalledInterval: 1000, lockDuration: 2000 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const prefixes: [string, string][] = [];
afterAll(async () => {
  for (const [url, p] of prefixes) await cleanRedis(url, p);
});

/** The spool in a fresh directory and a fresh key prefix (cleaned up after, on the shared Redis). */
function cdrConfig(url: string, name: string, worker = true, more: Partial<CdrConfig['redis']> = {}): CdrConfig {
  const dir = tempDir(`recorder-${name}`);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const keyPrefix = testPrefix(`recorder-${name}`);
  if (url === REDIS_URL) prefixes.push([url, keyPrefix]);
  return {
    spoolDir: join(dir, 'cdr'),
    fsync: 'always',
    fsyncIntervalMs: 1000,
    maxSegmentBytes: 16 << 20,
    maxSegmentAgeMs: 300_000,
    redis: { url, keyPrefix, worker, workerConcurrency: 2, retentionDays: 3650, ...more },
  };
}

async function open(cdr: CdrConfig, log: Logger): Promise<CdrRecorder> {
  const recorder = await openCdrRecorder({ cdr, node: 'gw-test', log, workerSettings: FAST });
  let closed = false;
  cleanups.push(() => (closed ? undefined : recorder.close()));
  return {
    ...recorder,
    close: async (ms) => {
      closed = true;
      await recorder.close(ms);
    },
  };
}

/** `n` answered and busy calls' events, and their called numbers. */
function calls(n: number, tag: string): { events: CallEvent[]; called: string[] } {
  const t0 = Date.now() - 60_000;
  const called = Array.from({ length: n }, (_, i) => `0${tag}${String(i).padStart(4, '0')}`);
  return { events: called.flatMap((c, i) => sipToPstn(t0 + i, i % 2 === 0 ? endings.answered : endings.busy, { called: c })), called };
}

async function until<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The ids in the time index and in the record hashes under `prefix`, sorted. */
async function storedIds(url: string, prefix: string): Promise<{ indexed: string[]; hashes: string[] }> {
  const redis = new Redis(url);
  try {
    const indexed = (await redis.zrange(`${prefix}cdr:idx:time`, 0, -1)).sort();
    const hashes = (await redis.keys(`${prefix}cdr:rec:*`)).map((k) => k.slice(`${prefix}cdr:rec:`.length)).sort();
    return { indexed, hashes };
  } finally {
    redis.disconnect();
  }
}

describe('tandem start CDRs with gateway.cdr.redis', () => {
  it('stores every record in Redis exactly once, reads it back through its store, and leaves the spool empty on close', async () => {
    const cdr = cdrConfig(REDIS_URL, 'up');
    const { log, lines } = capture();
    const recorder = await open(cdr, log);
    const { events, called } = calls(6, '61');
    for (const e of events) recorder.onCallEvent(e);
    const found = await until('6 records in Redis', 15_000, async () => {
      const rows = await recorder.store.query({ limit: 100 });
      return rows.length === 6 ? rows : undefined;
    });
    expect(found.map((r) => r.calledIn).sort()).toEqual(called);
    expect(found.map((r) => r.disposition).sort()).toEqual(['answered', 'answered', 'answered', 'busy', 'busy', 'busy']);
    const prefix = cdr.redis?.keyPrefix ?? '';
    const ids = found.map((r) => r.id).sort();
    expect(await storedIds(REDIS_URL, prefix)).toEqual({ indexed: ids, hashes: ids });
    expect(await recorder.store.get(ids[0] ?? '')).toMatchObject({ id: ids[0], node: 'gw-test' });
    await recorder.close();
    expect(await listSegments(fsSpoolStorage(cdr.spoolDir))).toEqual([]);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  }, 30_000);

  it('with Redis down at start: calls are spooled, one warning, and stored once when Redis answers', async () => {
    const own = await OwnRedis.start();
    cleanups.push(() => rmSync(own.dir, { recursive: true, force: true }));
    cleanups.push(() => own.stop());
    await own.stop();
    const cdr = cdrConfig(own.url, 'down');
    const { log, lines } = capture();
    const recorder = await open(cdr, log);
    const { events, called } = calls(4, '62');
    for (const e of events) recorder.onCallEvent(e);
    const cannotShip = () => lines.filter((l) => l.level === 40 && l.msg.startsWith('cdr: cannot ship to Redis'));
    await until('the warning', 15_000, () => Promise.resolve(cannotShip().length > 0 ? true : undefined));
    // several more attempts fail meanwhile (retry every second, 5 s add timeout), still one line
    await new Promise((r) => setTimeout(r, 7000));
    expect(cannotShip()).toHaveLength(1);
    expect(cannotShip()[0]?.code).toBe('GW_ERR_CDR_SHIP_FAILED');
    expect(lines.filter((l) => l.level === 40 && l.msg.startsWith('cdr-worker:')).length).toBeLessThanOrEqual(1);
    const spooled = await listSegments(fsSpoolStorage(cdr.spoolDir));
    expect(spooled).toHaveLength(1);

    await own.start();
    const prefix = cdr.redis?.keyPrefix ?? '';
    const stored = await until('4 records in Redis', 25_000, async () => {
      const s = await storedIds(own.url, prefix);
      return s.indexed.length >= 4 ? s : undefined;
    });
    const rows = await recorder.store.query({});
    expect(rows.map((r) => r.calledIn).sort()).toEqual(called);
    expect(stored.indexed).toEqual(rows.map((r) => r.id).sort());
    expect(stored.hashes).toEqual(stored.indexed);
    expect(lines.some((l) => l.level === 30 && l.msg.startsWith('cdr: shipping to Redis at') && l.msg.endsWith('again'))).toBe(true);
    await recorder.close();
    expect(await listSegments(fsSpoolStorage(cdr.spoolDir))).toEqual([]);
  }, 60_000);

  it('with worker: false the records wait in the queue until a tandem cdr-worker stores them', async () => {
    const cdr = cdrConfig(REDIS_URL, 'noworker', false);
    const prefix = cdr.redis?.keyPrefix ?? '';
    const { log, lines } = capture();
    const recorder = await open(cdr, log);
    const { events } = calls(3, '63');
    for (const e of events) recorder.onCallEvent(e);
    await until('the spool shipped', 10_000, () => Promise.resolve(lines.some((l) => l.msg === 'cdr shipped') ? true : undefined));
    expect((await storedIds(REDIS_URL, prefix)).indexed).toEqual([]);
    await recorder.close();
    const worker = startCdrWorker({ redis: REDIS_URL, prefix, retentionDays: 3650, concurrency: 1, settings: FAST }, () => undefined);
    cleanups.push(() => worker.stop());
    const stored = await until('3 records stored by the worker', 15_000, async () => {
      const s = await storedIds(REDIS_URL, prefix);
      return s.indexed.length >= 3 ? s : undefined;
    });
    expect(stored.indexed).toHaveLength(3);
    expect(stored.hashes).toEqual(stored.indexed);
  }, 30_000);
});

describe('gateway.cdr settings applied by tandem start', () => {
  it('rotates the spool at maxSegmentBytes, and without Redis reads it back as the store', async () => {
    const dir = tempDir('recorder-rotate');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const cdr: CdrConfig = { spoolDir: join(dir, 'cdr'), fsync: 'interval', fsyncIntervalMs: 50, maxSegmentBytes: 4096, maxSegmentAgeMs: 300_000 };
    const { log } = capture();
    const recorder = await open(cdr, log);
    const { events, called } = calls(30, '64');
    for (const e of events) {
      recorder.onCallEvent(e);
      // one write per call (appends made during a write are grouped into the next one)
      if (e.type === 'released') await new Promise((r) => setTimeout(r, 10));
    }
    await recorder.close();
    const segments = await listSegments(fsSpoolStorage(cdr.spoolDir));
    const sizes = segments.map((name) => statSync(join(cdr.spoolDir, name)).size);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4096);
    expect(segments.length).toBeGreaterThanOrEqual(Math.ceil(sizes.reduce((a, b) => a + b, 0) / 4096));
    expect(segments.length).toBeGreaterThan(1);
    const rows = await recorder.store.query({});
    expect(rows.map((r) => r.calledIn).sort()).toEqual(called);
  });

  it('the in-process worker applies redis.retentionDays: an older record is not stored', async () => {
    const cdr = cdrConfig(REDIS_URL, 'retention', true, { retentionDays: 1, workerConcurrency: 1 });
    const { log } = capture();
    const recorder = await open(cdr, log);
    const old = sipToPstn(Date.now() - 2 * 86_400_000, endings.busy, { called: '0650000001' });
    const fresh = sipToPstn(Date.now() - 60_000, endings.busy, { called: '0650000002' });
    for (const e of old) recorder.onCallEvent(e);
    await new Promise((r) => setTimeout(r, 300)); // shipped first: one worker takes jobs in order
    for (const e of fresh) recorder.onCallEvent(e);
    const rows = await until('the fresh record', 15_000, async () => {
      const found = await recorder.store.query({});
      return found.length > 0 ? found : undefined;
    });
    expect(rows.map((r) => r.calledIn)).toEqual(['0650000002']);
    await recorder.close();
    expect((await storedIds(REDIS_URL, cdr.redis?.keyPrefix ?? '')).indexed).toHaveLength(1);
  }, 30_000);
});
