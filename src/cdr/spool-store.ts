// Without Redis the spool is the store: queries read every segment. A record is listed once
// even if it were spooled twice. Problems found while reading are reported, not thrown: corrupt
// lines anywhere, and a truncated last line in any segment but the newest (the newest may be
// being written by a running gateway).
import { CdrSpoolCorruptError, CdrSpoolTruncatedError } from './errors.js';
import { matchesQuery, newestFirst, type CdrQuery, type CdrStore } from './query.js';
import type { CdrRecord } from './record.js';
import { listSegments, readWholeSegment } from './spool-reader.js';
import type { SpoolStorage } from './spool-storage.js';

export class SpoolCdrStore implements CdrStore {
  readonly #storage: SpoolStorage;
  readonly #onProblem: (e: CdrSpoolCorruptError | CdrSpoolTruncatedError) => void;

  constructor(storage: SpoolStorage, onProblem: (e: CdrSpoolCorruptError | CdrSpoolTruncatedError) => void) {
    this.#storage = storage;
    this.#onProblem = onProblem;
  }

  async #all(): Promise<Map<string, CdrRecord>> {
    const byId = new Map<string, CdrRecord>();
    const segments = await listSegments(this.#storage);
    for (const [i, segment] of segments.entries()) {
      const { records, corrupt, next, tail } = await readWholeSegment(this.#storage, segment);
      for (const { record } of records) if (!byId.has(record.id)) byId.set(record.id, record);
      for (const c of corrupt) this.#onProblem(new CdrSpoolCorruptError(`${segment} at ${c.offset}: ${c.reason}`));
      if (tail > 0 && i < segments.length - 1) this.#onProblem(new CdrSpoolTruncatedError(`${segment}: ${tail} bytes after offset ${next} skipped`));
    }
    return byId;
  }

  async get(id: string): Promise<CdrRecord | undefined> {
    return (await this.#all()).get(id);
  }

  async query(q: CdrQuery): Promise<CdrRecord[]> {
    const found = [...(await this.#all()).values()].filter((r) => matchesQuery(r, q)).sort(newestFirst);
    return q.limit === undefined ? found : found.slice(0, q.limit);
  }
}
