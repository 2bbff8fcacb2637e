// P→S overlap receiving, converted to en bloc at the gateway (reference §6 option 1; Q.764 §2.1.1,
// T35): the called number grows with each SAM until it ends in ST (F), reaches the trunk group's
// maximum, or matches its pattern of complete numbers; then one INVITE goes out. On T35 a number of
// at least the minimum is sent as it is. A group without a rule is en bloc: the IAM is complete.
import type { OverlapRule } from './options.js';

const ST = /F$/i;
const compiled = new Map<string, RegExp>();

function completePattern(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) compiled.set(pattern, (re = new RegExp(`^(?:${pattern})$`)));
  return re;
}

/** The digits without the ST signal. */
export const withoutSt = (digits: string): string => digits.replace(ST, '');

/** Whether `digits` (as received, ST included) is a complete called number under `rule`. */
export function isComplete(digits: string, rule: OverlapRule | undefined): boolean {
  if (rule === undefined || ST.test(digits)) return true;
  if (rule.maxDigits !== undefined && digits.length >= rule.maxDigits) return true;
  return rule.complete !== undefined && completePattern(rule.complete).test(digits);
}

/** On T35: whether the digits so far are enough to send. */
export function isEnough(digits: string, rule: OverlapRule | undefined): boolean {
  return withoutSt(digits).length >= (rule?.minDigits ?? 1);
}
