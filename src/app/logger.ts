// The gateway's logs (style guideline 9): one pino root logger writing JSON lines to stdout, a
// child per module (`{ mod }`) and a child of that per call (`{ callId }`, plus `cic` or `peer`
// when known). Only src/app creates loggers; the layers below are handed callbacks.
import { pino, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
export const DEFAULT_LOG_LEVEL: Level = 'info';

export interface LoggerOptions {
  readonly level: Level;
  /** the gateway's node id, on every line */
  readonly nodeId: string;
  /** where lines go; default stdout (file descriptor 1), written asynchronously and flushed at exit */
  readonly destination?: pino.DestinationStream;
}

/** The root logger: `{ level, time, node, msg, ... }` per line. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    { level: options.level, base: { node: options.nodeId }, formatters: { level: (label) => ({ level: label }) } },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** The child logger of one module, e.g. `moduleLogger(root, 'sip.access')`. */
export function moduleLogger(root: Logger, mod: string): Logger {
  return root.child({ mod });
}

/** The child logger of one call: every line it writes names the call. */
export function callLogger(parent: Logger, bindings: { readonly callId: string; readonly [key: string]: string | number | undefined }): Logger {
  return parent.child(bindings);
}
