// The Redis CDR store (docs/cdr.md#redis-layout): one hash per CDR, `<prefix>cdr:rec:<id>`, and
// sorted sets of ids scored by setupInAt: by time, trunk group, calling and called number (as
// received and as sent), Q.850 cause, SIP status and answered or not. A batch is stored in one
// round trip: each record's HSET, then one ZADD per index the batch touches (plain commands: a
// Lua script decoding the batch costs Redis, the shared and single-threaded part, about twice the
// time). Storing is idempotent by id: a record's keys and values depend on it alone, so storing
// it again writes the same hash fields and sorted-set members (and HSET, adding no field, tells
// it was a duplicate). Retention: trim() deletes the records whose setupInAt is older than
// retentionMs, with their index entries.
import { randomUUID } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Clock } from '../core/clock.js';
import type { CdrQuery, CdrStore } from './query.js';
import { CDR_FIELD_KINDS, CDR_FIELDS, type CdrRecord } from './record.js';

export interface RedisCdrStoreOptions {
  readonly redis: Redis;
  /** prefix of every key, e.g. 'tandem:' */
  readonly prefix: string;
  /** records older than this (by setupInAt) are not stored and are trimmed */
  readonly retentionMs: number;
  readonly clock: Clock;
}

export interface BatchResult {
  readonly stored: number;
  /** already in the store: nothing written */
  readonly duplicates: number;
  /** older than the retention: not stored */
  readonly expired: number;
}

const TRIM_BATCH = 500;

/** The record's non-null fields as HSET arguments. */
function toHash(r: CdrRecord): string[] {
  const out: string[] = [];
  for (const f of CDR_FIELDS) {
    const v = r[f];
    if (v !== null) out.push(f, String(v));
  }
  return out;
}

function fromHash(h: Record<string, string>): CdrRecord | undefined {
  if (h.id === undefined) return undefined;
  const r: Record<string, string | number | null> = {};
  for (const f of CDR_FIELDS) {
    const v = h[f];
    r[f] = v === undefined ? null : CDR_FIELD_KINDS[f].type === 'int' ? Number(v) : v;
  }
  return r as unknown as CdrRecord;
}

/** The `i`th reply of a pipeline or transaction, as a list of ids. */
function reply(replies: [Error | null, unknown][] | null, i: number): string[] {
  const [error, value] = replies?.[i] ?? [new Error('the transaction was aborted'), undefined];
  if (error) throw error;
  return value as string[];
}

export class RedisCdrStore implements CdrStore {
  readonly #redis: Redis;
  readonly #p: string;
  readonly #retentionMs: number;
  readonly #clock: Clock;

  constructor(options: RedisCdrStoreOptions) {
    this.#redis = options.redis;
    this.#p = `${options.prefix}cdr:`;
    this.#retentionMs = options.retentionMs;
    this.#clock = options.clock;
  }

  #rec(id: string): string {
    return `${this.#p}rec:${id}`;
  }

  #idx(name: string): string {
    return `${this.#p}idx:${name}`;
  }

  /** The sorted sets listing `r`. */
  #indexes(r: CdrRecord): string[] {
    const keys = [this.#idx('time'), this.#idx(`answered:${r.answerAt === null ? 0 : 1}`)];
    if (r.trunkGroup !== null) keys.push(this.#idx(`trunk:${r.trunkGroup}`));
    for (const n of new Set([r.callingIn, r.callingOut])) if (n !== null) keys.push(this.#idx(`calling:${n}`));
    for (const n of new Set([r.calledIn, r.calledOut])) if (n !== null) keys.push(this.#idx(`called:${n}`));
    if (r.cause !== null) keys.push(this.#idx(`cause:${r.cause}`));
    if (r.sipStatus !== null) keys.push(this.#idx(`status:${r.sipStatus}`));
    return keys;
  }

  /** Stores the records in one round trip. */
  async storeBatch(records: readonly CdrRecord[]): Promise<BatchResult> {
    const cutoff = this.#clock.now() - this.#retentionMs;
    const fresh = records.filter((r) => r.setupInAt >= cutoff);
    if (fresh.length === 0) return { stored: 0, duplicates: 0, expired: records.length };
    const pipeline = this.#redis.pipeline();
    const members = new Map<string, (string | number)[]>();
    for (const r of fresh) {
      pipeline.hset(this.#rec(r.id), ...toHash(r));
      for (const key of this.#indexes(r)) {
        const list = members.get(key);
        if (list === undefined) members.set(key, [r.setupInAt, r.id]);
        else list.push(r.setupInAt, r.id);
      }
    }
    for (const [key, list] of members) pipeline.zadd(key, ...list);
    const replies = (await pipeline.exec()) ?? [];
    let stored = 0;
    for (const [i, [error, added]] of replies.entries()) {
      if (error) throw error;
      if (i < fresh.length && (added as number) > 0) stored++;
    }
    return { stored, duplicates: fresh.length - stored, expired: records.length - fresh.length };
  }

  async get(id: string): Promise<CdrRecord | undefined> {
    return fromHash(await this.#redis.hgetall(this.#rec(id)));
  }

  async query(q: CdrQuery): Promise<CdrRecord[]> {
    const filters: string[] = [];
    if (q.trunk !== undefined) filters.push(this.#idx(`trunk:${q.trunk}`));
    if (q.from !== undefined) filters.push(this.#idx(`calling:${q.from}`));
    if (q.to !== undefined) filters.push(this.#idx(`called:${q.to}`));
    if (q.cause !== undefined) filters.push(this.#idx(`cause:${q.cause}`));
    if (q.status !== undefined) filters.push(this.#idx(`status:${q.status}`));
    if (q.answered !== undefined) filters.push(this.#idx(`answered:${q.answered ? 1 : 0}`));
    const max = q.until === undefined ? '+inf' : `(${q.until}`;
    const min = q.since ?? '-inf';
    const newest = (c: ChainableCommander, key: string) =>
      q.limit === undefined ? c.zrevrangebyscore(key, max, min) : c.zrevrangebyscore(key, max, min, 'LIMIT', 0, q.limit);
    if (filters.length <= 1) return this.#getMany(reply(await newest(this.#redis.pipeline(), filters[0] ?? this.#idx('time')).exec(), 0));
    // every index scores an id by the same setupInAt, so the intersection keeps it
    const tmp = this.#idx(`tmp:${randomUUID()}`);
    const tx = this.#redis.multi().zinterstore(tmp, filters.length, ...filters, 'AGGREGATE', 'MIN');
    return this.#getMany(reply(await newest(tx, tmp).del(tmp).exec(), 1));
  }

  async #getMany(ids: readonly string[]): Promise<CdrRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.#rec(id));
    const out: CdrRecord[] = [];
    for (const [error, hash] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      const r = fromHash(hash as Record<string, string>);
      if (r !== undefined) out.push(r);
    }
    return out;
  }

  /** Deletes the records past retention and their index entries; resolves to how many. */
  async trim(): Promise<number> {
    const cutoff = this.#clock.now() - this.#retentionMs;
    let removed = 0;
    for (;;) {
      const ids = await this.#redis.zrangebyscore(this.#idx('time'), '-inf', `(${cutoff}`, 'LIMIT', 0, TRIM_BATCH);
      if (ids.length === 0) return removed;
      const records = await this.#getMany(ids);
      const pipeline = this.#redis.pipeline();
      for (const r of records) {
        for (const key of this.#indexes(r)) pipeline.zrem(key, r.id);
        pipeline.del(this.#rec(r.id));
      }
      pipeline.zrem(this.#idx('time'), ...ids);
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
      removed += records.length;
    }
  }
}
