// Q.931 call control for one interface, as the driver above it sees it. The user-side and
// network-side call state machines (Q.931 §5, Annex A figures), the global call reference
// procedures (RESTART, §5.5) and STATUS handling live beside this file as declared tables with an
// injected clock; the driver (src/drivers/isdn) uses only this interface. Message contents are the
// typed information elements of q931-codec; the switch variant decides the details of coding
// (call reference length, channel identification, which IEs a message may carry).
import type {
  BearerCapability,
  CalledPartyNumber,
  CallingPartyNumber,
  RedirectingNumber,
  Cause,
  InformationElement,
  ProgressIndicator,
} from 'q931-codec';
import type { Clock } from '../../core/clock.js';
import type { Result } from '../../core/result.js';
import type { GwError } from '../../core/errors.js';
import type { FsmLogger } from '../../core/fsm.js';
import type { L2Service } from '../l2/service.js';

export type SwitchVariant = 'euroIsdn' | 'ni2';
/** E1: 30 B + D (channels 1-15, 17-31); T1: 23 B + D (1-23); BRI: 2 B + D (1-2). */
export type InterfaceKind = 'E1' | 'T1' | 'BRI';
export type Q931TimerName = 'T301' | 'T302' | 'T303' | 'T304' | 'T305' | 'T308' | 'T309' | 'T310' | 'T313' | 'T316' | 'T322';

/** Call identity inside one interface, chosen by the interface for outgoing and incoming calls alike. */
export type CallId = number;

/** A B-channel as named in channel identification: a number, or `any` (no preference). */
export interface ChannelChoice {
  readonly channel: number | 'any';
  /** exclusive: only this channel is acceptable; preferred: the other side may choose another */
  readonly exclusive: boolean;
}

/** What a SETUP carries, in both directions. */
export interface CallInfo {
  readonly bearer: BearerCapability;
  readonly channel?: ChannelChoice;
  readonly called?: CalledPartyNumber;
  readonly calling?: CallingPartyNumber;
  /** redirecting number (0x74): the call was diverted */
  readonly redirecting?: RedirectingNumber;
  /** Sending complete present (en-bloc) */
  readonly sendingComplete: boolean;
  readonly progress?: readonly ProgressIndicator[];
  /** every other element as received or to send (HLC, LLC, user-user, display, unknown) */
  readonly others?: readonly InformationElement[];
}

export interface InterfaceOptions {
  readonly side: 'network' | 'user';
  readonly variant: SwitchVariant;
  readonly kind: InterfaceKind;
  /** BRI only: point-to-multipoint (the network broadcasts SETUP on TEI 127) */
  readonly ptmp: boolean;
  readonly l2: L2Service;
  readonly clock: Clock;
  /** overrides of the Q.931 defaults (Table 9-1 / 9-2), ms */
  readonly timers?: Partial<Record<Q931TimerName, number>>;
  /**
   * Optional: whether a B-channel is free for a new call, asked when a SETUP arrives. Network
   * side: the requested channel if free, else (preferred/any) the lowest free one, else cause 44
   * (exclusive) or 34; user side: cause 44 for an unavailable exclusive channel. Channels of the
   * interface's own calls are always busy. Absent: every channel not in a call is free.
   */
  readonly channelAvailable?: (channel: number) => boolean;
  /** Optional: every call table transition and rejected event, in the core FSM log shape. */
  readonly log?: FsmLogger;
}

/** Requests from the driver. Each returns an error (never throws) when the call is unknown or the request does not fit its state. */
export interface Q931Interface {
  /** SETUP for an outgoing call (T303). The network side of a point-to-multipoint BRI broadcasts it. */
  setup(info: CallInfo): Result<CallId, GwError>;
  /** SETUP ACKNOWLEDGE to an incoming SETUP without sending complete (overlap receiving, T302 on the network side). */
  setupAck(id: CallId, channel?: ChannelChoice): Result<void, GwError>;
  /** CALL PROCEEDING to an incoming SETUP (or after INFORMATION completed the number). */
  proceeding(id: CallId, channel?: ChannelChoice): Result<void, GwError>;
  alerting(id: CallId, options?: { channel?: ChannelChoice; progress?: readonly ProgressIndicator[] }): Result<void, GwError>;
  progress(id: CallId, progress: readonly ProgressIndicator[]): Result<void, GwError>;
  /** CONNECT (T313 on the user side); the network side answers the far end's CONNECT with CONNECT ACKNOWLEDGE itself. */
  connect(id: CallId, options?: { channel?: ChannelChoice; others?: readonly InformationElement[] }): Result<void, GwError>;
  /** INFORMATION with more digits of the called number (overlap sending). */
  information(id: CallId, digits: string, sendingComplete: boolean): Result<void, GwError>;
  /**
   * Clear the call with `cause`: RELEASE COMPLETE when an incoming SETUP has not been answered
   * yet (rejection), DISCONNECT otherwise (T305), then RELEASE and RELEASE COMPLETE per §5.3.
   */
  disconnect(id: CallId, cause: Cause, progress?: readonly ProgressIndicator[]): Result<void, GwError>;
  /** RELEASE in answer to the far end's DISCONNECT (the driver's RLC); T308. */
  release(id: CallId, cause?: Cause): Result<void, GwError>;
  /** RESTART on the global call reference (T316) for `channels`, or for the whole interface. */
  restart(channels: readonly number[] | 'all'): Result<void, GwError>;
  /** STATUS ENQUIRY (T322). */
  statusEnquiry(id: CallId): Result<void, GwError>;
  /** Calls not in the Null state, for diagnostics and tests. */
  calls(): readonly CallSnapshot[];
  subscribe(listener: Q931Listener): () => void;
}

export interface CallSnapshot {
  readonly id: CallId;
  /** Q.931 call state number (0 Null ... 25 Overlap receiving) */
  readonly state: number;
  readonly callReference: number;
  readonly outgoing: boolean;
  readonly channel?: number;
  /** the TEI the call is bound to (point-to-multipoint), 0 otherwise */
  readonly tei: number;
}

/** What Q.931 tells the driver. */
export type Q931Event =
  | { readonly kind: 'setup'; readonly id: CallId; readonly tei: number; readonly info: CallInfo }
  | { readonly kind: 'setupAck'; readonly id: CallId; readonly channel?: ChannelChoice }
  | { readonly kind: 'proceeding'; readonly id: CallId; readonly channel?: ChannelChoice }
  | { readonly kind: 'alerting'; readonly id: CallId; readonly channel?: ChannelChoice; readonly progress?: readonly ProgressIndicator[] }
  | { readonly kind: 'progress'; readonly id: CallId; readonly progress: readonly ProgressIndicator[] }
  | { readonly kind: 'connect'; readonly id: CallId; readonly channel?: ChannelChoice; readonly others?: readonly InformationElement[] }
  | { readonly kind: 'connectAck'; readonly id: CallId }
  | { readonly kind: 'information'; readonly id: CallId; readonly digits: string; readonly sendingComplete: boolean }
  /** the far end started clearing (DISCONNECT, or RELEASE when it skipped DISCONNECT); the driver answers with release(id) */
  | { readonly kind: 'disconnect'; readonly id: CallId; readonly cause?: Cause; readonly progress?: readonly ProgressIndicator[] }
  /**
   * The call is back in Null and its channel (if any) is free: after RELEASE / RELEASE COMPLETE,
   * a timer's final expiry, data link loss, or a RESTART. `cause` is what ended it.
   */
  | { readonly kind: 'cleared'; readonly id: CallId; readonly cause?: Cause; readonly channel?: number }
  /** the far end restarted these channels (its RESTART was acknowledged); calls on them were cleared first */
  | { readonly kind: 'restart'; readonly channels: readonly number[] | 'all' }
  /** our RESTART was acknowledged (or T316 ran out `retries` times: `acknowledged` false) */
  | { readonly kind: 'restartAck'; readonly channels: readonly number[] | 'all'; readonly acknowledged: boolean }
  /** a STATUS received for a call (after our STATUS ENQUIRY, or unsolicited) */
  | { readonly kind: 'status'; readonly id: CallId; readonly cause?: Cause; readonly callState: number }
  /** a message that could not be decoded or did not fit: logged and counted, the call is unaffected unless Q.931 says otherwise */
  | { readonly kind: 'protocolError'; readonly id?: CallId; readonly code: string; readonly text: string };

export type Q931Listener = (event: Q931Event) => void;
