// The queue between the shipper and the store is a bull queue in Redis: this file adapts a bull
// Queue (opened by src/app from its Redis URL) to the shipper's CdrQueue port, and runs the
// worker side that stores each job's records. A job holds its records as the JSON array of their
// spool lines, as spooled; the worker checks each record again. Jobs are removed once stored; a
// job that keeps failing stays in the failed set, and `tandem cdr-worker` retries that set when
// it starts.
import type { Job, JobOptions, Queue } from 'bull';
import { CdrBadJobError } from './errors.js';
import { checkCdrRecord, type CdrRecord } from './record.js';
import type { BatchResult, RedisCdrStore } from './redis-store.js';
import type { CdrQueue } from './shipper.js';

/** The queue's name (its keys are `<prefix>bull:cdr:*`). */
export const CDR_QUEUE = 'cdr';

export interface CdrJobData {
  readonly count: number;
  /** the records as a JSON array */
  readonly json: string;
}

const CDR_JOB_OPTIONS: JobOptions = {
  removeOnComplete: true,
  removeOnFail: false,
  attempts: 100,
  backoff: { type: 'fixed', delay: 1000 },
};

/** The shipper's view of a bull queue: each job keeps its id, so a re-shipped batch is not queued twice while it waits. */
export function bullCdrQueue(queue: Queue<CdrJobData>): CdrQueue {
  return {
    async add(jobs) {
      await queue.addBulk(jobs.map((j) => ({ data: { count: j.count, json: j.json }, opts: { ...CDR_JOB_OPTIONS, jobId: j.id } })));
    },
  };
}

/** The records of a job, each checked as the spool checks its lines. */
export function jobRecords(data: unknown): CdrRecord[] {
  const json = (data as Partial<CdrJobData> | null)?.json;
  let records: unknown;
  try {
    records = typeof json === 'string' ? JSON.parse(json) : undefined;
  } catch {
    // reported below
  }
  if (!Array.isArray(records)) throw new CdrBadJobError('no JSON array of records');
  return records.map((r: unknown, i) => {
    const checked = checkCdrRecord(r);
    if (!checked.ok) throw new CdrBadJobError(`record ${i + 1}: ${checked.reason}`);
    return checked.record;
  });
}

export interface WorkerOptions {
  readonly concurrency: number;
  /** after each job stored */
  readonly onStored?: (result: BatchResult, job: Job<CdrJobData>) => void;
}

/** Stores the records of each job of `queue` in `store`. Errors of the run are emitted as the queue's 'error' events. */
export function processCdrJobs(queue: Queue<CdrJobData>, store: RedisCdrStore, options: WorkerOptions): void {
  queue
    .process(options.concurrency, async (job: Job<CdrJobData>) => {
      // checked here, so that a bad job fails before anything is written; stored from its text
      const records = jobRecords(job.data);
      const result = await store.storeJson(job.data.json, records.length);
      options.onStored?.(result, job);
      return result;
    })
    .catch(() => undefined); // already emitted as the queue's 'error' event
}
