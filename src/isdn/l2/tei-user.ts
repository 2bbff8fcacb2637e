// TEI management entity of a TE (Q.921 §5.3): runs TEI_USER_FSM. The reference number Ri of each
// identity request is random (§5.3.2; libpri's unseeded random() makes TEs collide, see
// docs/isdn-l2.md). Messages for other TEs on the bus are ignored here, before the table.
import type { Clock } from '../../core/clock.js';
import { Fsm, type FsmLogger } from '../../core/fsm.js';
import { AI_GROUP, encodeTeiMessage, type LapdFrame, type TeiMessage, type TeiMessageName } from 'q931-codec';
import { TEI_USER_FSM, type TeiUserAction, type TeiUserEvent, type TeiUserState, type TeiUserTimer } from './tei-user.fsm.js';

export interface TeiUserHost {
  readonly clock: Clock;
  readonly log: FsmLogger;
  readonly T202: number;
  readonly N202: number;
  readonly random: () => number;
  transmit(frame: LapdFrame): void;
  assigned(tei: number): void;
  failed(reason: 'denied' | 'no answer'): void;
  removed(tei: number): void;
}

/** A TEI management UI frame (SAPI 63, TEI 127); C/R 0: a user command. */
export function teiFrame(message: TeiMessage, network: boolean): LapdFrame {
  return { sapi: 63, cr: network, tei: 127, type: 'UI', pf: false, info: encodeTeiMessage(message) };
}

export class TeiUser {
  readonly #host: TeiUserHost;
  readonly #fsm: Fsm<TeiUserState, TeiUserEvent, TeiUserAction, TeiUserTimer, TeiMessage>;
  #ri = 0;
  #requests = 0;
  #tei: number | undefined;

  constructor(host: TeiUserHost) {
    this.#host = host;
    this.#fsm = new Fsm(TEI_USER_FSM, {
      id: 'TE',
      clock: host.clock,
      log: host.log,
      duration: () => host.T202,
      actions: {
        sendRequest: () => {
          this.#requests = 0;
          this.#sendRequest();
        },
        retryRequest: () => {
          if (this.#requests >= host.N202) this.#fsm.fire('N202 exhausted');
          else this.#sendRequest();
        },
        assign: (m) => {
          this.#tei = m?.ai;
          if (m !== undefined) host.assigned(m.ai);
        },
        deny: () => host.failed('denied'),
        giveUp: () => host.failed('no answer'),
        sendCheckResponse: () => this.#send('IDENTITY_CHECK_RESPONSE', this.#randomRi(), this.#tei ?? AI_GROUP),
        remove: () => {
          const tei = this.#tei;
          this.#tei = undefined;
          if (tei !== undefined) host.removed(tei);
        },
      },
    });
    this.#fsm.start();
  }

  get state(): TeiUserState {
    return this.#fsm.state;
  }

  get tei(): number | undefined {
    return this.#tei;
  }

  /** The reference number of the outstanding (or last) identity request. */
  get ri(): number {
    return this.#ri;
  }

  request(): void {
    this.#fsm.fire('request');
  }

  stop(): void {
    this.#fsm.fire('stop');
  }

  /** A TEI management message from the network (broadcast: it may concern another TE). */
  receive(m: TeiMessage): void {
    const state = this.#fsm.state;
    const mine = m.ai === AI_GROUP || m.ai === this.#tei;
    if (state === 'identity requested' && m.ri === this.#ri && m.type === 'IDENTITY_ASSIGNED') this.#fsm.fire('identity assigned', m);
    else if (state === 'identity requested' && m.ri === this.#ri && m.type === 'IDENTITY_DENIED') this.#fsm.fire('identity denied', m);
    else if (state === 'TEI assigned' && mine && m.type === 'IDENTITY_CHECK_REQUEST') this.#fsm.fire('identity check request', m);
    else if (state === 'TEI assigned' && mine && m.type === 'IDENTITY_REMOVE') this.#fsm.fire('identity remove', m);
  }

  #randomRi(): number {
    return Math.floor(this.#host.random() * 0x10000) & 0xffff;
  }

  #sendRequest(): void {
    this.#requests += 1;
    this.#ri = this.#randomRi();
    this.#send('IDENTITY_REQUEST', this.#ri, AI_GROUP);
  }

  #send(type: TeiMessageName, ri: number, ai: number): void {
    this.#host.transmit(teiFrame({ type, ri, ai }, false));
  }
}
