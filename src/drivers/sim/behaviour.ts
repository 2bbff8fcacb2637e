// How the simulated exchange answers a call, per called number: a script of backward ISUP
// messages (Q.764 §2.1: ACM, CPG, ANM/CON, or REL with a Q.850 cause), each sent a delay after
// the one before. The constructors below name the usual cases.
import type { CalledPartyStatus, ProgressEvent } from '../isup-messages.js';

export type SimStep =
  | { afterMs: number; send: 'ACM'; status: CalledPartyStatus; inband?: boolean }
  | { afterMs: number; send: 'CPG'; event: ProgressEvent }
  | { afterMs: number; send: 'ANM' }
  | { afterMs: number; send: 'CON' }
  | { afterMs: number; send: 'REL'; cause: number };

/** Backward messages for a call, in order; `afterMs` counts from the previous step (the first from the IAM). */
export interface SimBehaviour {
  steps: SimStep[];
}

/** A behaviour for the called numbers `called` matches (a regular expression over the whole digit string). */
export interface SimRule {
  called: string;
  behaviour: SimBehaviour;
}

/** Q.850 causes the constructors use. */
export const Cause = { NORMAL_CLEARING: 16, USER_BUSY: 17, NO_CIRCUIT: 34, SWITCHING_CONGESTION: 42 } as const;

/** Address complete at once, answer `ms` later. */
export const answerAfter = (ms: number): SimBehaviour => ({
  steps: [
    { afterMs: 0, send: 'ACM', status: 'noIndication' },
    { afterMs: ms, send: 'ANM' },
  ],
});

/** Alerting (ACM, subscriber free) at once, answer after `ms` of ringing. */
export const ringThenAnswer = (ms: number): SimBehaviour => ({
  steps: [
    { afterMs: 0, send: 'ACM', status: 'free' },
    { afterMs: ms, send: 'ANM' },
  ],
});

/** Alerting that is never answered: the calling side's timers end the call. */
export const noAnswer = (): SimBehaviour => ({ steps: [{ afterMs: 0, send: 'ACM', status: 'free' }] });

/** Release with any Q.850 cause, `afterMs` after the IAM. */
export const reject = (cause: number, afterMs = 0): SimBehaviour => ({ steps: [{ afterMs, send: 'REL', cause }] });

/** User busy: REL with cause 17. */
export const busy = (): SimBehaviour => reject(Cause.USER_BUSY);

/** Congestion: REL with cause 34 (no circuit/channel available) or 42 (switching equipment congestion). */
export const congestion = (cause: 34 | 42 = Cause.NO_CIRCUIT): SimBehaviour => reject(cause);

/** The far end hangs up (REL, cause 16) `ms` after the last step of `b` (its answer). */
export const withHoldTime = (b: SimBehaviour, ms: number): SimBehaviour => ({
  steps: [...b.steps, { afterMs: ms, send: 'REL', cause: Cause.NORMAL_CLEARING }],
});

/**
 * Progress before the rest of `b`: a CPG (progress, or in-band information available) `afterMs`
 * after the address complete message, which is added first when `b` does not start with one
 * (e.g. an announcement before busy).
 */
export function withProgress(b: SimBehaviour, event: 'progress' | 'inband', afterMs = 0): SimBehaviour {
  const [first, ...rest] = b.steps;
  const acm: SimStep = first?.send === 'ACM' ? first : { afterMs: 0, send: 'ACM', status: 'noIndication', inband: event === 'inband' };
  const after = first?.send === 'ACM' ? rest : b.steps;
  return { steps: [acm, { afterMs, send: 'CPG', event }, ...after] };
}

/** The behaviour of the first rule matching `digits`, or `fallback`. */
export function behaviourFor(rules: readonly { pattern: RegExp; behaviour: SimBehaviour }[], digits: string, fallback: SimBehaviour): SimBehaviour {
  return rules.find((r) => r.pattern.test(digits))?.behaviour ?? fallback;
}

/** Rules with their patterns compiled (anchored at both ends). */
export function compileRules(rules: readonly SimRule[]): { pattern: RegExp; behaviour: SimBehaviour }[] {
  return rules.map((r) => ({ pattern: new RegExp(`^(?:${r.called})$`), behaviour: r.behaviour }));
}
