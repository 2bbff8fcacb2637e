// The Q.764 timers a gateway call runs, by name from ISUP_TIMERS (Annex A), with the trunk group's
// overrides (config `trunkGroups.<name>.timers`, validated against the same ranges): T1 and T5
// after a REL, T7 awaiting address complete, T9 awaiting answer, T11 before an interworking ACM,
// T35 between overlap digits. ISDN groups have no overrides and run the defaults.
import type { TrunkGroupConfig } from '../../config/index.js';
import { isupTimerDefaults, type IsupTimerName } from '../../isup/timers.js';

export type CallTimer = Extract<IsupTimerName, 'T1' | 'T5' | 'T7' | 'T9' | 'T11' | 'T35'>;

const DEFAULTS = pick(isupTimerDefaults());
/** per group configuration: a configuration does not change while calls use it */
const byGroup = new WeakMap<TrunkGroupConfig, Readonly<Record<CallTimer, number>>>();

function pick(values: Readonly<Record<CallTimer, number>>): Readonly<Record<CallTimer, number>> {
  return Object.freeze({ T1: values.T1, T5: values.T5, T7: values.T7, T9: values.T9, T11: values.T11, T35: values.T35 });
}

/** Every call timer of `group` in ms: its override, else the Q.764 default (one frozen record per group, shared by its calls). */
export function callTimers(group: TrunkGroupConfig | undefined): Readonly<Record<CallTimer, number>> {
  if (group === undefined || !('timers' in group)) return DEFAULTS;
  let timers = byGroup.get(group);
  if (timers === undefined) byGroup.set(group, (timers = pick(group.timers)));
  return timers;
}
