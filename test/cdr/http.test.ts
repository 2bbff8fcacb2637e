// GET /cdrs and GET /cdrs/:id on a fastify instance (inject), over the Redis store and over the spool.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCdrRoutes } from '../../src/app/cdr-http.js';
import { fsSpoolStorage } from '../../src/app/cdr-spool-fs.js';
import type { CdrStore } from '../../src/cdr/query.js';
import type { CdrRecord } from '../../src/cdr/record.js';
import { RedisCdrStore } from '../../src/cdr/redis-store.js';
import { SpoolCdrStore } from '../../src/cdr/spool-store.js';
import { Spool } from '../../src/cdr/spool.js';
import { FakeClock } from '../../src/core/clock.js';
import { cleanRedis, mixedRecords, REDIS_URL, tempDir, testPrefix } from './helpers.js';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const clock = new FakeClock(T0 + 3_600_000);
const records = mixedRecords(150, T0);
const prefix = testPrefix('http');
const redis = new Redis(REDIS_URL);
const dir = tempDir('http');

const stores: Record<string, CdrStore> = {
  redis: new RedisCdrStore({ redis, prefix, retentionMs: 86_400_000, clock }),
  spool: new SpoolCdrStore(fsSpoolStorage(join(dir, 'cdr')), (e) => {
    throw e;
  }),
};

beforeAll(async () => {
  await (stores.redis as RedisCdrStore).storeBatch(records);
  const spool = await Spool.open({ storage: fsSpoolStorage(join(dir, 'cdr')), clock });
  await spool.append(records);
  await spool.close();
});

afterAll(async () => {
  await cleanRedis(REDIS_URL, prefix);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.keys(stores))('admin API /cdrs over the %s store', (name) => {
  const app = Fastify();
  registerCdrRoutes(app, stores[name] as CdrStore, clock);
  afterAll(() => app.close());

  it('lists the newest 100 by default', async () => {
    const res = await app.inject({ method: 'GET', url: '/cdrs' });
    expect(res.statusCode).toBe(200);
    const { cdrs } = res.json<{ cdrs: CdrRecord[] }>();
    expect(cdrs).toHaveLength(100);
    expect(cdrs[0]).toEqual(records.at(-1));
  });

  it('applies the filters of the query string', async () => {
    const res = await app.inject({ method: 'GET', url: '/cdrs?trunk=sim-t1&answered=false&since=2024-05-01T10:00:30Z&until=2024-05-01T10:01:30Z&limit=3' });
    expect(res.statusCode).toBe(200);
    const want = records
      .filter((r) => r.trunkGroup === 'sim-t1' && r.answerAt === null && r.setupInAt >= T0 + 30_000 && r.setupInAt < T0 + 90_000)
      .reverse()
      .slice(0, 3);
    expect(res.json<{ cdrs: CdrRecord[] }>().cdrs).toEqual(want);
    const busy = await app.inject({ method: 'GET', url: '/cdrs?cause=17&status=486&to=060001&from=%2B33123456789&limit=1000' });
    expect(busy.json<{ cdrs: CdrRecord[] }>().cdrs.map((r) => r.id)).toEqual(
      records
        .filter((r) => r.cause === 17 && r.calledIn === '060001')
        .reverse()
        .map((r) => r.id),
    );
  });

  it('refuses a bad query with 400 and the error code', async () => {
    const res = await app.inject({ method: 'GET', url: '/cdrs?cause=300&colour=red' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'GW_ERR_CDR_BAD_QUERY',
      message: 'Invalid CDR query: unknown filter "colour"; the filters are since, until, trunk, from, to, cause, status, answered, limit; cause: must be a Q.850 cause value, 0 to 127',
    });
  });

  it('gets one CDR by id, or 404', async () => {
    const r = records[42] as CdrRecord;
    const res = await app.inject({ method: 'GET', url: `/cdrs/${r.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(r);
    const missing = await app.inject({ method: 'GET', url: '/cdrs/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'GW_ERR_CDR_NOT_FOUND', message: 'No such CDR: nope' });
  });
});

describe('admin API /cdrs when the store does not answer', () => {
  // a Redis client on a closed port, failing at once instead of retrying
  const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  const app = Fastify();
  registerCdrRoutes(app, new RedisCdrStore({ redis: dead, prefix: testPrefix('http-dead'), retentionMs: 86_400_000, clock }), clock);
  afterAll(async () => {
    await app.close();
    dead.disconnect();
  });

  it('GET /cdrs and GET /cdrs/:id answer 503 GW_ERR_CDR_STORE_UNAVAILABLE, not a bare 500', async () => {
    for (const url of ['/cdrs', '/cdrs/some-id']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(503);
      expect(res.json<{ code: string }>().code, url).toBe('GW_ERR_CDR_STORE_UNAVAILABLE');
    }
  });
});
