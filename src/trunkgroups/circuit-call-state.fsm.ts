// The call state of one circuit (Q.764 §2.1 seizure, §2.9.1.4 dual seizure, §2.10.3 reset;
// the call processing states of Q.763 §3.14: idle, incoming busy, outgoing busy), as a declared
// table run by src/core/fsm.ts. Lock flags are not states: they live beside (circuit.ts).
import { defineFsm } from '../core/fsm.js';

export type CallState = 'idle' | 'outgoingBusy' | 'incomingBusy' | 'resetting';

export type CallStateEvent =
  /** this side seized the circuit for an outgoing call (IAM about to be sent) */
  | 'seizeOutgoing'
  /** an IAM arrived from the far end */
  | 'seizeIncoming'
  /** IAM on a circuit seized outgoing, which this side controls: keep the call, disregard the IAM */
  | 'dualSeizureWon'
  /** IAM on a circuit seized outgoing, which the far end controls: back off, the incoming call takes the circuit */
  | 'dualSeizureLost'
  /** the call's release sequence (REL/RLC) completed */
  | 'release'
  /** this side sent RSC or GRS for the circuit */
  | 'resetSent'
  /** the far end acknowledged this side's reset (RLC, GRA) */
  | 'resetAcknowledged'
  /** the far end reset the circuit (RSC, GRS); RLC/GRA goes back */
  | 'resetReceived'
  /** hardware failure oriented blocking (either side): calls in progress are released */
  | 'hardwareBlocked';

/** Named actions the manager runs for a transition. */
export type CallStateAction =
  /** the holding call is gone without its release sequence: tell its owner */
  | 'clearCall'
  /** dual seizure lost: tell the outgoing call's owner to re-attempt on another circuit */
  | 'backOff';

export const CIRCUIT_CALL_STATE = defineFsm<CallState, CallStateEvent, CallStateAction, never>({
  name: 'circuit',
  title: 'Circuit call state',
  ref: 'Q.764 §2.1, §2.9.1.4, §2.10.3; Q.763 §3.14',
  start: { event: 'equip', to: 'idle' },
  states: {
    idle: {
      on: {
        seizeOutgoing: ['outgoingBusy'],
        seizeIncoming: ['incomingBusy'],
        resetSent: ['resetting'],
        resetReceived: ['idle'],
        hardwareBlocked: ['idle'],
      },
    },
    outgoingBusy: {
      on: {
        dualSeizureWon: ['outgoingBusy'],
        dualSeizureLost: ['incomingBusy', 'backOff'],
        release: ['idle'],
        resetSent: ['resetting', 'clearCall'],
        resetReceived: ['idle', 'clearCall'],
        hardwareBlocked: ['idle', 'clearCall'],
      },
    },
    incomingBusy: {
      on: {
        release: ['idle'],
        resetSent: ['resetting', 'clearCall'],
        resetReceived: ['idle', 'clearCall'],
        hardwareBlocked: ['idle', 'clearCall'],
      },
    },
    resetting: {
      on: {
        resetSent: ['resetting'],
        resetReceived: ['resetting'],
        resetAcknowledged: ['idle'],
        hardwareBlocked: ['resetting'],
      },
    },
  },
});
