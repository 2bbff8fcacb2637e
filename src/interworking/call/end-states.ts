// The states both call tables (sip-to-pstn.fsm.ts, pstn-to-sip.fsm.ts) end in, declared once:
// answered (Q.764 §2.1.7: either side may release; CPG and INFO cross between the two sides) and
// releasing (REL sent, Q.764 §2.3.1: T1 repeats it, T5 gives up and resets the circuit; the RLC or a
// crossing REL ends it). Each table adds to Releasing the late backward or forward messages it
// discards.

/** Answered: the same for both call kinds. */
export const ANSWERED = {
  on: {
    BYE: ['Releasing', 'releaseForBye'],
    sipEnded: ['Releasing', 'releaseForSipEnd'],
    REL: ['Released', 'byeForRel'],
    CPG: ['Answered', 'forwardToSip'],
    INFO: ['Answered', 'forwardToPstn'],
    cleared: ['Released', 'byeCleared'],
    release: ['Releasing', 'byeForRelease'],
  },
} as const;

/** The edges of Releasing both call kinds share. */
export const RELEASING_EDGES = {
  RLC: ['Released', 'releaseCircuit'],
  REL: ['Released', 'answerRelease'],
  timerT1: ['Releasing', 'repeatRel', { rearm: ['T1'] }],
  timerT5: ['Released', 'resetCircuit'],
  cleared: ['Released'],
} as const;

/** The timers of Releasing. */
export const RELEASING_TIMERS = ['T1', 'T5'] as const;
