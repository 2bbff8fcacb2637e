// `tandem cdr-worker`: takes CDR batches off the bull queue and stores them in Redis (one hash
// per CDR plus the sorted-set indexes), trimming records past retention every minute. Any
// number of workers, on any machine, can serve the same Redis: bull hands each job to one of
// them, and the store is idempotent by record id. Runs until SIGINT or SIGTERM.
import Bull, { type Queue, type QueueOptions } from 'bull';
import { Command, Option } from 'commander';
import { CDR_QUEUE, processCdrJobs, type CdrJobData } from '../cdr/bull-queue.js';
import { RedisCdrStore } from '../cdr/redis-store.js';
import { formatConfigError, type CdrRedisConfig } from '../config/index.js';
import { systemClock, type TimerHandle } from '../core/clock.js';
import { loadConfigDir } from './config-loader.js';

export const DEFAULT_PREFIX = 'tandem:';
export const REDIS_URL_ENV = 'TANDEM_CDR_REDIS_URL';
const TRIM_EVERY_MS = 60_000;

/** The CDR queue in the Redis at `url`; reconnects every 0.2 s to 5 s while Redis is away. */
export function openCdrQueue(url: string, prefix: string, settings?: QueueOptions['settings']): Queue<CdrJobData> {
  return new Bull<CdrJobData>(CDR_QUEUE, url, {
    prefix: `${prefix}bull`,
    redis: { retryStrategy: (times: number) => Math.min(times * 200, 5000) },
    ...(settings === undefined ? {} : { settings }),
  });
}

/** The URL without its password, for logs. */
export function shownUrl(url: string): string {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.toString();
}

export interface CdrWorkerOptions {
  readonly redis: string;
  readonly prefix: string;
  readonly retentionDays: number;
  readonly concurrency: number;
  /** bull's lock and stalled-job settings (tests shorten them) */
  readonly settings?: QueueOptions['settings'];
}

export interface WorkerTotals {
  jobs: number;
  stored: number;
  duplicates: number;
  expired: number;
}

export interface RunningWorker {
  readonly totals: Readonly<WorkerTotals>;
  /**
   * Stops taking jobs and waits for the jobs being stored; after `timeoutMs` (Redis away) the
   * connections are dropped: a job cut short stays in bull and is stored by the next worker.
   */
  stop(timeoutMs?: number): Promise<void>;
}

/** A log line's level: problems are `warn`, the rest `info`. */
export type WorkerLog = (line: string, level: 'info' | 'warn') => void;

/** Closes `queue`, waiting for its active jobs; after `timeoutMs`, drops its connections instead. */
export async function closeQueue(queue: Queue, timeoutMs: number): Promise<void> {
  let timer: TimerHandle | undefined;
  const late = new Promise<'late'>((resolve) => (timer = systemClock.setTimer(timeoutMs, () => resolve('late'))));
  const closing = queue.close().catch(() => undefined);
  const outcome = await Promise.race([closing, late]);
  timer?.cancel();
  if (outcome === 'late') for (const client of queue.clients) client.disconnect();
}

/** Starts storing; `log` gets one line per event worth a line (start, errors, trims, stop). */
export function startCdrWorker(options: CdrWorkerOptions, log: WorkerLog): RunningWorker {
  const queue = openCdrQueue(options.redis, options.prefix, options.settings);
  const store = new RedisCdrStore({ redis: queue.client, prefix: options.prefix, retentionMs: options.retentionDays * 86_400_000, clock: systemClock });
  const totals: WorkerTotals = { jobs: 0, stored: 0, duplicates: 0, expired: 0 };
  let lastError = '';
  queue.on('error', (e: Error) => {
    // while Redis is away every reconnection fails the same way: say it once
    if (e.message !== lastError) log(`cdr-worker: ${e.message}`, 'warn');
    lastError = e.message;
  });
  processCdrJobs(queue, store, {
    concurrency: options.concurrency,
    onStored(r) {
      lastError = '';
      totals.jobs++;
      totals.stored += r.stored;
      totals.duplicates += r.duplicates;
      totals.expired += r.expired;
    },
  });
  let trimTimer: TimerHandle | undefined;
  let stopped = false;
  const housekeeping = async () => {
    try {
      // jobs that ran out of attempts in an earlier run (Redis flapping) get another chance
      for (const job of await queue.getFailed()) await job.retry();
      const removed = await store.trim();
      if (removed > 0) log(`cdr-worker: trimmed ${removed} CDRs past ${options.retentionDays} days`, 'info');
    } catch (e) {
      log(`cdr-worker: housekeeping: ${(e as Error).message}`, 'warn');
    }
    if (!stopped) trimTimer = systemClock.setTimer(TRIM_EVERY_MS, () => void housekeeping());
  };
  void housekeeping();
  log(`cdr-worker: storing CDRs from ${options.prefix}bull:${CDR_QUEUE} at ${shownUrl(options.redis)} (concurrency ${options.concurrency}, retention ${options.retentionDays} days)`, 'info');
  return {
    totals,
    async stop(timeoutMs = 10_000) {
      stopped = true;
      trimTimer?.cancel();
      await closeQueue(queue, timeoutMs);
    },
  };
}

const positive = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${what} must be a positive integer, got ${v}`);
  return n;
};

interface WorkerFlags {
  readonly redis?: string;
  readonly prefix?: string;
  readonly retentionDays?: number;
  readonly concurrency?: number;
  readonly config?: string;
}

/**
 * The worker's settings: each flag (or TANDEM_CDR_REDIS_URL) when given, else the value of
 * `gateway.cdr.redis` in the configuration of --config (when given), else the default. A Redis URL
 * must come from one of them.
 */
export function workerOptionsOf(flags: WorkerFlags, load: (dir: string) => ReturnType<typeof loadConfigDir> = loadConfigDir): { ok: true; value: CdrWorkerOptions } | { ok: false; error: string } {
  let fromConfig: CdrRedisConfig | undefined;
  if (flags.config !== undefined) {
    const loaded = load(flags.config);
    if (!loaded.ok) return { ok: false, error: `configuration ${flags.config} has errors (run tandem check):\n${loaded.errors.map(formatConfigError).join('\n')}` };
    fromConfig = loaded.config.gateway.cdr.redis;
    if (fromConfig === undefined && flags.redis === undefined) return { ok: false, error: `configuration ${flags.config} has no gateway.cdr.redis and no --redis was given` };
  }
  const redis = flags.redis ?? fromConfig?.url;
  if (redis === undefined) return { ok: false, error: `a Redis URL is needed: --redis, ${REDIS_URL_ENV} or --config with gateway.cdr.redis` };
  return {
    ok: true,
    value: {
      redis,
      prefix: flags.prefix ?? fromConfig?.keyPrefix ?? DEFAULT_PREFIX,
      retentionDays: flags.retentionDays ?? fromConfig?.retentionDays ?? 90,
      concurrency: flags.concurrency ?? fromConfig?.workerConcurrency ?? 4,
    },
  };
}

export function registerCdrWorkerCommand(program: Command): void {
  program
    .command('cdr-worker')
    .description('store CDRs from the Redis queue in Redis (hash per CDR + indexes); runs until SIGINT/SIGTERM')
    .addOption(new Option('--redis <url>', 'Redis URL (default: gateway.cdr.redis.url of --config)').env(REDIS_URL_ENV))
    .option('--config <dir>', 'take the Redis URL, key prefix, retention and concurrency from this configuration (gateway.cdr.redis); flags win')
    .option('--prefix <prefix>', `prefix of every Redis key (default: the configuration's keyPrefix, else ${DEFAULT_PREFIX})`)
    .option('--retention-days <days>', 'keep CDRs this many days by setup time (default: the configuration, else 90)', positive('--retention-days'))
    .option('--concurrency <n>', 'jobs stored at once (default: the configuration, else 4)', positive('--concurrency'))
    .action(async (flags: WorkerFlags) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const options = workerOptionsOf(flags);
      if (!options.ok) {
        process.stderr.write(`tandem cdr-worker: ${options.error}\n`);
        process.exitCode = 2;
        return;
      }
      const worker = startCdrWorker(options.value, log);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      await worker.stop();
      const t = worker.totals;
      log(`cdr-worker: ${signal}: stopped after ${t.jobs} jobs: ${t.stored} stored, ${t.duplicates} duplicates skipped, ${t.expired} past retention`);
    });
}
