// SIP response from the callee -> ISUP backward message toward the PSTN caller (P->S call,
// RFC 3398 §8.2.3-§8.2.4 [mem], Q.1912.5 [mem]). The first matching row wins:
// - 180: ACM "subscriber free", or CPG alerting once an ACM went;
// - 183: ACM "no indication" (with "in-band information available" when it has SDP), or CPG
//   in-band information (SDP) / progress once an ACM went;
// - 181: ACM "no indication" with "call diversion may occur" (Tandem: an ACM cannot carry the
//   event), or CPG "call forwarded" with the event of the diversion's reason;
// - 200 (INVITE): ANM once an ACM went, else CON.
// Backward call indicators of ACM and CON: charge per trunk, ordinary subscriber, interworking
// encountered, ISUP not all the way, terminating access non-ISDN (reference §4.2).
import { EventIndicator, type IsupMessageOf, type OptionalParam, type ParamValues } from 'ss7-isup-codec';
import type { Source } from './source.js';

export type ProgressMessage = IsupMessageOf<'ACM'> | IsupMessageOf<'CPG'> | IsupMessageOf<'ANM'> | IsupMessageOf<'CON'>;

export interface ProgressRow extends Source {
  readonly status: number;
  readonly acmSent: boolean;
  /** Matches only a response with (true) or without (false) SDP; any when absent. */
  readonly sdp?: boolean;
  readonly send: ProgressMessage['type'];
  readonly calledPartyStatus?: number;
  /** Optional backward call indicators sent. */
  readonly inband?: true;
  readonly diversionMayOccur?: true;
  /** CPG event; `forwarded`: the forwarding event of the diversion's reason. */
  readonly event?: number | 'forwarded';
}

const NO_INDICATION = 0;
const SUBSCRIBER_FREE = 1;
const M = { ref: 'RFC 3398 §8.2.3, §8.2.4; Q.1912.5', basis: 'mem' } as const;

export const PROGRESS_ROWS: readonly ProgressRow[] = [
  { status: 180, acmSent: false, send: 'ACM', calledPartyStatus: SUBSCRIBER_FREE, ...M },
  { status: 180, acmSent: true, send: 'CPG', event: EventIndicator.ALERTING, ...M },
  { status: 183, acmSent: false, sdp: true, send: 'ACM', calledPartyStatus: NO_INDICATION, inband: true, ...M },
  { status: 183, acmSent: false, sdp: false, send: 'ACM', calledPartyStatus: NO_INDICATION, ...M },
  { status: 183, acmSent: true, sdp: true, send: 'CPG', event: EventIndicator.INBAND_INFORMATION, inband: true, ...M },
  { status: 183, acmSent: true, sdp: false, send: 'CPG', event: EventIndicator.PROGRESS, ...M },
  { status: 181, acmSent: false, send: 'ACM', calledPartyStatus: NO_INDICATION, diversionMayOccur: true, ref: 'Tandem; Q.763 §3.37', basis: 'project' },
  { status: 181, acmSent: true, send: 'CPG', event: 'forwarded', ...M },
  { status: 200, acmSent: true, send: 'ANM', ...M },
  { status: 200, acmSent: false, send: 'CON', ...M },
];

export interface ForwardEventRow extends Source {
  /** Q.763 §3.45 redirecting reason. */
  readonly reason: number;
  readonly event: number;
}

/** Redirecting reason -> CPG "call forwarded" event; other reasons give unconditional. */
export const FORWARD_EVENT_ROWS: readonly ForwardEventRow[] = [
  { reason: 1, event: EventIndicator.FORWARDED_ON_BUSY, ref: 'Q.763 §3.21, §3.45', basis: 'mem' },
  { reason: 2, event: EventIndicator.FORWARDED_ON_NO_REPLY, ref: 'Q.763 §3.21, §3.45', basis: 'mem' },
  { reason: 3, event: EventIndicator.FORWARDED_UNCONDITIONAL, ref: 'Q.763 §3.21, §3.45', basis: 'mem' },
];

export interface ProgressOptions {
  /** Q.763 §3.5 charge indicator: 0 no indication, 1 no charge, 2 charge. */
  readonly charge: number;
}

export interface SipProgress {
  readonly status: number;
  readonly sdp: boolean;
  readonly acmSent: boolean;
  /** The redirecting reason of the diversion a 181 reports (from History-Info or Diversion), if known. */
  readonly redirectingReason?: number;
}

function bci(calledPartyStatus: number, opts: ProgressOptions): ParamValues['backwardCallIndicators'] {
  return {
    charge: opts.charge,
    calledPartyStatus,
    calledPartyCategory: 1,
    endToEndMethod: 0,
    interworking: true,
    endToEndInformation: false,
    isupAllTheWay: false,
    holding: false,
    isdnAccess: false,
    echoControlDevice: false,
    sccpMethod: 0,
  };
}

function obci(row: ProgressRow): OptionalParam[] {
  if (row.inband !== true && row.diversionMayOccur !== true) return [];
  return [{ name: 'optionalBackwardCallIndicators', value: { inbandInformation: row.inband === true, callDiversionMayOccur: row.diversionMayOccur === true, simpleSegmentation: false, mlppUser: false } }];
}

const forwardEvent = (reason: number | undefined): number =>
  FORWARD_EVENT_ROWS.find((r) => r.reason === reason)?.event ?? EventIndicator.FORWARDED_UNCONDITIONAL;

/** The backward message for a SIP response, or undefined when none is sent (100, 182, ...). */
export function backwardForSip(p: SipProgress, opts: ProgressOptions): ProgressMessage | undefined {
  const row = PROGRESS_ROWS.find((r) => r.status === p.status && r.acmSent === p.acmSent && (r.sdp === undefined || r.sdp === p.sdp));
  if (row === undefined) return undefined;
  switch (row.send) {
    case 'ACM':
      return { type: 'ACM', params: { backwardCallIndicators: bci(row.calledPartyStatus ?? NO_INDICATION, opts) }, optional: obci(row) };
    case 'CPG': {
      const event = row.event === 'forwarded' ? forwardEvent(p.redirectingReason) : (row.event ?? EventIndicator.PROGRESS);
      return { type: 'CPG', params: { eventInformation: { event, presentationRestricted: false } }, optional: obci(row) };
    }
    case 'ANM':
      return { type: 'ANM', params: {}, optional: [] };
    case 'CON':
      return { type: 'CON', params: { backwardCallIndicators: bci(NO_INDICATION, opts) }, optional: [] };
  }
}
