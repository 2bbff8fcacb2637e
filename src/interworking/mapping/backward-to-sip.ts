// ISUP backward message -> SIP response toward the SIP caller (S->P call, RFC 3398 §7.2.5-§7.2.9
// [mem], Q.1912.5). The first matching row wins:
// - ACM with "in-band information available" (optional backward call indicators) -> 183, so that
//   the caller plays the network's tones and announcements (consistent with the captured SIP-I
//   183 of the reference, whose ACM has status "no indication" and in-band information);
// - ACM with called party's status "subscriber free" -> 180; any other ACM -> 183;
// - CPG: in-band information -> 183 (Tandem, as for ACM); alerting -> 180; progress, in-band
//   event -> 183; call forwarded (busy, no reply, unconditional) -> 181; other events -> none;
// - ANM and CON -> 200.
import { EventIndicator, findOptional, type IsupMessageOf } from 'ss7-isup-codec';
import type { Source } from './source.js';

export type BackwardMessage = IsupMessageOf<'ACM'> | IsupMessageOf<'CPG'> | IsupMessageOf<'ANM'> | IsupMessageOf<'CON'>;

export interface BackwardRow extends Source {
  readonly message: BackwardMessage['type'];
  /** Matches only when the optional backward call indicators say in-band information is available. */
  readonly inband?: true;
  /** ACM: Q.763 §3.5 called party's status. */
  readonly calledPartyStatus?: number;
  /** CPG: Q.763 §3.21 event indicator. */
  readonly event?: number;
  readonly status: number;
}

const SUBSCRIBER_FREE = 1;
const M = { ref: 'RFC 3398 §7.2.5-§7.2.9; Q.1912.5', basis: 'mem' } as const;

export const BACKWARD_ROWS: readonly BackwardRow[] = [
  { message: 'ACM', inband: true, status: 183, ...M },
  { message: 'ACM', calledPartyStatus: SUBSCRIBER_FREE, status: 180, ...M },
  { message: 'ACM', status: 183, ...M },
  { message: 'CPG', inband: true, status: 183, ref: 'Tandem: as for ACM', basis: 'project' },
  { message: 'CPG', event: EventIndicator.ALERTING, status: 180, ...M },
  { message: 'CPG', event: EventIndicator.PROGRESS, status: 183, ...M },
  { message: 'CPG', event: EventIndicator.INBAND_INFORMATION, status: 183, ...M },
  { message: 'CPG', event: EventIndicator.FORWARDED_ON_BUSY, status: 181, ...M },
  { message: 'CPG', event: EventIndicator.FORWARDED_ON_NO_REPLY, status: 181, ...M },
  { message: 'CPG', event: EventIndicator.FORWARDED_UNCONDITIONAL, status: 181, ...M },
  { message: 'ANM', status: 200, ...M },
  { message: 'CON', status: 200, ...M },
];

function matches(row: BackwardRow, msg: BackwardMessage): boolean {
  if (row.message !== msg.type) return false;
  if (row.inband === true && findOptional(msg.optional, 'optionalBackwardCallIndicators')?.inbandInformation !== true) return false;
  if (row.calledPartyStatus !== undefined && (msg.type !== 'ACM' || msg.params.backwardCallIndicators.calledPartyStatus !== row.calledPartyStatus)) return false;
  return row.event === undefined || (msg.type === 'CPG' && msg.params.eventInformation.event === row.event);
}

/** The SIP status to send for a backward message, or undefined when it maps to none. */
export function statusForBackward(msg: BackwardMessage): number | undefined {
  return BACKWARD_ROWS.find((row) => matches(row, msg))?.status;
}
