// The per-source limit on refusal log lines: the first N of a window one by one, the rest in one
// summary line when the window ends, windows that age out, a bounded table of sources with a
// shared bucket beyond it, and the summaries of open windows at close.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RefusalLog, SUMMARY_MSG, UNTRACKED } from '../../src/app/refusal-log.js';
import { FakeClock } from '../../src/core/clock.js';

function setup(limits: { perSource?: number; windowMs?: number; maxSources?: number } = {}) {
  const clock = new FakeClock(5_000);
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const refusals = new RefusalLog({ clock, log, perSource: 3, windowMs: 10_000, maxSources: 4, ...limits });
  const summaries = () => lines.filter((l) => l.msg === SUMMARY_MSG).map((l) => [l.source, l.count]);
  return { clock, lines, refusals, summaries };
}

const times = (n: number, f: () => boolean): boolean[] => Array.from({ length: n }, f);

describe('RefusalLog', () => {
  it('logs the first N refusals of a source one by one and summarizes the rest when its window ends', () => {
    const { clock, refusals, summaries, lines } = setup();
    expect(times(10, () => refusals.admit('203.0.113.9'))).toEqual([true, true, true, false, false, false, false, false, false, false]);
    clock.advance(9_999);
    expect(summaries()).toEqual([]);
    clock.advance(1);
    expect(summaries()).toEqual([['203.0.113.9', 7]]);
    expect(lines.at(-1)).toMatchObject({ level: 30, source: '203.0.113.9', count: 7, windowMs: 10_000 });
  });

  it('counts each source on its own', () => {
    const { clock, refusals, summaries } = setup();
    expect(times(4, () => refusals.admit('192.0.2.1'))).toEqual([true, true, true, false]);
    expect(times(4, () => refusals.admit('192.0.2.2'))).toEqual([true, true, true, false]);
    clock.advance(10_000);
    expect(summaries()).toEqual([
      ['192.0.2.1', 1],
      ['192.0.2.2', 1],
    ]);
  });

  it('starts a new window after one ends: the next N are logged again, and no summary when nothing was held back', () => {
    const { clock, refusals, summaries } = setup();
    refusals.admit('203.0.113.9');
    clock.advance(10_000);
    expect(refusals.tracked).toBe(0);
    expect(summaries()).toEqual([]);
    expect(times(4, () => refusals.admit('203.0.113.9'))).toEqual([true, true, true, false]);
    clock.advance(5_000);
    // the window began at the first refusal after the old one ended
    expect(refusals.admit('203.0.113.9')).toBe(false);
    clock.advance(5_000);
    expect(summaries()).toEqual([['203.0.113.9', 2]]);
    expect(refusals.admit('203.0.113.9')).toBe(true);
  });

  it('ends a window at its time even if the timer has not run yet when the next refusal comes', () => {
    const clock = new FakeClock(0);
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    // a clock whose timers never fire: expiry rides on the refusals themselves
    const refusals = new RefusalLog({ clock: { now: () => clock.now(), setTimer: () => ({ cancel: () => undefined }) }, log, perSource: 1, windowMs: 1000 });
    expect(times(3, () => refusals.admit('a'))).toEqual([true, false, false]);
    clock.advance(1000);
    expect(refusals.admit('a')).toBe(true);
    expect(lines.map((l) => [l.msg, l.count])).toEqual([[SUMMARY_MSG, 2]]);
  });

  it('tracks at most maxSources addresses: beyond them refusals go to one shared bucket, not logged one by one', () => {
    const { clock, refusals, summaries } = setup();
    for (let i = 0; i < 4; i++) expect(refusals.admit(`192.0.2.${i}`)).toBe(true);
    for (let i = 4; i < 1000; i++) expect(refusals.admit(`192.0.2.${i % 250}.${i}`)).toBe(false);
    expect(refusals.tracked).toBe(4);
    // the tracked sources still get their own N
    expect(times(3, () => refusals.admit('192.0.2.0'))).toEqual([true, true, false]);
    clock.advance(10_000);
    expect(summaries()).toEqual([
      ['192.0.2.0', 1],
      [UNTRACKED, 996],
    ]);
    expect(refusals.tracked).toBe(0);
  });

  it('forgets the oldest windows first as they end, making room for new sources', () => {
    const { clock, refusals } = setup();
    refusals.admit('old');
    clock.advance(5_000);
    for (const s of ['b', 'c', 'd']) refusals.admit(s);
    expect(refusals.admit('e')).toBe(false);
    clock.advance(5_000);
    expect(refusals.tracked).toBe(3);
    expect(refusals.admit('e')).toBe(true);
    expect(refusals.tracked).toBe(4);
  });

  it('keeps memory bounded under many addresses over many windows, with one timer at a time', () => {
    const { clock, refusals, lines } = setup({ perSource: 1, windowMs: 1000, maxSources: 16 });
    let logged = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 200; i++) if (refusals.admit(`10.${round}.0.${i}`)) logged++;
      expect(refusals.tracked).toBeLessThanOrEqual(16);
      expect(clock.pending()).toBe(1);
      clock.advance(1000);
    }
    expect(logged).toBe(50 * 16);
    expect(refusals.tracked).toBe(0);
    expect(clock.pending()).toBe(0);
    // one summary per window: the shared bucket's
    expect(lines.filter((l) => l.source === UNTRACKED).map((l) => l.count)).toEqual(Array.from({ length: 50 }, () => 184));
  });

  it('close() summarizes the open windows and stops the timer', () => {
    const { clock, refusals, summaries } = setup({ maxSources: 1 });
    times(5, () => refusals.admit('203.0.113.9'));
    times(2, () => refusals.admit('198.51.100.1'));
    refusals.close();
    expect(summaries()).toEqual([
      ['203.0.113.9', 2],
      [UNTRACKED, 2],
    ]);
    expect(clock.pending()).toBe(0);
    expect(refusals.tracked).toBe(0);
  });
});
