// Q.931 call control timers: Q.931 §9.1, Table 9-1 (network side) and Table 9-2 (user side).
// One row per timer, with the default of each side in ms; the interface takes overrides from
// InterfaceOptions.timers. T322 and T316 run outside the call tables (see docs/isdn-q931.md).
import type { Q931TimerName } from './service.js';

export interface Q931TimerRow {
  readonly network: number;
  readonly user: number;
  readonly ref: string;
  readonly started: string;
  readonly expiry: string;
}

const S = 1000;

export const Q931_TIMERS: Readonly<Record<Q931TimerName, Q931TimerRow>> = {
  T301: { network: 180 * S, user: 180 * S, ref: 'Q.931 Table 9-1/9-2', started: 'ALERTING received', expiry: 'DISCONNECT, cause 19 (no answer)' },
  T302: { network: 15 * S, user: 15 * S, ref: 'Q.931 Table 9-1/9-2', started: 'SETUP ACK sent; restarted by INFORMATION received', expiry: 'DISCONNECT, cause 28 (incomplete number)' },
  T303: { network: 4 * S, user: 4 * S, ref: 'Q.931 §5.1.1, §5.2.1', started: 'SETUP sent', expiry: 'SETUP sent again once; then cleared (user cause 102, network cause 18)' },
  T304: { network: 20 * S, user: 30 * S, ref: 'Q.931 Table 9-1/9-2', started: 'SETUP ACK received; restarted by INFORMATION sent', expiry: 'DISCONNECT, cause 102' },
  T305: { network: 30 * S, user: 30 * S, ref: 'Q.931 §5.3.3, §5.3.4', started: 'DISCONNECT sent', expiry: 'RELEASE sent' },
  T308: { network: 4 * S, user: 4 * S, ref: 'Q.931 §5.3.3, §5.3.4', started: 'RELEASE sent', expiry: 'RELEASE sent again once; then cleared (cause 102)' },
  T309: { network: 6 * S, user: 6 * S, ref: 'Q.931 §5.8.9', started: 'data link lost with the call active', expiry: 'cleared (cause 27); 0 clears at once' },
  T310: { network: 10 * S, user: 30 * S, ref: 'Q.931 Table 9-1/9-2', started: 'CALL PROCEEDING received', expiry: 'DISCONNECT, cause 102 (not after a PROGRESS)' },
  T313: { network: 4 * S, user: 4 * S, ref: 'Q.931 §5.2.8 (user side)', started: 'CONNECT sent (user)', expiry: 'DISCONNECT, cause 102' },
  T316: { network: 120 * S, user: 120 * S, ref: 'Q.931 §5.5.1', started: 'RESTART sent', expiry: 'RESTART sent again (twice); then restartAck not acknowledged' },
  T322: { network: 4 * S, user: 4 * S, ref: 'Q.931 §5.8.10', started: 'STATUS ENQUIRY sent', expiry: 'STATUS ENQUIRY sent again once; then DISCONNECT cause 41' },
};

/** Retransmissions of RESTART after T316 expiries before the restart is reported as failed. */
export const N316 = 2;

export type Q931TimerValues = Readonly<Record<Q931TimerName, number>>;

/** The timer values of one side with the overrides applied. */
export function q931TimerValues(side: 'network' | 'user', overrides: Partial<Record<Q931TimerName, number>> = {}): Q931TimerValues {
  const out = {} as Record<Q931TimerName, number>;
  for (const [name, row] of Object.entries(Q931_TIMERS) as [Q931TimerName, Q931TimerRow][]) {
    const o = overrides[name];
    out[name] = o !== undefined && Number.isFinite(o) && o >= 0 ? o : row[side];
  }
  return out;
}
