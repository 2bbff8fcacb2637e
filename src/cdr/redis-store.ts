// The Redis CDR store (docs/cdr.md#redis-layout): one hash per CDR, `<prefix>cdr:rec:<id>`, and
// sorted sets of ids scored by setupInAt: by time, trunk group, calling and called number (as
// received and as sent), Q.850 cause, SIP status and answered or not. A batch is stored in one
// round trip: one script call that decodes the batch's JSON in Redis and runs each record's HSET,
// then one ZADD per index the batch touches. Against plain pipelined commands it costs Redis about
// 1.5 times the CPU and Node a fifth of it (docs/cdr.md "Benchmark"). Storing is idempotent by id: a record's keys and values depend on it alone, so storing
// it again writes the same hash fields and sorted-set members (and HSET, adding no field, tells
// it was a duplicate). Retention: trim() deletes the records whose setupInAt is older than
// retentionMs, with their index entries.
import { createHash, randomUUID } from 'node:crypto';
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

/**
 * The store's script: ARGV = key prefix (`<prefix>cdr:`), retention cutoff (ms), the records as
 * a JSON array. Per record: skipped when older than the cutoff, else HSET of its non-null fields
 * (integers written as `%d`, as String() writes them) and its index entries; the ZADDs are
 * grouped per key. Returns { stored, duplicates, expired }. Keys are built in the script (a
 * standalone Redis, not Redis Cluster).
 */
const STORE_SCRIPT = `
local p, cutoff, records = ARGV[1], tonumber(ARGV[2]), cjson.decode(ARGV[3])
local null, format, tostring, type = cjson.null, string.format, tostring, type
local zsets, order = {}, {}
local stored, duplicates, expired = 0, 0, 0
local function add(key, score, id)
  local z = zsets[key]
  if z == nil then z = {}; zsets[key] = z; order[#order + 1] = key end
  z[#z + 1] = score
  z[#z + 1] = id
end
local function str(v) if type(v) == 'number' then return format('%d', v) end return v end
for _, r in ipairs(records) do
  if r.setupInAt < cutoff then
    expired = expired + 1
  else
    local args, n = {}, 0
    for k, v in pairs(r) do
      if v ~= null then
        args[n + 1] = k
        args[n + 2] = type(v) == 'number' and (v < 1e14 and v > -1e14 and tostring(v) or format('%d', v)) or v
        n = n + 2
      end
    end
    if redis.call('HSET', p .. 'rec:' .. r.id, unpack(args)) > 0 then stored = stored + 1 else duplicates = duplicates + 1 end
    local score, id = format('%d', r.setupInAt), r.id
    add(p .. 'idx:time', score, id)
    add(p .. 'idx:answered:' .. ((r.answerAt == null or r.answerAt == nil) and '0' or '1'), score, id)
    if r.trunkGroup ~= null then add(p .. 'idx:trunk:' .. r.trunkGroup, score, id) end
    if r.callingIn ~= null then add(p .. 'idx:calling:' .. r.callingIn, score, id) end
    if r.callingOut ~= null and r.callingOut ~= r.callingIn then add(p .. 'idx:calling:' .. r.callingOut, score, id) end
    add(p .. 'idx:called:' .. r.calledIn, score, id)
    if r.calledOut ~= null and r.calledOut ~= r.calledIn then add(p .. 'idx:called:' .. r.calledOut, score, id) end
    if r.cause ~= null then add(p .. 'idx:cause:' .. str(r.cause), score, id) end
    if r.sipStatus ~= null then add(p .. 'idx:status:' .. str(r.sipStatus), score, id) end
  end
end
for _, key in ipairs(order) do
  local z = zsets[key]
  for i = 1, #z, 2000 do redis.call('ZADD', key, unpack(z, i, math.min(i + 1999, #z))) end
end
return {stored, duplicates, expired}
`;
const STORE_SHA = createHash('sha1').update(STORE_SCRIPT).digest('hex');

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
  storeBatch(records: readonly CdrRecord[]): Promise<BatchResult> {
    return this.storeJson(JSON.stringify(records), records.length);
  }

  /**
   * Stores the records of `json`, a JSON array of checked records (a queue job's text, as
   * spooled), in one round trip: one script call that decodes the array in Redis and writes
   * what storeBatch documents. Node does no per-field work: no argument lists, no per-command
   * objects. Resolves to the counts.
   */
  async storeJson(json: string, count: number): Promise<BatchResult> {
    if (count === 0) return { stored: 0, duplicates: 0, expired: 0 };
    const cutoff = this.#clock.now() - this.#retentionMs;
    const args = [this.#p, String(cutoff), json];
    let reply: unknown;
    try {
      reply = await this.#redis.evalsha(STORE_SHA, 0, ...args);
    } catch (e) {
      if (!String((e as Error).message).startsWith('NOSCRIPT')) throw e;
      reply = await this.#redis.eval(STORE_SCRIPT, 0, ...args);
    }
    const [stored, duplicates, expired] = reply as [number, number, number];
    return { stored, duplicates, expired };
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
