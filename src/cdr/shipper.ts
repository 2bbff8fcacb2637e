// The shipper: moves spooled records onto the queue, in spool order, and marks them shipped.
// The mark is a cursor (segment, byte offset) kept in the spool directory and saved after the
// queue has taken a chunk; a segment that is closed and fully shipped is removed. A crash
// between the two re-ships the chunk under the same job ids; the store is idempotent by record
// id, so nothing is stored twice. While the queue is unreachable records simply stay spooled.
import type { Clock, TimerHandle } from '../core/clock.js';
import { CdrShipError, CdrSpoolCorruptError, CdrSpoolTruncatedError } from './errors.js';
import { listSegments, readSegment, type SpooledRecord } from './spool-reader.js';
import type { SpoolStorage } from './spool-storage.js';
import type { Spool } from './spool.js';

/** One queue job: a batch of records and an id that is the same each time the batch is shipped. */
export interface CdrJob {
  readonly id: string;
  readonly count: number;
  /** the records as a JSON array: their spool lines, joined */
  readonly json: string;
}

/** The shipper's port to the queue (bull-queue.ts). Resolves once the queue holds the jobs. */
export interface CdrQueue {
  add(jobs: readonly CdrJob[]): Promise<void>;
}

export type ShipperEvent =
  | { readonly type: 'shipped'; readonly segment: string; readonly records: number }
  | { readonly type: 'removed'; readonly segment: string }
  | { readonly type: 'corrupt'; readonly segment: string; readonly offset: number; readonly error: CdrSpoolCorruptError }
  | { readonly type: 'truncated'; readonly segment: string; readonly offset: number; readonly error: CdrSpoolTruncatedError }
  | { readonly type: 'error'; readonly error: CdrShipError };

export interface ShipperOptions {
  readonly storage: SpoolStorage;
  readonly spool: Pick<Spool, 'currentSegment' | 'onWritten'>;
  readonly queue: CdrQueue;
  readonly clock: Clock;
  /** records per job (default 500) */
  readonly batchSize?: number;
  /** bytes read from a segment per round (default 4 MiB) */
  readonly readBytes?: number;
  /** wait after an error before trying again (default 1 s) */
  readonly retryMs?: number;
  /** look at the spool this often when idle, besides each write (default 1 s) */
  readonly pollMs?: number;
  /** give up on a queue add after this long (default 10 s) */
  readonly timeoutMs?: number;
  readonly onEvent?: (e: ShipperEvent) => void;
}

/** The shipping cursor's file in the spool directory. */
export const CURSOR_FILE = 'shipped.json';

interface Cursor {
  readonly segment: string;
  readonly offset: number;
}

function parseCursor(text: string | undefined): Cursor {
  try {
    const c = JSON.parse(text ?? '') as Partial<Cursor>;
    if (typeof c.segment === 'string' && Number.isSafeInteger(c.offset)) return { segment: c.segment, offset: c.offset as number };
  } catch {
    // no cursor yet, or unreadable: ship everything spooled (the store drops what it already has)
  }
  return { segment: '', offset: 0 };
}

export class CdrShipper {
  readonly #o: ShipperOptions;
  readonly #batchSize: number;
  readonly #readBytes: number;
  #cursor: Cursor | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #timer: TimerHandle | undefined;
  #busy = false;
  #again = false;
  #backingOff = false;
  #stopped = true;
  #unsubscribe: (() => void) | undefined;

  constructor(options: ShipperOptions) {
    this.#o = options;
    this.#batchSize = options.batchSize ?? 500;
    this.#readBytes = options.readBytes ?? 4 << 20;
  }

  /** Ships continuously: after each spool write, every pollMs when idle, every retryMs after an error. */
  start(): void {
    this.#stopped = false;
    this.#unsubscribe = this.#o.spool.onWritten(() => this.#wake());
    this.#wake();
  }

  /** Stops shipping and waits for the round in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#timer?.cancel();
    await this.#chain.catch(() => undefined);
  }

  /** Ships one chunk of the oldest unshipped records; resolves to how many (0: nothing to ship now). */
  shipOnce(): Promise<number> {
    const round = this.#chain.then(() => this.#shipOnce());
    this.#chain = round.catch(() => undefined);
    return round;
  }

  #wake(): void {
    if (this.#stopped || this.#backingOff) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#timer?.cancel();
    this.#busy = true;
    void this.#round();
  }

  async #round(): Promise<void> {
    let delay: number;
    try {
      const shipped = await this.shipOnce();
      delay = shipped > 0 || this.#again ? 0 : (this.#o.pollMs ?? 1000);
    } catch (e) {
      this.#o.onEvent?.({ type: 'error', error: e instanceof CdrShipError ? e : new CdrShipError((e as Error).message, { cause: e }) });
      this.#backingOff = true;
      delay = this.#o.retryMs ?? 1000;
    }
    this.#busy = false;
    this.#again = false;
    if (this.#stopped) return;
    this.#timer = this.#o.clock.setTimer(delay, () => {
      this.#backingOff = false;
      this.#wake();
    });
  }

  async #shipOnce(): Promise<number> {
    const { storage, spool } = this.#o;
    this.#cursor ??= parseCursor(await storage.readText(CURSOR_FILE));
    for (const segment of await listSegments(storage)) {
      // read only after looking: a segment closed before the read is read to its real end
      const open = segment === spool.currentSegment();
      if (segment < this.#cursor.segment) {
        if (!open) await this.#remove(segment);
        continue;
      }
      const offset = segment === this.#cursor.segment ? this.#cursor.offset : 0;
      const chunk = await readSegment(storage, segment, offset, this.#readBytes);
      for (const c of chunk.corrupt) {
        this.#o.onEvent?.({ type: 'corrupt', segment, offset: c.offset, error: new CdrSpoolCorruptError(`${segment} at ${c.offset}: ${c.reason}`) });
      }
      if (chunk.records.length > 0) {
        await this.#add(this.#jobs(segment, chunk.records));
        await this.#save({ segment, offset: chunk.next });
        this.#o.onEvent?.({ type: 'shipped', segment, records: chunk.records.length });
        return chunk.records.length;
      }
      if (chunk.next > offset || segment !== this.#cursor.segment) await this.#save({ segment, offset: chunk.next });
      if (open) return 0;
      if (chunk.tail > 0) {
        const error = new CdrSpoolTruncatedError(`${segment}: ${chunk.tail} bytes after offset ${chunk.next} skipped`);
        this.#o.onEvent?.({ type: 'truncated', segment, offset: chunk.next, error });
      }
      await this.#remove(segment);
    }
    return 0;
  }

  #jobs(segment: string, records: readonly SpooledRecord[]): CdrJob[] {
    const base = segment.replace(/\.jsonl$/, '');
    const jobs: CdrJob[] = [];
    for (let i = 0; i < records.length; i += this.#batchSize) {
      const batch = records.slice(i, i + this.#batchSize);
      jobs.push({ id: `${base}@${(batch[0] as SpooledRecord).offset}`, count: batch.length, json: `[${batch.map((s) => s.line).join(',')}]` });
    }
    return jobs;
  }

  async #add(jobs: readonly CdrJob[]): Promise<void> {
    const ms = this.#o.timeoutMs ?? 10_000;
    let timer: TimerHandle | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = this.#o.clock.setTimer(ms, () => reject(new CdrShipError(`the queue did not take ${jobs.length} jobs within ${ms} ms`)));
    });
    const adding = this.#o.queue.add(jobs);
    // after a timeout a late answer changes nothing: the chunk is shipped again under the same ids
    adding.catch(() => undefined);
    try {
      await Promise.race([adding, timeout]);
    } catch (e) {
      throw e instanceof CdrShipError ? e : new CdrShipError((e as Error).message, { cause: e });
    } finally {
      timer?.cancel();
    }
  }

  async #save(cursor: Cursor): Promise<void> {
    await this.#o.storage.writeAtomic(CURSOR_FILE, JSON.stringify(cursor));
    this.#cursor = cursor;
  }

  async #remove(segment: string): Promise<void> {
    await this.#o.storage.remove(segment);
    this.#o.onEvent?.({ type: 'removed', segment });
  }
}
