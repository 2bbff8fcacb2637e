// Gateway call control: every call joins a SIP dialog to a circuit call through the span driver
// port, in both directions. CallControl listens to the UA's new INVITEs (S→P calls), to the
// drivers' IAMs (P→S calls, seized through the trunk-group manager, dual seizure resolved there),
// to the other call messages of each circuit (delivered to the call holding it; a REL on a circuit
// without a call is answered RLC, Q.764 §2.3), and to the manager's `callCleared` events. Each call
// runs its declared table (sip-to-pstn.fsm.ts, pstn-to-sip.fsm.ts) on the injected clock and
// reports its steps as CDR call events.
import { randomUUID } from 'node:crypto';
import { CauseLocation } from 'ss7-isup-codec';
import { ownString } from '../../core/strings.js';
import { rlc } from '../../drivers/isup-messages.js';
import { CALL_MESSAGES, type DriverEvent, type OnCircuit, type SpanDriver } from '../../drivers/port.js';
import type { ServerCall } from '../../sip/ua/index.js';
import type { TrunkGroupEvent } from '../../trunkgroups/events.js';
import { causeIndicators } from '../mapping/index.js';
import { CallRecord } from './cdr.js';
import type { CircuitLeg } from './circuit-leg.js';
import type { CallContext, CallSnapshot, GatewayCall } from './context.js';
import { admitInvite } from './incoming-invite.js';
import { lazyChild, lazySipToPstnChild } from './lazy-logger.js';
import type { CallControlOptions, CallLogger } from './options.js';
import { PstnToSipCall } from './pstn-to-sip-call.js';

export class CallControl {
  readonly #o: CallControlOptions;
  readonly #log: CallLogger;
  readonly #newKey: () => string;
  readonly #calls = new Map<string, GatewayCall>();
  /** the call holding each circuit, by driver name and CIC (no key string per call) */
  readonly #byCircuit = new Map<string, Map<number, GatewayCall>>();
  readonly #unsubscribe: (() => void)[] = [];
  readonly #ctx: CallContext;

  constructor(options: CallControlOptions) {
    this.#o = options;
    this.#log = options.logger;
    const newKey = options.newCallKey ?? randomUUID;
    // Node builds a UUID as a chain of some 16 concatenated strings (about 480 bytes); the key is
    // kept by the call, its circuit and its CDR for the call's life, so it is made one string.
    this.#newKey = () => ownString(newKey());
    this.#ctx = {
      clock: options.clock,
      manager: options.trunkGroups,
      ua: options.ua,
      config: options.config,
      mapping: options.mapping,
      onCallEvent: options.onCallEvent,
      hold: (call, leg) => this.#circuitsOf(leg.driver.name).set(leg.cic, call),
      letGo: (call, leg) => this.#letGo(call, leg),
      done: (call) => {
        this.#calls.delete(call.key);
        this.#log.debug({ callKey: call.key }, 'call ended');
      },
    };
    this.#unsubscribe.push(options.ua.on('invite', (call) => this.#onInvite(call)));
    for (const driver of options.drivers) this.#unsubscribe.push(driver.subscribe((e) => this.#onDriver(driver, e)));
    this.#unsubscribe.push(options.trunkGroups.subscribe((e) => this.#onTrunkGroups(e)));
  }

  /** Calls in progress (until their circuit is released). */
  get activeCalls(): number {
    return this.#calls.size;
  }

  /** Every call in progress: its key, direction, state, peer, trunk group, CIC and SIP Call-ID. */
  calls(): CallSnapshot[] {
    return [...this.#calls.values()].map((c) => c.snapshot());
  }

  /**
   * Releases every call in progress on both sides with `cause` (default 16, normal call clearing;
   * location: the local public network): REL toward the circuit, and toward SIP a BYE (answered),
   * a CANCEL (P→S, unanswered) or the cause table's final response (S→P, unanswered), with Reason.
   * Resolves once every call has ended (the REL/RLC exchanges completed) or `withinMs` has passed
   * on the clock, with the number released and the number still up then.
   */
  releaseAll(cause = 16, withinMs = 5000): Promise<{ released: number; remaining: number }> {
    const calls = [...this.#calls.values()];
    const ci = causeIndicators(cause, CauseLocation.PUBLIC_NETWORK_LOCAL);
    for (const call of calls) call.release({ cause: ci, by: 'draining' });
    const clock = this.#o.clock;
    const end = clock.now() + withinMs;
    return new Promise((resolve) => {
      const check = (): void => {
        const remaining = calls.filter((c) => this.#calls.get(c.key) === c).length;
        if (remaining === 0 || clock.now() >= end) resolve({ released: calls.length, remaining });
        else clock.setTimer(Math.min(50, end - clock.now()), check);
      };
      check();
    });
  }

  /** Stops taking new calls and events; calls in progress get no more input. */
  dispose(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
  }

  #circuitsOf(driver: string): Map<number, GatewayCall> {
    let calls = this.#byCircuit.get(driver);
    if (calls === undefined) this.#byCircuit.set(driver, (calls = new Map<number, GatewayCall>()));
    return calls;
  }

  #letGo(call: GatewayCall, leg: CircuitLeg): void {
    const calls = this.#byCircuit.get(leg.driver.name);
    if (calls?.get(leg.cic) === call) calls.delete(leg.cic);
  }

  #onInvite(sip: ServerCall): void {
    const key = this.#newKey();
    const log = lazySipToPstnChild(this.#log, key, sip.callId);
    const call = admitInvite({ key, sip, decision: this.#o.peerOf(sip), ctx: this.#ctx, log });
    if (call === undefined) return;
    this.#calls.set(key, call);
    call.start();
  }

  #onDriver(driver: SpanDriver, e: DriverEvent): void {
    if (e.kind !== 'message') return;
    const m = e.message;
    if (m.type === 'IAM') {
      this.#onIam(driver, m);
      return;
    }
    if (!(CALL_MESSAGES as readonly string[]).includes(m.type)) return;
    const call = this.#byCircuit.get(driver.name)?.get(m.cic);
    if (call !== undefined) call.fromPstn(m);
    else if (m.type === 'REL') driver.send(rlc(m.cic));
  }

  #onIam(driver: SpanDriver, iam: OnCircuit<'IAM'>): void {
    const key = this.#newKey();
    const seized = this.#o.trunkGroups.seizeIncoming(driver.name, iam.cic, key);
    if (!seized.ok) {
      this.#log.info({ driver: driver.name, cic: iam.cic, err: seized.error }, 'IAM disregarded');
      return;
    }
    const lost = seized.value.backedOff;
    if (lost !== undefined) this.#calls.get(lost.callId)?.glare?.(lost);
    const log = lazyChild(this.#log, { callKey: key, direction: 'pstnToSip', group: seized.value.group, cic: iam.cic });
    const call = new PstnToSipCall({ key, iam, seizure: seized.value, driver, ctx: this.#ctx, log, record: new CallRecord(key, this.#o.clock, this.#o.onCallEvent) });
    this.#calls.set(key, call);
    call.start();
  }

  #onTrunkGroups(e: TrunkGroupEvent): void {
    if (e.type === 'callCleared') this.#calls.get(e.callId)?.cleared();
  }
}
