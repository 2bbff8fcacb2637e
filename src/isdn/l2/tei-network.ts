// TEI management entity of the network (Q.921 §5.3): assigns automatic TEIs from 64 upward
// (§5.3.2), runs the identity check with T201 (§5.3.3; the check request is sent at most twice)
// and removes TEIs (§5.3.4; the remove message is sent twice in succession).
import type { Clock, TimerHandle } from '../../core/clock.js';
import { AI_GROUP, type LapdFrame, type TeiMessage, type TeiMessageName } from 'q931-codec';
import { teiFrame } from './tei-user.js';

export const FIRST_AUTOMATIC_TEI = 64;
export const LAST_AUTOMATIC_TEI = 126;

export interface TeiNetworkHost {
  readonly clock: Clock;
  readonly T201: number;
  transmit(frame: LapdFrame): void;
  /** MDL-ASSIGN: a data link for `tei` */
  assigned(tei: number): void;
  /** MDL-REMOVE: the data link of `tei` goes */
  removed(tei: number): void;
}

interface Check {
  readonly tei: number;
  sent: number;
  answered: boolean;
  timer?: TimerHandle;
}

export class TeiNetwork {
  readonly #host: TeiNetworkHost;
  readonly #assigned = new Set<number>();
  readonly #checks = new Map<number, Check>();

  constructor(host: TeiNetworkHost) {
    this.#host = host;
  }

  get assigned(): readonly number[] {
    return [...this.#assigned].sort((a, b) => a - b);
  }

  receive(m: TeiMessage): void {
    if (m.type === 'IDENTITY_REQUEST') this.#request(m);
    else if (m.type === 'IDENTITY_CHECK_RESPONSE') {
      const check = this.#checks.get(m.ai);
      if (check !== undefined) check.answered = true;
    } else if (m.type === 'IDENTITY_VERIFY' && this.#assigned.has(m.ai)) this.check(m.ai);
  }

  /** §5.3.2: the requested TEI if the TE asked for a free one, else the lowest free; none: denied. */
  #request(m: TeiMessage): void {
    const wanted = m.ai >= FIRST_AUTOMATIC_TEI && m.ai <= LAST_AUTOMATIC_TEI && !this.#assigned.has(m.ai) ? m.ai : undefined;
    let tei = wanted;
    for (let t = FIRST_AUTOMATIC_TEI; tei === undefined && t <= LAST_AUTOMATIC_TEI; t++) if (!this.#assigned.has(t)) tei = t;
    if (tei === undefined) {
      this.#send('IDENTITY_DENIED', m.ri, AI_GROUP);
      return;
    }
    this.#assigned.add(tei);
    this.#send('IDENTITY_ASSIGNED', m.ri, tei);
    this.#host.assigned(tei);
  }

  /** §5.3.3: identity check request; no response to two of them (T201 each) removes the TEI. */
  check(tei: number): void {
    if (!this.#assigned.has(tei) || this.#checks.has(tei)) return;
    const check: Check = { tei, sent: 0, answered: false };
    this.#checks.set(tei, check);
    this.#sendCheck(check);
  }

  #sendCheck(check: Check): void {
    check.sent += 1;
    this.#send('IDENTITY_CHECK_REQUEST', 0, check.tei);
    check.timer = this.#host.clock.setTimer(this.#host.T201, () => {
      if (check.answered) this.#checks.delete(check.tei);
      else if (check.sent < 2) this.#sendCheck(check);
      else {
        this.#checks.delete(check.tei);
        this.remove(check.tei);
      }
    });
  }

  /** §5.3.4: identity remove, sent twice; the TEI is free again. */
  remove(tei: number): void {
    if (!this.#assigned.delete(tei)) return;
    this.#checks.get(tei)?.timer?.cancel();
    this.#checks.delete(tei);
    this.#send('IDENTITY_REMOVE', 0, tei);
    this.#send('IDENTITY_REMOVE', 0, tei);
    this.#host.removed(tei);
  }

  #send(type: TeiMessageName, ri: number, ai: number): void {
    this.#host.transmit(teiFrame({ type, ri, ai }, true));
  }
}
