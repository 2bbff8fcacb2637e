// Call admission control: a concurrent-call count and a calls-per-second limit over a sliding
// one-second window, for one trunk group or one SIP peer.
import type { Clock } from '../core/clock.js';
import type { CacLimit, CacSpec } from './spec.js';

const WINDOW_MS = 1000;

export type AdmissionCheck =
  | { admitted: true }
  /** `waitMs`: when the rate limit frees a slot; undefined for maxCalls (depends on calls ending) */
  | { admitted: false; limit: CacLimit; waitMs: number | undefined };

export interface AdmissionState {
  active: number;
  /** admissions in the last second */
  lastSecond: number;
  limits: CacSpec;
}

export class Admission {
  #active = 0;
  /** admission times within the last window, oldest first */
  readonly #recent: number[] = [];

  constructor(
    readonly limits: CacSpec,
    private readonly clock: Clock,
  ) {}

  /** Whether one more outgoing call may start now; `rated: false` for a call already admitted once (a re-attempt). */
  check(rated = true): AdmissionCheck {
    const { maxCalls, maxCallsPerSecond } = this.limits;
    if (maxCalls !== undefined && this.#active >= maxCalls) return { admitted: false, limit: 'maxCalls', waitMs: undefined };
    this.#prune();
    if (rated && maxCallsPerSecond !== undefined && this.#recent.length >= maxCallsPerSecond) {
      const oldest = this.#recent[this.#recent.length - maxCallsPerSecond] ?? this.clock.now();
      return { admitted: false, limit: 'maxCallsPerSecond', waitMs: oldest + WINDOW_MS - this.clock.now() };
    }
    return { admitted: true };
  }

  /** Count an outgoing call: concurrency, and the rate unless `rated` is false. */
  admit(rated = true): void {
    this.#active++;
    if (rated) this.#recent.push(this.clock.now());
  }

  /** Count a call the far end started: it occupies capacity but is not rate limited. */
  occupy(): void {
    this.#active++;
  }

  /** A counted call ended. */
  end(): void {
    if (this.#active > 0) this.#active--;
  }

  state(): AdmissionState {
    this.#prune();
    return { active: this.#active, lastSecond: this.#recent.length, limits: { ...this.limits } };
  }

  #prune(): void {
    const since = this.clock.now() - WINDOW_MS;
    while (this.#recent.length > 0 && (this.#recent[0] as number) <= since) this.#recent.shift();
  }
}
