// Runs SESSION_TIMER_FSM for one agreed session interval (RFC 4028 §10) on the injected clock.
import type { Clock } from '../../core/clock.js';
import { Fsm, type FsmLogger } from '../../core/fsm.js';
import type { SessionInterval } from './session-expires.js';
import { SESSION_TIMER_FSM, type SessionTimerAction, type SessionTimerEvent, type SessionTimerState, type SessionTimerTimer } from './session-timer.fsm.js';

/**
 * What a session timer is given. `refresh` and `expire` are called as methods of this object, so
 * a call may pass one object of a shared class rather than closures of its own.
 */
export interface SessionTimerOptions {
  readonly id: string;
  readonly clock: Clock;
  readonly session: SessionInterval;
  /** the refresher's half-interval: send the refresh request */
  refresh(): void;
  /** no refresh in time: send BYE */
  expire(): void;
  readonly log?: FsmLogger | undefined;
}

/**
 * ms of a timer for `session`; null: the timer does not run. Refresh runs at the refresher only.
 * Expiry: the side that does not refresh sends BYE at the interval minus min(32 s, interval/3);
 * the refresher, whose failed refreshes end the session themselves (408, 481), only at the full
 * interval, so that the two sides do not send BYE at once.
 */
export function sessionTimerDuration(timer: SessionTimerTimer, session: SessionInterval): number | null {
  const { interval } = session;
  const local = session.refresher === 'local';
  if (timer === 'Refresh') return local ? (interval * 1000) / 2 : null;
  return (local ? interval : interval - Math.min(32, interval / 3)) * 1000;
}

/** Memory: a held call keeps its session timer, which is its machine's options itself (no closures). */
export class SessionTimer {
  readonly session: SessionInterval;
  readonly #options: SessionTimerOptions;
  readonly #fsm: Fsm<SessionTimerState, SessionTimerEvent, SessionTimerAction, SessionTimerTimer, undefined>;

  constructor(options: SessionTimerOptions) {
    this.session = options.session;
    this.#options = options;
    this.#fsm = new Fsm(SESSION_TIMER_FSM, this);
    this.#fsm.start();
  }

  // ---- the machine's options (FsmOptions)

  get id(): string {
    return this.#options.id;
  }

  get clock(): Clock {
    return this.#options.clock;
  }

  get log(): FsmLogger | undefined {
    return this.#options.log;
  }

  duration(timer: SessionTimerTimer): number | null {
    return sessionTimerDuration(timer, this.session);
  }

  actions(action: SessionTimerAction): void {
    if (action === 'refresh') this.#options.refresh();
    else this.#options.expire();
  }

  get state(): SessionTimerState {
    return this.#fsm.state;
  }

  /** The session was refreshed (or ended): this interval is over. */
  stop(): void {
    this.#fsm.fire('stop');
  }

  /** Stops the refresh and expiry timers without running the table's actions (the UA is closing): nothing more is sent. */
  abandon(): void {
    this.#fsm.stop();
  }
}
