// The shipper against its queue port (a recording queue here; tests/cdr/pipeline.test.ts runs
// it against bull on real Redis): what it ships and when, the cursor across restarts, segment
// removal, and what happens when the queue fails or does not answer.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fsSpoolStorage } from '../../src/app/cdr-spool-fs.js';
import type { CdrRecord } from '../../src/cdr/record.js';
import { CdrShipper, CURSOR_FILE, type CdrJob, type CdrQueue, type ShipperEvent } from '../../src/cdr/shipper.js';
import { listSegments, segmentName } from '../../src/cdr/spool-reader.js';
import { Spool } from '../../src/cdr/spool.js';
import { FakeClock, systemClock, type Clock } from '../../src/core/clock.js';
import { mixedRecords, tempDir } from './helpers.js';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A queue that keeps what it is given; `answer` decides each add's fate. */
function recordingQueue(answer: () => Promise<void> = () => Promise.resolve()) {
  const jobs: CdrJob[] = [];
  const queue: CdrQueue = {
    async add(batch) {
      await answer();
      jobs.push(...batch);
    },
  };
  /** every record shipped, in order */
  const records = () => jobs.flatMap((j) => JSON.parse(j.json) as CdrRecord[]);
  return { jobs, queue, records };
}

async function setup(clock: Clock, queue: CdrQueue, batchSize = 4) {
  const scratch = tempDir('shipper');
  dirs.push(scratch);
  const dir = join(scratch, 'cdr');
  mkdirSync(dir);
  const storage = fsSpoolStorage(dir);
  const spool = await Spool.open({ storage, clock });
  const events: ShipperEvent[] = [];
  const shipper = new CdrShipper({ storage, spool, queue, clock, batchSize, onEvent: (e) => events.push(e) });
  return { dir, storage, spool, shipper, events };
}

describe('CdrShipper', () => {
  it('ships the complete lines in batches under stable job ids, and keeps its cursor across restarts', async () => {
    const clock = new FakeClock(T0);
    const q = recordingQueue();
    const s = await setup(clock, q.queue);
    const records = mixedRecords(10, T0);
    await s.spool.append(records);
    expect(await s.shipper.shipOnce()).toBe(10);
    expect(await s.shipper.shipOnce()).toBe(0);
    const seg = segmentName(T0, 0).replace('.jsonl', '');
    expect(q.jobs.map((j) => [j.id.replace(/@\d+$/, ''), j.count])).toEqual([
      [seg, 4],
      [seg, 4],
      [seg, 2],
    ]);
    expect(q.jobs[0]?.id).toBe(`${seg}@0`);
    expect(q.records()).toEqual(records);
    expect(JSON.parse((await s.storage.readText(CURSOR_FILE)) ?? '')).toEqual({ segment: segmentName(T0, 0), offset: records.reduce((n, r) => n + JSON.stringify(r).length + 1, 0) });

    // the next run starts where this one stopped
    await s.spool.append(mixedRecords(3, T0 + 100_000));
    const again = new CdrShipper({ storage: s.storage, spool: s.spool, queue: q.queue, clock, batchSize: 4 });
    expect(await again.shipOnce()).toBe(3);
    expect(q.records()).toHaveLength(13);
    await s.spool.close();
  });

  it('removes closed segments once shipped, reporting a truncated last line it skipped', async () => {
    const clock = new FakeClock(T0);
    const q = recordingQueue();
    const s = await setup(clock, q.queue);
    const old = mixedRecords(3, T0);
    writeFileSync(join(s.dir, segmentName(T0 - 1000, 0)), `${old.map((r) => JSON.stringify(r)).join('\n')}\n{"version":1,"id":"cut`);
    await s.spool.append(mixedRecords(2, T0));
    expect(await s.shipper.shipOnce()).toBe(3);
    expect(await s.shipper.shipOnce()).toBe(2); // the crashed segment went, the open one stays
    expect(await listSegments(s.storage)).toEqual([segmentName(T0, 0)]);
    expect(s.events.map((e) => e.type)).toEqual(['shipped', 'truncated', 'removed', 'shipped']);
    expect(s.events[1]).toMatchObject({ segment: segmentName(T0 - 1000, 0), error: { code: 'GW_ERR_CDR_SPOOL_TRUNCATED' } });
    await s.spool.close();
    expect(await s.shipper.shipOnce()).toBe(0);
    expect(await listSegments(s.storage)).toEqual([]);
  });

  it('keeps records spooled when the queue fails, and ships them again under the same ids', async () => {
    const clock = new FakeClock(T0);
    let fail = true;
    const q = recordingQueue(() => (fail ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve()));
    const s = await setup(clock, q.queue);
    await s.spool.append(mixedRecords(5, T0));
    await expect(s.shipper.shipOnce()).rejects.toMatchObject({ code: 'GW_ERR_CDR_SHIP_FAILED', message: 'Cannot ship CDRs to the queue: connect ECONNREFUSED' });
    expect(await s.storage.readText(CURSOR_FILE)).toBeUndefined();
    fail = false;
    expect(await s.shipper.shipOnce()).toBe(5);
    expect(q.jobs.map((j) => j.id)).toEqual([`${segmentName(T0, 0).replace('.jsonl', '')}@0`, expect.stringMatching(/@\d+$/) as string]);
    await s.spool.close();
  });

  it('gives up on a queue that does not answer within timeoutMs', async () => {
    const clock = new FakeClock(T0);
    const s = await setup(clock, { add: () => new Promise<void>(() => undefined) });
    await s.spool.append(mixedRecords(1, T0));
    const round = s.shipper.shipOnce();
    await vi.waitFor(() => expect(clock.pending()).toBe(2)); // the segment's age timer and the add's timeout
    clock.advance(10_000);
    await expect(round).rejects.toMatchObject({ code: 'GW_ERR_CDR_SHIP_FAILED', message: 'Cannot ship CDRs to the queue: the queue did not take 1 jobs within 10000 ms' });
    await s.spool.close();
  });

  it('once started, ships after each write and retries after errors', async () => {
    let failures = 2;
    const q = recordingQueue(() => (failures-- > 0 ? Promise.reject(new Error('down')) : Promise.resolve()));
    const s = await setup(systemClock, q.queue);
    const shipper = new CdrShipper({ storage: s.storage, spool: s.spool, queue: q.queue, clock: systemClock, retryMs: 20, pollMs: 60_000, onEvent: (e) => s.events.push(e) });
    shipper.start();
    await s.spool.append(mixedRecords(3, T0));
    await vi.waitFor(() => expect(q.records()).toHaveLength(3), { timeout: 2000, interval: 10 });
    expect(s.events.filter((e) => e.type === 'error')).toHaveLength(2);
    await s.spool.append(mixedRecords(2, T0));
    await vi.waitFor(() => expect(q.records()).toHaveLength(5), { timeout: 2000, interval: 10 });
    await shipper.stop();
    await s.spool.close();
  });
});
