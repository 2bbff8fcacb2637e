// The spool on a real directory: group commit, fsync policies, rotation by size and age, and
// recovery of what a crash leaves (a truncated last line, a corrupt line).
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fsSpoolStorage } from '../../src/app/cdr-spool-fs.js';
import { FakeClock } from '../../src/core/clock.js';
import { listSegments, readWholeSegment, segmentName } from '../../src/cdr/spool-reader.js';
import type { SpoolStorage } from '../../src/cdr/spool-storage.js';
import { SpoolCdrStore } from '../../src/cdr/spool-store.js';
import { Spool, type SpoolOptions } from '../../src/cdr/spool.js';
import { mixedRecords, tempDir } from './helpers.js';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const dirs: string[] = [];
const spools: Spool[] = [];
afterEach(async () => {
  await Promise.all(spools.splice(0).map((s) => s.close()));
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The real storage of a fresh directory, counting writes and syncs; `failWrites` makes the next writes fail. */
function counted() {
  const dir = tempDir('spool');
  dirs.push(dir);
  mkdirSync(join(dir, 'cdr'));
  const real = fsSpoolStorage(join(dir, 'cdr'));
  const n = { writes: 0, syncs: 0, failWrites: 0, failSyncs: 0 };
  const storage: SpoolStorage = {
    ...real,
    async create(name) {
      const file = await real.create(name);
      return {
        async write(data) {
          n.writes++;
          if (n.failWrites > 0) {
            n.failWrites--;
            await file.write(data.subarray(0, 10));
            throw new Error('ENOSPC: no space left on device');
          }
          await file.write(data);
        },
        async sync() {
          n.syncs++;
          if (n.failSyncs > 0) {
            n.failSyncs--;
            throw new Error('EIO: i/o error');
          }
          await file.sync();
        },
        close: () => file.close(),
      };
    },
  };
  return { dir: join(dir, 'cdr'), storage, n };
}

async function open(storage: SpoolStorage, clock: FakeClock, options: Partial<SpoolOptions> = {}): Promise<Spool> {
  const spool = await Spool.open({ storage, clock, ...options });
  spools.push(spool);
  return spool;
}

async function allRecords(storage: SpoolStorage) {
  const out = [];
  for (const s of await listSegments(storage)) out.push(...(await readWholeSegment(storage, s)).records.map((r) => r.record));
  return out;
}

describe('spool: appending', () => {
  it('writes one JSON line per record, group-committing concurrent appends, each synced before it resolves', async () => {
    const { dir, storage, n } = counted();
    const spool = await open(storage, new FakeClock(T0));
    const records = mixedRecords(50, T0);
    await Promise.all(records.map((r) => spool.append([r])));
    expect(n.writes).toBeLessThan(records.length);
    expect(n.syncs).toBe(n.writes);
    const [segment] = readdirSync(dir);
    expect(segment).toBe(segmentName(T0, 0));
    const lines = readFileSync(join(dir, segment ?? ''), 'utf8').split('\n');
    expect(lines).toHaveLength(51);
    expect(JSON.parse(lines[0] ?? '')).toEqual(records[0]);
    expect(await allRecords(storage)).toEqual(records);
    await spool.close();
    await expect(spool.append(records.slice(0, 1))).rejects.toMatchObject({ code: 'GW_ERR_CDR_SPOOL_WRITE' });
  });

  it("fsync 'interval' resolves before syncing and syncs within the interval; 'never' leaves it to the OS", async () => {
    const clock = new FakeClock(T0);
    const interval = counted();
    const spool = await open(interval.storage, clock, { fsync: 'interval', fsyncIntervalMs: 1000 });
    await spool.append(mixedRecords(3, T0));
    await spool.append(mixedRecords(3, T0));
    expect(interval.n).toMatchObject({ writes: 2, syncs: 0 });
    clock.advance(1000);
    await vi.waitFor(() => expect(interval.n.syncs).toBe(1));

    const never = counted();
    const lax = await open(never.storage, clock, { fsync: 'never' });
    await lax.append(mixedRecords(3, T0));
    await lax.close();
    expect(never.n).toMatchObject({ writes: 1, syncs: 0 });
  });

  it('refuses the records of a failed write and continues in a new segment, leaving the fragment behind', async () => {
    const clock = new FakeClock(T0);
    const { storage, n } = counted();
    const spool = await open(storage, clock);
    const [a, b, c] = mixedRecords(3, T0);
    await spool.append([a!]);
    n.failWrites = 1;
    await expect(spool.append([b!])).rejects.toMatchObject({ code: 'GW_ERR_CDR_SPOOL_WRITE' });
    await spool.append([c!]);
    const segments = await listSegments(storage);
    expect(segments).toEqual([segmentName(T0, 0), segmentName(T0, 1)]);
    expect((await readWholeSegment(storage, segments[0]!)).tail).toBe(10);
    expect(await allRecords(storage)).toEqual([a, c]);
  });

  it("reports a failed background sync (fsync 'interval') and continues in a new segment", async () => {
    const clock = new FakeClock(T0);
    const { storage, n } = counted();
    const errors: string[] = [];
    const spool = await open(storage, clock, { fsync: 'interval', onError: (e) => errors.push(`${e.code} ${e.message}`) });
    await spool.append(mixedRecords(1, T0));
    n.failSyncs = 1;
    clock.advance(1000);
    await vi.waitFor(() => expect(errors).toEqual(['GW_ERR_CDR_SPOOL_WRITE Cannot write the CDR spool: sync: EIO: i/o error']));
    expect(spool.currentSegment()).toBeUndefined();
    await spool.append(mixedRecords(1, T0));
    expect(await listSegments(storage)).toEqual([segmentName(T0 + 1000, 0), segmentName(T0, 0)].sort());
  });
});

describe('spool: rotation', () => {
  it('starts a new segment before one would pass maxSegmentBytes, never splitting a record', async () => {
    const { storage } = counted();
    const records = mixedRecords(20, T0);
    const lineBytes = Math.max(...records.map((r) => JSON.stringify(r).length + 1));
    const spool = await open(storage, new FakeClock(T0), { maxSegmentBytes: lineBytes * 3 });
    for (const r of records) await spool.append([r]);
    const segments = await listSegments(storage);
    expect(segments.length).toBeGreaterThanOrEqual(7);
    for (const s of segments) {
      const chunk = await readWholeSegment(storage, s);
      expect(chunk.tail).toBe(0);
      expect(chunk.next).toBeLessThanOrEqual(lineBytes * 3);
    }
    expect(await allRecords(storage)).toEqual(records);
  });

  it('closes a segment open for maxSegmentAgeMs; the next append opens one named by its time', async () => {
    const clock = new FakeClock(T0);
    const { storage } = counted();
    const spool = await open(storage, clock, { maxSegmentAgeMs: 60_000 });
    await spool.append(mixedRecords(1, T0));
    expect(spool.currentSegment()).toBe(segmentName(T0, 0));
    clock.advance(60_000);
    await vi.waitFor(() => expect(spool.currentSegment()).toBeUndefined());
    await spool.append(mixedRecords(1, T0));
    expect(await listSegments(storage)).toEqual([segmentName(T0, 0), segmentName(T0 + 60_000, 0)]);
  });

  it('never appends to a segment of an earlier run, even with the clock behind it', async () => {
    const { storage } = counted();
    const first = await open(storage, new FakeClock(T0));
    await first.append(mixedRecords(1, T0));
    await first.close();
    const second = await open(storage, new FakeClock(T0 - 5000));
    await second.append(mixedRecords(1, T0));
    expect(await listSegments(storage)).toEqual([segmentName(T0, 0), segmentName(T0, 1)]);
  });
});

describe('spool: recovery after a crash', () => {
  it('detects a truncated last line, recovers every complete record, and reports the fragment', async () => {
    const { dir, storage } = counted();
    const records = mixedRecords(10, T0);
    const crashed = join(dir, segmentName(T0, 0));
    const lines = records.slice(0, 6).map((r) => `${JSON.stringify(r)}\n`);
    writeFileSync(crashed, lines.join('') + JSON.stringify(records[6]).slice(0, 57));
    const chunk = await readWholeSegment(storage, segmentName(T0, 0));
    expect(chunk.records.map((r) => r.record)).toEqual(records.slice(0, 6));
    expect(chunk).toMatchObject({ tail: 57, corrupt: [] });

    // the next run writes its own segment after it; the fragment stays where it was cut
    const spool = await open(storage, new FakeClock(T0 + 1000));
    await spool.append(records.slice(7));
    const problems: string[] = [];
    const store = new SpoolCdrStore(storage, (e) => problems.push(`${e.code} ${e.message}`));
    const found = await store.query({});
    expect(found.map((r) => r.id).sort()).toEqual([...records.slice(0, 6), ...records.slice(7)].map((r) => r.id).sort());
    expect(problems).toEqual([`GW_ERR_CDR_SPOOL_TRUNCATED Spool segment ends in a truncated line: ${segmentName(T0, 0)}: 57 bytes after offset ${lines.join('').length} skipped`]);
  });

  it('skips and reports a complete line that is not a record', async () => {
    const { dir, storage } = counted();
    const records = mixedRecords(3, T0);
    const name = segmentName(T0, 0);
    writeFileSync(join(dir, name), `${JSON.stringify(records[0])}\n{"version":1,"id":"x"}\nnot json\n`);
    appendFileSync(join(dir, name), `${JSON.stringify(records[1])}\n`);
    const chunk = await readWholeSegment(storage, name);
    expect(chunk.records.map((r) => r.record)).toEqual(records.slice(0, 2));
    expect(chunk.corrupt.map((c) => c.reason)).toEqual(['node is missing', expect.stringContaining('JSON') as string]);
  });
});
