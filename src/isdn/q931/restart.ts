// Restart procedures, Q.931 §5.5: sending RESTART on the global call reference (RESTART_FSM,
// T316 with N316 retransmissions) and answering a received RESTART (§5.5.2: clear the calls on
// the channels, RESTART ACKNOWLEDGE with the same restart indicator and channel identification).
import { Fsm } from '../../core/fsm.js';
import { RestartClass, findIe, type InformationElement, type MessageName, type Q931Message } from 'q931-codec';
import { channelList, decodeChannel } from './channel.js';
import { Q931BadIe, Q931Restart } from './errors.js';
import { callStateIe, causeIe } from './ies.js';
import type { FsmLogger } from '../../core/fsm.js';
import type { Clock } from '../../core/clock.js';
import type { Cause } from 'q931-codec';
import type { InterfaceKind, Q931Event, SwitchVariant } from './service.js';
import type { Q931TimerValues } from './timers.js';
import { RESTART_FSM, type RestartAction, type RestartEvent, type RestartState } from './restart.fsm.js';
import { N316 } from './timers.js';

/** What the restart procedures need from the interface (interface.ts implements it). */
export interface RestartHost {
  readonly side: 'network' | 'user';
  readonly kind: InterfaceKind;
  readonly variant: SwitchVariant;
  readonly crLength: number;
  readonly timers: Q931TimerValues;
  readonly clock: Clock;
  readonly log: FsmLogger;
  readonly restarts: Set<RestartProcedure>;
  sendRaw(tei: number, cr: { length: number; flag: boolean; value: number }, type: MessageName, ies: InformationElement[]): void;
  linkTei(): number;
  emit(event: Q931Event): void;
  protocolError(code: string, text: string): void;
  clearChannels(channels: readonly number[] | 'all', cause: Cause): void;
}

/** The restart indicator class for "the whole interface": NI2 restarts a single interface (class 6), EuroISDN all interfaces (class 7). */
function allClass(q: RestartHost): number {
  return q.variant === 'ni2' ? RestartClass.SINGLE_INTERFACE : RestartClass.ALL_INTERFACES;
}

export function restartIes(q: RestartHost, channels: readonly number[] | 'all'): InformationElement[] {
  if (channels === 'all') return [{ name: 'restartIndicator', value: { restartClass: allClass(q) } }];
  return [
    { name: 'channelIdentification', value: channelList(q.kind, channels) },
    { name: 'restartIndicator', value: { restartClass: RestartClass.INDICATED_CHANNELS } },
  ];
}

/** The channels a RESTART or RESTART ACKNOWLEDGE names, or a problem. */
function channelsOf(q: RestartHost, msg: Exclude<Q931Message, { type: 'UNKNOWN' }>): readonly number[] | 'all' | { cause: number; text: string } {
  const ri = findIe(msg.ies, 'restartIndicator');
  if (ri === undefined) return { cause: 96, text: 'no restart indicator' };
  if (ri.restartClass === RestartClass.SINGLE_INTERFACE || ri.restartClass === RestartClass.ALL_INTERFACES) return 'all';
  if (ri.restartClass !== RestartClass.INDICATED_CHANNELS) return { cause: 100, text: `restart class ${ri.restartClass}` };
  const ci = findIe(msg.ies, 'channelIdentification');
  if (ci === undefined) return { cause: 96, text: 'indicated channels without channel identification' };
  const d = decodeChannel(q.kind, ci);
  if (!('channels' in d)) return d;
  if (d.channels.length === 0) return { cause: 100, text: 'no channel indicated' };
  return d.channels;
}

export class RestartProcedure {
  readonly #fsm: Fsm<RestartState, RestartEvent, RestartAction, 'T316', undefined>;
  #expiries = 0;

  constructor(
    private readonly q: RestartHost,
    readonly channels: readonly number[] | 'all',
  ) {
    const send = (): void => q.sendRaw(q.linkTei(), { length: q.crLength, flag: false, value: 0 }, 'RESTART', restartIes(q, channels));
    this.#fsm = new Fsm(RESTART_FSM, {
      id: channels === 'all' ? 'all' : channels.join(','),
      clock: q.clock,
      log: q.log,
      duration: () => q.timers.T316,
      actions: {
        sendRestart: send,
        t316Expiry: () => {
          if (++this.#expiries <= N316) send();
          else this.#fsm.fire('giveUp');
        },
        indicateAcknowledged: () => q.emit({ kind: 'restartAck', channels, acknowledged: true }),
        indicateFailed: () => q.emit({ kind: 'restartAck', channels, acknowledged: false }),
      },
      onFinal: () => q.restarts.delete(this),
    });
  }

  start(): void {
    this.q.restarts.add(this);
    this.#fsm.start();
    this.#fsm.fire('restartReq');
  }

  matches(msg: Q931Message): boolean {
    if (msg.type !== 'RESTART_ACKNOWLEDGE') return false;
    const got = channelsOf(this.q, msg);
    if (got === 'all' || this.channels === 'all') return got === this.channels;
    return Array.isArray(got) && got.length === this.channels.length && got.every((c, i) => c === this.channels[i]);
  }

  acknowledge(): void {
    this.#fsm.fire('RESTART_ACKNOWLEDGE');
  }
}

/** §5.5.2: a RESTART from the far end. */
export function receiveRestart(q: RestartHost, tei: number, msg: Exclude<Q931Message, { type: 'UNKNOWN' }>): void {
  const reply = { length: q.crLength, flag: true, value: 0 };
  const channels = channelsOf(q, msg);
  if (!(channels === 'all' || Array.isArray(channels))) {
    const problem = channels as { cause: number; text: string };
    q.protocolError(problem.cause === 96 ? Q931BadIe.code : Q931Restart.code, `RESTART: ${problem.text}`);
    q.sendRaw(tei, reply, 'STATUS', [{ name: 'cause', value: causeIe(problem.cause, q.side) }, callStateIe(0)]);
    return;
  }
  q.clearChannels(channels, causeIe(41, q.side));
  const ies = msg.ies.filter((ie) => ie.name === 'channelIdentification' || ie.name === 'restartIndicator');
  q.sendRaw(tei, reply, 'RESTART_ACKNOWLEDGE', ies);
  q.emit({ kind: 'restart', channels });
}
