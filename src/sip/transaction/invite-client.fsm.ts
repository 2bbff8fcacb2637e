// INVITE client transaction: RFC 3261 §17.1.1.2 (Figure 5) as updated by RFC 6026 §7.2 and §8.4
// (Figure 5 there): a 2xx leads to Accepted, where Timer M absorbs further 2xx for the TU.
import { defineFsm } from '../../core/fsm.js';

export type IctState = 'Calling' | 'Proceeding' | 'Completed' | 'Accepted' | 'Terminated';
export type IctEvent = '1xx' | '2xx' | '300-699' | 'transportError';
export type IctTimer = 'A' | 'B' | 'D' | 'M';
export type IctAction = 'sendInvite' | 'retransmit' | 'passUp' | 'ackAndPassUp' | 'ack' | 'timeout' | 'transportError';

export const ICT_FSM = defineFsm<IctState, IctEvent, IctAction, IctTimer>({
  name: 'ict',
  title: 'INVITE client transaction',
  ref: 'RFC 3261 §17.1.1.2 Figure 5; RFC 6026 §7.2, §8.4',
  start: { event: 'INVITE from TU', to: 'Calling', action: 'sendInvite' },
  states: {
    Calling: {
      timers: ['A', 'B'],
      on: {
        '1xx': ['Proceeding', 'passUp'],
        '2xx': ['Accepted', 'passUp'],
        '300-699': ['Completed', 'ackAndPassUp'],
        timerA: ['Calling', 'retransmit', { rearm: ['A'] }],
        timerB: ['Terminated', 'timeout'],
        transportError: ['Terminated', 'transportError'],
      },
    },
    Proceeding: {
      on: {
        '1xx': ['Proceeding', 'passUp'],
        '2xx': ['Accepted', 'passUp'],
        '300-699': ['Completed', 'ackAndPassUp'],
      },
    },
    Completed: {
      timers: ['D'],
      on: {
        '300-699': ['Completed', 'ack'],
        transportError: ['Terminated', 'transportError'],
        timerD: ['Terminated'],
      },
    },
    Accepted: {
      timers: ['M'],
      on: {
        '2xx': ['Accepted', 'passUp'],
        timerM: ['Terminated'],
      },
    },
    Terminated: { final: true, on: {} },
  },
});
