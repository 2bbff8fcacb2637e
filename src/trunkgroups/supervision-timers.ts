// The Q.764 timers of circuit supervision (Annex A; values from src/isup/timers.ts). Each
// request has a pair: the short timer repeats the request until it is acknowledged; the long
// timer, started with the first request, alerts maintenance and from then on repeats the request
// at its own interval (the short timer stops).
import { err, ok, type Result } from '../core/result.js';
import { ISUP_TIMERS, type IsupTimerRow } from '../isup/timers.js';

export type SupervisionRequestType = 'BLO' | 'UBL' | 'RSC' | 'CGB' | 'CGU' | 'GRS';

export type SupervisionTimer = 'T12' | 'T13' | 'T14' | 'T15' | 'T16' | 'T17' | 'T18' | 'T19' | 'T20' | 'T21' | 'T22' | 'T23';

/** [repeat timer, alert timer] of each request. */
export const REQUEST_TIMERS: Readonly<Record<SupervisionRequestType, readonly [SupervisionTimer, SupervisionTimer]>> = {
  BLO: ['T12', 'T13'],
  UBL: ['T14', 'T15'],
  RSC: ['T16', 'T17'],
  CGB: ['T18', 'T19'],
  CGU: ['T20', 'T21'],
  GRS: ['T22', 'T23'],
};

const SUPERVISION_TIMERS = Object.values(REQUEST_TIMERS).flat();

/** The supervision timer values: the Q.764 defaults with `overrides` applied; an override outside its range is an error. */
export function supervisionTimerValues(overrides: Partial<Record<SupervisionTimer, number>> = {}): Result<Record<SupervisionTimer, number>, string> {
  const out = {} as Record<SupervisionTimer, number>;
  for (const row of ISUP_TIMERS as readonly IsupTimerRow[]) {
    const name = SUPERVISION_TIMERS.find((t) => t === row.name);
    if (name === undefined) continue;
    const ms = overrides[name] ?? row.defaultMs;
    if (!(ms >= row.minMs && ms <= row.maxMs)) return err(`${name}: ${ms} ms is outside ${row.minMs}..${row.maxMs} ms (${row.ref})`);
    out[name] = ms;
  }
  return ok(out);
}
