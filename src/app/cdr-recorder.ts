// The CDRs of `tandem start` (docs/cdr.md): call events → CdrBuilder → one record per attempt,
// appended to the local spool (`gateway.cdr`: directory, fsync policy, rotation). Without
// `gateway.cdr.redis` the spool is the store. With it, a shipper moves the spool onto the bull
// queue in Redis and, unless `redis.worker` is false, an in-process worker stores the queue in
// Redis; the store the admin API's GET /cdrs reads is then Redis. Redis being away never touches
// calls: records stay spooled and are shipped when it answers again; that is logged once at warn
// when it starts and once at info when shipping resumes, not per record.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CdrBuilder } from '../cdr/builder.js';
import { bullCdrQueue } from '../cdr/bull-queue.js';
import type { CallEvent } from '../cdr/events.js';
import type { CdrStore } from '../cdr/query.js';
import { RedisCdrStore } from '../cdr/redis-store.js';
import { CdrShipper, type ShipperEvent } from '../cdr/shipper.js';
import { SpoolCdrStore } from '../cdr/spool-store.js';
import { Spool } from '../cdr/spool.js';
import type { CdrConfig } from '../config/index.js';
import { systemClock } from '../core/clock.js';
import { fsSpoolStorage } from './cdr-spool-fs.js';
import { closeQueue, openCdrQueue, shownUrl, startCdrWorker, type RunningWorker } from './cdr-worker.js';

export interface CdrRecorder {
  readonly onCallEvent: (event: CallEvent) => void;
  /** where GET /cdrs reads: the Redis store when configured, the spool otherwise */
  readonly store: CdrStore;
  /**
   * Waits for every record handed to the spool and closes it; with Redis, ships what is left if
   * Redis answers (within `timeoutMs`), then stops the shipper and the worker. Whatever is not
   * shipped stays spooled for the next start.
   */
  close(timeoutMs?: number): Promise<void>;
}

export interface RecorderOptions {
  readonly cdr: CdrConfig;
  readonly node: string;
  readonly log: Logger;
  /** bull's lock and stalled-job settings of the in-process worker (tests shorten them) */
  readonly workerSettings?: Parameters<typeof startCdrWorker>[0]['settings'];
}

/** How long a queue add may take before the shipper retries. */
const SHIP_TIMEOUT_MS = 5000;
const CLOSE_TIMEOUT_MS = 5000;

export async function openCdrRecorder(options: RecorderOptions): Promise<CdrRecorder> {
  const { log, cdr } = options;
  const storage = fsSpoolStorage(cdr.spoolDir);
  const spool = await Spool.open({
    storage,
    clock: systemClock,
    fsync: cdr.fsync,
    fsyncIntervalMs: cdr.fsyncIntervalMs,
    maxSegmentBytes: cdr.maxSegmentBytes,
    maxSegmentAgeMs: cdr.maxSegmentAgeMs,
    onError: (e) => log.error({ code: e.code }, `cdr spool: ${e.message}`),
  });
  const builder = new CdrBuilder({ node: options.node });
  const writes = new Set<Promise<void>>();
  const onCallEvent = (event: CallEvent): void => {
    log.debug(event, 'call event'); // as the default hook does (docs/operations.md, log modules)
    const r = builder.handle(event);
    if (!r.ok) {
      log.warn({ code: r.error.code, event: event.type }, `cdr: ${r.error.message}`);
      return;
    }
    if (r.value.length === 0) return;
    const write = spool.append(r.value).then(
      () => log.debug({ ids: r.value.map((c) => c.id) }, 'cdr spooled'),
      (e: unknown) => log.error({ err: e }, 'cdr: spool append failed'),
    );
    writes.add(write);
    void write.finally(() => writes.delete(write));
  };
  const closeSpool = async (): Promise<void> => {
    await Promise.all(writes);
    await spool.close();
  };

  const redis = cdr.redis;
  if (redis === undefined) {
    const store = new SpoolCdrStore(storage, (e) => log.warn({ code: e.code }, `cdr spool: ${e.message}`));
    return { onCallEvent, store, close: closeSpool };
  }

  const where = `${shownUrl(redis.url)} (prefix ${redis.keyPrefix})`;
  const queue = openCdrQueue(redis.url, redis.keyPrefix);
  queue.on('error', () => undefined); // the shipper's 'error' event says it, once
  let failing = false;
  const onEvent = (e: ShipperEvent): void => {
    switch (e.type) {
      case 'error':
        if (!failing) log.warn({ code: e.error.code }, `cdr: cannot ship to Redis at ${where}: ${e.error.message}; records stay spooled and are shipped when it answers`);
        failing = true;
        break;
      case 'shipped':
        if (failing) log.info(`cdr: shipping to Redis at ${where} again`);
        failing = false;
        log.debug({ segment: e.segment, records: e.records }, 'cdr shipped');
        break;
      case 'corrupt':
      case 'truncated':
        log.warn({ code: e.error.code, segment: e.segment, offset: e.offset }, `cdr spool: ${e.error.message}`);
        break;
      case 'removed':
        log.debug({ segment: e.segment }, 'cdr segment shipped and removed');
    }
  };
  const shipper = new CdrShipper({ storage, spool, queue: bullCdrQueue(queue), clock: systemClock, timeoutMs: SHIP_TIMEOUT_MS, onEvent });
  shipper.start();
  let worker: RunningWorker | undefined;
  if (redis.worker) {
    worker = startCdrWorker(
      { redis: redis.url, prefix: redis.keyPrefix, retentionDays: redis.retentionDays, concurrency: redis.workerConcurrency, ...(options.workerSettings === undefined ? {} : { settings: options.workerSettings }) },
      (line, level) => log[level](line),
    );
  }
  // queries fail at once while Redis is away rather than waiting for it
  const reader = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: (n: number) => Math.min(n * 200, 5000) });
  reader.on('error', () => undefined);
  const store = new RedisCdrStore({ redis: reader, prefix: redis.keyPrefix, retentionMs: Number.MAX_SAFE_INTEGER, clock: systemClock });
  log.info(`cdr: shipping CDRs to Redis at ${where}${worker === undefined ? ' (no in-process worker: tandem cdr-worker stores them)' : ''}`);

  return {
    onCallEvent,
    store,
    async close(timeoutMs = CLOSE_TIMEOUT_MS) {
      await closeSpool();
      await shipper.stop();
      // the last records: shipped now if Redis answers, else at the next start
      const end = systemClock.now() + timeoutMs;
      try {
        while (queue.client.status === 'ready' && systemClock.now() < end && (await shipper.shipOnce()) > 0);
      } catch (e) {
        log.warn(`cdr: ${(e as Error).message}; the rest stays spooled for the next start`);
      }
      await Promise.all([worker?.stop(timeoutMs), closeQueue(queue, timeoutMs)]);
      reader.disconnect();
    },
  };
}
