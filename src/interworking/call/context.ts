// What a gateway call shares with CallControl (the context), what CallControl asks of a call (its
// inputs from the circuit and the trunk-group manager), and the data the call's state machine
// carries with each event.
import type { CauseIndicators, IsupMessageOf } from 'ss7-isup-codec';
import type { RefusedBy } from '../../cdr/record.js';
import type { Clock } from '../../core/clock.js';
import type { Result } from '../../core/result.js';
import type { DriverError } from '../../drivers/errors.js';
import type { MediaSession, PortMessage } from '../../drivers/port.js';
import type { HeaderField, Reason } from '../../sip/message/index.js';
import type { IncomingRequest, ReceivedRequest, ReceivedResponse, TerminationCause } from '../../sip/ua/index.js';
import type { BackedOffCall } from '../../trunkgroups/manager.js';
import type { CallEvent } from '../../cdr/events.js';
import type { CircuitLeg } from './circuit-leg.js';
import type { CallConfig, CircuitManager, MappingOptions, SipUa } from './options.js';

/** A call as listed by CallControl.calls(). */
export interface CallSnapshot {
  readonly callKey: string;
  readonly direction: 'sipToPstn' | 'pstnToSip';
  /** the state of its table (docs/call-control.md) */
  readonly state: string;
  readonly peer?: string;
  readonly trunkGroup?: string;
  readonly cic?: number;
  /** Call-ID of the SIP leg */
  readonly sipCallId?: string;
}

/** What CallControl delivers to a call. */
export interface GatewayCall {
  readonly key: string;
  /** a call message from the far end on the call's circuit */
  fromPstn(message: PortMessage): void;
  /** dual seizure lost on the call's circuit (Q.764 §2.9.1.4): only an outgoing (S→P) call can lose one */
  glare?(lost: BackedOffCall): void;
  /** a reset or hardware blocking took the circuit */
  cleared(): void;
  /** the gateway releases the call on both sides with `refusal`'s cause (CallControl.releaseAll) */
  release(refusal: Refusal): void;
  snapshot(): CallSnapshot;
}

export interface CallContext {
  readonly clock: Clock;
  readonly manager: CircuitManager;
  readonly ua: SipUa;
  readonly config: CallConfig;
  readonly mapping: MappingOptions | undefined;
  readonly onCallEvent: ((event: CallEvent) => void) | undefined;
  /** `call` holds the circuit of `leg` now: messages on it go to the call */
  hold(call: GatewayCall, leg: CircuitLeg): void;
  /** `call` no longer holds it */
  letGo(call: GatewayCall, leg: CircuitLeg): void;
  /** the call reached its final state */
  done(call: GatewayCall): void;
}

/** Why the gateway refuses or gives up a call: the cause, and what the SIP side gets when it is the caller. */
export interface Refusal {
  readonly cause: CauseIndicators;
  /** CDR: what refused it, when no setup went out */
  readonly by?: RefusedBy;
  /** a status that is not the cause table's (484 and 488 from the mapping) */
  readonly status?: number;
  /** e.g. Retry-After */
  readonly headers?: readonly HeaderField[];
}

/** A SIP-side failure of a P→S call, mapped: the REL to send and what the CDR records. */
export interface SipFailure {
  readonly rel: IsupMessageOf<'REL'>;
  readonly status: number;
  readonly reason?: Reason;
}

/** The data an event of a call table carries. */
export type CallInput =
  | { readonly kind: 'pstn'; readonly message: PortMessage }
  | { readonly kind: 'request'; readonly request: ReceivedRequest }
  | { readonly kind: 'info'; readonly info: IncomingRequest }
  | { readonly kind: 'response'; readonly response: ReceivedResponse }
  | { readonly kind: 'failure'; readonly failure: SipFailure }
  | { readonly kind: 'ended'; readonly cause: TerminationCause }
  | { readonly kind: 'glare'; readonly lost: BackedOffCall }
  | { readonly kind: 'media'; readonly result: Result<MediaSession, DriverError> }
  | { readonly kind: 'refusal'; readonly refusal: Refusal };

/** The data of `kind` an action expects; anything else is a bug in the table or its dispatcher. */
export function take<K extends CallInput['kind']>(data: CallInput | undefined, kind: K): Extract<CallInput, { kind: K }> {
  if (data?.kind !== kind) throw new Error(`call action expected ${kind} data, got ${data?.kind ?? 'none'}`);
  return data as Extract<CallInput, { kind: K }>;
}

/** The ISUP message of `kind` an action expects. */
export function takeIsup<M extends PortMessage['type']>(data: CallInput | undefined, type: M): Extract<PortMessage, { type: M }> {
  const { message } = take(data, 'pstn');
  if (message.type !== type) throw new Error(`call action expected ${type}, got ${message.type}`);
  return message as Extract<PortMessage, { type: M }>;
}

/** How the SIP side ended, when it was not BYE or CANCEL: the ends the call control releases for. */
export const SIP_TIMEOUTS: readonly TerminationCause[] = ['no-ack', 'no-prack', 'session-expired'];
export const SIP_FAILURES: readonly TerminationCause[] = ['dialog-failure', 'failed'];
