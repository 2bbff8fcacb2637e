import { describe, expect, it } from 'vitest';
import { hunt, type HuntCandidate } from '../../src/trunkgroups/hunting.js';
import type { HuntingSpec } from '../../src/trunkgroups/spec.js';
import { group, setup } from './recording-driver.js';

const free = (...cics: number[]): HuntCandidate[] => cics.map((cic) => ({ cic, releasedSeq: 0 }));
const ctx = (lastCic?: number, random = () => 0) => ({ lastCic, random });

describe('hunt (one pick)', () => {
  it.each<[string, HuntingSpec, number | undefined]>([
    ['ascending', { strategy: 'ascending' }, 2],
    ['descending', { strategy: 'descending' }, 9],
    ['evenOdd, even', { strategy: 'evenOdd', parity: 'even', fallback: false }, 2],
    ['evenOdd, odd', { strategy: 'evenOdd', parity: 'odd', fallback: false }, 3],
  ])('%s picks from an unsorted free list', (_, spec, want) => {
    expect(hunt(spec, free(7, 3, 9, 2, 4), ctx())?.cic).toBe(want);
  });

  it('even/odd without fallback picks nothing when only the other parity is free', () => {
    expect(hunt({ strategy: 'evenOdd', parity: 'even', fallback: false }, free(1, 3), ctx())).toBeUndefined();
    expect(hunt({ strategy: 'evenOdd', parity: 'odd', fallback: false }, free(2, 4), ctx())).toBeUndefined();
  });

  it('even/odd with fallback takes the lowest of the other parity', () => {
    expect(hunt({ strategy: 'evenOdd', parity: 'even', fallback: true }, free(5, 3), ctx())?.cic).toBe(3);
    expect(hunt({ strategy: 'evenOdd', parity: 'odd', fallback: true }, free(8, 6), ctx())?.cic).toBe(6);
  });

  it('cyclic continues after the last CIC seized and wraps around', () => {
    const spec: HuntingSpec = { strategy: 'cyclic' };
    expect(hunt(spec, free(1, 2, 3, 4), ctx(undefined))?.cic).toBe(1);
    expect(hunt(spec, free(1, 2, 3, 4), ctx(2))?.cic).toBe(3);
    expect(hunt(spec, free(1, 2, 4), ctx(2))?.cic).toBe(4);
    expect(hunt(spec, free(1, 2, 3, 4), ctx(4))?.cic).toBe(1);
  });

  it('random maps [0, 1) uniformly onto the free circuits in CIC order', () => {
    const spec: HuntingSpec = { strategy: 'random' };
    const list = free(40, 10, 30, 20);
    expect(hunt(spec, list, ctx(undefined, () => 0))?.cic).toBe(10);
    expect(hunt(spec, list, ctx(undefined, () => 0.5))?.cic).toBe(30);
    expect(hunt(spec, list, ctx(undefined, () => 0.9999))?.cic).toBe(40);
  });

  it('least recently used takes the circuit released earliest, never-used ones first, ties by CIC', () => {
    const list: HuntCandidate[] = [
      { cic: 1, releasedSeq: 5 },
      { cic: 2, releasedSeq: 3 },
      { cic: 3, releasedSeq: 0 },
      { cic: 4, releasedSeq: 0 },
    ];
    expect(hunt({ strategy: 'leastRecentlyUsed' }, list, ctx())?.cic).toBe(3);
    expect(hunt({ strategy: 'leastRecentlyUsed' }, list.slice(0, 2), ctx())?.cic).toBe(2);
  });

  it('picks nothing from an empty list', () => {
    expect(hunt({ strategy: 'ascending' }, [], ctx())).toBeUndefined();
  });
});

describe('hunting order through the manager', () => {
  /** Seize `n` calls (releasing each one at once when `release`), returning the CICs in order. */
  function order(hunting: HuntingSpec, n: number, release: boolean, random?: () => number): number[] {
    const t = setup([group('g', [1, 2, 3, 4, 5], { hunting })], random === undefined ? {} : { random });
    return Array.from({ length: n }, (_, i) => {
      const s = t.seize('g', `c${i}`);
      if (release) t.manager.release('g', s.circuit.cic, s.callId);
      return s.circuit.cic;
    });
  }

  it.each<[string, HuntingSpec, boolean, number[]]>([
    ['ascending, calls held', { strategy: 'ascending' }, false, [1, 2, 3, 4, 5]],
    ['ascending, calls released', { strategy: 'ascending' }, true, [1, 1, 1, 1, 1]],
    ['descending, calls held', { strategy: 'descending' }, false, [5, 4, 3, 2, 1]],
    ['cyclic, calls released', { strategy: 'cyclic' }, true, [1, 2, 3, 4, 5, 1, 2]],
    ['least recently used, calls released', { strategy: 'leastRecentlyUsed' }, true, [1, 2, 3, 4, 5, 1, 2]],
    ['even with fallback, calls held', { strategy: 'evenOdd', parity: 'even', fallback: true }, false, [2, 4, 1, 3, 5]],
    ['odd with fallback, calls held', { strategy: 'evenOdd', parity: 'odd', fallback: true }, false, [1, 3, 5, 2, 4]],
  ])('%s', (_, hunting, release, want) => {
    expect(order(hunting, want.length, release)).toEqual(want);
  });

  it('even without fallback stops when the even circuits are busy', () => {
    const t = setup([group('g', [1, 2, 3, 4], { hunting: { strategy: 'evenOdd', parity: 'even', fallback: false } })]);
    expect([t.seize('g', 'a').circuit.cic, t.seize('g', 'b').circuit.cic]).toEqual([2, 4]);
    const r = t.manager.seize('g', { callId: 'c' });
    expect(r.ok ? r.value : r.error.code).toBe('GW_ERR_NO_CIRCUIT');
  });

  it('random follows the injected generator', () => {
    const values = [0.99, 0, 0.5];
    expect(order({ strategy: 'random' }, 3, false, () => values.shift() ?? 0)).toEqual([5, 1, 3]);
  });

  it('skips a circuit the driver refuses to seize', () => {
    const t = setup([group('g', [1, 2, 3])]);
    t.driver.refuse.add(1);
    expect(t.seize('g', 'a').circuit.cic).toBe(2);
  });
});
