// Circuit hunting: which free circuit a group seizes next. One function per strategy (Yate's
// SignallingCircuitGroup strategies, with even/odd for glare avoidance, Q.764 §2.9.1.3). Each
// walks a group's circuits in CIC order and asks which are free, so that a seizure stops at the
// first fitting circuit instead of listing and sorting every free one (a group can have thousands).
import type { HuntingSpec } from './spec.js';

/** What hunting knows of a free circuit. */
export interface HuntCandidate {
  readonly cic: number;
  /** release order: 0 for a circuit never used, then 1, 2, … as circuits are released */
  readonly releasedSeq: number;
}

/** What a group remembers between hunts. */
export interface HuntContext {
  /** the CIC seized last by this group (cyclic hunting continues after it) */
  lastCic: number | undefined;
  /** uniform in [0, 1) */
  random: () => number;
}

type Hunter = <C extends HuntCandidate>(sorted: readonly C[], isFree: (c: C) => boolean, ctx: HuntContext) => C | undefined;

const byCic = (a: HuntCandidate, b: HuntCandidate): number => a.cic - b.cic;
const parity = (c: HuntCandidate): 0 | 1 => (Math.abs(c.cic % 2) === 1 ? 1 : 0);

function first<C extends HuntCandidate>(sorted: readonly C[], isFree: (c: C) => boolean, from = 0): C | undefined {
  for (let i = from; i < sorted.length; i++) {
    const c = sorted[i] as C;
    if (isFree(c)) return c;
  }
  return undefined;
}

/** The index of the first circuit of `sorted` with a CIC above `cic`. */
function after(sorted: readonly HuntCandidate[], cic: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as HuntCandidate).cic > cic) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function preferParity(want: 0 | 1, fallback: boolean): Hunter {
  return (sorted, isFree) => first(sorted, (c) => parity(c) === want && isFree(c)) ?? (fallback ? first(sorted, isFree) : undefined);
}

function hunter(spec: HuntingSpec): Hunter {
  switch (spec.strategy) {
    case 'ascending':
      return (sorted, isFree) => first(sorted, isFree);
    case 'descending':
      return (sorted, isFree) => {
        for (let i = sorted.length - 1; i >= 0; i--) if (isFree(sorted[i] as (typeof sorted)[number])) return sorted[i];
        return undefined;
      };
    case 'cyclic':
      return (sorted, isFree, ctx) => {
        const last = ctx.lastCic;
        return (last === undefined ? undefined : first(sorted, isFree, after(sorted, last))) ?? first(sorted, isFree);
      };
    case 'random':
      return (sorted, isFree, ctx) => {
        const free = sorted.filter(isFree);
        return free[Math.min(free.length - 1, Math.floor(ctx.random() * free.length))];
      };
    case 'leastRecentlyUsed':
      return (sorted, isFree) => {
        let best: (typeof sorted)[number] | undefined;
        for (const c of sorted) if (isFree(c) && (best === undefined || c.releasedSeq < best.releasedSeq)) best = c;
        return best;
      };
    case 'evenOdd':
      return preferParity(spec.parity === 'even' ? 0 : 1, spec.fallback);
  }
}

/** The circuit `spec` picks among `free`, or undefined when it picks none. */
export function hunt(spec: HuntingSpec, free: readonly HuntCandidate[], ctx: HuntContext): HuntCandidate | undefined {
  if (free.length === 0) return undefined;
  return hunter(spec)([...free].sort(byCic), () => true, ctx);
}

/**
 * The circuit `spec` picks among the circuits of `sorted` (in ascending CIC order) that `isFree`
 * accepts: the same pick as hunt() over exactly those circuits.
 */
export function huntSorted<C extends HuntCandidate>(spec: HuntingSpec, sorted: readonly C[], isFree: (c: C) => boolean, ctx: HuntContext): C | undefined {
  return hunter(spec)(sorted, isFree, ctx);
}
