// A circuit as the trunk-group manager keeps it: its call state (circuit-call-state.fsm.ts) is
// kept apart from its lock flags, local and remote × maintenance and hardware (Yate's
// SignallingCircuit status and LockFlags; Q.764 §2.8 blocking, Q.763 §3.14 circuit state).
import type { BlockingKind } from '../drivers/isup-messages.js';
import type { CallState } from './circuit-call-state.fsm.js';

export type LockSide = 'local' | 'remote';

/** Q.764 §2.8: who blocked the circuit, and why. Any flag set keeps new calls off the circuit. */
export interface LockFlags {
  localMaintenance: boolean;
  localHardware: boolean;
  remoteMaintenance: boolean;
  remoteHardware: boolean;
}

export type LockName = keyof LockFlags;

export function lockName(side: LockSide, kind: BlockingKind): LockName {
  if (side === 'local') return kind === 'maintenance' ? 'localMaintenance' : 'localHardware';
  return kind === 'maintenance' ? 'remoteMaintenance' : 'remoteHardware';
}

export const noLocks = (): LockFlags => ({ localMaintenance: false, localHardware: false, remoteMaintenance: false, remoteHardware: false });

export const isLocked = (l: LockFlags): boolean => l.localMaintenance || l.localHardware || l.remoteMaintenance || l.remoteHardware;
export const isLocallyLocked = (l: LockFlags): boolean => l.localMaintenance || l.localHardware;

/** The call holding a circuit. */
export interface CircuitHolder {
  callId: string;
  /** the SIP peer an outgoing call is admitted for */
  peer?: string;
  /** 0 for the first seizure of an outgoing call, n for its nth re-attempt after dual seizure */
  attempt: number;
}

export interface Circuit {
  readonly cic: number;
  readonly span?: number;
  readonly channel?: number;
  callState: CallState;
  readonly locks: LockFlags;
  holder?: CircuitHolder;
  /** hunting's least-recently-used order: 0 never used, then increasing with each release */
  releasedSeq: number;
}

/** A circuit as reported to callers: a copy, safe to keep. */
export interface CircuitView {
  cic: number;
  span?: number;
  channel?: number;
  callState: CallState;
  locks: LockFlags;
  callId?: string;
  peer?: string;
}

export function viewOf(c: Circuit): CircuitView {
  const v: CircuitView = { cic: c.cic, callState: c.callState, locks: { ...c.locks } };
  if (c.span !== undefined) v.span = c.span;
  if (c.channel !== undefined) v.channel = c.channel;
  if (c.holder !== undefined) {
    v.callId = c.holder.callId;
    if (c.holder.peer !== undefined) v.peer = c.holder.peer;
  }
  return v;
}
