// How the front door's refusals reach the log (docs/operations.md "Access"): the first
// `perSource` refusals of one source address within a window of `windowMs` (from its first
// refusal) are logged one by one; the rest are counted, and when the window ends one summary line
// says how many were not logged. At most `maxSources` addresses are tracked, oldest window first;
// an address whose window has ended is forgotten. While every tracked window is still open, a
// refusal from an untracked address is counted in one shared bucket (summarized the same way), so
// neither memory nor the log grows with the number of (possibly spoofed) addresses. Time from the
// injected Clock; one timer at a time, for the oldest window's end.
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Logger } from './logger.js';

/** Defaults of the gateway (docs/operations.md "Access"). */
export const REFUSAL_LOG_LIMITS = { perSource: 10, windowMs: 60_000, maxSources: 1024 } as const;

/** The `source` of the summary of refusals from addresses beyond `maxSources`. */
export const UNTRACKED = 'untracked sources';

export const SUMMARY_MSG = 'requests refused, not logged one by one';

/** The summary of the transport layer's discarded messages (malformed, not ours) held back. */
export const DISCARD_SUMMARY_MSG = 'messages discarded, not logged one by one';

export interface RefusalLogOptions {
  readonly clock: Clock;
  readonly log: Logger;
  /** the summary line's message; default SUMMARY_MSG */
  readonly summary?: string;
  readonly perSource?: number;
  readonly windowMs?: number;
  readonly maxSources?: number;
}

/** One source's window: when it began, refusals logged, refusals counted only. */
interface Window {
  readonly start: number;
  logged: number;
  suppressed: number;
}

export class RefusalLog {
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #perSource: number;
  readonly #windowMs: number;
  readonly #maxSources: number;
  readonly #summary: string;
  /** by address, in the order their windows began (so the first ends first) */
  readonly #windows = new Map<string, Window>();
  #untracked: Window | undefined;
  #timer: TimerHandle | undefined;

  constructor(options: RefusalLogOptions) {
    this.#clock = options.clock;
    this.#log = options.log;
    this.#perSource = options.perSource ?? REFUSAL_LOG_LIMITS.perSource;
    this.#windowMs = options.windowMs ?? REFUSAL_LOG_LIMITS.windowMs;
    this.#maxSources = options.maxSources ?? REFUSAL_LOG_LIMITS.maxSources;
    this.#summary = options.summary ?? SUMMARY_MSG;
  }

  /** Addresses tracked now (at most `maxSources`). */
  get tracked(): number {
    return this.#windows.size;
  }

  /** Counts a refusal from `address`; true when it is to be logged one by one. */
  admit(address: string): boolean {
    const now = this.#clock.now();
    this.#expire(now);
    let window = this.#windows.get(address);
    if (window === undefined) {
      if (this.#windows.size >= this.#maxSources) {
        this.#untracked ??= { start: now, logged: 0, suppressed: 0 };
        this.#untracked.suppressed++;
        this.#schedule();
        return false;
      }
      window = { start: now, logged: 0, suppressed: 0 };
      this.#windows.set(address, window);
      this.#schedule();
    }
    if (window.logged < this.#perSource) {
      window.logged++;
      return true;
    }
    window.suppressed++;
    return false;
  }

  /** Summarizes every open window now and stops the timer (shutdown). */
  close(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    for (const [address, window] of this.#windows) this.#summarize(address, window);
    this.#windows.clear();
    if (this.#untracked !== undefined) this.#summarize(UNTRACKED, this.#untracked);
    this.#untracked = undefined;
  }

  #expire(now: number): void {
    for (const [address, window] of this.#windows) {
      if (now - window.start < this.#windowMs) break;
      this.#windows.delete(address);
      this.#summarize(address, window);
    }
    if (this.#untracked !== undefined && now - this.#untracked.start >= this.#windowMs) {
      this.#summarize(UNTRACKED, this.#untracked);
      this.#untracked = undefined;
    }
  }

  #summarize(source: string, window: Window): void {
    if (window.suppressed > 0) this.#log.info({ source, count: window.suppressed, windowMs: this.#windowMs }, this.#summary);
  }

  /** A timer for the end of the earliest open window, unless one is set. */
  #schedule(): void {
    if (this.#timer !== undefined) return;
    const first = this.#windows.values().next();
    const starts = [...(first.done === true ? [] : [first.value.start]), ...(this.#untracked === undefined ? [] : [this.#untracked.start])];
    if (starts.length === 0) return;
    const due = Math.min(...starts) + this.#windowMs;
    this.#timer = this.#clock.setTimer(due - this.#clock.now(), () => {
      this.#timer = undefined;
      this.#expire(this.#clock.now());
      this.#schedule();
    });
  }
}
