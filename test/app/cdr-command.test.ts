// `tandem cdr list|show|export|stats` over a spool and over Redis (real Redis, own key prefix),
// as functions and through the built CLI; and `tandem cdr-worker`'s usage errors.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrExport, cdrList, cdrShow, cdrStatsCommand, type StoreOptions } from '../../src/app/cdr-command.js';
import { fsSpoolStorage } from '../../src/app/cdr-spool-fs.js';
import type { CdrRecord } from '../../src/cdr/record.js';
import { RedisCdrStore } from '../../src/cdr/redis-store.js';
import { segmentName } from '../../src/cdr/spool-reader.js';
import { Spool } from '../../src/cdr/spool.js';
import { systemClock } from '../../src/core/clock.js';
import { cleanRedis, mixedRecords, REDIS_URL, tempDir, testPrefix } from '../cdr/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = tempDir('cdr-command');
const spoolDir = join(scratch, 'spool');
const prefix = testPrefix('cdr-command');
const t0 = Math.floor(Date.now() / 1000) * 1000 - 7_200_000; // two hours ago: inside stats' default window
const records = mixedRecords(30, t0);
const newest = [...records].reverse();
const redis = new Redis(REDIS_URL);

const spool: StoreOptions = { spool: spoolDir };
const viaRedis: StoreOptions = { redis: REDIS_URL, prefix };

beforeAll(async () => {
  const s = await Spool.open({ storage: fsSpoolStorage(spoolDir), clock: systemClock });
  await s.append(records);
  await s.close();
  await new RedisCdrStore({ redis, prefix, retentionMs: 86_400_000, clock: systemClock }).storeBatch(records);
});

afterAll(async () => {
  await cleanRedis(REDIS_URL, prefix);
  redis.disconnect();
  rmSync(scratch, { recursive: true, force: true });
});

const tandem = (args: string[]) => {
  if (!existsSync(`${root}dist/app/cli.js`)) throw new Error('dist/app/cli.js missing: run `npm run build` (npm test does it first)');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TANDEM_CDR_REDIS_URL'));
  const r = spawnSync(process.execPath, [`${root}bin/tandem.js`, ...args], { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const idsOf = (table: string) => table.trim().split('\n').slice(1).map((line) => line.split(/\s+/)[1]);

describe.each([
  ['the spool', spool],
  ['Redis', viaRedis],
])('tandem cdr over %s', (_, store) => {
  it('lists the newest first with one row per CDR', async () => {
    const out = await cdrList({ ...store, limit: '3' });
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe('');
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^setup \(UTC\)\s+id\s+direction\s+trunk\s+from\s+to\s+disposition\s+cause\s+status\s+billable s$/);
    const r = newest[0] as CdrRecord;
    expect(lines[1]?.split(/\s+/)).toEqual([new Date(r.setupInAt).toISOString().replace('.000Z', 'Z'), r.id, 'sipToPstn', r.trunkGroup, '+33123456789', r.calledIn, r.disposition, String(r.cause), String(r.sipStatus), (r.billableMs / 1000).toFixed(1)]);
    expect(idsOf(out.stdout)).toEqual(newest.slice(0, 3).map((x) => x.id));
  });

  it('filters', async () => {
    const out = await cdrList({ ...store, trunk: 'sim-t1', answered: false, to: '060002', since: new Date(t0 + 2000).toISOString() });
    expect(idsOf(out.stdout)).toEqual(newest.filter((r) => r.trunkGroup === 'sim-t1' && r.answerAt === null && r.calledIn === '060002' && r.setupInAt >= t0 + 2000).map((r) => r.id));
    expect((await cdrList({ ...store, cause: '99' })).stdout).toBe('no CDRs\n');
  });

  it('shows one CDR as JSON, and exits 1 for an unknown id', async () => {
    const r = records[4] as CdrRecord;
    const out = await cdrShow(r.id, store);
    expect(out.exitCode).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(r);
    expect(await cdrShow('nope', store)).toEqual({ exitCode: 1, stdout: '', stderr: 'tandem cdr show: No such CDR: nope (GW_ERR_CDR_NOT_FOUND)\n' });
  });

  it('exports CSV and JSON', async () => {
    const csv = await cdrExport('csv', { ...store, status: '486' });
    const busy = newest.filter((r) => r.sipStatus === 486);
    const rows = csv.stdout.split('\r\n');
    expect(rows).toHaveLength(busy.length + 2);
    expect(rows[1]).toContain(`,${busy[0]?.id},`);
    expect(rows[1]).toContain(",'+33123456789,"); // neutralised
    const json = await cdrExport('json', { ...store, limit: '2' });
    expect(JSON.parse(json.stdout)).toEqual(newest.slice(0, 2));
  });

  it('prints per-trunk statistics over the last 24 hours', async () => {
    const out = await cdrStatsCommand(store);
    expect(out.exitCode).toBe(0);
    const [window, header, e1, t1] = out.stdout.trim().split('\n');
    expect(window).toMatch(/^window: \S+Z to \S+Z$/);
    expect(header?.split(/\s{2,}/)).toEqual(['trunk group', 'attempts', 'answered', 'ASR', 'NER', 'ACD s', 'PDD ms']);
    // 30 calls cycling answered, busy, failed, cancelled, timed out; every third on sim-t1
    expect(e1?.split(/\s+/)).toEqual(['sim-e1', '20', '4', '20.0%', '60.0%', '60.0', '103']);
    expect(t1?.split(/\s+/)).toEqual(['sim-t1', '10', '2', '20.0%', '60.0%', '60.0', '103']);
  });

  it('refuses bad filters with exit 2', async () => {
    const out = await cdrList({ ...store, cause: '300', since: 'last week' });
    expect(out).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'tandem cdr list: Invalid CDR query: since: must be an ISO 8601 date or time with its zone (2024-05-01, 2024-05-01T10:00:00Z) or a duration before now (90s, 15m, 2h, 7d); cause: must be a Q.850 cause value, 0 to 127 (GW_ERR_CDR_BAD_QUERY)\n',
    });
  });
});

describe('tandem cdr: where the records come from', () => {
  it("reads the spool of a configuration's gateway.cdr.spoolDir", async () => {
    const config = join(scratch, 'config');
    mkdirSync(config);
    writeFileSync(join(config, 'gateway.yaml'), `gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1]\n  cdr:\n    spoolDir: ../spool\n`);
    expect(idsOf((await cdrList({ config, limit: '2' })).stdout)).toEqual(newest.slice(0, 2).map((r) => r.id));
    const broken = await cdrList({ config: join(scratch, 'missing') });
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toContain('CONFIG_NO_DIR');
  });

  it("reads the Redis of a configuration's gateway.cdr.redis, with its keyPrefix, rather than its spool", async () => {
    const config = join(scratch, 'config-redis');
    mkdirSync(config);
    // the spool is empty: what is listed can only come from Redis
    writeFileSync(join(config, 'gateway.yaml'), `gateway:\n  nodeId: gw1\n  sip:\n    listen:\n      udp: [127.0.0.1]\n  cdr:\n    spoolDir: empty\n    redis:\n      url: ${REDIS_URL}\n      keyPrefix: "${prefix}"\n`);
    const out = await cdrList({ config, limit: '2' });
    expect(out.stderr).toBe('');
    expect(idsOf(out.stdout)).toEqual(newest.slice(0, 2).map((r) => r.id));
    // --prefix still wins over the configuration's
    expect((await cdrList({ config, prefix: `${prefix}other:` })).stdout).toBe('no CDRs\n');
    const cli = tandem(['cdr', 'show', newest[0]?.id ?? '', '--config', config]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(newest[0]);
  });

  it('warns about a truncated segment and lists what it recovered', async () => {
    const dir = join(scratch, 'crashed');
    mkdirSync(dir);
    const [a, b] = records;
    writeFileSync(join(dir, segmentName(t0, 0)), `${JSON.stringify(a)}\n${JSON.stringify(b).slice(0, 40)}`);
    appendFileSync(join(dir, segmentName(t0 + 1, 0)), `${JSON.stringify(b)}\n`);
    const out = await cdrList({ spool: dir });
    expect(idsOf(out.stdout)).toEqual([b?.id, a?.id]);
    expect(out.stderr).toBe(`warning: GW_ERR_CDR_SPOOL_TRUNCATED: Spool segment ends in a truncated line: ${segmentName(t0, 0)}: 40 bytes after offset ${JSON.stringify(a).length + 1} skipped\n`);
  });

  it('exits 1 when Redis does not answer', async () => {
    const out = await cdrList({ redis: 'redis://127.0.0.1:1', prefix });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe('tandem cdr list: cannot reach Redis at redis://127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1\n');
  });
});

describe('the tandem CLI', () => {
  it('runs tandem cdr list and export', () => {
    const list = tandem(['cdr', 'list', '--spool', spoolDir, '--trunk', 'sim-t1', '--no-answered', '--limit', '2']);
    expect(list.status).toBe(0);
    expect(idsOf(list.stdout)).toEqual(newest.filter((r) => r.trunkGroup === 'sim-t1' && r.answerAt === null).slice(0, 2).map((r) => r.id));
    const json = tandem(['cdr', 'export', '--redis', REDIS_URL, '--prefix', prefix, '--format', 'json', '--answered']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(newest.filter((r) => r.answerAt !== null));
    const bad = tandem(['cdr', 'export', '--spool', spoolDir, '--format', 'xml']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("argument 'xml' is invalid. Allowed choices are csv, json.");
  });

  it('requires a Redis URL for tandem cdr-worker (flag, environment or --config): a usage error, exit 2', () => {
    const r = tandem(['cdr-worker']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('a Redis URL is needed: --redis, TANDEM_CDR_REDIS_URL or --config with gateway.cdr.redis');
  });
});
