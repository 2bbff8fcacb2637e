// Release mapping with the per-peer cause policy: which cause table (RFC 3398 or Q.1912.5),
// the peer's overrides merged over it, and whether Reason headers are sent.
// - REL before answer toward a SIP caller -> final response from the table (487 once the caller
//   has cancelled, RFC 3261 §9.2), with `Reason: Q.850` when the peer's switch is on.
// - REL after answer -> BYE with the same Reason (and CANCEL toward a SIP callee before answer).
// - 4xx-6xx from SIP -> REL with the Reason's Q.850 cause if present, else the table's.
// - BYE / CANCEL from SIP -> REL cause 16 (RFC 3398 §7.2.3, §8.2.9, §8.2.10: value verified, clause
//   numbers from recollection), or the Reason's cause when one is present (Q.1912.5 [mem]).
import { CauseLocation, type CauseIndicators } from 'ss7-isup-codec';
import type { PeerConfig, PeerProfile } from '../../config/index.js';
import type { Reason } from '../../sip/message/index.js';
import { CAUSE_TO_STATUS_TABLES, statusForCause, type CauseTableName } from './cause-to-status.js';
import { causeIndicators, q850FromReasons, reasonForCause } from './reason.js';
import type { Source } from './source.js';
import { causeForStatus, STATUS_TO_CAUSE_TABLES } from './status-to-cause.js';

export interface CausePolicy {
  readonly table: CauseTableName;
  /** Q.850 cause -> SIP status, over the table. */
  readonly toSip: Readonly<Record<number, number>>;
  /** SIP status -> Q.850 cause, over the table. */
  readonly fromSip: Readonly<Record<number, number>>;
  readonly reasonHeader: boolean;
}

export interface DefaultTableRow extends Source {
  readonly profile: PeerProfile;
  readonly table: CauseTableName;
}

/** The cause table a peer uses when none is chosen: SIP-I peers are Q.1912.5 profile C. */
export const DEFAULT_CAUSE_TABLES: readonly DefaultTableRow[] = [
  { profile: 'plain', table: 'rfc3398', ref: 'RFC 3398', basis: 'project' },
  { profile: 'sipt', table: 'rfc3398', ref: 'RFC 3372 (translation per RFC 3398)', basis: 'project' },
  { profile: 'sipi', table: 'q1912.5', ref: 'Q.1912.5 profile C', basis: 'project' },
];

/** The policy of `peer`; `table` overrides the default for its profile. */
export function causePolicy(peer: Pick<PeerConfig, 'profile' | 'causeMap' | 'reasonHeader'>, table?: CauseTableName): CausePolicy {
  const chosen = table ?? DEFAULT_CAUSE_TABLES.find((r) => r.profile === peer.profile)?.table ?? 'rfc3398';
  return { table: chosen, toSip: peer.causeMap.toSip, fromSip: peer.causeMap.fromSip, reasonHeader: peer.reasonHeader };
}

/** The status answered to a SIP caller that cancelled, whatever the REL's cause (RFC 3261 §9.2). */
export const CANCELLED_STATUS = 487;

export interface FinalResponse {
  readonly status: number;
  readonly reason?: Reason;
}

/** The Reason to send with a message caused by `ci`, if the peer takes Reason headers. */
export function reasonFor(ci: Pick<CauseIndicators, 'causeValue' | 'location'>, policy: CausePolicy): Reason | undefined {
  return policy.reasonHeader ? reasonForCause(ci) : undefined;
}

/** REL before answer -> the final response to the SIP caller. */
export function responseForRelease(ci: CauseIndicators, policy: CausePolicy, cancelled: boolean): FinalResponse {
  const status = cancelled ? CANCELLED_STATUS : statusForCause(ci, CAUSE_TO_STATUS_TABLES[policy.table], policy.toSip).status;
  const reason = reasonFor(ci, policy);
  return reason === undefined ? { status } : { status, reason };
}

/** A 4xx-6xx final response (with its Reason headers) -> the cause indicators of the REL. */
export function releaseForResponse(status: number, reasons: readonly Reason[], policy: CausePolicy): CauseIndicators {
  const mapped = causeForStatus(status, STATUS_TO_CAUSE_TABLES[policy.table], policy.fromSip);
  const carried = q850FromReasons(reasons);
  if (carried === undefined) return causeIndicators(mapped.cause, mapped.location);
  return causeIndicators(carried.cause, carried.location ?? mapped.location);
}

/** Cause and location of a REL for BYE or CANCEL without a Q.850 Reason. */
export const RELEASE_REQUEST_CAUSE = { cause: 16, location: CauseLocation.BEYOND_INTERWORKING_POINT } as const;

/** BYE or CANCEL (with its Reason headers) -> the cause indicators of the REL. */
export function releaseForRequest(reasons: readonly Reason[]): CauseIndicators {
  const carried = q850FromReasons(reasons);
  return causeIndicators(carried?.cause ?? RELEASE_REQUEST_CAUSE.cause, carried?.location ?? RELEASE_REQUEST_CAUSE.location);
}
