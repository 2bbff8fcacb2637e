// A reliable provisional response at the UAS (RFC 3262 §3): "passed to the transaction layer
// periodically with an interval that starts at T1 seconds and doubles for each retransmission";
// retransmissions cease when a matching PRACK arrives; after 64*T1 without one the UAS rejects the
// INVITE with a 5xx. The RFC names no timers: Retransmit (T1, doubling, no cap) and Expire (64*T1).
import { defineFsm } from '../../core/fsm.js';

export type Rel1xxState = 'Retransmitting' | 'Acknowledged' | 'Abandoned' | 'Expired';
/** `final sent`: the INVITE got its final response first (allowed unless it is a 2xx held back for the PRACK). */
export type Rel1xxEvent = 'PRACK' | 'final sent';
export type Rel1xxTimer = 'Retransmit' | 'Expire';
export type Rel1xxAction = 'retransmit' | 'giveUp';

export const REL1XX_FSM = defineFsm<Rel1xxState, Rel1xxEvent, Rel1xxAction, Rel1xxTimer>({
  name: 'rel1xx',
  title: 'reliable provisional response at the UAS',
  ref: 'RFC 3262 §3',
  start: { event: 'reliable 1xx sent', to: 'Retransmitting' },
  states: {
    Retransmitting: {
      timers: ['Retransmit', 'Expire'],
      on: {
        PRACK: ['Acknowledged'],
        'final sent': ['Abandoned'],
        timerRetransmit: ['Retransmitting', 'retransmit', { rearm: ['Retransmit'] }],
        timerExpire: ['Expired', 'giveUp'],
      },
    },
    Acknowledged: { final: true, on: {} },
    Abandoned: { final: true, on: {} },
    Expired: { final: true, on: {} },
  },
});
