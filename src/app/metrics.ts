// Setup latency (docs/operations.md "Admin API"): for each SIP → PSTN call, the time from the
// INVITE passing the front door to the IAM handed to the circuit's driver (call control's
// `setupSent`), on the monotonic clock, kept as a histogram with 1 % wide buckets so that the
// percentiles cost nothing per call and the memory stays fixed.
import type { CallEvent } from '../cdr/events.js';

/** Bucket i holds durations in [FLOOR_MS * GROWTH^i, FLOOR_MS * GROWTH^(i+1)). */
const FLOOR_MS = 0.001;
const GROWTH = 1.01;
const BUCKETS = Math.ceil(Math.log(60_000 / FLOOR_MS) / Math.log(GROWTH));

export interface LatencySummary {
  readonly count: number;
  /** milliseconds, to within 1 %; null without samples */
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export class LatencyHistogram {
  readonly #counts = new Float64Array(BUCKETS);
  #count = 0;
  #max = 0;

  add(ms: number): void {
    const i = ms <= FLOOR_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(ms / FLOOR_MS) / Math.log(GROWTH)));
    this.#counts[i] = (this.#counts[i] ?? 0) + 1;
    this.#count++;
    this.#max = Math.max(this.#max, ms);
  }

  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#max = 0;
  }

  /** The upper edge of the bucket holding the q-quantile. */
  #quantile(q: number): number | null {
    if (this.#count === 0) return null;
    const rank = Math.ceil(q * this.#count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.#max, FLOOR_MS * GROWTH ** (i + 1));
    }
    return this.#max;
  }

  summary(): LatencySummary {
    return { count: this.#count, p50: this.#quantile(0.5), p90: this.#quantile(0.9), p99: this.#quantile(0.99), max: this.#count === 0 ? null : this.#max };
  }
}

/**
 * INVITE → IAM: `invited(callId, at)` when call control takes an INVITE the front door let in at
 * `at`, then call control's events through `onCallEvent`: attemptStarted ties its call key to
 * the Call-ID, setupSent ends the measurement. Calls that end without an IAM are forgotten at
 * `released` or `refused`.
 */
export class SetupLatency {
  readonly inviteToIam = new LatencyHistogram();
  readonly #now: () => number;
  readonly #invited = new Map<string, number>();
  readonly #byKey = new Map<string, number>();

  /** `now`: the monotonic clock `at` is read from, in ms (performance.now) */
  constructor(now: () => number) {
    this.#now = now;
  }

  invited(callId: string, at: number): void {
    this.#invited.set(callId, at);
  }

  onCallEvent(event: CallEvent): void {
    if (event.type === 'attemptStarted' && event.direction === 'sipToPstn' && event.callId !== undefined) {
      const at = this.#invited.get(event.callId);
      this.#invited.delete(event.callId);
      if (at !== undefined) this.#byKey.set(event.callKey, at);
    } else if (event.type === 'setupSent') {
      const at = this.#byKey.get(event.callKey);
      this.#byKey.delete(event.callKey);
      if (at !== undefined) this.inviteToIam.add(this.#now() - at);
    } else if (event.type === 'released' || event.type === 'refused') {
      this.#byKey.delete(event.callKey);
    }
  }
}
