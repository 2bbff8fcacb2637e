// Non-INVITE client transaction: RFC 3261 §17.1.2.2 (Figure 6).
import { defineFsm } from '../../core/fsm.js';

export type NictState = 'Trying' | 'Proceeding' | 'Completed' | 'Terminated';
export type NictEvent = '1xx' | '200-699' | 'transportError';
export type NictTimer = 'E' | 'F' | 'K';
export type NictAction = 'sendRequest' | 'retransmit' | 'passUp' | 'timeout' | 'transportError';

export const NICT_FSM = defineFsm<NictState, NictEvent, NictAction, NictTimer>({
  name: 'nict',
  title: 'non-INVITE client transaction',
  ref: 'RFC 3261 §17.1.2.2 Figure 6',
  start: { event: 'request from TU', to: 'Trying', action: 'sendRequest' },
  states: {
    Trying: {
      timers: ['E', 'F'],
      on: {
        '1xx': ['Proceeding', 'passUp'],
        '200-699': ['Completed', 'passUp'],
        timerE: ['Trying', 'retransmit', { rearm: ['E'] }],
        timerF: ['Terminated', 'timeout'],
        transportError: ['Terminated', 'transportError'],
      },
    },
    // Timers E and F run on from Trying; E is re-armed with T2 here (§17.1.2.2).
    Proceeding: {
      keep: ['E', 'F'],
      on: {
        '1xx': ['Proceeding', 'passUp'],
        '200-699': ['Completed', 'passUp'],
        timerE: ['Proceeding', 'retransmit', { rearm: ['E'] }],
        timerF: ['Terminated', 'timeout'],
        transportError: ['Terminated', 'transportError'],
      },
    },
    // "The Completed state exists to buffer any additional response retransmissions" (§17.1.2.2).
    Completed: {
      timers: ['K'],
      on: {
        '200-699': ['Completed'],
        timerK: ['Terminated'],
      },
    },
    Terminated: { final: true, on: {} },
  },
});
