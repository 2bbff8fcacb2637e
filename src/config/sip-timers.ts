// RFC 3261 §17.1.1.1 and Table 4: the SIP base timers a peer may override (T1, T2, T4). Defaults,
// references and descriptions are the transaction layer's rows (src/sip/transaction/timers.ts). The RFC
// gives no hard bounds (T1 may be raised on high-latency links and lowered where the RTT is known to be
// small), so the allowed ranges below are this gateway's sanity limits.
import { SIP_TIMER_DEFAULTS, SIP_TIMERS, type SipTimerBase } from '../sip/transaction/timers.js';

export type SipBaseTimerName = keyof SipTimerBase;

/** One SIP base timer a peer's configuration may override within [minMs, maxMs]. */
export interface SipTimerLimit {
  readonly name: SipBaseTimerName;
  readonly defaultMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly ref: string;
  readonly desc: string;
}

const limit = (name: SipBaseTimerName, minMs: number, maxMs: number, note = ''): SipTimerLimit => ({
  name,
  defaultMs: SIP_TIMER_DEFAULTS[name],
  minMs,
  maxMs,
  ref: SIP_TIMERS[name].ref,
  desc: `${SIP_TIMERS[name].desc}.${note}`,
});

export const SIP_TIMER_LIMITS: readonly SipTimerLimit[] = [limit('T1', 100, 5000, ' Timers A, B, E, F, G, H and J derive from it.'), limit('T2', 1000, 32000, ' Must not be below T1.'), limit('T4', 1000, 30000, ' Timers I and K derive from it.')];
