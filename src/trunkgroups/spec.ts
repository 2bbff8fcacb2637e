// What the trunk-group manager is built from: plain, documented data, so the configuration
// layer can map validated config onto it. Nothing here has behaviour.
import type { SupervisionTimer } from './supervision-timers.js';

/**
 * A circuit of a group. Either a CIC (SS7 ISUP), or a span and channel (ISDN PRI/BRI,
 * E1/T1 timeslot), or both. A circuit given only by span and channel gets the CIC
 * `span * 32 + channel` (see `cicOf`), which is the number its driver uses for it.
 */
export type CircuitSpec = { cic: number; span?: number; channel?: number } | { span: number; channel: number };

/**
 * The order in which a group hunts for a free circuit (Yate's circuit group strategies):
 * - `ascending`: lowest free CIC first
 * - `descending`: highest free CIC first
 * - `cyclic`: round robin, the next free CIC after the one seized last
 * - `random`: any free circuit, uniformly
 * - `leastRecentlyUsed`: the circuit that has been idle longest (never used first, then released earliest)
 * - `evenOdd`: only CICs of `parity` (glare avoidance), lowest first; with `fallback`, the other
 *   parity when none of `parity` is free
 */
export type HuntingSpec =
  | { strategy: 'ascending' | 'descending' | 'cyclic' | 'random' | 'leastRecentlyUsed' }
  | { strategy: 'evenOdd'; parity: 'even' | 'odd'; fallback: boolean };

/**
 * Who keeps the call when both ends seize the same circuit at once (Q.764 §2.9.1.4):
 * - `pointCode`: the Q.764 rule; the exchange with the higher signalling point code controls the
 *   even-numbered CICs, the other exchange the odd-numbered ones
 * - `oddEven`: this side controls the CICs of the parity `controls`, the far end the others
 * - `fixed`: `winner` controls every circuit (e.g. the network side of an ISDN access)
 * The non-controlling side backs off and re-attempts on another circuit, at most `maxReattempts` times.
 */
export type GlareSpec = (
  | { policy: 'pointCode'; localPointCode: number; remotePointCode: number }
  | { policy: 'oddEven'; controls: 'even' | 'odd' }
  | { policy: 'fixed'; winner: 'local' | 'remote' }
) & { maxReattempts: number };

/** Admission limits; an absent limit does not apply. */
export interface CacSpec {
  /** calls at once: on a group, both directions counted; for a peer, its outgoing calls */
  maxCalls?: number;
  /** new outgoing calls admitted in any window of one second */
  maxCallsPerSecond?: number;
}

export type CacLimit = keyof CacSpec;

export interface TrunkGroupSpec {
  /** unique name, used in every event and by the API */
  name: string;
  /** the `SpanDriver.name` that carries the circuits */
  driver: string;
  circuits: CircuitSpec[];
  hunting: HuntingSpec;
  glare: GlareSpec;
  cac?: CacSpec;
  /** seconds suggested to SIP callers (Retry-After) when no circuit is free; default 5 */
  retryAfterSeconds?: number;
  /** Q.764 circuit supervision timers (T12–T23) in ms, within their ranges; defaults from src/isup/timers.ts */
  timers?: Partial<Record<SupervisionTimer, number>>;
}

/** A SIP peer whose outgoing calls are admitted against its own limits, across groups. */
export interface PeerSpec {
  name: string;
  cac: CacSpec;
}

/** The CIC a circuit spec stands for. */
export function cicOf(c: CircuitSpec): number {
  return 'cic' in c ? c.cic : c.span * 32 + c.channel;
}
