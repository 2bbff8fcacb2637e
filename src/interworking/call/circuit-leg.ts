// The PSTN leg of a gateway call: one circuit held through the trunk-group manager, its call
// messages sent through the span driver port, its bearer (an RTP session answering an SDP offer),
// and the release sequence of Q.764 §2.3: REL (repeated on T1), RLC for every REL received, the
// circuit freed when the REL/RLC exchange completes, or reset when T5 gives up.
import type { CauseIndicators, IsupMessageOf } from 'ss7-isup-codec';
import type { CircuitRef } from '../../cdr/events.js';
import type { Result } from '../../core/result.js';
import type { DriverError } from '../../drivers/errors.js';
import { rlc } from '../../drivers/isup-messages.js';
import type { CallMessageType, MediaSession, SpanDriver } from '../../drivers/port.js';
import type { CallLogger, CircuitManager } from './options.js';

/** A call message without its CIC. */
export type CallMessage = { [M in CallMessageType]: IsupMessageOf<M> }[CallMessageType];

/** The call holding the circuit: its key is the holder the trunk-group manager knows. */
export interface LegHolder {
  readonly key: string;
}

/** What a leg needs of the call context (CallContext is one). */
export interface LegContext {
  readonly manager: CircuitManager;
  /** the leg stopped holding the circuit (freed, reset or lost) */
  letGo(call: LegHolder, leg: CircuitLeg): void;
}

export interface CircuitLegInit {
  readonly call: LegHolder;
  readonly ctx: LegContext;
  readonly driver: SpanDriver;
  readonly group: string;
  readonly circuit: CircuitRef & { readonly cic: number };
  readonly log: CallLogger;
}

export function releaseMessage(ci: CauseIndicators): IsupMessageOf<'REL'> {
  return { type: 'REL', params: { causeIndicators: ci }, optional: [] };
}

export class CircuitLeg {
  readonly group: string;
  readonly cic: number;
  readonly driver: SpanDriver;
  readonly #span: number | undefined;
  readonly #channel: number | undefined;
  // fields, not the init object, and the call and its context rather than a closure: a held call keeps its leg
  readonly #call: LegHolder;
  readonly #ctx: LegContext;
  readonly #log: CallLogger;
  #held = true;
  #rel: IsupMessageOf<'REL'> | undefined;
  #media: MediaSession | undefined;

  constructor(init: CircuitLegInit) {
    this.#call = init.call;
    this.#ctx = init.ctx;
    this.#log = init.log;
    this.group = init.group;
    this.cic = init.circuit.cic;
    this.#span = init.circuit.span;
    this.#channel = init.circuit.channel;
    this.driver = init.driver;
  }

  /** The circuit, as a CDR event names it (made when asked: the leg keeps its numbers, not an object). */
  get circuit(): CircuitRef & { readonly cic: number } {
    const span = this.#span;
    const channel = this.#channel;
    return { cic: this.cic, ...(span === undefined ? {} : { span }), ...(channel === undefined ? {} : { channel }) };
  }

  /** Whether the call still holds the circuit (not freed, reset, or lost to a reset or dual seizure). */
  get held(): boolean {
    return this.#held;
  }

  /** The SDP answer of the circuit's bearer, once open. */
  get mediaAnswer(): string | undefined {
    return this.#media?.answer;
  }

  send(message: CallMessage): void {
    const sent = this.driver.send({ ...message, cic: this.cic });
    if (!sent.ok) this.#log.warn({ err: sent.error, message: message.type, cic: this.cic }, 'call message not sent');
  }

  /** Sends `rel` and keeps it to repeat on T1. */
  release(rel: IsupMessageOf<'REL'>): void {
    this.#rel = rel;
    this.send(rel);
  }

  repeatRelease(): void {
    if (this.#rel !== undefined) this.send(this.#rel);
  }

  /** RLC for a REL received (Q.764 §2.3: every REL is answered). */
  answerRelease(): void {
    this.send(rlc(this.cic));
  }

  /**
   * Answers `offer` with the circuit's bearer. Resolves to undefined, the session closed, when the
   * leg no longer holds the circuit by then.
   */
  async openMedia(offer: string): Promise<Result<MediaSession, DriverError> | undefined> {
    const opened = await this.driver.openMedia(this.cic, offer);
    if (!opened.ok) return this.#held ? opened : undefined;
    if (!this.#held) {
      opened.value.close();
      return undefined;
    }
    this.#media = opened.value;
    return opened;
  }

  /**
   * Hands the far side's SDP answer to the circuit's bearer, if the driver takes it
   * (`MediaSession.setRemote` is optional). An SDP the driver cannot use is logged; the call goes on.
   */
  setRemote(sdp: string): void {
    const set = this.#media?.setRemote?.(sdp);
    if (set !== undefined && !set.ok) this.#log.warn({ err: set.error, cic: this.cic }, 'remote SDP not used by the circuit');
  }

  /** The REL/RLC exchange completed: the circuit is idle again. */
  free(): void {
    if (!this.#drop()) return;
    const released = this.#ctx.manager.release(this.group, this.cic, this.#call.key);
    if (!released.ok) this.#log.warn({ err: released.error, cic: this.cic }, 'circuit not released');
  }

  /** The circuit was taken from the call (dual seizure lost, reset, hardware blocking): nothing to send. */
  lost(): void {
    this.#drop();
  }

  /** T5 expired without RLC: reset the circuit (RSC, maintenance alerted by the manager). */
  reset(): void {
    if (!this.#drop()) return;
    const reset = this.#ctx.manager.reset(this.group, { who: 'call-control', why: `T5 expired: no RLC for call ${this.#call.key}`, cics: [this.cic] });
    if (!reset.ok) this.#log.warn({ err: reset.error, cic: this.cic }, 'circuit not reset');
  }

  #drop(): boolean {
    if (!this.#held) return false;
    this.#held = false;
    this.#media?.close();
    this.#media = undefined;
    this.#ctx.letGo(this.#call, this);
    return true;
  }
}

/** The actions of the Releasing state both call tables share (Q.764 §2.3, T1, T5), for any call of type `C`. */
export function releasingActions<C>(leg: (call: C) => CircuitLeg | undefined): Record<'releaseCircuit' | 'answerRelease' | 'repeatRel' | 'resetCircuit', (call: C) => void> {
  return {
    releaseCircuit: (call) => leg(call)?.free(),
    answerRelease: (call) => {
      leg(call)?.answerRelease();
      leg(call)?.free();
    },
    repeatRel: (call) => leg(call)?.repeatRelease(),
    resetCircuit: (call) => leg(call)?.reset(),
  };
}
