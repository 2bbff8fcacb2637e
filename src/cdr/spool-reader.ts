// Reading the spool: JSON Lines segments named so that name order is write order. Only lines
// ending in a newline count. A final fragment without one is a write still in progress (in the
// segment being written) or a write cut by a crash (in a closed segment): it is never shipped,
// and reported as `tail` so the caller can tell the two apart.
import { checkCdrRecord, type CdrRecord } from './record.js';
import type { SpoolStorage } from './spool-storage.js';

const SEGMENT = /^cdr-(\d{15})-(\d{4})\.jsonl$/;

/** `cdr-<start ms, 15 digits>-<sequence, 4 digits>.jsonl`: sorts in creation order. */
export function segmentName(startMs: number, seq: number): string {
  return `cdr-${String(startMs).padStart(15, '0')}-${String(seq).padStart(4, '0')}.jsonl`;
}

/** When the segment was opened (ms since the epoch). */
export function segmentStart(name: string): number {
  const m = SEGMENT.exec(name);
  if (m === null) throw new RangeError(`not a spool segment name: ${name}`);
  return Number(m[1]);
}

/** The spool's segments, oldest first. Other files (the shipping cursor) are left out. */
export async function listSegments(storage: SpoolStorage): Promise<string[]> {
  return (await storage.list()).filter((n) => SEGMENT.test(n)).sort();
}

export interface SpooledRecord {
  readonly record: CdrRecord;
  /** its line, as spooled (without the newline) */
  readonly line: string;
  /** byte offset of its line in the segment */
  readonly offset: number;
}

export interface SegmentChunk {
  readonly records: SpooledRecord[];
  /** complete lines that are not records */
  readonly corrupt: { readonly offset: number; readonly reason: string }[];
  /** offset just past the last complete line read */
  readonly next: number;
  /** bytes after the last complete line when the read reached the end of the segment */
  readonly tail: number;
}

/** Parses the complete lines of `name` from `offset`, reading about `maxBytes` (more if one line is longer). */
export async function readSegment(storage: SpoolStorage, name: string, offset: number, maxBytes: number): Promise<SegmentChunk> {
  const bytes = await storage.read(name, offset, maxBytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const atEnd = buf.length < maxBytes;
  const last = buf.lastIndexOf(10);
  if (last < 0 && !atEnd) return readSegment(storage, name, offset, maxBytes * 2);
  const records: SpooledRecord[] = [];
  const corrupt: { offset: number; reason: string }[] = [];
  for (let start = 0; start <= last; ) {
    const end = buf.indexOf(10, start);
    if (end > start) {
      const at = offset + start;
      const line = buf.toString('utf8', start, end);
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        corrupt.push({ offset: at, reason: (e as Error).message });
        start = end + 1;
        continue;
      }
      const checked = checkCdrRecord(value);
      if (checked.ok) records.push({ record: checked.record, line, offset: at });
      else corrupt.push({ offset: at, reason: checked.reason });
    }
    start = end + 1;
  }
  return { records, corrupt, next: offset + last + 1, tail: atEnd ? buf.length - last - 1 : 0 };
}

/** Every record of the segment, with its corrupt lines and final fragment. */
export async function readWholeSegment(storage: SpoolStorage, name: string, chunkBytes = 4 << 20): Promise<SegmentChunk> {
  const records: SpooledRecord[] = [];
  const corrupt: { offset: number; reason: string }[] = [];
  for (let offset = 0; ; ) {
    const chunk = await readSegment(storage, name, offset, chunkBytes);
    records.push(...chunk.records);
    corrupt.push(...chunk.corrupt);
    if (chunk.next === offset) return { records, corrupt, next: offset, tail: chunk.tail };
    offset = chunk.next;
  }
}
