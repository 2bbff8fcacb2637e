// Injected time (style guideline 7): code that waits takes a Clock; tests drive a FakeClock.
// No module reads Date.now() or calls setTimeout itself, and no test sleeps.

/** A scheduled callback; cancel() is idempotent and harmless after the timer fired. */
export interface TimerHandle {
  cancel(): void;
}

/** Milliseconds since an epoch of the clock's choosing, and one-shot timers. */
export interface Clock {
  now(): number;
  setTimer(ms: number, callback: () => void): TimerHandle;
}

/** A Node timer as a TimerHandle: one small object per timer, no closure. */
class SystemTimer implements TimerHandle {
  readonly #timeout: NodeJS.Timeout;

  constructor(ms: number, callback: () => void) {
    this.#timeout = setTimeout(callback, ms);
  }

  cancel(): void {
    clearTimeout(this.#timeout);
  }
}

/** Wall-clock time and Node timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (ms, callback) => new SystemTimer(ms, callback),
};

interface FakeTimer {
  readonly due: number;
  /** creation order: timers due at the same instant fire in the order they were set */
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * Manual time for tests. Time moves only in advance(ms), which fires every timer falling due in
 * the window in deadline order (then creation order), with now() reading each timer's deadline
 * while its callback runs. Timers set by those callbacks fire too if they fall due in the window.
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new Set<FakeTimer>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: FakeTimer = { due: this.#now + Math.max(0, ms), seq: this.#seq++, callback };
    this.#timers.add(timer);
    return { cancel: () => this.#timers.delete(timer) };
  }

  /** Timers set and neither fired nor cancelled. */
  pending(): number {
    return this.#timers.size;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`FakeClock.advance: ${ms} is not a duration`);
    const end = this.#now + ms;
    for (let next = this.#next(end); next !== undefined; next = this.#next(end)) {
      this.#timers.delete(next);
      this.#now = next.due;
      next.callback();
    }
    this.#now = end;
  }

  #next(end: number): FakeTimer | undefined {
    let first: FakeTimer | undefined;
    for (const t of this.#timers) {
      if (t.due <= end && (first === undefined || t.due < first.due || (t.due === first.due && t.seq < first.seq))) first = t;
    }
    return first;
  }
}
