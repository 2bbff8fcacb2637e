// The gateway call from SIP into the PSTN (S→P): an INVITE (RFC 3261 §13.3, UAS) joined to an
// outgoing ISUP call (Q.764 §2.1–§2.3, originating exchange), as a declared table run by
// src/core/fsm.ts. States follow the originating exchange's phases: hunting a circuit, opening its
// bearer, awaiting address complete (T7, from the IAM), awaiting answer (T9, from the ACM),
// answered, and releasing (REL sent: T1 repeats it, T5 gives up and resets the circuit).
import { defineFsm } from '../../core/fsm.js';
import { ANSWERED, RELEASING_EDGES, RELEASING_TIMERS } from './end-states.js';

export type SipToPstnState = 'Routing' | 'AwaitingMedia' | 'AwaitingAddressComplete' | 'AwaitingAnswer' | 'Answered' | 'Releasing' | 'Released';

export type SipToPstnEvent =
  /** a circuit of the current target was seized */
  | 'seized'
  /** no target is left to try, or the INVITE does not map: the INVITE is refused */
  | 'refused'
  /** the circuit answered the SDP offer / refused it */
  | 'mediaReady'
  | 'mediaFailed'
  /** dual seizure lost on the circuit (Q.764 §2.9.1.4): re-attempt on another */
  | 'glare'
  /** the circuit was reset or hardware-blocked under the call */
  | 'cleared'
  /** a REL whose cause is one of the route's failover causes, with a target left */
  | 'failover'
  | 'ACM'
  | 'CPG'
  | 'ANM'
  | 'CON'
  | 'REL'
  | 'RLC'
  | 'CANCEL'
  | 'BYE'
  | 'INFO'
  /** the SIP side ended without BYE or CANCEL: no ACK, no PRACK, session expired, dialog or transport failure */
  | 'sipEnded'
  /** the gateway releases the call on both sides (CallControl.releaseAll, e.g. at the end of the shutdown grace time) */
  | 'release';

export type SipToPstnAction =
  | 'route'
  | 'openMedia'
  | 'sendIam'
  | 'refuse'
  | 'refuseMedia'
  | 'reattempt'
  | 'abandon'
  | 'acknowledgeRelease'
  | 'addressComplete'
  | 'progress'
  | 'answer'
  | 'rejectForRel'
  | 'failover'
  | 'releaseForCancel'
  | 'timeoutT7'
  | 'timeoutT9'
  | 'releaseForBye'
  | 'releaseForSipEnd'
  | 'byeForRel'
  | 'forwardToSip'
  | 'forwardToPstn'
  | 'failCleared'
  | 'byeCleared'
  | 'refuseForRelease'
  | 'rejectForRelease'
  | 'byeForRelease'
  | 'releaseCircuit'
  | 'answerRelease'
  | 'repeatRel'
  | 'resetCircuit';

export type SipToPstnTimer = 'T1' | 'T5' | 'T7' | 'T9';

export const SIP_TO_PSTN_FSM = defineFsm<SipToPstnState, SipToPstnEvent, SipToPstnAction, SipToPstnTimer>({
  name: 's2p',
  title: 'gateway call SIP → PSTN',
  ref: 'RFC 3261 §13.3; Q.764 §2.1-§2.3, §2.9.1.4; RFC 3398 §7; Q.1912.5',
  start: { event: 'INVITE', to: 'Routing', action: 'route' },
  states: {
    Routing: {
      on: { seized: ['AwaitingMedia', 'openMedia'], refused: ['Released', 'refuse'] },
    },
    AwaitingMedia: {
      on: {
        mediaReady: ['AwaitingAddressComplete', 'sendIam'],
        mediaFailed: ['Released', 'refuseMedia'],
        glare: ['Routing', 'reattempt'],
        cleared: ['Released', 'failCleared'],
        CANCEL: ['Released', 'abandon'],
        sipEnded: ['Released', 'abandon'],
        REL: ['AwaitingMedia', 'acknowledgeRelease'],
        release: ['Released', 'refuseForRelease'],
      },
    },
    AwaitingAddressComplete: {
      timers: ['T7'],
      on: {
        ACM: ['AwaitingAnswer', 'addressComplete'],
        CON: ['Answered', 'answer'],
        ANM: ['Answered', 'answer'],
        REL: ['Released', 'rejectForRel'],
        failover: ['Routing', 'failover'],
        glare: ['Routing', 'reattempt'],
        CANCEL: ['Releasing', 'releaseForCancel'],
        sipEnded: ['Releasing', 'releaseForSipEnd'],
        timerT7: ['Releasing', 'timeoutT7'],
        cleared: ['Released', 'failCleared'],
        release: ['Releasing', 'rejectForRelease'],
      },
    },
    AwaitingAnswer: {
      timers: ['T9'],
      on: {
        CPG: ['AwaitingAnswer', 'progress'],
        ANM: ['Answered', 'answer'],
        REL: ['Released', 'rejectForRel'],
        failover: ['Routing', 'failover'],
        CANCEL: ['Releasing', 'releaseForCancel'],
        BYE: ['Releasing', 'releaseForCancel'],
        sipEnded: ['Releasing', 'releaseForSipEnd'],
        timerT9: ['Releasing', 'timeoutT9'],
        cleared: ['Released', 'failCleared'],
        release: ['Releasing', 'rejectForRelease'],
      },
    },
    Answered: ANSWERED,
    Releasing: {
      timers: RELEASING_TIMERS,
      on: {
        ...RELEASING_EDGES,
        // late messages of the call being released: discarded
        ACM: ['Releasing'],
        CPG: ['Releasing'],
        ANM: ['Releasing'],
        CON: ['Releasing'],
      },
    },
    Released: { final: true, on: {} },
  },
});
