// Q.921 system parameters (Q.921 §5.9: T200, N200, N201, k, T203; §5.3: T201, T202, N202).
// One row per parameter; the L2 options may override each value.
import type { L2Timers } from './service.js';

export type L2ParamName = 'T200' | 'T203' | 'N200' | 'k' | 'N201' | 'T201' | 'T202' | 'N202';

export interface L2ParamRow {
  readonly name: L2ParamName;
  readonly default: number;
  readonly unit: 'ms' | 'count' | 'octets' | 'frames';
  readonly ref: string;
  readonly desc: string;
}

export const L2_PARAMS: { readonly [K in L2ParamName]: L2ParamRow & { readonly name: K } } = {
  T200: { name: 'T200', default: 1000, unit: 'ms', ref: 'Q.921 §5.9.1', desc: 'acknowledgement / retransmission timer' },
  T203: { name: 'T203', default: 10_000, unit: 'ms', ref: 'Q.921 §5.9.8', desc: 'maximum time without frames exchanged (idle poll)' },
  N200: { name: 'N200', default: 3, unit: 'count', ref: 'Q.921 §5.9.2', desc: 'maximum number of retransmissions' },
  k: { name: 'k', default: 7, unit: 'frames', ref: 'Q.921 §5.9.5', desc: 'window: outstanding I frames (SAPI 0: 7 PRI, 1 BRI)' },
  N201: { name: 'N201', default: 260, unit: 'octets', ref: 'Q.921 §5.9.3', desc: 'maximum information field length' },
  T201: { name: 'T201', default: 1000, unit: 'ms', ref: 'Q.921 §5.3.3', desc: 'TEI identity check response (= T200)' },
  T202: { name: 'T202', default: 2000, unit: 'ms', ref: 'Q.921 §5.3.2', desc: 'TEI identity request retransmission' },
  N202: { name: 'N202', default: 3, unit: 'count', ref: 'Q.921 §5.3.2', desc: 'maximum TEI identity requests' },
};

export type L2Params = { readonly [K in L2ParamName]: number };

/** The parameters of one interface: defaults, k = 1 on BRI point-to-multipoint, then the overrides. */
export function l2Params(mode: 'ptp' | 'ptmp', overrides: Partial<L2Timers> = {}): L2Params {
  const out = Object.fromEntries(Object.values(L2_PARAMS).map((r) => [r.name, r.default])) as Record<L2ParamName, number>;
  if (mode === 'ptmp') out.k = 1;
  for (const [name, value] of Object.entries(overrides)) if (typeof value === 'number') out[name as L2ParamName] = value;
  return out;
}
