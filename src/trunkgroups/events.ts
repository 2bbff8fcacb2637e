// What the trunk-group manager reports: one event per state change, for logs, metrics, the API
// and the dashboard. `at` is the manager clock's time in milliseconds.
import type { BlockingKind } from '../drivers/isup-messages.js';
import type { LinkState, SupervisionMessageType } from '../drivers/port.js';
import type { CacLimit } from './spec.js';
import type { CallState, CallStateEvent } from './circuit-call-state.fsm.js';
import type { LockFlags, LockSide } from './circuit.js';

export type MaintenanceAction = 'block' | 'unblock' | 'reset' | 'drain' | 'resume';

/** Who did what to which circuits, when and why: one record per maintenance operation. */
export interface AuditRecord {
  at: number;
  who: string;
  why: string;
  action: MaintenanceAction;
  group: string;
  /** the circuits acted on (empty for drain and resume) */
  cics: number[];
  kind?: BlockingKind;
}

/** Why a call lost its circuit without its own release sequence. */
export type ClearReason = 'localReset' | 'remoteReset' | 'hardwareBlocked';

export type TrunkGroupEvent =
  | { type: 'callState'; at: number; group: string; cic: number; from: CallState; to: CallState; event: CallStateEvent; callId?: string }
  | { type: 'locks'; at: number; group: string; cic: number; side: LockSide; kind: BlockingKind; blocked: boolean; locks: LockFlags }
  | { type: 'callCleared'; at: number; group: string; cic: number; callId: string; reason: ClearReason }
  /** dual seizure: `callId` is this side's outgoing call, kept or backed off */
  | { type: 'glare'; at: number; group: string; cic: number; callId: string; outcome: 'kept' | 'backedOff' }
  | { type: 'admissionRejected'; at: number; group: string; scope: 'group' | 'peer'; name: string; limit: CacLimit }
  | { type: 'noCircuit'; at: number; group: string }
  | { type: 'draining'; at: number; group: string; draining: boolean }
  /** a draining group has no call left */
  | { type: 'drained'; at: number; group: string }
  | { type: 'link'; at: number; group: string; state: LinkState }
  /** a supervision request went unacknowledged for its long timer (Q.764 T13, T15, T17, T19, T21, T23) */
  | { type: 'maintenanceAlert'; at: number; group: string; message: SupervisionMessageType; cic: number; timer: string }
  | { type: 'audit'; record: AuditRecord };

export type TrunkGroupListener = (event: TrunkGroupEvent) => void;
