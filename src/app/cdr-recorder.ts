// The CDR hook of `tandem start`: call events → CdrBuilder → one record per attempt, appended
// to the local spool (docs/cdr.md "Durability"). With no Redis configured the spool is the
// store, and `tandem cdr list --config DIR` reads it.
import type { Logger } from 'pino';
import { CdrBuilder } from '../cdr/builder.js';
import type { CallEvent } from '../cdr/events.js';
import { Spool } from '../cdr/spool.js';
import { systemClock } from '../core/clock.js';
import { fsSpoolStorage } from './cdr-spool-fs.js';

export interface CdrRecorder {
  readonly onCallEvent: (event: CallEvent) => void;
  /** Waits for every record handed to the spool, then closes it. */
  close(): Promise<void>;
}

export async function openCdrRecorder(options: { spoolDir: string; node: string; log: Logger }): Promise<CdrRecorder> {
  const { log } = options;
  const spool = await Spool.open({ storage: fsSpoolStorage(options.spoolDir), clock: systemClock, onError: (e) => log.error({ code: e.code }, `cdr spool: ${e.message}`) });
  const builder = new CdrBuilder({ node: options.node });
  const writes = new Set<Promise<void>>();
  return {
    onCallEvent(event) {
      log.debug(event, 'call event'); // as the default hook does (docs/operations.md, log modules)
      const r = builder.handle(event);
      if (!r.ok) {
        log.warn({ code: r.error.code, event: event.type }, `cdr: ${r.error.message}`);
        return;
      }
      if (r.value.length === 0) return;
      const write = spool.append(r.value).then(
        () => log.debug({ ids: r.value.map((c) => c.id) }, 'cdr spooled'),
        (e: unknown) => log.error({ err: e }, 'cdr: spool append failed'),
      );
      writes.add(write);
      void write.finally(() => writes.delete(write));
    },
    async close() {
      await Promise.all(writes);
      await spool.close();
    },
  };
}
