// Session timers (RFC 4028 §10): the refresher refreshes the session at half the interval (a
// re-INVITE or UPDATE); the other side sends BYE if no refresh arrived, "slightly before the
// session expiration": at the interval minus min(32 s, interval/3); the refresher, at the full
// interval. One machine per agreed interval: a successful refresh stops it and starts the next.
import { defineFsm } from '../../core/fsm.js';

export type SessionTimerState = 'Running' | 'Refreshing' | 'Stopped' | 'Expired';
export type SessionTimerEvent = 'stop';
/** Refresh: interval/2, run by the refresher only. Expiry: interval - min(32 s, interval/3), or interval at the refresher. */
export type SessionTimerTimer = 'Refresh' | 'Expiry';
export type SessionTimerAction = 'refresh' | 'expire';

export const SESSION_TIMER_FSM = defineFsm<SessionTimerState, SessionTimerEvent, SessionTimerAction, SessionTimerTimer>({
  name: 'session-timer',
  title: 'session timer',
  ref: 'RFC 4028 §10',
  start: { event: 'session interval agreed', to: 'Running' },
  states: {
    Running: {
      timers: ['Refresh', 'Expiry'],
      on: {
        timerRefresh: ['Refreshing', 'refresh'],
        timerExpiry: ['Expired', 'expire'],
        stop: ['Stopped'],
      },
    },
    Refreshing: {
      keep: ['Expiry'],
      on: {
        timerExpiry: ['Expired', 'expire'],
        stop: ['Stopped'],
      },
    },
    Stopped: { final: true, on: {} },
    Expired: { final: true, on: {} },
  },
});
