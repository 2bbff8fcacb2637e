// End to end, CDRs to Redis: a started Tandem whose gateway.cdr.redis points at a redis-server of
// this test (own port, own key prefix) ships each call's record to Redis, where `tandem cdr list
// --config DIR` and GET /cdrs find it exactly once. Then Redis is stopped: calls still complete,
// their records wait in the spool, and they are stored, once, when Redis is back.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisPing } from '../../scripts/lib/preflight.mjs';
import { cleanRedis, OwnRedis, testPrefix } from '../cdr/helpers.js';
import { sipp } from './sipp.js';
import { freePort, startTandem, type Tandem } from './tandem.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const prefix = testPrefix('e2e-redis');
let redisServer: OwnRedis;
let tandem: Tandem;
let redis: Redis;

beforeAll(async () => {
  redisServer = await OwnRedis.start();
  redis = new Redis(redisServer.url, { retryStrategy: (n) => Math.min(n * 100, 1000) });
  redis.on('error', () => undefined);
  tandem = await startTandem({ changes: { cdr: { redis: { url: redisServer.url, keyPrefix: prefix } } } });
}, 30_000);

afterAll(async () => {
  expect(await tandem.stop()).toBe(0);
  // a test that failed with Redis stopped: start it again to clean up (start() on a running one would leak it)
  if (!(await redisPing(redisServer.url, 200))) await redisServer.start();
  await cleanRedis(redisServer.url, prefix);
  redis.disconnect();
  await redisServer.stop();
  rmSync(redisServer.dir, { recursive: true, force: true });
}, 30_000);

/** `tandem cdr <args> --config DIR`, as an operator runs it. */
function cdrCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TANDEM_CDR_REDIS_URL'));
  return spawnSync(process.execPath, [`${root}bin/tandem.js`, 'cdr', ...args, '--config', tandem.dir], { encoding: 'utf8', env });
}

type Row = Record<string, unknown>;

/** The records `tandem cdr export --config DIR` finds (from Redis) for `calledIn`, once there are `n`. */
async function inRedis(calledIn: string, n = 1): Promise<Row[]> {
  for (let i = 0; i < 300; i++) {
    const r = cdrCli('export', '--format', 'json', '--to', calledIn);
    if (r.status === 0) {
      const rows = JSON.parse(r.stdout) as Row[];
      if (rows.length >= n) return rows;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no CDR for ${calledIn} in Redis`);
}

async function pbxCall(scenario: string, called: string, args: readonly string[] = []): Promise<void> {
  const run = await sipp({ scenario, ip: '127.0.0.1', port: await freePort(), remote: `127.0.0.1:${tandem.ports.sip}`, keys: { called, calling: '2001' }, args }).done;
  expect(run.code, run.diagnostics).toBe(0);
}

const ids = async () => (await redis.zrange(`${prefix}cdr:idx:time`, 0, -1)).sort();
const hashIds = async () => (await redis.keys(`${prefix}cdr:rec:*`)).map((k) => k.slice(`${prefix}cdr:rec:`.length)).sort();

describe('CDRs from live calls to Redis', () => {
  it('an answered call is stored in Redis exactly once, listed by tandem cdr --config and GET /cdrs', async () => {
    await pbxCall('pbx-uac-answer.xml', '0301234570', ['-d', '300']);
    const rows = await inRedis('0301234570');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'sipToPstn', disposition: 'answered', trunkGroup: 'sim-e1', sipPeer: 'pbx', cause: 16 });
    const id = rows[0]?.id as string;
    expect(await ids()).toEqual([id]);
    expect(await hashIds()).toEqual([id]);
    const list = cdrCli('list');
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain(id);
    const http = await tandem.admin('GET', '/cdrs?to=0301234570');
    expect(http.status).toBe(200);
    expect((http.body as { cdrs: Row[] }).cdrs.map((r) => r.id)).toEqual([id]);
    expect(tandem.logs().some((l) => l.mod === 'cdr' && l.level === 'info' && l.msg.startsWith('cdr: shipping CDRs to Redis at'))).toBe(true);
  }, 40_000);

  it('with Redis stopped calls still complete; their records ship, once, when it is back', async () => {
    await redisServer.stop();
    await pbxCall('pbx-uac-486.xml', '0301237217');
    await pbxCall('pbx-uac-answer.xml', '0301237330', ['-d', '200']);
    // spooled meanwhile, and tandem cdr --config says Redis does not answer
    const down = cdrCli('list');
    expect(down.status).toBe(1);
    expect(down.stderr).toContain('cannot reach Redis');
    const spooled = spawnSync(process.execPath, [`${root}bin/tandem.js`, 'cdr', 'export', '--format', 'json', '--spool', join(tandem.dir, 'cdr')], { encoding: 'utf8' });
    expect(spooled.status, spooled.stderr).toBe(0);
    const waiting = (JSON.parse(spooled.stdout) as Row[]).filter((r) => r.calledIn === '0301237217' || r.calledIn === '0301237330');
    expect(waiting.map((r) => r.disposition).sort()).toEqual(['answered', 'busy']);
    const warned = await tandem.waitForLog((l) => l.level === 'warn' && l.msg.startsWith('cdr: cannot ship to Redis'), 15_000);
    expect(warned.code).toBe('GW_ERR_CDR_SHIP_FAILED');

    await redisServer.start();
    const busy = await inRedis('0301237217');
    const answered = await inRedis('0301237330');
    expect(busy).toHaveLength(1);
    expect(answered).toHaveLength(1);
    expect(busy[0]).toMatchObject({ disposition: 'busy', cause: 17, sipStatus: 486 });
    expect(answered[0]?.disposition).toBe('answered');
    expect(waiting.map((r) => r.id).sort()).toEqual([busy[0]?.id, answered[0]?.id].sort());
    // exactly the three calls' records, each once
    const all = await ids();
    expect(all).toHaveLength(3);
    expect(await hashIds()).toEqual(all);
    await tandem.waitForLog((l) => l.level === 'info' && l.msg.startsWith('cdr: shipping to Redis at') && l.msg.endsWith('again'), 10_000);
    // one warning for the whole outage, not one per record or per retry
    expect(tandem.logs().filter((l) => l.level === 'warn' && l.msg.startsWith('cdr: cannot ship to Redis'))).toHaveLength(1);
    expect(tandem.stderr()).toBe('');
  }, 90_000);
});

describe('CDRs with Redis unreachable all along', () => {
  it('the gateway starts, carries a call, spools its record and stops promptly with exit 0', async () => {
    const closed = await freePort(); // nothing listens there
    const t = await startTandem({ changes: { cdr: { redis: { url: `redis://127.0.0.1:${closed}`, keyPrefix: prefix } } } });
    try {
      const run = await sipp({ scenario: 'pbx-uac-486.xml', ip: '127.0.0.1', port: await freePort(), remote: `127.0.0.1:${t.ports.sip}`, keys: { called: '0301238817', calling: '2001' } }).done;
      expect(run.code, run.diagnostics).toBe(0);
      const spooled = spawnSync(process.execPath, [`${root}bin/tandem.js`, 'cdr', 'export', '--format', 'json', '--spool', join(t.dir, 'cdr')], { encoding: 'utf8' });
      expect((JSON.parse(spooled.stdout) as Row[]).map((r) => r.calledIn)).toEqual(['0301238817']);
      await t.waitForLog((l) => l.level === 'warn' && l.msg.startsWith('cdr: cannot ship to Redis'), 15_000);
    } finally {
      const before = Date.now();
      expect(await t.stop()).toBe(0);
      // the shipper's add in flight (5 s at most), then the worker and the queue (5 s at most)
      expect(Date.now() - before).toBeLessThan(12_000);
    }
  }, 60_000);
});
