// The Q.931 (Table 9-1 network side, Table 9-2 user side) and Q.921 (§5.9) timers a pri or bri trunk
// group may override. Only overrides are kept: the stacks in src/isdn own the defaults, which are
// repeated here for the documentation. The ranges are this gateway's sanity limits (Q.931 and Q.921
// give defaults, not bounds). Names match Q931TimerName and L2Timers of the stacks' contracts.
import type { L2Timers } from '../isdn/l2/service.js';
import type { Q931TimerName } from '../isdn/q931/service.js';

export interface IsdnTimerLimit<N extends string> {
  readonly name: N;
  readonly defaultMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly ref: string;
  readonly desc: string;
}

const q = (name: Q931TimerName, defaultMs: number, minMs: number, maxMs: number, desc: string): IsdnTimerLimit<Q931TimerName> => ({ name, defaultMs, minMs, maxMs, ref: 'Q.931 Table 9-1/9-2', desc });

export const Q931_TIMER_LIMITS: readonly IsdnTimerLimit<Q931TimerName>[] = [
  q('T301', 180_000, 180_000, 600_000, 'ALERTING received: waits for CONNECT (at least 3 minutes).'),
  q('T302', 15_000, 5_000, 60_000, 'Overlap receiving: waits for more INFORMATION after SETUP ACKNOWLEDGE.'),
  q('T303', 4_000, 1_000, 30_000, 'SETUP sent: waits for the first response (repeated once).'),
  q('T304', 30_000, 5_000, 120_000, 'Overlap sending: waits for more progress after INFORMATION.'),
  q('T305', 30_000, 4_000, 120_000, 'DISCONNECT sent: waits for RELEASE or DISCONNECT.'),
  q('T308', 4_000, 1_000, 30_000, 'RELEASE sent: waits for RELEASE COMPLETE (repeated once).'),
  q('T309', 90_000, 6_000, 180_000, 'Data link lost: how long active calls survive it.'),
  q('T310', 30_000, 10_000, 120_000, 'CALL PROCEEDING received: waits for ALERTING, CONNECT or DISCONNECT.'),
  q('T313', 4_000, 1_000, 30_000, 'CONNECT sent (user side): waits for CONNECT ACKNOWLEDGE.'),
  q('T316', 120_000, 10_000, 600_000, 'RESTART sent: waits for RESTART ACKNOWLEDGE.'),
  q('T322', 4_000, 1_000, 30_000, 'STATUS ENQUIRY sent: waits for STATUS.'),
];

export type L2TimerName = keyof L2Timers;

export const L2_TIMER_LIMITS: readonly IsdnTimerLimit<'T200' | 'T203'>[] = [
  { name: 'T200', defaultMs: 1_000, minMs: 200, maxMs: 10_000, ref: 'Q.921 §5.9.1', desc: 'Waits for the acknowledgement of a command frame (then retransmits, N200 times).' },
  { name: 'T203', defaultMs: 10_000, minMs: 2_000, maxMs: 300_000, ref: 'Q.921 §5.9.8', desc: 'Idle time after which the data link is polled (RR with P=1).' },
];

/** The counts of layer 2 that `l2Timers` also sets (not durations). */
export const L2_COUNT_LIMITS = {
  N200: { min: 1, max: 10, desc: 'Retransmissions of a frame before the data link is re-established (Q.921 §5.9.2). Default 3.' },
  k: { min: 1, max: 127, desc: 'Window: I-frames outstanding (Q.921 §5.9.5). Default 7 on PRI, 1 on BRI.' },
} as const;
