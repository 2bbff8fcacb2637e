// SIP_TIMERS: RFC 3261 Table 4 and RFC 6026 timers L and M, derived from T1, T2, T4.
import { describe, expect, it } from 'vitest';
import { SIP_TIMER_DEFAULTS, SIP_TIMERS, sipTimerInterval, type SipTimerName } from '../../../src/sip/transaction/timers.js';

const d = SIP_TIMER_DEFAULTS;
const first = (name: SipTimerName, reliable: boolean, base = d) => sipTimerInterval(name, base, reliable);

describe('SIP_TIMERS', () => {
  it('has one row per timer, named by its key, each citing its clause', () => {
    expect(Object.keys(SIP_TIMERS)).toEqual(['T1', 'T2', 'T4', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M']);
    for (const [key, row] of Object.entries(SIP_TIMERS)) {
      expect(row.name).toBe(key);
      expect(row.ref).toMatch(/^RFC (3261|6026) §/);
      expect(row.desc).not.toBe('');
    }
  });

  it('defaults: T1 500 ms, T2 4 s, T4 5 s', () => {
    expect(d).toEqual({ T1: 500, T2: 4000, T4: 5000 });
    expect([first('T1', false), first('T2', false), first('T4', false)]).toEqual([500, 4000, 5000]);
  });

  it('unreliable transports (UDP): RFC 3261 Table 4 and RFC 6026', () => {
    const values = Object.fromEntries((['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M'] as const).map((t) => [t, first(t, false)]));
    expect(values).toEqual({
      A: 500, // T1
      B: 32_000, // 64*T1
      C: 181_000, // > 3 min
      D: 32_000, // > 32 s
      E: 500, // T1
      F: 32_000, // 64*T1
      G: 500, // T1
      H: 32_000, // 64*T1
      I: 5000, // T4
      J: 32_000, // 64*T1
      K: 5000, // T4
      L: 32_000, // 64*T1
      M: 32_000, // 64*T1
    });
  });

  it('reliable transports: A, E, G not run; D, I, J, K zero; the rest unchanged', () => {
    expect([first('A', true), first('E', true), first('G', true)]).toEqual([null, null, null]);
    expect([first('D', true), first('I', true), first('J', true), first('K', true)]).toEqual([0, 0, 0, 0]);
    expect([first('B', true), first('F', true), first('H', true), first('L', true), first('M', true)]).toEqual([32_000, 32_000, 32_000, 32_000, 32_000]);
  });

  it('A doubles without limit (B bounds it); E and G double up to T2', () => {
    const series = (name: SipTimerName) => [0, 1, 2, 3, 4, 5].map((n) => sipTimerInterval(name, d, false, n));
    expect(series('A')).toEqual([500, 1000, 2000, 4000, 8000, 16_000]);
    expect(series('E')).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(series('G')).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(sipTimerInterval('B', d, false, 3)).toBe(32_000);
  });

  it('derives from configured T1, T2, T4', () => {
    const base = { T1: 100, T2: 1000, T4: 2500 };
    expect([first('A', false, base), first('B', false, base), first('H', false, base), first('L', false, base), first('M', false, base)]).toEqual([
      100, 6400, 6400, 6400, 6400,
    ]);
    expect([first('I', false, base), first('K', false, base)]).toEqual([2500, 2500]);
    expect([0, 1, 2, 3, 4].map((n) => sipTimerInterval('G', base, false, n))).toEqual([100, 200, 400, 800, 1000]);
    // D is at least 32 s on UDP, and 64*T1 when that is longer (Timer H of the server it outlives).
    expect(first('D', false, base)).toBe(32_000);
    expect(first('D', false, { ...base, T1: 1000 })).toBe(64_000);
  });
});
