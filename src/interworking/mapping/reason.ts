// The Reason header (RFC 3326) carrying a Q.850 cause, with the RFC 8606 `location` parameter.
// Read: the first `Q.850` reason-value with a cause 1..127 wins over any status table (RFC 3398
// practice, Q.1912.5 [mem]); its location token maps back to the Q.850 location. Written:
// `Q.850;cause=N;text="..."` plus the location token. The token table is from recollection of
// RFC 8606 ([mem]); a peer that does not know the parameter ignores it (RFC 3326 generic param).
import { CauseLocation, CodingStandard, type CauseIndicators } from 'ss7-isup-codec';
import type { Reason } from '../../sip/message/index.js';
import { causeText } from './q850-causes.js';
import type { Source } from './source.js';

export interface LocationTokenRow extends Source {
  readonly token: string;
  readonly location: number;
}

const L = { ref: 'RFC 8606 §3', basis: 'mem' } as const;

export const REASON_LOCATIONS: readonly LocationTokenRow[] = [
  { token: 'U', location: CauseLocation.USER, ...L },
  { token: 'LPN', location: CauseLocation.PRIVATE_NETWORK_LOCAL, ...L },
  { token: 'LN', location: CauseLocation.PUBLIC_NETWORK_LOCAL, ...L },
  { token: 'TN', location: CauseLocation.TRANSIT_NETWORK, ...L },
  { token: 'RLN', location: CauseLocation.PUBLIC_NETWORK_REMOTE, ...L },
  { token: 'RPN', location: CauseLocation.PRIVATE_NETWORK_REMOTE, ...L },
  { token: 'INTL', location: CauseLocation.INTERNATIONAL, ...L },
  { token: 'BI', location: CauseLocation.BEYOND_INTERWORKING_POINT, ...L },
];

export interface Q850Reason {
  readonly cause: number;
  /** From the `location` parameter, when present and known. */
  readonly location?: number;
}

/** The first Q.850 reason-value with a usable cause (1..127), if any. */
export function q850FromReasons(reasons: readonly Reason[]): Q850Reason | undefined {
  for (const r of reasons) {
    if (r.protocol.toUpperCase() !== 'Q.850' || r.cause === undefined || r.cause < 1 || r.cause > 127) continue;
    const token = r.params.find((p) => p.name.toLowerCase() === 'location')?.value?.toUpperCase();
    const location = REASON_LOCATIONS.find((l) => l.token === token)?.location;
    return location === undefined ? { cause: r.cause } : { cause: r.cause, location };
  }
  return undefined;
}

/** `Q.850;cause=N;text="<Q.850 name>";location=<token>` for the cause indicators `ci`. */
export function reasonForCause(ci: Pick<CauseIndicators, 'causeValue' | 'location'>): Reason {
  const token = REASON_LOCATIONS.find((l) => l.location === ci.location)?.token;
  return { protocol: 'Q.850', cause: ci.causeValue, text: causeText(ci.causeValue), params: token === undefined ? [] : [{ name: 'location', value: token }] };
}

/** Cause indicators (ITU-T coding) for `cause` at `location`. */
export function causeIndicators(cause: number, location: number): CauseIndicators {
  return { codingStandard: CodingStandard.ITU_T, location, causeValue: cause };
}
