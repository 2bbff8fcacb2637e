// INVITE server transaction: RFC 3261 §17.2.1 (Figure 7) as updated by RFC 6026 §7.1 and §8.5-§8.7
// (Figure 7 there): a 2xx leads to Accepted, which absorbs INVITE retransmissions, passes ACKs and
// further 2xx, and ends on Timer L; a transport error no longer ends Proceeding or Completed.
// Timer H informs the TU as §17.2.1 requires (RFC 6026's figure labels it "-").
import { defineFsm } from '../../core/fsm.js';

export type IstState = 'Proceeding' | 'Completed' | 'Confirmed' | 'Accepted' | 'Terminated';
export type IstEvent = 'INVITE' | 'ACK' | '1xx from TU' | '2xx from TU' | '300-699 from TU' | 'transportError';
export type IstTimer = 'G' | 'H' | 'I' | 'L';
export type IstAction = 'tryingAndPassUp' | 'resendResponse' | 'sendResponse' | 'ackToTu' | 'noAck' | 'transportError';

export const IST_FSM = defineFsm<IstState, IstEvent, IstAction, IstTimer>({
  name: 'ist',
  title: 'INVITE server transaction',
  ref: 'RFC 3261 §17.2.1 Figure 7; RFC 6026 §7.1, §8.5-§8.7',
  start: { event: 'INVITE', to: 'Proceeding', action: 'tryingAndPassUp' },
  states: {
    Proceeding: {
      on: {
        INVITE: ['Proceeding', 'resendResponse'],
        '1xx from TU': ['Proceeding', 'sendResponse'],
        '2xx from TU': ['Accepted', 'sendResponse'],
        '300-699 from TU': ['Completed', 'sendResponse'],
        transportError: ['Proceeding', 'transportError'],
      },
    },
    Completed: {
      timers: ['G', 'H'],
      on: {
        INVITE: ['Completed', 'resendResponse'],
        ACK: ['Confirmed'],
        timerG: ['Completed', 'resendResponse', { rearm: ['G'] }],
        timerH: ['Terminated', 'noAck'],
        transportError: ['Completed', 'transportError'],
      },
    },
    // "The purpose of the Confirmed state is to absorb any additional ACK messages" (§17.2.1).
    Confirmed: {
      timers: ['I'],
      on: {
        ACK: ['Confirmed'],
        timerI: ['Terminated'],
      },
    },
    Accepted: {
      timers: ['L'],
      on: {
        INVITE: ['Accepted'],
        ACK: ['Accepted', 'ackToTu'],
        '2xx from TU': ['Accepted', 'sendResponse'],
        timerL: ['Terminated'],
        transportError: ['Accepted', 'transportError'],
      },
    },
    Terminated: { final: true, on: {} },
  },
});
