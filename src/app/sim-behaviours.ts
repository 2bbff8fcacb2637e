// How every `sim` trunk group's simulated exchange answers Tandem's calls, by the last digits of
// the called number (docs/operations.md "The simulated exchange"). The configuration schema has
// no key for it: these are the conventions `tandem start` applies to each sim group. Q.850
// causes: 1 unallocated number, 16 normal clearing, 17 user busy, 34 no circuit, 42 congestion.
import { answerAfter, busy, congestion, noAnswer, reject, ringThenAnswer, withHoldTime, type SimRule } from '../drivers/sim/behaviour.js';

/** Milliseconds a `…16` call stays up before the far end hangs up; a `…18` call rings. */
const SIM_HOLD_MS = 2000;
const SIM_RING_MS = 2000;

/** One row per convention: `suffix` ends the called number (digits only, no ST). */
export const SIM_BEHAVIOURS: readonly { readonly suffix: string; readonly what: string; readonly rule: SimRule['behaviour'] }[] = [
  { suffix: '04', what: 'REL cause 1 (unallocated number)', rule: reject(1) },
  { suffix: '16', what: `answer at once, the far end hangs up ${SIM_HOLD_MS} ms later (REL cause 16)`, rule: withHoldTime(answerAfter(0), SIM_HOLD_MS) },
  { suffix: '17', what: 'REL cause 17 (user busy)', rule: busy() },
  { suffix: '18', what: `alerting (ACM, subscriber free), answer ${SIM_RING_MS} ms later`, rule: ringThenAnswer(SIM_RING_MS) },
  { suffix: '19', what: 'alerting, never answered: T9 ends the call (no answer)', rule: noAnswer() },
  { suffix: '34', what: 'REL cause 34 (no circuit/channel available)', rule: congestion(34) },
  { suffix: '42', what: 'REL cause 42 (switching equipment congestion)', rule: congestion(42) },
];

/** What a number matching no row gets: ACM and ANM at once (e.g. any number ending in 0). */
export const SIM_DEFAULT = { what: 'answer at once (ACM, then ANM)', behaviour: answerAfter(0) };

/** The rules for SimExchange: `\d*<suffix>`, in table order. */
export function simRules(): SimRule[] {
  return SIM_BEHAVIOURS.map((b) => ({ called: `\\d*${b.suffix}`, behaviour: b.rule }));
}
