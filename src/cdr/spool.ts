// The local CDR spool: every record is appended here before anything else happens to it.
// Appends are group-committed: records appended while a write is in flight go out together in
// the next write, and with fsync 'always' each append resolves only once its write is synced.
// A segment is closed, and the next append opens a new one, when it would grow past
// maxSegmentBytes or has been open maxSegmentAgeMs. A spool never appends to a segment it did not
// create, so a segment cut by a crash keeps its truncated last line at its end (spool-reader.ts).
import type { Clock, TimerHandle } from '../core/clock.js';
import { CdrSpoolWriteError } from './errors.js';
import type { CdrRecord } from './record.js';
import { listSegments, segmentName, segmentStart } from './spool-reader.js';
import type { SpoolFile, SpoolStorage } from './spool-storage.js';

/** 'always': an append resolves after fdatasync; 'interval': synced within fsyncIntervalMs; 'never': left to the OS. */
export type FsyncPolicy = 'always' | 'interval' | 'never';

export interface SpoolOptions {
  readonly storage: SpoolStorage;
  readonly clock: Clock;
  readonly fsync?: FsyncPolicy;
  readonly fsyncIntervalMs?: number;
  readonly maxSegmentBytes?: number;
  readonly maxSegmentAgeMs?: number;
  /** a background sync (fsync 'interval') or close failed; the segment is abandoned and the next append opens a new one */
  readonly onError?: (error: CdrSpoolWriteError) => void;
}

const SPOOL_DEFAULTS = { fsync: 'always', fsyncIntervalMs: 1000, maxSegmentBytes: 16 << 20, maxSegmentAgeMs: 5 * 60_000 } as const;

interface Pending {
  readonly data: Buffer;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

interface Segment {
  readonly name: string;
  readonly file: SpoolFile;
  size: number;
  readonly ageTimer: TimerHandle;
}

export class Spool {
  readonly #storage: SpoolStorage;
  readonly #clock: Clock;
  readonly #fsync: FsyncPolicy;
  readonly #fsyncIntervalMs: number;
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  readonly #onError: ((error: CdrSpoolWriteError) => void) | undefined;
  readonly #listeners = new Set<() => void>();
  #last: { start: number; seq: number };
  /** the segment being written, named as soon as it is being created */
  #name: string | undefined;
  #segment: Segment | undefined;
  #pending: Pending[] = [];
  #running = false;
  #idle: Promise<void> = Promise.resolve();
  #rotateDue = false;
  #syncDue = false;
  #syncTimer: TimerHandle | undefined;
  #closed = false;

  /** Opens the spool; the first append starts a new segment after the existing ones. */
  static async open(options: SpoolOptions): Promise<Spool> {
    const last = (await listSegments(options.storage)).at(-1);
    return new Spool(options, last === undefined ? { start: -1, seq: 0 } : { start: segmentStart(last), seq: Number(last.slice(-10, -6)) });
  }

  private constructor(options: SpoolOptions, last: { start: number; seq: number }) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#fsync = options.fsync ?? SPOOL_DEFAULTS.fsync;
    this.#fsyncIntervalMs = options.fsyncIntervalMs ?? SPOOL_DEFAULTS.fsyncIntervalMs;
    this.#maxBytes = options.maxSegmentBytes ?? SPOOL_DEFAULTS.maxSegmentBytes;
    this.#maxAgeMs = options.maxSegmentAgeMs ?? SPOOL_DEFAULTS.maxSegmentAgeMs;
    this.#onError = options.onError;
    this.#last = last;
  }

  /** The segment being written, if any: every other segment is closed and will not grow. */
  currentSegment(): string | undefined {
    return this.#name;
  }

  /** Calls `listener` after each write; returns a function that stops it. */
  onWritten(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Appends the records as one line each; resolves once written (and synced, under fsync 'always'). */
  append(records: readonly CdrRecord[]): Promise<void> {
    if (this.#closed) return Promise.reject(new CdrSpoolWriteError('the spool is closed'));
    if (records.length === 0) return Promise.resolve();
    const data = Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    return new Promise((resolve, reject) => {
      this.#pending.push({ data, resolve, reject });
      this.#kick();
    });
  }

  /** Writes what is pending, syncs and closes the current segment; appends are refused from now on. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#rotateDue = true;
    this.#kick();
    await this.#idle;
    this.#syncTimer?.cancel();
  }

  #kick(): void {
    if (this.#running) return;
    this.#running = true;
    this.#idle = this.#drain();
  }

  async #drain(): Promise<void> {
    for (;;) {
      if (this.#pending.length > 0) await this.#writePending();
      else if (this.#rotateDue) await this.#closeSegment();
      else if (this.#syncDue) await this.#syncNow();
      else {
        this.#running = false;
        return;
      }
    }
  }

  async #writePending(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    const data = batch.length === 1 ? (batch[0] as Pending).data : Buffer.concat(batch.map((p) => p.data));
    try {
      if (this.#segment !== undefined && this.#segment.size > 0 && this.#segment.size + data.length > this.#maxBytes) await this.#closeSegment();
      const segment = this.#segment ?? (await this.#openSegment());
      await segment.file.write(data);
      segment.size += data.length;
      if (this.#fsync === 'always') await segment.file.sync();
      else if (this.#fsync === 'interval') this.#syncTimer ??= this.#clock.setTimer(this.#fsyncIntervalMs, () => this.#timerSync());
    } catch (e) {
      const error = new CdrSpoolWriteError((e as Error).message, { cause: e });
      for (const p of batch) p.reject(error);
      // the segment may now end in part of a line: never append to it again
      await this.#abandonSegment();
      return;
    }
    for (const p of batch) p.resolve();
    for (const listener of this.#listeners) listener();
  }

  #timerSync(): void {
    this.#syncTimer = undefined;
    this.#syncDue = true;
    this.#kick();
  }

  async #syncNow(): Promise<void> {
    this.#syncDue = false;
    try {
      await this.#segment?.file.sync();
    } catch (e) {
      this.#onError?.(new CdrSpoolWriteError(`sync: ${(e as Error).message}`, { cause: e }));
      await this.#abandonSegment();
    }
  }

  async #openSegment(): Promise<Segment> {
    const now = this.#clock.now();
    this.#last = now > this.#last.start ? { start: now, seq: 0 } : { start: this.#last.start, seq: this.#last.seq + 1 };
    const name = segmentName(this.#last.start, this.#last.seq);
    this.#name = name;
    try {
      const file = await this.#storage.create(name);
      const ageTimer = this.#clock.setTimer(this.#maxAgeMs, () => {
        this.#rotateDue = true;
        this.#kick();
      });
      this.#segment = { name, file, size: 0, ageTimer };
      return this.#segment;
    } catch (e) {
      this.#name = undefined;
      throw e;
    }
  }

  async #closeSegment(): Promise<void> {
    this.#rotateDue = false;
    const segment = this.#segment;
    if (segment === undefined) return;
    try {
      if (this.#fsync !== 'never') await segment.file.sync();
      this.#detach(segment);
      await segment.file.close();
    } catch (e) {
      this.#onError?.(new CdrSpoolWriteError(`closing ${segment.name}: ${(e as Error).message}`, { cause: e }));
      await this.#abandonSegment();
    }
  }

  async #abandonSegment(): Promise<void> {
    const segment = this.#segment;
    if (segment === undefined) return;
    this.#detach(segment);
    await segment.file.close().catch(() => undefined);
  }

  #detach(segment: Segment): void {
    segment.ageTimer.cancel();
    this.#segment = undefined;
    this.#name = undefined;
  }
}
