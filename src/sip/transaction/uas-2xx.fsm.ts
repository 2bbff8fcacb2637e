// The UAS core's retransmission of a 2xx to INVITE until the ACK arrives: RFC 3261 §13.3.1.4,
// which RFC 6026 leaves to the core (the server transaction is in Accepted meanwhile). The RFC
// names no timers here; their schedule is Timer G's (T1 doubling up to T2) and the limit Timer
// H's (64*T1), so the table uses those two names and SIP_TIMERS rows.
import { defineFsm } from '../../core/fsm.js';

export type Uas2xxState = 'Retransmitting' | 'Confirmed' | 'Terminated';
export type Uas2xxEvent = 'ACK';
export type Uas2xxTimer = 'G' | 'H';
export type Uas2xxAction = 'retransmit' | 'giveUp';

export const UAS_2XX_FSM = defineFsm<Uas2xxState, Uas2xxEvent, Uas2xxAction, Uas2xxTimer>({
  name: 'uas2xx',
  title: '2xx retransmission by the UAS core',
  ref: 'RFC 3261 §13.3.1.4',
  start: { event: '2xx sent', to: 'Retransmitting' },
  states: {
    Retransmitting: {
      timers: ['G', 'H'],
      on: {
        ACK: ['Confirmed'],
        timerG: ['Retransmitting', 'retransmit', { rearm: ['G'] }],
        // "the dialog is confirmed, but the session SHOULD be terminated" (with a BYE, by the TU).
        timerH: ['Terminated', 'giveUp'],
      },
    },
    Confirmed: { final: true, on: {} },
    Terminated: { final: true, on: {} },
  },
});
