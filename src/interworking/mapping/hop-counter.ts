// Hop counter (Q.763 §3.80, 5 bits) <-> Max-Forwards (RFC 3261 §20.22, 0..255). Q.1912.5 maps
// one to the other with a network-specific ratio ([mem]); Tandem's default ratio is 1, so that
// both count the same hops, and a missing hop counter gives the RFC 3261 §8.1.1.6 default of 70.
import type { Source } from './source.js';

export interface HopCounterMapping extends Source {
  /** Max-Forwards hops per ISUP hop. */
  readonly ratio: number;
  /** Largest hop counter (5 bits). */
  readonly maxHops: number;
  /** Max-Forwards when the IAM has no hop counter. */
  readonly defaultMaxForwards: number;
}

export const HOP_COUNTER: HopCounterMapping = { ratio: 1, maxHops: 31, defaultMaxForwards: 70, ref: 'Q.1912.5 / TS 29.163 (ratio network specific); RFC 3261 §8.1.1.6', basis: 'mem' };

const MAX_FORWARDS_MAX = 255;

/** S->P: the IAM's hop counter for an INVITE's Max-Forwards. */
export function hopCounterFromMaxForwards(maxForwards: number, ratio = HOP_COUNTER.ratio): number {
  return Math.min(Math.floor(maxForwards / ratio), HOP_COUNTER.maxHops);
}

/** P->S: the INVITE's Max-Forwards for the IAM's hop counter, if it has one. */
export function maxForwardsFromHopCounter(hops: number | undefined, ratio = HOP_COUNTER.ratio): number {
  return hops === undefined ? HOP_COUNTER.defaultMaxForwards : Math.min(hops * ratio, MAX_FORWARDS_MAX);
}
