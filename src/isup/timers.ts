// ITU-T Q.764 Annex A (Table A.1): ISUP timers, their default values and allowed ranges.
// Values as recorded in /shared/reference/isup-q763.md §5 (T1/T5/T7/T9/T12–T21/T27 cross-checked with
// Yate's comments, the rest from recollection of Q.764). T3, T4 and T32 are not listed there and are
// left out until they are checked. Where Q.764 gives one value (T2, T27, T28) the range is that value;
// where it gives one bound (T24 < 2 s, T31 > 6 min) the other bound is ours and `desc` says so.

/** One Q.764 timer: the value a trunk group uses unless its configuration overrides it within [minMs, maxMs]. */
export interface IsupTimerRow {
  readonly name: string;
  readonly defaultMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Where the range comes from. */
  readonly ref: string;
  /** Started on / stopped by / on expiry. */
  readonly desc: string;
}

const S = 1000;
const MIN = 60 * S;
const ANNEX_A = 'Q.764 Annex A';

export const ISUP_TIMERS = [
  { name: 'T1', defaultMs: 15 * S, minMs: 15 * S, maxMs: 60 * S, ref: ANNEX_A, desc: 'Started when REL is sent, stopped by RLC; on expiry REL is sent again and T1 restarted.' },
  { name: 'T2', defaultMs: 3 * MIN, minMs: 3 * MIN, maxMs: 3 * MIN, ref: ANNEX_A, desc: 'Started when the controlling exchange receives a user-initiated SUS, stopped by RES; on expiry the call is released.' },
  { name: 'T5', defaultMs: 5 * MIN, minMs: 5 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when the initial REL is sent, stopped by RLC; on expiry RSC is sent, maintenance alerted, T1 stopped and T17 started.' },
  { name: 'T6', defaultMs: 30 * S, minMs: 10 * S, maxMs: 2 * MIN, ref: `${ANNEX_A}, range per Q.118`, desc: 'Started when a network-initiated SUS is received, stopped by RES or REL; on expiry the call is released.' },
  { name: 'T7', defaultMs: 20 * S, minMs: 20 * S, maxMs: 30 * S, ref: ANNEX_A, desc: 'Started when the latest address message (IAM/SAM) is sent, stopped by ACM, CON or ANM; on expiry the call is released.' },
  { name: 'T8', defaultMs: 10 * S, minMs: 10 * S, maxMs: 15 * S, ref: ANNEX_A, desc: 'Started when an IAM asking for a continuity check is received, stopped by COT; on expiry the call is released.' },
  { name: 'T9', defaultMs: 90 * S, minMs: 90 * S, maxMs: 180 * S, ref: ANNEX_A, desc: 'Started when ACM is received, stopped by ANM; on expiry the call is released (no answer).' },
  { name: 'T10', defaultMs: 4 * S, minMs: 4 * S, maxMs: 6 * S, ref: ANNEX_A, desc: 'Interworking: started when the last digit is received, stopped by fresh information; on expiry ACM is sent.' },
  { name: 'T11', defaultMs: 15 * S, minMs: 15 * S, maxMs: 20 * S, ref: ANNEX_A, desc: 'Interworking: started when the latest address message is received, stopped when ACM is sent; on expiry ACM is sent.' },
  { name: 'T12', defaultMs: 15 * S, minMs: 15 * S, maxMs: 60 * S, ref: ANNEX_A, desc: 'Started when BLO is sent, stopped by BLA; on expiry BLO is sent again.' },
  { name: 'T13', defaultMs: 5 * MIN, minMs: 5 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when the initial BLO is sent, stopped by BLA; on expiry maintenance is alerted and BLO repeated every T13.' },
  { name: 'T14', defaultMs: 15 * S, minMs: 15 * S, maxMs: 60 * S, ref: ANNEX_A, desc: 'Started when UBL is sent, stopped by UBA; on expiry UBL is sent again.' },
  { name: 'T15', defaultMs: 5 * MIN, minMs: 5 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when the initial UBL is sent, stopped by UBA; on expiry maintenance is alerted and UBL repeated every T15.' },
  { name: 'T16', defaultMs: 15 * S, minMs: 15 * S, maxMs: 60 * S, ref: ANNEX_A, desc: 'Started when RSC is sent (not because of T5), stopped by RLC; on expiry RSC is sent again.' },
  { name: 'T17', defaultMs: 5 * MIN, minMs: 5 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when the initial RSC is sent, stopped by RLC; on expiry maintenance is alerted and RSC repeated every T17.' },
  { name: 'T18', defaultMs: 15 * S, minMs: 15 * S, maxMs: 60 * S, ref: ANNEX_A, desc: 'Started when CGB is sent, stopped by CGBA; on expiry CGB is sent again.' },
  { name: 'T19', defaultMs: 5 * MIN, minMs: 5 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when the initial CGB is sent, stopped by CGBA; on expiry maintenance is alerted and CGB repeated.' },
  { name: 'T20', defaultMs: 15 * S, minMs: 15 * S, maxMs: 60 * S, ref: ANNEX_A, desc: 'Started when CGU is sent, stopped by CGUA; on expiry CGU is sent again.' },
  { name: 'T21', defaultMs: 5 * MIN, minMs: 5 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when the initial CGU is sent, stopped by CGUA; on expiry maintenance is alerted and CGU repeated.' },
  { name: 'T22', defaultMs: 15 * S, minMs: 15 * S, maxMs: 60 * S, ref: ANNEX_A, desc: 'Started when GRS is sent, stopped by GRA; on expiry GRS is sent again.' },
  { name: 'T23', defaultMs: 5 * MIN, minMs: 5 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when the initial GRS is sent, stopped by GRA; on expiry maintenance is alerted, T22 stopped and GRS repeated every T23.' },
  { name: 'T24', defaultMs: 1 * S, minMs: 500, maxMs: 2 * S, ref: ANNEX_A, desc: 'Started when the check tone is sent, stopped by the backward tone; on expiry the continuity check fails and T25 starts. Q.764 says < 2 s; the 500 ms floor is ours.' },
  { name: 'T25', defaultMs: 5 * S, minMs: 1 * S, maxMs: 10 * S, ref: ANNEX_A, desc: 'Started when a first continuity failure is detected; on expiry CCR is sent and the circuit retested.' },
  { name: 'T26', defaultMs: 2 * MIN, minMs: 1 * MIN, maxMs: 3 * MIN, ref: ANNEX_A, desc: 'Started on a second or later continuity failure; on expiry CCR is sent.' },
  { name: 'T27', defaultMs: 4 * MIN, minMs: 4 * MIN, maxMs: 4 * MIN, ref: ANNEX_A, desc: 'Started when a COT failure is received, stopped by CCR; on expiry RSC is sent.' },
  { name: 'T28', defaultMs: 10 * S, minMs: 10 * S, maxMs: 10 * S, ref: ANNEX_A, desc: 'Started when CQM is sent, stopped by CQR; on expiry maintenance is alerted.' },
  { name: 'T29', defaultMs: 300, minMs: 300, maxMs: 600, ref: ANNEX_A, desc: 'Started when a congestion indication is received; while it runs further indications are ignored (traffic reduction).' },
  { name: 'T30', defaultMs: 5 * S, minMs: 5 * S, maxMs: 10 * S, ref: ANNEX_A, desc: 'Started when a congestion indication is received; on expiry traffic is restored by one step.' },
  { name: 'T31', defaultMs: 7 * MIN, minMs: 6 * MIN, maxMs: 15 * MIN, ref: ANNEX_A, desc: 'Started when a call reference is released; on expiry the call reference may be reused. Q.764 says > 6 min; the 15 min ceiling is ours.' },
  { name: 'T33', defaultMs: 12 * S, minMs: 12 * S, maxMs: 15 * S, ref: ANNEX_A, desc: 'Started when INR is sent, stopped by INF; on expiry the call is released and maintenance alerted.' },
  { name: 'T34', defaultMs: 2 * S, minMs: 2 * S, maxMs: 4 * S, ref: ANNEX_A, desc: 'Started when segmentation is indicated, stopped by SGM; on expiry the message is processed without SGM.' },
  { name: 'T35', defaultMs: 15 * S, minMs: 15 * S, maxMs: 20 * S, ref: ANNEX_A, desc: 'Overlap: started when the latest digit is received (fewer than the minimum, no ST), stopped by ST or enough digits; on expiry the call is released with cause 28.' },
] as const satisfies readonly IsupTimerRow[];

export type IsupTimerName = (typeof ISUP_TIMERS)[number]['name'];

/** The default value of every timer, keyed by name. */
export function isupTimerDefaults(): Record<IsupTimerName, number> {
  return Object.fromEntries(ISUP_TIMERS.map((t) => [t.name, t.defaultMs])) as Record<IsupTimerName, number>;
}
