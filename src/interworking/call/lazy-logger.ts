// A call's child logger, made when the call first writes a line at a level its parent writes.
// pino's child() serializes the bindings at once, and most calls never log at the gateway's usual
// level (warn): every call paid for a logger it did not use.
import type { CallLogger } from './options.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

class LazyCallLogger implements CallLogger {
  readonly #parent: CallLogger;
  readonly #bindings: Record<string, unknown>;
  #made: CallLogger | undefined;

  constructor(parent: CallLogger, bindings: Record<string, unknown>) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  isLevelEnabled(level: string): boolean {
    return this.#parent.isLevelEnabled?.(level) ?? true;
  }

  child(bindings: Record<string, unknown>): CallLogger {
    return new LazyCallLogger(this, bindings);
  }

  debug(obj: object, msg?: string): void {
    this.#write('debug', obj, msg);
  }

  info(obj: object, msg?: string): void {
    this.#write('info', obj, msg);
  }

  warn(obj: object, msg?: string): void {
    this.#write('warn', obj, msg);
  }

  error(obj: object, msg?: string): void {
    this.#write('error', obj, msg);
  }

  #write(level: Level, obj: object, msg: string | undefined): void {
    if (!this.isLevelEnabled(level)) return;
    this.#made ??= this.#parent.child(this.#bindings);
    if (msg === undefined) this.#made[level](obj);
    else this.#made[level](obj, msg);
  }
}

/** `parent.child(bindings)`, made on the first line written at an enabled level. */
export function lazyChild(parent: CallLogger, bindings: Record<string, unknown>): CallLogger {
  return new LazyCallLogger(parent, bindings);
}

/** Whether `log` writes `level` lines (a logger that cannot tell is taken to write them all). */
export function logs(log: CallLogger, level: Level): boolean {
  return log.isLevelEnabled?.(level) ?? true;
}
