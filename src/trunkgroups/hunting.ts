// Circuit hunting: which free circuit a group seizes next. One pure function per strategy
// (Yate's SignallingCircuitGroup strategies, with even/odd for glare avoidance, Q.764 §2.9.1.3).
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

type Hunter = (free: readonly HuntCandidate[], ctx: HuntContext) => HuntCandidate | undefined;

const byCic = (a: HuntCandidate, b: HuntCandidate): number => a.cic - b.cic;
const lowest = (free: readonly HuntCandidate[]): HuntCandidate | undefined => [...free].sort(byCic)[0];
const parity = (want: 0 | 1) => (c: HuntCandidate) => Math.abs(c.cic % 2) === want;

function preferParity(want: 0 | 1, fallback: boolean): Hunter {
  return (free) => lowest(free.filter(parity(want))) ?? (fallback ? lowest(free) : undefined);
}

function hunter(spec: HuntingSpec): Hunter {
  switch (spec.strategy) {
    case 'ascending':
      return lowest;
    case 'descending':
      return (free) => [...free].sort(byCic).at(-1);
    case 'cyclic':
      return (free, ctx) => {
        const sorted = [...free].sort(byCic);
        const last = ctx.lastCic;
        return (last === undefined ? undefined : sorted.find((c) => c.cic > last)) ?? sorted[0];
      };
    case 'random':
      return (free, ctx) => [...free].sort(byCic)[Math.min(free.length - 1, Math.floor(ctx.random() * free.length))];
    case 'leastRecentlyUsed':
      return (free) => [...free].sort((a, b) => a.releasedSeq - b.releasedSeq || byCic(a, b))[0];
    case 'evenOdd':
      return preferParity(spec.parity === 'even' ? 0 : 1, spec.fallback);
  }
}

/** The circuit `spec` picks among `free`, or undefined when it picks none. */
export function hunt(spec: HuntingSpec, free: readonly HuntCandidate[], ctx: HuntContext): HuntCandidate | undefined {
  if (free.length === 0) return undefined;
  return hunter(spec)(free, ctx);
}
