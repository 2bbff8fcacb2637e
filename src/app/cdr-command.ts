// `tandem cdr list|show|export|stats`: read CDRs from Redis (--redis, or TANDEM_CDR_REDIS_URL),
// from a spool (--spool), or as the configuration of --config says: the Redis of
// gateway.cdr.redis when it is set, else the spool gateway.cdr.spoolDir. Each command
// returns its output; exit codes: 0 done, 1 not found or store unreachable, 2 bad usage.
import { Command, Option } from 'commander';
import { Redis } from 'ioredis';
import { exportCdrs, type ExportFormat } from '../cdr/export.js';
import { CdrNotFoundError } from '../cdr/errors.js';
import { parseCdrQuery, QUERY_FILTERS, type CdrQuery, type CdrStore } from '../cdr/query.js';
import type { CdrRecord } from '../cdr/record.js';
import { RedisCdrStore } from '../cdr/redis-store.js';
import { SpoolCdrStore } from '../cdr/spool-store.js';
import { cdrStats } from '../cdr/stats.js';
import { formatConfigError } from '../config/index.js';
import { systemClock } from '../core/clock.js';
import { DEFAULT_CONFIG_DIR, loadConfigDir } from './config-loader.js';
import { fsSpoolStorage } from './cdr-spool-fs.js';
import { DEFAULT_PREFIX, REDIS_URL_ENV, shownUrl } from './cdr-worker.js';
import type { CommandOutput } from './isup-command.js';

export interface StoreOptions {
  /** read Redis at this URL */
  readonly redis?: string;
  /** key prefix in Redis (default: the configuration's keyPrefix, else tandem:) */
  readonly prefix?: string;
  /** else read this spool directory */
  readonly spool?: string;
  /** else the Redis or the spool of this configuration directory */
  readonly config?: string;
}

/** Filters as given on the command line (text, validated by parseCdrQuery). */
export type FilterOptions = Readonly<Partial<Record<'since' | 'until' | 'trunk' | 'from' | 'to' | 'cause' | 'status' | 'limit', string>>> & {
  readonly answered?: boolean;
};

const DEFAULT_LIST_LIMIT = '100';

class UsageError extends Error {}

/** Runs `fn` against the store the options name, closing it after; store and usage problems become the output. */
async function withStore(command: string, opts: StoreOptions, fn: (store: CdrStore) => Promise<string>): Promise<CommandOutput> {
  const warnings: string[] = [];
  let redis: Redis | undefined;
  try {
    let store: CdrStore;
    const source = sourceOf(opts);
    if (source.redis !== undefined) {
      redis = await connect(source.redis);
      store = new RedisCdrStore({ redis, prefix: source.prefix, retentionMs: Number.MAX_SAFE_INTEGER, clock: systemClock });
    } else {
      store = new SpoolCdrStore(fsSpoolStorage(source.spool), (e) => warnings.push(`warning: ${e.code}: ${e.message}`));
    }
    const stdout = await fn(store);
    return { exitCode: 0, stdout, stderr: warnings.map((w) => `${w}\n`).join('') };
  } catch (e) {
    const exitCode = e instanceof UsageError ? 2 : 1;
    const code = (e as { code?: unknown }).code;
    const what = typeof code === 'string' && code.startsWith('GW_ERR_') ? ` (${code})` : '';
    return { exitCode, stdout: '', stderr: [...warnings, `tandem cdr ${command}: ${(e as Error).message}${what}`].map((l) => `${l}\n`).join('') };
  } finally {
    redis?.disconnect();
  }
}

/** A connection to `url` that fails at once if Redis does not answer, rather than waiting for it. */
async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause: Error | undefined;
  redis.on('error', (e: Error) => (cause = e));
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${shownUrl(url)}: ${(cause ?? (e as Error)).message}`);
  }
  return redis;
}

type Source = { readonly redis: string; readonly prefix: string; readonly spool?: undefined } | { readonly redis?: undefined; readonly spool: string };

/** --redis, else --spool, else what the configuration says (its Redis if set, else its spool). */
function sourceOf(opts: StoreOptions): Source {
  if (opts.redis !== undefined) return { redis: opts.redis, prefix: opts.prefix ?? DEFAULT_PREFIX };
  if (opts.spool !== undefined) return { spool: opts.spool };
  const dir = opts.config ?? DEFAULT_CONFIG_DIR;
  const loaded = loadConfigDir(dir);
  if (!loaded.ok) throw new UsageError(`configuration ${dir} has errors (run tandem check):\n${loaded.errors.map(formatConfigError).join('\n')}`);
  const cdr = loaded.config.gateway.cdr;
  return cdr.redis === undefined ? { spool: cdr.spoolDir } : { redis: cdr.redis.url, prefix: opts.prefix ?? cdr.redis.keyPrefix };
}

/** The query of the filter options (the other options are left out). */
function toQuery(opts: FilterOptions): CdrQuery {
  const filters = Object.fromEntries(QUERY_FILTERS.map((f) => [f, opts[f]]));
  const q = parseCdrQuery(filters, systemClock.now());
  if (!q.ok) throw new UsageError(`${q.error.message} (${q.error.code})`);
  return q.value;
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** Columns padded to their widest cell. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n') + '\n';
}

function listRow(r: CdrRecord): string[] {
  const cell = (v: string | number | null) => (v === null ? '-' : String(v));
  return [iso(r.setupInAt), r.id, r.direction, cell(r.trunkGroup), cell(r.callingIn), r.calledIn, r.disposition, cell(r.cause), cell(r.sipStatus), (r.billableMs / 1000).toFixed(1)];
}

export function cdrList(opts: StoreOptions & FilterOptions): Promise<CommandOutput> {
  return withStore('list', opts, async (store) => {
    const records = await store.query(toQuery({ ...opts, limit: opts.limit ?? DEFAULT_LIST_LIMIT }));
    if (records.length === 0) return 'no CDRs\n';
    return table(['setup (UTC)', 'id', 'direction', 'trunk', 'from', 'to', 'disposition', 'cause', 'status', 'billable s'], records.map(listRow));
  });
}

export function cdrShow(id: string, opts: StoreOptions): Promise<CommandOutput> {
  return withStore('show', opts, async (store) => {
    const r = await store.get(id);
    if (r === undefined) throw new CdrNotFoundError(id);
    return `${JSON.stringify(r, null, 2)}\n`;
  });
}

export function cdrExport(format: ExportFormat, opts: StoreOptions & FilterOptions): Promise<CommandOutput> {
  return withStore('export', opts, async (store) => exportCdrs(await store.query(toQuery(opts)), format));
}

const percent = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));

/** Per trunk group over the window (default: the last 24 hours). */
export function cdrStatsCommand(opts: StoreOptions & Pick<FilterOptions, 'since' | 'until' | 'trunk'>): Promise<CommandOutput> {
  return withStore('stats', opts, async (store) => {
    const now = systemClock.now();
    const q = toQuery({ since: opts.since ?? '24h', until: opts.until, trunk: opts.trunk });
    const rows = cdrStats(await store.query(q)).map((s) => [s.trunkGroup, String(s.attempts), String(s.answered), percent(s.asr), percent(s.ner), fixed(s.acdSeconds, 1), fixed(s.pddMs, 0)]);
    const head = `window: ${iso(q.since ?? now)} to ${iso(q.until ?? now)}\n`;
    return head + (rows.length === 0 ? 'no CDRs\n' : table(['trunk group', 'attempts', 'answered', 'ASR', 'NER', 'ACD s', 'PDD ms'], rows));
  });
}

function storeOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--redis <url>', 'read the Redis store at this URL').env(REDIS_URL_ENV))
    .option('--prefix <prefix>', `prefix of the Redis keys (default: the configuration's gateway.cdr.redis.keyPrefix, else ${DEFAULT_PREFIX})`)
    .option('--spool <dir>', 'without --redis: read this spool directory')
    .option('--config <dir>', "without --redis or --spool: read the configuration's store (gateway.cdr.redis if set, else its spool)", DEFAULT_CONFIG_DIR);
}

function filterOptions(cmd: Command, limit: boolean): Command {
  cmd
    .option('--since <time>', 'setup at or after: ISO 8601 (2024-05-01, 2024-05-01T10:00:00Z) or a duration ago (15m, 2h, 7d)')
    .option('--until <time>', 'setup before (same forms as --since)')
    .option('--trunk <name>', 'trunk group')
    .option('--from <number>', 'calling number, as received or as sent')
    .option('--to <number>', 'called number, as received or as sent')
    .option('--cause <n>', 'Q.850 cause value')
    .option('--status <n>', 'final SIP status')
    .option('--answered', 'answered attempts only')
    .option('--no-answered', 'unanswered attempts only');
  return limit ? cmd.option('--limit <n>', `at most this many, newest first (list default ${DEFAULT_LIST_LIMIT})`) : cmd;
}

const emit = (out: CommandOutput) => {
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  process.exitCode = out.exitCode;
};

export function registerCdrCommand(program: Command): void {
  const cdr = program.command('cdr').description('call detail records: list, show, export, stats (Redis store, or the spool without Redis)');
  filterOptions(storeOptions(cdr.command('list').description('list CDRs, newest first')), true).action(async (o: StoreOptions & FilterOptions) => emit(await cdrList(o)));
  storeOptions(cdr.command('show').description('print one CDR as JSON').argument('<id>', 'CDR id')).action(async (id: string, o: StoreOptions) => emit(await cdrShow(id, o)));
  filterOptions(storeOptions(cdr.command('export').description('print CDRs as CSV or JSON, newest first')), true)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .action(async (o: StoreOptions & FilterOptions & { format: ExportFormat }) => emit(await cdrExport(o.format, o)));
  storeOptions(cdr.command('stats').description('attempts, ASR, NER, ACD and PDD per trunk group over a window'))
    .option('--since <time>', 'window start (default 24h ago)')
    .option('--until <time>', 'window end (default now)')
    .option('--trunk <name>', 'one trunk group only')
    .action(async (o: StoreOptions & FilterOptions) => emit(await cdrStatsCommand(o)));
}
