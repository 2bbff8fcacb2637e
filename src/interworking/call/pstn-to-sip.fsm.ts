// The gateway call from the PSTN into SIP (P→S): an incoming ISUP call (Q.764 §2.1–§2.3,
// succeeding exchange) joined to an INVITE (RFC 3261 §13.2, UAC), as a declared table run by
// src/core/fsm.ts. States: collecting the address (IAM + SAMs until ST, the trunk's rule or T35,
// then one INVITE: reference §6 option 1), opening the circuit's bearer, Calling and Proceeding
// (RFC 3261 Figure 5; T11 sends an ACM before the preceding exchange's T7 runs out, Q.764 Annex A),
// answered, and releasing (REL sent: T1 repeats it, T5 gives up and resets the circuit).
import { defineFsm } from '../../core/fsm.js';
import { ANSWERED, RELEASING_EDGES, RELEASING_TIMERS } from './end-states.js';

export type PstnToSipState = 'CollectingAddress' | 'AwaitingMedia' | 'Calling' | 'Proceeding' | 'Answered' | 'Releasing' | 'Released';

export type PstnToSipEvent =
  | 'SAM'
  /** the called number is complete */
  | 'complete'
  /** the gateway releases the call before any INVITE: draining group, no route, a number or bearer that does not map, T35 */
  | 'refused'
  | 'mediaReady'
  | 'mediaFailed'
  /** responses to the INVITE: 101-199, 2xx, and 300-699 (or a timeout) */
  | 'provisional'
  | 'answered'
  | 'failed'
  /** a failure whose cause is one of the route's failover causes, with a target left: INVITE the next one */
  | 'failover'
  | 'cleared'
  | 'CPG'
  | 'REL'
  | 'RLC'
  | 'BYE'
  | 'INFO'
  | 'sipEnded'
  /** the gateway releases the call on both sides (CallControl.releaseAll, e.g. at the end of the shutdown grace time) */
  | 'release';

export type PstnToSipAction =
  | 'admit'
  | 'abandon'
  | 'recordCleared'
  | 'collect'
  | 'addressTimeout'
  | 'route'
  | 'sendRel'
  | 'invite'
  | 'inviteNext'
  | 'progress'
  | 'sendAcm'
  | 'answer'
  | 'releaseForFailure'
  | 'cancelInvite'
  | 'cancelCleared'
  | 'releaseForBye'
  | 'releaseForSipEnd'
  | 'byeForRel'
  | 'byeCleared'
  | 'cancelForRelease'
  | 'byeForRelease'
  | 'forwardToSip'
  | 'forwardToPstn'
  | 'releaseCircuit'
  | 'answerRelease'
  | 'repeatRel'
  | 'resetCircuit';

export type PstnToSipTimer = 'T1' | 'T5' | 'T11' | 'T35';

export const PSTN_TO_SIP_FSM = defineFsm<PstnToSipState, PstnToSipEvent, PstnToSipAction, PstnToSipTimer>({
  name: 'p2s',
  title: 'gateway call PSTN → SIP',
  ref: 'Q.764 §2.1-§2.3, Annex A; RFC 3261 §13.2; RFC 3398 §8; Q.1912.5',
  start: { event: 'IAM', to: 'CollectingAddress', action: 'admit' },
  states: {
    CollectingAddress: {
      timers: ['T35'],
      on: {
        SAM: ['CollectingAddress', 'collect', { rearm: ['T35'] }],
        complete: ['AwaitingMedia', 'route'],
        refused: ['Releasing', 'sendRel'],
        timerT35: ['CollectingAddress', 'addressTimeout'],
        REL: ['Released', 'abandon'],
        cleared: ['Released', 'recordCleared'],
        release: ['Releasing', 'sendRel'],
      },
    },
    AwaitingMedia: {
      on: {
        mediaReady: ['Calling', 'invite'],
        mediaFailed: ['Releasing', 'sendRel'],
        refused: ['Releasing', 'sendRel'],
        REL: ['Released', 'abandon'],
        cleared: ['Released', 'recordCleared'],
        release: ['Releasing', 'sendRel'],
      },
    },
    Calling: {
      timers: ['T11'],
      on: {
        provisional: ['Proceeding', 'progress'],
        answered: ['Answered', 'answer'],
        failed: ['Releasing', 'releaseForFailure'],
        failover: ['Calling', 'inviteNext'],
        timerT11: ['Proceeding', 'sendAcm'],
        REL: ['Released', 'cancelInvite'],
        cleared: ['Released', 'cancelCleared'],
        release: ['Releasing', 'cancelForRelease'],
      },
    },
    Proceeding: {
      on: {
        provisional: ['Proceeding', 'progress'],
        answered: ['Answered', 'answer'],
        failed: ['Releasing', 'releaseForFailure'],
        failover: ['Proceeding', 'inviteNext'],
        REL: ['Released', 'cancelInvite'],
        cleared: ['Released', 'cancelCleared'],
        release: ['Releasing', 'cancelForRelease'],
      },
    },
    Answered: ANSWERED,
    Releasing: {
      timers: RELEASING_TIMERS,
      on: {
        ...RELEASING_EDGES,
        // late messages of the call being released: discarded
        SAM: ['Releasing'],
      },
    },
    Released: { final: true, on: {} },
  },
});
