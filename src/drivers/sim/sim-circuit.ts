// A circuit as the simulated far-end exchange sees it: at most one call, its own blocking and
// Tandem's blocking of it (Q.764 §2.8), and whether its own reset awaits acknowledgement.
import type { TimerHandle } from '../../core/clock.js';
import type { BlockingKind } from '../isup-messages.js';

/** `terminating`: Tandem called the simulated exchange; `originating`: the exchange called Tandem. */
export type SimCallDirection = 'terminating' | 'originating';

/** setup: IAM exchanged; alerting: address complete; answered: ANM/CON; releasing: REL sent, RLC awaited. */
export type SimCallState = 'setup' | 'alerting' | 'answered' | 'releasing';

export interface SimCall {
  readonly direction: SimCallDirection;
  state: SimCallState;
  readonly called: string;
  readonly calling?: string;
  /** originating calls: release this long after answer */
  readonly holdMs?: number;
  /** the next scripted step or the hold time, while it runs */
  timer: TimerHandle | undefined;
}

export type Blocks = Record<BlockingKind, boolean>;

export interface SimCircuit {
  readonly cic: number;
  /** undefined, not absent, when the circuit has no call: one object shape for the circuit's life */
  call: SimCall | undefined;
  /** blocked by the simulated exchange (it sent BLO or CGB) */
  readonly local: Blocks;
  /** blocked by Tandem (it sent BLO or CGB) */
  readonly remote: Blocks;
  /** the exchange sent RSC or GRS and awaits RLC or GRA */
  resetting: boolean;
}

export interface SimCircuitView {
  cic: number;
  call?: { direction: SimCallDirection; state: SimCallState; called: string; calling?: string };
  local: Blocks;
  remote: Blocks;
  resetting: boolean;
}

export const noBlocks = (): Blocks => ({ maintenance: false, hardware: false });
export const blocked = (b: Blocks): boolean => b.maintenance || b.hardware;

/** Drop the circuit's call without a release sequence (reset, hardware blocking, dual seizure lost). */
export function dropCall(c: SimCircuit): void {
  c.call?.timer?.cancel();
  c.call = undefined;
}

export function viewOf(c: SimCircuit): SimCircuitView {
  const v: SimCircuitView = { cic: c.cic, local: { ...c.local }, remote: { ...c.remote }, resetting: c.resetting };
  if (c.call !== undefined) {
    const { direction, state, called, calling } = c.call;
    v.call = { direction, state, called, ...(calling === undefined ? {} : { calling }) };
  }
  return v;
}
