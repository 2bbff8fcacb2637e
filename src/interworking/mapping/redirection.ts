// Redirection: a chain of diversions <-> the IAM's redirecting number (Q.763 §3.44), original
// called number (§3.39) and redirection information (§3.45). The SIP headers (Diversion,
// History-Info) are read into and written from the chain by redirection-diversion.ts and
// redirection-history-info.ts.
// Reasons: Q.763 §3.45 redirecting reason values (verified against the Wireshark, libss7 and
// jSS7 tables) <-> Diversion `reason` tokens (RFC 5806 §4) and History-Info `cause` URI parameter
// values (RFC 4458 §3), as recalled in the reference ([mem]). A Diversion reason or cause value
// without a row is "unknown".
// Chain rules (reference [mem], common practice): the first diversion's diverting party is the
// original called number (sent when there are two diversions or more), the last one's the
// redirecting number; the counter is the number of diversions (at most 5, Q.763 §3.45 [mem]).
import { NumberingPlan, Presentation, type OriginalCalledNumber, type ParamValues, type RedirectingNumber } from 'ss7-isup-codec';
import { formatTelNumber, isupAddressFromSip, telNumberFromIsup, type NumberingPlan as Plan } from './numbering.js';
import type { Source } from './source.js';

export type RedirectionInformation = ParamValues['redirectionInformation'];

export interface RedirectionReasonRow extends Source {
  /** Q.763 §3.45 redirecting reason. */
  readonly reason: number;
  readonly name: string;
  /** RFC 5806 Diversion `reason` token. */
  readonly diversion: string;
  /** RFC 4458 `cause` URI parameter value in History-Info. */
  readonly historyCause: number;
}

const M = { ref: 'Q.763 §3.45; RFC 5806 §4; RFC 4458 §3', basis: 'mem' } as const;

const UNKNOWN: RedirectionReasonRow = { reason: 0, name: 'unknown / not available', diversion: 'unknown', historyCause: 404, ...M };

export const REDIRECTION_REASON_ROWS: readonly RedirectionReasonRow[] = [
  UNKNOWN,
  { reason: 1, name: 'user busy', diversion: 'user-busy', historyCause: 486, ...M },
  { reason: 2, name: 'no reply', diversion: 'no-answer', historyCause: 408, ...M },
  { reason: 3, name: 'unconditional', diversion: 'unconditional', historyCause: 302, ...M },
  { reason: 4, name: 'deflection during alerting', diversion: 'deflection', historyCause: 487, ...M },
  { reason: 5, name: 'deflection immediate response', diversion: 'deflection', historyCause: 480, ...M },
  { reason: 6, name: 'mobile subscriber not reachable', diversion: 'unavailable', historyCause: 503, ...M },
];

/** Q.763 §3.45 redirecting indicator values Tandem sends. */
export const RedirectingIndicator = { CALL_DIVERTED: 3, CALL_DIVERTED_ALL_RESTRICTED: 4 } as const;
/** Highest redirection counter (Q.763 §3.45 [mem]). */
export const MAX_REDIRECTION_COUNTER = 5;
/** The original redirection reason is 0..3 (Q.763 §3.45); later reasons are sent as unknown. */
const MAX_ORIGINAL_REASON = 3;

export const reasonFromDiversion = (token: string | undefined): number =>
  REDIRECTION_REASON_ROWS.find((r) => r.diversion === token?.toLowerCase())?.reason ?? UNKNOWN.reason;
export const reasonFromHistoryCause = (cause: number | undefined): number => REDIRECTION_REASON_ROWS.find((r) => r.historyCause === cause)?.reason ?? UNKNOWN.reason;
const rowOf = (reason: number): RedirectionReasonRow => REDIRECTION_REASON_ROWS.find((r) => r.reason === reason) ?? UNKNOWN;
export const diversionForReason = (reason: number): string => rowOf(reason).diversion;
export const historyCauseForReason = (reason: number): number => rowOf(reason).historyCause;

/** One diversion: the diverting party's number as SIP writes it, why, how many diversions it stands for. */
export interface DiversionStep {
  readonly number: string;
  readonly reason: number;
  readonly count: number;
  readonly restricted: boolean;
}

export interface Redirection {
  readonly redirectingNumber?: RedirectingNumber;
  readonly originalCalledNumber?: OriginalCalledNumber;
  readonly redirectionInformation?: RedirectionInformation;
}

function redirecting(number: string, presentation: number, plan: Plan): RedirectingNumber | undefined {
  const a = isupAddressFromSip(number, plan);
  return a.ok ? { natureOfAddress: a.value.natureOfAddress, numberingPlan: NumberingPlan.ISDN_E164, presentation, digits: a.value.digits } : undefined;
}

/** The chain (oldest diversion first) -> the IAM parameters; empty when the last diverting party has no valid number. */
export function redirectionFromChain(steps: readonly DiversionStep[], plan: Plan): Redirection {
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (first === undefined || last === undefined) return {};
  const restricted = steps.some((s) => s.restricted);
  const presentation = restricted ? Presentation.RESTRICTED : Presentation.ALLOWED;
  const redirectingNumber = redirecting(last.number, presentation, plan);
  if (redirectingNumber === undefined) return {};
  const count = steps.reduce((n, s) => n + s.count, 0);
  const redirectionInformation: RedirectionInformation = {
    redirectingIndicator: restricted ? RedirectingIndicator.CALL_DIVERTED_ALL_RESTRICTED : RedirectingIndicator.CALL_DIVERTED,
    originalRedirectionReason: first.reason <= MAX_ORIGINAL_REASON ? first.reason : UNKNOWN.reason,
    redirectionCounter: Math.min(Math.max(count, 1), MAX_REDIRECTION_COUNTER),
    redirectingReason: last.reason,
  };
  const originalCalledNumber = steps.length > 1 ? redirecting(first.number, presentation, plan) : undefined;
  return originalCalledNumber === undefined ? { redirectingNumber, redirectionInformation } : { redirectingNumber, originalCalledNumber, redirectionInformation };
}

/** The IAM parameters -> the chain (oldest first); empty without a valid redirecting number. */
export function chainFromRedirection(r: Redirection, plan: Plan): DiversionStep[] {
  if (r.redirectingNumber === undefined) return [];
  const last = telNumberFromIsup(r.redirectingNumber, plan);
  if (!last.ok) return [];
  const info = r.redirectionInformation;
  const counter = Math.max(info?.redirectionCounter ?? 1, 1);
  const restricted = r.redirectingNumber.presentation === Presentation.RESTRICTED || info?.redirectingIndicator === RedirectingIndicator.CALL_DIVERTED_ALL_RESTRICTED;
  const lastReason = info?.redirectingReason ?? UNKNOWN.reason;
  const original = r.originalCalledNumber === undefined || counter < 2 ? undefined : telNumberFromIsup(r.originalCalledNumber, plan);
  if (original?.ok !== true) return [{ number: formatTelNumber(last.value), reason: lastReason, count: counter, restricted }];
  return [
    { number: formatTelNumber(original.value), reason: info?.originalRedirectionReason ?? UNKNOWN.reason, count: 1, restricted },
    { number: formatTelNumber(last.value), reason: lastReason, count: counter - 1, restricted },
  ];
}
