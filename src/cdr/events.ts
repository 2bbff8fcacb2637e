// What call control tells the CDR builder, one event per step of a call (docs/cdr.md#call-events).
// Every event names its call by `callKey` (call control's own id, unique while the call lives) and
// carries `at`, the call-control clock's time in milliseconds since the Unix epoch.
//
// A call is: attemptStarted, then routed, setupSent and the backward messages, and it ends with
// released or refused. A glare event ends the current attempt (dual seizure lost, Q.764 §2.9.1.4):
// the next circuitSeized (or setupSent) starts the call's next attempt, and the call's last
// attempt is its final one, to which the glare attempts are linked.
import type { Direction, Presentation, RefusedBy, ReleaseSide, SipProfile } from './record.js';

/** Where a PSTN leg runs: span and channel (ISDN, or the bearer of an ISUP CIC) and the CIC. */
export interface CircuitRef {
  readonly span?: number;
  readonly channel?: number;
  readonly cic?: number;
}

/** The numbers of a setup message, as received (attemptStarted) or as sent (setupSent). */
export interface SetupNumbers {
  readonly calling?: string;
  readonly called: string;
}

interface Base {
  readonly callKey: string;
  readonly at: number;
}

/** The incoming setup: SIP INVITE (sipToPstn) or IAM/SETUP (pstnToSip), as received. */
export interface AttemptStarted extends Base, SetupNumbers {
  readonly type: 'attemptStarted';
  readonly direction: Direction;
  /** the incoming INVITE's Call-ID (sipToPstn) */
  readonly callId?: string;
  /** the SIP peer the INVITE came from (sipToPstn) */
  readonly sipPeer?: string;
  /** the trunk group and circuit the IAM/SETUP came in on (pstnToSip) */
  readonly trunkGroup?: string;
  readonly circuit?: CircuitRef;
  readonly profile?: SipProfile;
  /** presentation of the calling number, as received */
  readonly presentation?: Presentation;
  /** redirecting number (ISUP redirecting number, SIP Diversion or History-Info), as received */
  readonly redirecting?: string;
}

/** A route was chosen: where the call goes out. */
export interface Routed extends Base {
  readonly type: 'routed';
  readonly route: string;
  readonly trunkGroup?: string;
  readonly sipPeer?: string;
  readonly profile?: SipProfile;
}

/** An outgoing circuit was seized for this attempt (sipToPstn). */
export interface CircuitSeized extends Base {
  readonly type: 'circuitSeized';
  readonly trunkGroup: string;
  readonly circuit: CircuitRef;
}

/** The outgoing setup was sent: IAM/SETUP (sipToPstn) or INVITE (pstnToSip), with the numbers as sent. */
export interface SetupSent extends Base, SetupNumbers {
  readonly type: 'setupSent';
  /** the outgoing INVITE's Call-ID (pstnToSip) */
  readonly callId?: string;
}

/** A backward message arrived (ACM, CPG, CALL PROCEEDING, 18x...); only the first one is recorded. */
export interface BackwardMessage extends Base {
  readonly type: 'backwardMessage';
  /** its name: 'ACM', 'CALL PROCEEDING', '183'... */
  readonly message: string;
}

/** The called party is being alerted (ACM with subscriber free, ALERTING, 180). */
export interface Alerting extends Base {
  readonly type: 'alerting';
}

/** Media was negotiated (early or at answer); the last one is recorded. */
export interface MediaNegotiated extends Base {
  readonly type: 'media';
  /** codec name as in SDP: 'PCMA', 'PCMU', 'G722'... */
  readonly codec: string;
}

/** The called party answered (ANM/CON, CONNECT, 200 OK to the INVITE). */
export interface Answered extends Base {
  readonly type: 'answered';
}

/** What ends a call: the cause, status and Reason that were sent or received. */
export interface Clearing {
  /** Q.850 cause value 0..127 */
  readonly cause?: number;
  /** Q.850 location 0..15 */
  readonly causeLocation?: number;
  /** the final SIP status of the SIP leg (200 for an answered call) */
  readonly sipStatus?: number;
  /** the SIP Reason header, as sent or received */
  readonly reason?: string;
}

/** The call was released (REL, DISCONNECT, BYE, CANCEL, a final SIP error, a timer). */
export interface Released extends Base, Clearing {
  readonly type: 'released';
  readonly side: ReleaseSide;
  /** the gateway timer whose expiry released the call: 'T7', 'T9', 'TimerB', 'noAnswer'... */
  readonly timer?: string;
}

/** The gateway refused the call before sending any setup (ACL, authentication, admission control...). */
export interface Refused extends Base, Clearing {
  readonly type: 'refused';
  readonly by: RefusedBy;
}

/** Dual seizure lost on this attempt's circuit: the attempt backs off and call control re-attempts or releases. */
export interface Glare extends Base {
  readonly type: 'glare';
}

export type CallEvent =
  | AttemptStarted
  | Routed
  | CircuitSeized
  | SetupSent
  | BackwardMessage
  | Alerting
  | MediaNegotiated
  | Answered
  | Released
  | Refused
  | Glare;
