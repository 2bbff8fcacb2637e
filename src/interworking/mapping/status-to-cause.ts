// SIP final status (4xx-6xx) -> Q.850 cause of the REL sent to the PSTN caller.
// RFC 3398 §8.2.6.1 "SIP Status Code to ISDN Cause Code Mapping": every row, 5xx and 6xx
// included, was checked against independent reproductions of the RFC's table (a Nortel table
// posted to the Kamailio list, telecomtraining.net, scribd "SIP-ISUP cause code", jtel and HP MSR
// defaults). Also verified there: unlisted status -> 31, and the location rule (6xx "user",
// 4xx/5xx a network location). Which network location is a Tandem choice: "beyond the
// interworking point" (Q.850 location 10), where the failure arose.
// Q.1912.5 (3GPP TS 29.163) rows, default 127 and location BI are from recollection ([mem]).
import { CauseLocation } from 'ss7-isup-codec';
import type { CauseTableName } from './cause-to-status.js';
import type { Source } from './source.js';

export interface StatusToCauseRow extends Source {
  readonly status: number;
  /** null: the source gives no cause ("no mapping", "by Warning header"); the table default applies. */
  readonly cause: number | null;
}

export interface LocationRow extends Source {
  readonly first: number;
  readonly last: number;
  readonly location: number;
}

export interface StatusToCauseTable {
  readonly name: CauseTableName;
  readonly rows: readonly StatusToCauseRow[];
  /** For a status without a row, or whose row gives no cause. */
  readonly fallback: Source & { readonly cause: number };
  /** The cause location, by status range. */
  readonly locations: readonly LocationRow[];
}

const R = { ref: 'RFC 3398 §8.2.6.1', basis: 'verified' } as const;
const Q = { ref: 'Q.1912.5 / TS 29.163', basis: 'mem' } as const;

const rfc = (status: number, cause: number | null): StatusToCauseRow => ({ status, cause, ...R });
const q = (status: number, cause: number): StatusToCauseRow => ({ status, cause, ...Q });

export const RFC3398_STATUS_TO_CAUSE: StatusToCauseTable = {
  name: 'rfc3398',
  rows: [
    rfc(400, 41), rfc(401, 21), rfc(402, 21), rfc(403, 21), rfc(404, 1), rfc(405, 63), rfc(406, 79), rfc(407, 21), rfc(408, 102),
    rfc(410, 22), rfc(413, 127), rfc(414, 127), rfc(415, 79), rfc(416, 127), rfc(420, 127), rfc(421, 127), rfc(423, 127),
    rfc(480, 18), rfc(481, 41), rfc(482, 25), rfc(483, 25), rfc(484, 28), rfc(485, 1), rfc(486, 17), rfc(487, null), rfc(488, null),
    rfc(500, 41), rfc(501, 79), rfc(502, 38), rfc(503, 41), rfc(504, 102), rfc(505, 127), rfc(513, 127),
    rfc(600, 17), rfc(603, 21), rfc(604, 1), rfc(606, null),
  ],
  fallback: { cause: 31, ref: 'RFC 3398 §8.2.6.1', basis: 'verified' },
  locations: [
    { first: 400, last: 599, location: CauseLocation.BEYOND_INTERWORKING_POINT, ref: 'RFC 3398 §8.2.6.1 (network location; BI chosen by Tandem)', basis: 'project' },
    { first: 600, last: 699, location: CauseLocation.USER, ref: 'RFC 3398 §8.2.6.1', basis: 'verified' },
  ],
};

export const Q1912_STATUS_TO_CAUSE: StatusToCauseTable = {
  name: 'q1912.5',
  rows: [
    q(400, 127), q(401, 127), q(402, 127), q(403, 127), q(404, 1), q(405, 127), q(406, 127), q(407, 127), q(408, 127),
    q(410, 22), q(413, 127), q(414, 127), q(415, 127), q(416, 127), q(420, 127), q(421, 127), q(423, 127), q(433, 21),
    q(480, 20), q(481, 127), q(482, 127), q(483, 25), q(484, 28), q(485, 1), q(486, 17), q(487, 127), q(488, 127), q(493, 127),
    q(500, 127), q(501, 127), q(502, 127), q(503, 127), q(504, 127), q(505, 127), q(513, 127), q(580, 127),
    q(600, 17), q(603, 21), q(604, 1), q(606, 127),
  ],
  fallback: { cause: 127, ...Q },
  locations: [{ first: 400, last: 699, location: CauseLocation.BEYOND_INTERWORKING_POINT, ...Q }],
};

export const STATUS_TO_CAUSE_TABLES: Readonly<Record<CauseTableName, StatusToCauseTable>> = {
  rfc3398: RFC3398_STATUS_TO_CAUSE,
  'q1912.5': Q1912_STATUS_TO_CAUSE,
};

export interface CauseForStatus {
  readonly cause: number;
  readonly location: number;
  /** What decided the cause: a per-peer override, a table row, or the table's fallback. */
  readonly via: 'override' | 'row' | 'fallback';
}

/** The cause location the table gives for `status` (a network location outside 400-699). */
export function locationForStatus(status: number, table: StatusToCauseTable): number {
  return table.locations.find((l) => status >= l.first && status <= l.last)?.location ?? CauseLocation.BEYOND_INTERWORKING_POINT;
}

/** The cause for a final response `status`; `overrides` (per peer, status -> cause) win over the table. */
export function causeForStatus(status: number, table: StatusToCauseTable, overrides: Readonly<Record<number, number>> = {}): CauseForStatus {
  const location = locationForStatus(status, table);
  const override = overrides[status];
  if (override !== undefined) return { cause: override, location, via: 'override' };
  const row = table.rows.find((r) => r.status === status);
  if (row !== undefined && row.cause !== null) return { cause: row.cause, location, via: 'row' };
  return { cause: table.fallback.cause, location, via: 'fallback' };
}
