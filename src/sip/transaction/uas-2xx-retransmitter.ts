// Retransmits a 2xx to INVITE until the ACK arrives, for the UAS core (RFC 3261 §13.3.1.4): at
// T1, then doubling up to T2, on every transport (the 2xx travels end to end); gives up after
// 64*T1 and says so with GW_ERR_TX_NO_ACK. Runs UAS_2XX_FSM on the injected clock.
import type { Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import { Fsm, type FsmLogger } from '../../core/fsm.js';
import { TxNoAck } from './errors.js';
import { SIP_TIMER_DEFAULTS, sipTimerInterval, type SipTimerBase } from './timers.js';
import { UAS_2XX_FSM, type Uas2xxAction, type Uas2xxEvent, type Uas2xxState, type Uas2xxTimer } from './uas-2xx.fsm.js';

export interface Uas2xxRetransmitterOptions {
  /** Names the dialog or transaction in the log. */
  readonly id: string;
  readonly clock: Clock;
  /** Sends the 2xx again, e.g. through the INVITE server transaction, which is in Accepted. */
  readonly retransmit: () => void;
  /** No ACK within 64*T1: the TU should end the session with a BYE. */
  readonly giveUp: (error: GwError) => void;
  readonly timers?: Partial<SipTimerBase>;
  readonly log?: FsmLogger;
}

export class Uas2xxRetransmitter {
  readonly #fsm: Fsm<Uas2xxState, Uas2xxEvent, Uas2xxAction, Uas2xxTimer, undefined>;

  /** Starts timing: the first 2xx has just been sent. */
  constructor(options: Uas2xxRetransmitterOptions) {
    const base = { ...SIP_TIMER_DEFAULTS, ...options.timers };
    this.#fsm = new Fsm(UAS_2XX_FSM, {
      id: options.id,
      clock: options.clock,
      log: options.log,
      // Timer G's schedule on an unreliable transport, whatever the transport: §13.3.1.4 makes no exception.
      duration: (timer, nth) => sipTimerInterval(timer, base, false, nth),
      actions: {
        retransmit: () => options.retransmit(),
        giveUp: () => options.giveUp(new TxNoAck('no ACK for the 2xx within 64*T1')),
      },
    });
    this.#fsm.start();
  }

  get state(): Uas2xxState {
    return this.#fsm.state;
  }

  /** The ACK for the 2xx arrived: stop retransmitting. */
  ack(): void {
    this.#fsm.fire('ACK');
  }

  /** Stops retransmitting and the 64*T1 give-up without running the table's actions (the UA is closing): nothing more is sent. */
  abandon(): void {
    this.#fsm.stop();
  }
}
