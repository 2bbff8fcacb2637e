import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock, systemClock } from '../../src/core/clock.js';

describe('FakeClock', () => {
  it('moves only in advance()', () => {
    const clock = new FakeClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(250);
    expect(clock.now()).toBe(1250);
  });

  it('fires due timers in deadline order, then creation order, reading each deadline as now', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    const at = (label: string) => () => fired.push(`${label}@${clock.now()}`);
    clock.setTimer(300, at('c'));
    clock.setTimer(100, at('a'));
    clock.setTimer(300, at('d'));
    clock.setTimer(200, at('b'));
    clock.setTimer(301, at('late'));
    clock.advance(300);
    expect(fired).toEqual(['a@100', 'b@200', 'c@300', 'd@300']);
    expect(clock.now()).toBe(300);
    expect(clock.pending()).toBe(1);
  });

  it('fires timers set during advance() when they fall inside the window', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    const tick = (): void => {
      fired.push(clock.now());
      clock.setTimer(100, tick);
    };
    clock.setTimer(100, tick);
    clock.advance(350);
    expect(fired).toEqual([100, 200, 300]);
    expect(clock.pending()).toBe(1);
  });

  it('runs a timer set for now (or the past) on the next advance, even advance(0)', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    clock.setTimer(0, () => fired.push(1));
    clock.setTimer(-5, () => fired.push(2));
    expect(fired).toEqual([]);
    clock.advance(0);
    expect(fired).toEqual([1, 2]);
  });

  it('cancels: a cancelled timer never fires; cancelling twice or after firing is harmless', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    const a = clock.setTimer(10, () => fired.push('a'));
    const b = clock.setTimer(20, () => fired.push('b'));
    a.cancel();
    a.cancel();
    expect(clock.pending()).toBe(1);
    clock.advance(30);
    b.cancel();
    expect(fired).toEqual(['b']);
    expect(clock.pending()).toBe(0);
  });

  it('a timer can cancel a later one due in the same window', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    const later = clock.setTimer(20, () => fired.push('later'));
    clock.setTimer(10, () => later.cancel());
    clock.advance(30);
    expect(fired).toEqual([]);
  });

  it('refuses to go backwards', () => {
    expect(() => new FakeClock().advance(-1)).toThrow(RangeError);
    expect(() => new FakeClock().advance(Number.NaN)).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads Date.now() and schedules with setTimeout (checked with vitest fake timers, not sleeps)', () => {
    vi.useFakeTimers({ now: 5000 });
    const fired: number[] = [];
    expect(systemClock.now()).toBe(5000);
    systemClock.setTimer(100, () => fired.push(systemClock.now()));
    systemClock.setTimer(200, () => fired.push(-1)).cancel();
    vi.advanceTimersByTime(300);
    expect(fired).toEqual([5100]);
  });
});
