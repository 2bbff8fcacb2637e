// Call events for the CDR builder (src/cdr/events.ts, docs/cdr.md#call-events): each call gets a
// CallRecord that stamps its events with the call key and the clock's time, and ends the call
// once: `refused` when the gateway refused it before any setup went out, else `released`.
import type { CauseIndicators } from 'ss7-isup-codec';
import type { CallEvent } from '../../cdr/events.js';
import type { Presentation, RefusedBy, ReleaseSide } from '../../cdr/record.js';
import type { Clock } from '../../core/clock.js';
import { formatReason, type Reason } from '../../sip/message/index.js';
import { codecOf } from './sdp.js';

type Unstamped<E> = E extends unknown ? Omit<E, 'callKey' | 'at'> : never;

/** A call event without its key and time. */
export type CallStep = Unstamped<CallEvent>;

const PRESENTATION: readonly Presentation[] = ['allowed', 'restricted', 'unavailable'];

/** Q.763 §3.10 APRI (0, 1, 2) as the CDR names it. */
export const presentationOf = (apri: number | undefined): Presentation | undefined => (apri === undefined ? undefined : PRESENTATION[apri]);

export interface Clearing {
  /** none when the call was refused before any cause applied (ACL, authentication, a bad ISUP body) */
  readonly cause?: Pick<CauseIndicators, 'causeValue' | 'location'>;
  readonly sipStatus?: number;
  readonly reason?: Reason;
  /** the gateway timer that released the call */
  readonly timer?: string;
}

export class CallRecord {
  // fields, not a closure over them: a held call keeps its record
  readonly #callKey: string;
  readonly #clock: Clock;
  readonly #onCallEvent: ((e: CallEvent) => void) | undefined;
  #setupSent = false;
  #codec: string | undefined;
  /** the SDP text read last (none after octets): the answer comes again with the 200 after the 183 */
  #codecSdp: string | undefined;
  #ended = false;

  constructor(callKey: string, clock: Clock, onCallEvent: ((e: CallEvent) => void) | undefined) {
    this.#callKey = callKey;
    this.#clock = clock;
    this.#onCallEvent = onCallEvent;
  }

  #emit(step: CallStep): void {
    const onCallEvent = this.#onCallEvent;
    if (onCallEvent !== undefined) onCallEvent({ ...step, callKey: this.#callKey, at: this.#clock.now() });
  }

  step(step: CallStep): void {
    if (step.type === 'setupSent') this.#setupSent = true;
    if (!this.#ended) this.#emit(step);
  }

  /** A `media` event when `sdp` names a codec other than the last one recorded. */
  media(sdp: string | Uint8Array | undefined): void {
    if (sdp !== undefined && sdp === this.#codecSdp) return;
    this.#codecSdp = typeof sdp === 'string' ? sdp : undefined;
    const codec = codecOf(sdp);
    if (codec === undefined || codec === this.#codec) return;
    this.#codec = codec;
    this.step({ type: 'media', codec });
  }

  released(side: ReleaseSide, c: Clearing): void {
    this.#end({ type: 'released', side, ...fields(c), ...(c.timer === undefined ? {} : { timer: c.timer }) });
  }

  /** `refused` by `by` while no setup has gone out, else `released` by the gateway. */
  refused(by: RefusedBy | undefined, c: Clearing): void {
    if (by !== undefined && !this.#setupSent) this.#end({ type: 'refused', by, ...fields(c) });
    else this.released('gateway', c);
  }

  #end(step: CallStep): void {
    if (this.#ended) return;
    this.#emit(step);
    this.#ended = true;
  }
}

function fields(c: Clearing): { cause?: number; causeLocation?: number; sipStatus?: number; reason?: string } {
  return {
    ...(c.cause === undefined ? {} : { cause: c.cause.causeValue, causeLocation: c.cause.location }),
    ...(c.sipStatus === undefined ? {} : { sipStatus: c.sipStatus }),
    ...(c.reason === undefined ? {} : { reason: formatReason(c.reason) }),
  };
}
