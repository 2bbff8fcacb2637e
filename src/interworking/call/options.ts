// What CallControl is built from: the narrow views of the SIP UA and the trunk-group manager it
// uses (UserAgent and TrunkGroupManager satisfy them), the drivers, the resolved configuration, an
// injected clock and a pino-compatible logger, the app layer's peer resolver, and the mapping
// settings the configuration does not hold yet (numbering plan, trust, URI style), and the overlap
// rules (the trunk groups' `overlap` key).
import type { CallEvent } from '../../cdr/events.js';
import type { RefusedBy } from '../../cdr/record.js';
import type { PeerConfig, RouteConfig, TrunkGroupConfig } from '../../config/index.js';
import type { Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import type { Result } from '../../core/result.js';
import type { SpanDriver } from '../../drivers/port.js';
import type { HeaderField } from '../../sip/message/index.js';
import type { TxTarget } from '../../sip/transaction/message.js';
import type { ClientCall, InviteOptions, ServerCall } from '../../sip/ua/index.js';
import type { TrunkGroupManager } from '../../trunkgroups/manager.js';
import type { PeerMapping } from '../mapping/index.js';

/** The SIP UA as call control uses it; `UserAgent` satisfies it. */
export interface SipUa {
  on(event: 'invite', listener: (call: ServerCall) => void): () => void;
  invite(target: string, options: InviteOptions & { readonly nextHop?: TxTarget }): Result<ClientCall, GwError>;
}

/** The trunk-group manager as call control uses it; `TrunkGroupManager` satisfies it. */
export type CircuitManager = Pick<TrunkGroupManager, 'seize' | 'seizeIncoming' | 'reattempt' | 'release' | 'reset' | 'subscribe'>;

/** A pino-compatible logger: `child(bindings)` and the levels call control uses. */
export interface CallLogger {
  child(bindings: Record<string, unknown>): CallLogger;
  /** pino's: whether lines of `level` are written (without it, all are taken to be) */
  isLevelEnabled?(level: string): boolean;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * The app layer's verdict on an incoming INVITE (ACL, digest authentication): the configured peer
 * it comes from, or a refusal sent as is (e.g. 401 with WWW-Authenticate, 403).
 */
export type PeerDecision =
  | { readonly kind: 'peer'; readonly peer: string }
  | { readonly kind: 'refuse'; readonly status: number; readonly by: Extract<RefusedBy, 'acl' | 'auth'>; readonly headers?: readonly HeaderField[] };

/** The configuration call control reads (TandemConfig satisfies it). */
export interface CallConfig {
  readonly peers: readonly PeerConfig[];
  readonly trunkGroups: readonly TrunkGroupConfig[];
  readonly routes: readonly RouteConfig[];
}

/**
 * P→S overlap (Q.764 §2.1.1, reference §6 option 1): how a trunk group's called numbers end. A
 * number is complete at ST, at `maxDigits`, or when `complete` (a regular expression over the
 * whole digit string) matches. On T35 a number of at least `minDigits` is sent as it is; a shorter
 * one is released with cause 28. A group without a rule is en bloc: the IAM's number is complete.
 */
export interface OverlapRule {
  readonly minDigits: number;
  readonly maxDigits?: number;
  readonly complete?: string;
}

/** Interworking settings that src/config does not have yet (docs/interworking.md#not-in-the-configuration-yet). */
export interface MappingOptions {
  /** For every trunk group and peer; `DEFAULT_MAPPING` when absent. A peer's `style.host` defaults to its address. */
  readonly defaults?: Partial<PeerMapping>;
  /** Per trunk group or peer name, over the defaults. */
  readonly byName?: Readonly<Record<string, Partial<PeerMapping>>>;
  /** Overlap rules by trunk group name (P→S); en bloc without one. */
  readonly overlap?: Readonly<Record<string, OverlapRule>>;
  /** Q.763 §3.5 charge indicator of the ACM and CON Tandem sends: 0 no indication, 1 no charge, 2 charge (default 0). */
  readonly charge?: number;
}

export interface CallControlOptions {
  readonly ua: SipUa;
  readonly trunkGroups: CircuitManager;
  /** Every driver a trunk group names (the manager's drivers). */
  readonly drivers: readonly SpanDriver[];
  readonly config: CallConfig;
  readonly clock: Clock;
  readonly logger: CallLogger;
  /** Which configured peer an incoming INVITE comes from, or its refusal. */
  readonly peerOf: (call: ServerCall) => PeerDecision;
  /** Every step of every call, for the CDR builder. */
  readonly onCallEvent?: (event: CallEvent) => void;
  readonly mapping?: MappingOptions;
  /** New call keys (CDR `callKey`, trunk-group `callId`); random UUIDs by default. */
  readonly newCallKey?: () => string;
}
