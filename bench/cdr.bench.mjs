// CDR pipeline throughput: records built from call events go through the spool (fsync
// 'always'), the shipper, a bull queue and a worker into the Redis store; the time runs from
// the first append to the last record stored. Beside it, in the same run: raw bull throughput
// (the same jobs of 500 records, added and taken by a no-op handler). Checks zero loss and zero
// duplicates. Target: >= 10,000 CDRs/s. Uses TANDEM_BENCH_REDIS_URL, or starts its own
// redis-server (append-only file, fsync every second).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Bull from 'bull';
import { Redis } from 'ioredis';
import { fsSpoolStorage } from '../dist/app/cdr-spool-fs.js';
import { openCdrQueue, startCdrWorker } from '../dist/app/cdr-worker.js';
import { CdrBuilder } from '../dist/cdr/builder.js';
import { bullCdrQueue } from '../dist/cdr/bull-queue.js';
import { CdrShipper } from '../dist/cdr/shipper.js';
import { listSegments } from '../dist/cdr/spool-reader.js';
import { Spool } from '../dist/cdr/spool.js';
import { systemClock } from '../dist/core/clock.js';
import { redisPing } from '../scripts/lib/preflight.mjs';

const RECORDS = 100_000;
const BATCH = 500;
const CONCURRENCY = 4;
const TARGET = 10_000;
const work = mkdtempSync(join(tmpdir(), 'tandem-cdr-bench-'));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The Redis to use, and how to let it go. */
async function redisServer() {
  if (process.env.TANDEM_BENCH_REDIS_URL) return { url: process.env.TANDEM_BENCH_REDIS_URL, stop: async () => {} };
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', work, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await redisPing(url, 200)); i++) await sleep(50);
  return { url, stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')) };
}

/** RECORDS records from call events: answered, busy, failed, cancelled and timed-out calls in turn. */
function buildRecords() {
  const builder = new CdrBuilder({ node: 'bench' });
  const t0 = Date.now() - 3_600_000;
  const out = [];
  const ends = [
    (k, t) => [{ type: 'alerting', callKey: k, at: t + 100 }, { type: 'answered', callKey: k, at: t + 3000 }, { type: 'released', callKey: k, at: t + 60_000, side: 'sip', cause: 16, sipStatus: 200 }],
    (k, t) => [{ type: 'released', callKey: k, at: t + 80, side: 'pstn', cause: 17, causeLocation: 4, sipStatus: 486 }],
    (k, t) => [{ type: 'backwardMessage', callKey: k, at: t + 90, message: 'ACM' }, { type: 'released', callKey: k, at: t + 200, side: 'pstn', cause: 1, sipStatus: 404 }],
    (k, t) => [{ type: 'alerting', callKey: k, at: t + 120 }, { type: 'released', callKey: k, at: t + 8000, side: 'sip', cause: 16, sipStatus: 487 }],
    (k, t) => [{ type: 'released', callKey: k, at: t + 20_000, side: 'gateway', timer: 'T7', cause: 102, sipStatus: 408 }],
  ];
  for (let i = 0; out.length < RECORDS; i++) {
    const k = `c${i}`;
    const t = t0 + i;
    const events = [
      { type: 'attemptStarted', callKey: k, at: t, direction: 'sipToPstn', callId: `${k}@pbx`, sipPeer: 'pbx', calling: `+3312345${String(i % 10_000).padStart(4, '0')}`, called: `06${String(i % 100_000).padStart(8, '0')}`, profile: 'sipi' },
      { type: 'routed', callKey: k, at: t + 1, route: 'national', trunkGroup: `tg${i % 8}` },
      { type: 'circuitSeized', callKey: k, at: t + 2, trunkGroup: `tg${i % 8}`, circuit: { span: 1 + (i % 4), channel: 1 + (i % 30), cic: i % 4096 } },
      { type: 'setupSent', callKey: k, at: t + 3, calling: '0123456789', called: `06${String(i % 100_000).padStart(8, '0')}` },
      ...ends[i % ends.length](k, t),
    ];
    for (const e of events) {
      const r = builder.handle(e);
      if (!r.ok) throw r.error;
      out.push(...r.value);
    }
  }
  return out;
}

/** CPU seconds redis-server has used so far (INFO cpu). */
async function redisCpu(redis) {
  const info = await redis.info('cpu');
  const field = (name) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? NaN);
  return field('used_cpu_user') + field('used_cpu_sys');
}

async function waitUntil(check, what, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Raw bull: the same jobs through add and a no-op handler. */
async function rawBull(url, records) {
  const queue = new Bull('raw', url, { prefix: 'bench-raw' });
  let done = 0;
  void queue.process(CONCURRENCY, async () => {
    done++;
  });
  await queue.isReady();
  const jobs = [];
  for (let i = 0; i < records.length; i += BATCH) jobs.push({ data: { records: records.slice(i, i + BATCH) }, opts: { jobId: `raw-${i}`, removeOnComplete: true } });
  const start = performance.now();
  for (let i = 0; i < jobs.length; i += 20) await queue.addBulk(jobs.slice(i, i + 20));
  await waitUntil(() => done === jobs.length, 'raw bull jobs');
  const seconds = (performance.now() - start) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  return { seconds, jobs: jobs.length };
}

/** The CDR pipeline: spool -> shipper -> bull -> worker -> Redis store. */
async function pipeline(url, records) {
  const prefix = 'bench-cdr:';
  const storage = fsSpoolStorage(join(work, 'spool'));
  const spool = await Spool.open({ storage, clock: systemClock, fsync: 'always' });
  const queue = openCdrQueue(url, prefix);
  const shipper = new CdrShipper({ storage, spool, queue: bullCdrQueue(queue), clock: systemClock, batchSize: BATCH });
  const worker = startCdrWorker({ redis: url, prefix, retentionDays: 90, concurrency: CONCURRENCY }, () => {});
  const redis = new Redis(url);
  await queue.isReady();
  const cpu0 = process.cpuUsage();
  const redisCpu0 = await redisCpu(redis);
  shipper.start();
  const start = performance.now();
  // calls ending: 100 records per append, many appends in flight (group commit)
  const appends = [];
  for (let i = 0; i < records.length; i += 100) appends.push(spool.append(records.slice(i, i + 100)));
  await Promise.all(appends);
  const spooled = (performance.now() - start) / 1000;
  await waitUntil(async () => (await redis.zcard(`${prefix}cdr:idx:time`)) >= records.length, 'stored records');
  const seconds = (performance.now() - start) / 1000;
  const nodeCpu = process.cpuUsage(cpu0);
  const cpu = { node: (nodeCpu.user + nodeCpu.system) / 1e6, redis: (await redisCpu(redis)) - redisCpu0 };

  const stored = await redis.zcard(`${prefix}cdr:idx:time`);
  let hashes = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}cdr:rec:*`, 'COUNT', 10_000);
    hashes += keys.length;
    cursor = next;
  } while (cursor !== '0');
  await shipper.stop();
  await spool.close();
  await shipper.shipOnce(); // removes the last, now closed, segment
  const left = await listSegments(storage);
  await worker.stop();
  await queue.close();
  const totals = { ...worker.totals };
  let del = '0';
  do {
    const [next, keys] = await redis.scan(del, 'MATCH', `${prefix}*`, 'COUNT', 10_000);
    if (keys.length > 0) await redis.unlink(...keys);
    del = next;
  } while (del !== '0');
  redis.disconnect();
  return { seconds, spooled, stored, hashes, left: left.length, totals, cpu };
}

const redisHandle = await redisServer();
try {
  const records = buildRecords();
  const raw = await rawBull(redisHandle.url, records);
  const p = await pipeline(redisHandle.url, records);
  const fmt = (x) => Math.round(x).toLocaleString('en-US').padStart(10);
  const rate = RECORDS / p.seconds;
  console.log(`CDR pipeline, ${RECORDS.toLocaleString('en-US')} records in jobs of ${BATCH}, worker concurrency ${CONCURRENCY}, one process + redis-server`);
  console.log(`  spool -> bull -> Redis store ${fmt(rate)} CDRs/s   target >= ${TARGET.toLocaleString('en-US')} /s  (${p.seconds.toFixed(2)} s)`);
  console.log(`  CPU used meanwhile            Node ${p.cpu.node.toFixed(2)} s, redis-server ${p.cpu.redis.toFixed(2)} s (${((1e6 * (p.cpu.node + p.cpu.redis)) / RECORDS).toFixed(0)} µs per CDR; load average ${loadavg()[0].toFixed(1)})`);
  console.log(`  spool appends (fsync always) ${fmt(RECORDS / p.spooled)} CDRs/s   (${p.spooled.toFixed(2)} s)`);
  console.log(`  raw bull, no-op handler      ${fmt(RECORDS / raw.seconds)} records/s = ${fmt(raw.jobs / raw.seconds).trim()} jobs/s, same run (${raw.seconds.toFixed(2)} s)`);
  const lossless = p.stored === RECORDS && p.hashes === RECORDS && p.totals.stored === RECORDS && p.left === 0;
  console.log(
    `  zero loss, zero duplicates: ${lossless ? 'yes' : 'NO'} (indexed ${p.stored}, hashes ${p.hashes}, stored ${p.totals.stored}, duplicates skipped ${p.totals.duplicates}, segments left ${p.left})`,
  );
  if (!lossless) process.exitCode = 1;
} finally {
  await redisHandle.stop();
  rmSync(work, { recursive: true, force: true });
}
