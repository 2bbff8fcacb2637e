// Retransmits one reliable provisional response until its PRACK (RFC 3262 §3), on the injected
// clock: at T1, 2*T1, 4*T1, ... (no T2 cap: the RFC says "doubles for each retransmission"),
// on every transport, and gives up after 64*T1. Runs REL1XX_FSM.
import type { Clock } from '../../core/clock.js';
import { Fsm, type FsmLogger } from '../../core/fsm.js';
import { SIP_TIMER_DEFAULTS, type SipTimerBase } from '../transaction/timers.js';
import { REL1XX_FSM, type Rel1xxAction, type Rel1xxEvent, type Rel1xxState, type Rel1xxTimer } from './reliable-provisional.fsm.js';

export interface ReliableProvisionalOptions {
  /** names the response in the log, e.g. the dialog and the RSeq */
  readonly id: string;
  readonly rseq: number;
  readonly clock: Clock;
  /** passes the response to the INVITE server transaction again */
  readonly retransmit: () => void;
  /** 64*T1 without a PRACK: the UAS should reject the INVITE with a 5xx */
  readonly giveUp: () => void;
  readonly timers?: Partial<SipTimerBase>;
  readonly log?: FsmLogger;
}

export class ReliableProvisional {
  readonly rseq: number;
  readonly #fsm: Fsm<Rel1xxState, Rel1xxEvent, Rel1xxAction, Rel1xxTimer, undefined>;

  /** Starts timing: the response has just been sent. */
  constructor(options: ReliableProvisionalOptions) {
    this.rseq = options.rseq;
    const { T1 } = { ...SIP_TIMER_DEFAULTS, ...options.timers };
    this.#fsm = new Fsm(REL1XX_FSM, {
      id: options.id,
      clock: options.clock,
      log: options.log,
      duration: (timer, nth) => (timer === 'Retransmit' ? T1 * 2 ** nth : 64 * T1),
      actions: { retransmit: () => options.retransmit(), giveUp: () => options.giveUp() },
    });
    this.#fsm.start();
  }

  get state(): Rel1xxState {
    return this.#fsm.state;
  }

  /** A PRACK matching this response arrived. */
  prack(): void {
    this.#fsm.fire('PRACK');
  }

  /** The INVITE's final response was sent: stop retransmitting. */
  finalSent(): void {
    this.#fsm.fire('final sent');
  }

  /** Stops retransmitting and the 64*T1 give-up without running the table's actions (the UA is closing): nothing more is sent. */
  abandon(): void {
    this.#fsm.stop();
  }
}
