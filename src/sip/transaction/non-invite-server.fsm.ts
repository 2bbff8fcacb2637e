// Non-INVITE server transaction: RFC 3261 §17.2.2 (Figure 8).
import { defineFsm } from '../../core/fsm.js';

export type NistState = 'Trying' | 'Proceeding' | 'Completed' | 'Terminated';
export type NistEvent = 'request' | '1xx from TU' | '200-699 from TU' | 'transportError';
export type NistTimer = 'J';
export type NistAction = 'passUp' | 'resendResponse' | 'sendResponse' | 'transportError';

export const NIST_FSM = defineFsm<NistState, NistEvent, NistAction, NistTimer>({
  name: 'nist',
  title: 'non-INVITE server transaction',
  ref: 'RFC 3261 §17.2.2 Figure 8',
  start: { event: 'request', to: 'Trying', action: 'passUp' },
  states: {
    // "While in the Trying state, any further request retransmissions are discarded."
    Trying: {
      on: {
        request: ['Trying'],
        '1xx from TU': ['Proceeding', 'sendResponse'],
        '200-699 from TU': ['Completed', 'sendResponse'],
      },
    },
    Proceeding: {
      on: {
        request: ['Proceeding', 'resendResponse'],
        '1xx from TU': ['Proceeding', 'sendResponse'],
        '200-699 from TU': ['Completed', 'sendResponse'],
        transportError: ['Terminated', 'transportError'],
      },
    },
    // "Any other final responses passed by the TU ... MUST be discarded while in the Completed state."
    Completed: {
      timers: ['J'],
      on: {
        request: ['Completed', 'resendResponse'],
        '200-699 from TU': ['Completed'],
        timerJ: ['Terminated'],
        transportError: ['Terminated', 'transportError'],
      },
    },
    Terminated: { final: true, on: {} },
  },
});
