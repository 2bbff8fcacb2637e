// The span driver port: the one interface through which call control and the trunk-group
// manager use circuits, whatever carries them (simulated exchange, SS7 ISUP, ISDN PRI/BRI).
// Its primitives are ISUP messages as typed by ss7-isup-codec (Q.763), so the SIP ⇄ PSTN
// mapping is written once against ISUP; a PRI driver translates to Q.931 underneath (Q.699).
import type { IsupMessageOf } from 'ss7-isup-codec';
import type { Result } from '../core/result.js';
import type { DriverError } from './errors.js';

/**
 * Call primitives (Q.764 §2.1–2.3): setup (IAM, SAM), address complete (ACM), progress (CPG),
 * answer (ANM, or CON for address complete and answer at once), release (REL), release
 * complete (RLC).
 */
export const CALL_MESSAGES = ['IAM', 'SAM', 'ACM', 'CPG', 'CON', 'ANM', 'REL', 'RLC'] as const;
export type CallMessageType = (typeof CALL_MESSAGES)[number];

/**
 * Circuit supervision primitives (Q.764 §2.8–2.10): blocking (BLO/BLA, UBL/UBA), reset
 * (RSC, answered by RLC), and the group messages with a range and status (CGB/CGBA, CGU/CGUA,
 * GRS/GRA). RLC belongs to both sets: it answers REL and RSC alike.
 */
export const SUPERVISION_MESSAGES = ['BLO', 'BLA', 'UBL', 'UBA', 'RSC', 'GRS', 'GRA', 'CGB', 'CGBA', 'CGU', 'CGUA'] as const;
export type SupervisionMessageType = (typeof SUPERVISION_MESSAGES)[number];

export type PortMessageType = CallMessageType | SupervisionMessageType;

/** An ISUP message of type M on a circuit: `cic` is required (for group messages, the first circuit of the range). */
export type OnCircuit<M extends PortMessageType> = IsupMessageOf<M> & { cic: number };

/** Every message that crosses the port, in either direction. */
export type PortMessage = { [M in PortMessageType]: OnCircuit<M> }[PortMessageType];

export type LinkState = 'up' | 'down';

/** What a driver reports to its listeners. */
export type DriverEvent =
  /** The signalling link (MTP3 route, Q.921 data link, simulated link) came up or went down. */
  | { kind: 'link'; state: LinkState }
  /** The far end sent a message on a circuit. */
  | { kind: 'message'; message: PortMessage };

export type DriverListener = (event: DriverEvent) => void;

/** The bearer of a circuit as an RTP session: the answer to an SDP offer, until closed. */
export interface MediaSession {
  /** SDP answer (RFC 3264) for the offer given to openMedia */
  readonly answer: string;
  /**
   * Optional: the far side's SDP when Tandem made the offer from `answer` (a P→S call: the SIP
   * callee's answer in an 18x or the 200), so that a driver sending media learns where to. A
   * driver without it is not told. An SDP it cannot use is an error (GW_ERR_DRIVER_MEDIA).
   */
  setRemote?(sdp: string): Result<void, DriverError>;
  close(): void;
}

/**
 * A span driver. One instance serves one signalling relation (an SS7 route to one point code,
 * a set of PRI spans to one switch, the simulated exchange). Circuits are named by their CIC;
 * a TDM driver numbers its B-channels the same way (see docs/drivers.md).
 *
 * Events are delivered asynchronously (never from inside a call to `send`), in order.
 */
export interface SpanDriver {
  /** unique among drivers: trunk groups refer to it by this name */
  readonly name: string;
  /** the circuits this driver carries, by CIC, ascending */
  readonly cics: readonly number[];
  /** the signalling link as last reported */
  readonly link: LinkState;
  /** bring the link up; a 'link' event follows */
  start(): void;
  /** take the link down and close every media session; a 'link' event follows */
  stop(): void;
  /**
   * Reserve a circuit for an outgoing call before its IAM. An ISUP driver only checks the link
   * and the CIC; a PRI driver reserves the B-channel.
   */
  seize(cic: number): Result<void, DriverError>;
  /** Send a message to the far end on `message.cic`. */
  send(message: PortMessage): Result<void, DriverError>;
  /** Answer an SDP offer with the circuit's bearer (a TDM driver bridges the timeslot to RTP). */
  openMedia(cic: number, offer: string): Promise<Result<MediaSession, DriverError>>;
  /** Listen to link changes and far-end messages; returns the function that stops listening. */
  subscribe(listener: DriverListener): () => void;
}
