// A call's child logger, made when the call first writes a line at a level its parent writes.
// pino's child() serializes the bindings at once, and most calls never log at the gateway's usual
// level (warn): every call paid for a logger it did not use.
import type { CallLogger } from './options.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** The logger; what its child is bound to is the subclass's. */
abstract class LazyLogger implements CallLogger {
  readonly #parent: CallLogger;
  #made: CallLogger | undefined;

  constructor(parent: CallLogger) {
    this.#parent = parent;
  }

  /** The bindings of the child, asked for once, when it is made. */
  protected abstract bindings(): Record<string, unknown>;

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
    const made = this.#make();
    if (msg === undefined) made[level](obj);
    else made[level](obj, msg);
  }

  /**
   * The real child, made once. A lazy parent's own real child makes it: asking the lazy parent's
   * child() would give another lazy logger, whose first line would ask again, without end.
   */
  #make(): CallLogger {
    const parent = this.#parent;
    return (this.#made ??= (parent instanceof LazyLogger ? parent.#make() : parent).child(this.bindings()));
  }
}

class LazyCallLogger extends LazyLogger {
  readonly #bindings: Record<string, unknown>;

  constructor(parent: CallLogger, bindings: Record<string, unknown>) {
    super(parent);
    this.#bindings = bindings;
  }

  protected bindings(): Record<string, unknown> {
    return this.#bindings;
  }
}

/** An S→P call's logger: its two strings are kept as fields, the bindings object is made with the child. */
class SipToPstnLogger extends LazyLogger {
  readonly #callKey: string;
  readonly #sipCallId: string;

  constructor(parent: CallLogger, callKey: string, sipCallId: string) {
    super(parent);
    this.#callKey = callKey;
    this.#sipCallId = sipCallId;
  }

  protected bindings(): Record<string, unknown> {
    return { callKey: this.#callKey, direction: 'sipToPstn', sipCallId: this.#sipCallId };
  }
}

/** `parent.child(bindings)`, made on the first line written at an enabled level. */
export function lazyChild(parent: CallLogger, bindings: Record<string, unknown>): CallLogger {
  return new LazyCallLogger(parent, bindings);
}

/** `lazyChild(parent, { callKey, direction: 'sipToPstn', sipCallId })`, without keeping a bindings object per call until a line is written. */
export function lazySipToPstnChild(parent: CallLogger, callKey: string, sipCallId: string): CallLogger {
  return new SipToPstnLogger(parent, callKey, sipCallId);
}

/** Whether `log` writes `level` lines (a logger that cannot tell is taken to write them all). */
export function logs(log: CallLogger, level: Level): boolean {
  return log.isLevelEnabled?.(level) ?? true;
}
