// Q.850 cause (ISUP REL) -> SIP final status, for a release before answer toward a SIP caller.
// RFC 3398 §7.2.4.1 "ISDN Cause Code to Status Code Mapping": every row was checked against four
// independent reproductions of the RFC's table (wdd.js.org, Oracle SBC and Sangoma defaults,
// oksecu.com), footnote (+) included (21 with location "user" -> 603). The section heading is
// verified, its number is from recollection. Left out: 22 "number changed" with a diagnostic ->
// 301, which needs a Contact built from the diagnostic (the call state machine's job).
// Q.1912.5 (3GPP TS 29.163) rows are from recollection ([mem]); not checked against the text.
import type { CauseIndicators } from 'ss7-isup-codec';
import { CauseLocation } from 'ss7-isup-codec';
import { causeClass } from './q850-causes.js';
import type { Source } from './source.js';

export type CauseTableName = 'rfc3398' | 'q1912.5';

export interface CauseToStatusRow extends Source {
  readonly cause: number;
  /** null: the cause calls for BYE or CANCEL, not a response (cause 16). */
  readonly status: number | null;
  /** The row applies only when the cause location is "user" (Q.850 location 0). */
  readonly userLocation?: true;
}

export interface CauseToStatusTable {
  readonly name: CauseTableName;
  readonly rows: readonly CauseToStatusRow[];
  /** For a cause that neither a row nor the "unspecified" cause of its class maps. */
  readonly fallback: Source & { readonly status: number };
}

const R = { ref: 'RFC 3398 §7.2.4.1', basis: 'verified' } as const;
const Q = { ref: 'Q.1912.5 / TS 29.163', basis: 'mem' } as const;

const rfc = (cause: number, status: number | null): CauseToStatusRow => ({ cause, status, ...R });
const q = (cause: number, status: number | null): CauseToStatusRow => ({ cause, status, ...Q });

export const RFC3398_CAUSE_TO_STATUS: CauseToStatusTable = {
  name: 'rfc3398',
  rows: [
    rfc(1, 404), rfc(2, 404), rfc(3, 404), rfc(16, null), rfc(17, 486), rfc(18, 408), rfc(19, 480), rfc(20, 480),
    rfc(21, 403), { cause: 21, status: 603, userLocation: true, ref: 'RFC 3398 §7.2.4.1 note (+)', basis: 'verified' },
    rfc(22, 410), rfc(23, 410), rfc(26, 404), rfc(27, 502), rfc(28, 484), rfc(29, 501), rfc(31, 480),
    rfc(34, 503), rfc(38, 503), rfc(41, 503), rfc(42, 503), rfc(47, 503), rfc(55, 403), rfc(57, 403), rfc(58, 503),
    rfc(65, 488), rfc(70, 488), rfc(79, 501), rfc(87, 403), rfc(88, 503), rfc(102, 504), rfc(111, 500), rfc(127, 500),
  ],
  fallback: { status: 500, ref: 'Tandem: as 111 and 127', basis: 'project' },
};

export const Q1912_CAUSE_TO_STATUS: CauseToStatusTable = {
  name: 'q1912.5',
  rows: [
    q(1, 404), q(2, 404), q(3, 404), q(16, null), q(17, 486), q(18, 480), q(19, 480), q(20, 480),
    q(21, 403), q(22, 410), q(23, 410), q(25, 404), q(26, 404), q(27, 502), q(28, 484), q(29, 501), q(31, 480),
    q(34, 503), q(38, 503), q(41, 503), q(42, 503), q(47, 503), q(55, 403), q(57, 403), q(58, 503),
    q(65, 488), q(70, 488), q(79, 501), q(87, 403), q(88, 503), q(102, 504), q(111, 500), q(127, 500),
  ],
  fallback: { status: 500, ref: 'Tandem: as 111 and 127', basis: 'project' },
};

export const CAUSE_TO_STATUS_TABLES: Readonly<Record<CauseTableName, CauseToStatusTable>> = {
  rfc3398: RFC3398_CAUSE_TO_STATUS,
  'q1912.5': Q1912_CAUSE_TO_STATUS,
};

export interface StatusForCause {
  readonly status: number;
  /** What decided: a per-peer override, a table row, the row of the class's unspecified cause, or the fallback. */
  readonly via: 'override' | 'row' | 'class' | 'fallback';
}

function rowStatus(table: CauseToStatusTable, cause: number, location: number): number | null | undefined {
  const rows = table.rows.filter((r) => r.cause === cause);
  const row = rows.find((r) => r.userLocation === true && location === CauseLocation.USER) ?? rows.find((r) => r.userLocation === undefined);
  return row?.status;
}

/**
 * The final status for a release with `ci` before answer. `overrides` (per peer, cause -> status)
 * win over the table. A cause the table does not list (or lists without a status, as 16) is
 * mapped as the unspecified cause of its Q.850 class, then by the table's fallback.
 */
export function statusForCause(
  ci: Pick<CauseIndicators, 'causeValue' | 'location'>,
  table: CauseToStatusTable,
  overrides: Readonly<Record<number, number>> = {},
): StatusForCause {
  const override = overrides[ci.causeValue];
  if (override !== undefined) return { status: override, via: 'override' };
  const direct = rowStatus(table, ci.causeValue, ci.location);
  if (typeof direct === 'number') return { status: direct, via: 'row' };
  const byClass = rowStatus(table, causeClass(ci.causeValue).unspecified, ci.location);
  if (typeof byClass === 'number') return { status: byClass, via: 'class' };
  return { status: table.fallback.status, via: 'fallback' };
}
