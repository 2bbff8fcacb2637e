// The Q.764 and RFC 3261 timer tables, and overrides checked against them.
import { describe, expect, it } from 'vitest';
import { ISUP_TIMERS } from '../../src/isup/timers.js';
import { SIP_TIMER_LIMITS } from '../../src/config/index.js';
import { config, errors, pbx, sim } from './helpers.js';

describe('ISUP_TIMERS (Q.764 Annex A, as listed in isup-q763.md §5)', () => {
  it('has the listed timers, in order, each default inside its range', () => {
    expect(ISUP_TIMERS.map((t) => t.name)).toEqual([1, 2, ...Array.from({ length: 27 }, (_, i) => i + 5), 33, 34, 35].map((n) => `T${n}`));
    for (const t of ISUP_TIMERS) {
      expect(t.minMs, t.name).toBeLessThanOrEqual(t.defaultMs);
      expect(t.defaultMs, t.name).toBeLessThanOrEqual(t.maxMs);
      expect(t.ref, t.name).toMatch(/^Q\.764/);
    }
  });

  it.each([
    ['T1', 15_000, 60_000],
    ['T5', 300_000, 900_000],
    ['T7', 20_000, 30_000],
    ['T9', 90_000, 180_000],
    ['T29', 300, 600],
    ['T35', 15_000, 20_000],
  ])('%s is %d..%d ms', (name, min, max) => {
    const t = ISUP_TIMERS.find((r) => r.name === name);
    expect([t?.minMs, t?.maxMs]).toEqual([min, max]);
  });
});

describe('SIP_TIMER_LIMITS (RFC 3261 Table 4)', () => {
  it('defaults to T1 500 ms, T2 4 s, T4 5 s', () => {
    expect(SIP_TIMER_LIMITS.map((t) => [t.name, t.defaultMs])).toEqual([
      ['T1', 500],
      ['T2', 4000],
      ['T4', 5000],
    ]);
  });
});

describe('timer overrides', () => {
  it('take effect within range, with every other timer at its default', () => {
    const c = config({ 'sim.yaml': sim('timers: { T7: 30000, T9: 90000 }'), 'pbx.yaml': pbx('timers: { T1: 1000, T2: 8000 }') });
    const g = c.trunkGroups[0];
    expect(g?.driver === 'sim' && [g.timers.T7, g.timers.T9, g.timers.T1, g.timers.T5]).toEqual([30_000, 90_000, 15_000, 300_000]);
    expect(c.peers[0]?.timers).toEqual({ T1: 1000, T2: 8000, T4: 5000 });
  });

  it.each([
    ['below a Q.764 range', { 'sim.yaml': sim('timers: { T7: 5000 }') }, 'cfg/sim.yaml:7:19 trunkGroups.sim-e1.timers.T7: T7 must be between 20000 and 30000 ms (20 s to 30 s, Q.764 Annex A) (CONFIG_TIMER_RANGE)'],
    ['above a Q.764 range in minutes', { 'sim.yaml': sim('timers: { T5: 960000 }') }, 'cfg/sim.yaml:7:19 trunkGroups.sim-e1.timers.T5: T5 must be between 300000 and 900000 ms (5 min to 15 min, Q.764 Annex A) (CONFIG_TIMER_RANGE)'],
    ['a value Q.764 fixes', { 'sim.yaml': sim('timers:', '  T2: 200000') }, 'cfg/sim.yaml:8:11 trunkGroups.sim-e1.timers.T2: T2 must be 180000 ms (3 min, Q.764 Annex A) (CONFIG_TIMER_RANGE)'],
    ['outside the SIP T1 range', { 'pbx.yaml': pbx('timers: { T1: 50 }') }, 'cfg/pbx.yaml:5:19 peers.pbx.timers.T1: T1 must be between 100 and 5000 ms (100 ms to 5 s, RFC 3261 §17.1.1.1) (CONFIG_TIMER_RANGE)'],
    ['SIP T2 below T1', { 'pbx.yaml': pbx('timers: { T1: 3000, T2: 2000 }') }, 'cfg/pbx.yaml:5:29 peers.pbx.timers.T2: T2 (2000 ms) must not be below T1 (3000 ms) (RFC 3261 §17.1.2.2) (CONFIG_TIMER_RANGE)'],
    ['SIP T1 above the default T2', { 'pbx.yaml': pbx('timers: { T1: 5000 }') }, 'cfg/pbx.yaml:5:19 peers.pbx.timers.T1: T2 (4000 ms) must not be below T1 (5000 ms) (RFC 3261 §17.1.2.2) (CONFIG_TIMER_RANGE)'],
    ['not a number of milliseconds', { 'sim.yaml': sim('timers: { T7: 25s }') }, 'cfg/sim.yaml:7:19 trunkGroups.sim-e1.timers.T7: must be an integer (CONFIG_SCHEMA)'],
  ])('%s', (_name, changes, line) => expect(errors(changes)).toEqual([line]));
});
