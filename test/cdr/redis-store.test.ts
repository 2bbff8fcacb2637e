// The Redis store on a real Redis: idempotent by id, the indexes answer every filter exactly as
// the spool store does, and retention trims records with their index entries.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRecords } from '../../src/cdr/bull-queue.js';
import { matchesQuery, newestFirst, type CdrQuery } from '../../src/cdr/query.js';
import type { CdrRecord } from '../../src/cdr/record.js';
import { RedisCdrStore } from '../../src/cdr/redis-store.js';
import { FakeClock } from '../../src/core/clock.js';
import { cleanRedis, mixedRecords, REDIS_URL, testPrefix } from './helpers.js';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const DAY = 86_400_000;
const prefix = testPrefix('store');
const redis = new Redis(REDIS_URL);
const clock = new FakeClock(T0 + DAY);
const store = new RedisCdrStore({ redis, prefix, retentionMs: 30 * DAY, clock });
const records = mixedRecords(60, T0);

beforeAll(async () => {
  expect(await store.storeBatch(records)).toEqual({ stored: 60, duplicates: 0, expired: 0 });
});

afterAll(async () => {
  await cleanRedis(REDIS_URL, prefix);
  redis.disconnect();
});

describe('RedisCdrStore', () => {
  it('keeps one hash per CDR, read back field for field', async () => {
    const r = records[7] as CdrRecord;
    expect(await store.get(r.id)).toEqual(r);
    expect(await redis.hget(`${prefix}cdr:rec:${r.id}`, 'calledIn')).toBe(r.calledIn);
    expect(await redis.hexists(`${prefix}cdr:rec:${r.id}`, 'redirecting')).toBe(0); // null: no field
    expect(await store.get('no-such-id')).toBeUndefined();
  });

  it('writes each non-null field as String() writes it, integers and non-ASCII text included', async () => {
    const base = records[0] as CdrRecord;
    const r: CdrRecord = { ...base, id: 'unicode-and-ints', route: 'national-é-☎', reason: 'Q.850;cause=16;text="Normal \\"clearing\\""', billableMs: 9_007_199_254_740, setupInAt: T0 + 1234 };
    expect(await store.storeBatch([r])).toEqual({ stored: 1, duplicates: 0, expired: 0 });
    const expected = Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (v === null ? [] : [[k, String(v)]])));
    expect(await redis.hgetall(`${prefix}cdr:rec:${r.id}`)).toEqual(expected);
    expect(await redis.zscore(`${prefix}cdr:idx:time`, r.id)).toBe(String(T0 + 1234));
    await redis.del(`${prefix}cdr:rec:${r.id}`);
    for (const key of await redis.keys(`${prefix}cdr:idx:*`)) await redis.zrem(key, r.id);
  });

  it('stores each id once however often it is delivered', async () => {
    const again = [...records.slice(0, 10), ...records.slice(0, 10)];
    expect(await store.storeBatch(again)).toEqual({ stored: 0, duplicates: 20, expired: 0 });
    expect(await redis.zcard(`${prefix}cdr:idx:time`)).toBe(60);
    expect(await redis.zcard(`${prefix}cdr:idx:trunk:sim-t1`)).toBe(20);
  });

  it('counts a record given twice in one batch once', async () => {
    const p = testPrefix('twice');
    const other = new RedisCdrStore({ redis, prefix: p, retentionMs: 30 * DAY, clock });
    try {
      const [a, b] = mixedRecords(2, T0) as [CdrRecord, CdrRecord];
      expect(await other.storeBatch([a, a, b])).toEqual({ stored: 2, duplicates: 1, expired: 0 });
      expect(await other.query({})).toEqual([b, a]);
    } finally {
      await cleanRedis(REDIS_URL, p);
    }
  });

  it.each<[string, CdrQuery]>([
    ['everything', {}],
    ['a time window', { since: T0 + 10_000, until: T0 + 20_000 }],
    ['a trunk group', { trunk: 'sim-t1' }],
    ['a calling number as received', { from: '+33123456789', limit: 5 }],
    ['a calling number as sent', { from: '0123456789', since: T0 + 30_000 }],
    ['a called number', { to: '060003' }],
    ['a cause', { cause: 17 }],
    ['a SIP status', { status: 487 }],
    ['answered', { answered: true }],
    ['unanswered', { answered: false, limit: 7 }],
    ['several filters', { trunk: 'sim-e1', to: '060001', answered: false, since: T0 + 5000 }],
    ['filters that match nothing', { trunk: 'sim-t1', cause: 99 }],
  ])('answers a query by %s as the spool store would', async (_, q) => {
    const want = records.filter((r) => matchesQuery(r, q)).sort(newestFirst);
    const got = await store.query(q);
    expect(got).toEqual(q.limit === undefined ? want : want.slice(0, q.limit));
  });

  it('refuses a queue job that is not a batch of CDRs', () => {
    const bad = (data: unknown) => () => jobRecords(data);
    expect(bad({ count: 1, json: '{"records":1}' })).toThrow('Queue job is not a batch of CDRs: no JSON array of records');
    expect(bad({ count: 1, json: '[{' })).toThrow('Queue job is not a batch of CDRs: no JSON array of records');
    expect(bad({ records: [] })).toThrow('Queue job is not a batch of CDRs: no JSON array of records');
    expect(bad({ count: 2, json: JSON.stringify([records[0], { version: 1, id: 'x' }]) })).toThrow('Queue job is not a batch of CDRs: record 2: node is missing');
    expect(jobRecords({ count: 2, json: JSON.stringify(records.slice(0, 2)) })).toEqual(records.slice(0, 2));
  });

  it('refuses records already past retention, and trims those that passed it with their index entries', async () => {
    const p = testPrefix('retention');
    const local = new FakeClock(T0 + DAY);
    const short = new RedisCdrStore({ redis, prefix: p, retentionMs: 2 * DAY, clock: local });
    try {
      const old = mixedRecords(5, T0 - 2 * DAY);
      expect(await short.storeBatch([...old, ...records.slice(0, 5)])).toEqual({ stored: 5, duplicates: 0, expired: 5 });
      local.advance(DAY - 1000);
      expect(await short.trim()).toBe(0);
      local.advance(3000); // records[0] and [1], set up at T0 and T0 + 1 s, are now older than 2 days
      expect(await short.trim()).toBe(2);
      expect((await short.query({})).map((r) => r.id)).toEqual(records.slice(2, 5).map((r) => r.id).reverse());
      const keys = await redis.keys(`${p}*`);
      for (const key of keys.filter((k) => k.includes(':idx:'))) {
        expect(await redis.zrange(key, 0, -1)).not.toContain((records[0] as CdrRecord).id);
      }
      expect(keys.filter((k) => k.includes(':rec:'))).toHaveLength(3);
    } finally {
      await cleanRedis(REDIS_URL, p);
    }
  });
});
