// The SIP transaction layer (RFC 3261 §17, RFC 6026): creates client transactions for the TU,
// matches responses and requests to transactions, creates server transactions for new requests,
// and lets the TU know of everything through one callback. Only the injected send() touches the wire.
import type { Clock, TimerHandle } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import type { FsmLogger } from '../../core/fsm.js';
import { err, ok, type Result } from '../../core/result.js';
import { ownString } from '../../core/strings.js';
import { TxBadRequest, TxClosed, TxExists } from './errors.js';
import { InviteClientTransaction } from './invite-client.js';
import { InviteServerTransaction } from './invite-server.js';
import { cancelledKey, cancelsRfc2543, clientKey, hasMagicCookie, matchesRfc2543, responseKey, serverKey } from './matching.js';
import type { TxMessage, TxMessageFactory, TxRequest, TxResponse, TxSend, TxTarget } from './message.js';
import { NonInviteClientTransaction } from './non-invite-client.js';
import { NonInviteServerTransaction } from './non-invite-server.js';
import { SIP_TIMER_DEFAULTS, type SipTimerBase } from './timers.js';
import type { ClientTransaction, TimerLUser, TuEvent, TxContext } from './transaction-user.js';

export interface TransactionLayerOptions<P> {
  readonly clock: Clock;
  readonly send: TxSend<P>;
  readonly factory: TxMessageFactory<P>;
  /** Receives every event for the TU (see TuEvent). */
  readonly tu: (event: TuEvent<P>) => void;
  /** T1, T2, T4 in ms; RFC 3261 defaults for any not given. */
  readonly timers?: Partial<SipTimerBase>;
  /** Every transition of every transaction, in the FSM engine's one shape. */
  readonly log?: FsmLogger;
}

type ClientTx<P> = InviteClientTransaction<P> | NonInviteClientTransaction<P>;
type ServerTx<P> = InviteServerTransaction<P> | NonInviteServerTransaction<P>;

export class TransactionLayer<P> {
  readonly #ctx: TxContext<P>;
  readonly #clients = new Map<string, ClientTx<P>>();
  /** Server transactions of requests with the magic cookie, by serverKey(). */
  readonly #servers = new Map<string, ServerTx<P>>();
  /** Server transactions of RFC 2543 requests, by a name of our making; matched one by one. */
  readonly #rfc2543 = new Map<string, ServerTx<P>>();
  #rfc2543Seq = 0;
  #closed = false;
  /**
   * Timer L of the INVITE server transactions in Accepted, in the order they entered it (L is
   * the same 64*T1 for all, so that is the order it fires in): each with when it is due, from
   * #lHead on; one clock timer, for the first.
   */
  #lUsers: (TimerLUser | undefined)[] = [];
  #lDue: number[] = [];
  #lHead = 0;
  #lTimer: TimerHandle | undefined;

  constructor(options: TransactionLayerOptions<P>) {
    this.#ctx = {
      clock: options.clock,
      send: options.send,
      factory: options.factory,
      tu: options.tu,
      base: { ...SIP_TIMER_DEFAULTS, ...options.timers },
      log: options.log,
      remove: (key, tx) => {
        for (const map of [this.#servers, this.#rfc2543]) if (map.get(key) === tx) map.delete(key);
      },
      timerL: (tx, ms) => this.#armTimerL(tx, ms),
    };
  }

  /** Live transactions. */
  get size(): number {
    return this.#clients.size + this.#servers.size + this.#rfc2543.size;
  }

  /**
   * Starts a client transaction for `request` and sends it to `target`. The request must carry a
   * branch with the magic cookie; an ACK is no transaction (the TU sends a 2xx's ACK itself).
   */
  request(request: TxRequest<P>, target: TxTarget): Result<ClientTransaction<P>, GwError> {
    if (this.#closed) return err(new TxClosed(`${request.method} ${request.branch ?? '(no branch)'}`));
    if (request.method === 'ACK') return err(new TxBadRequest('an ACK is not sent in a client transaction (RFC 3261 §17.1.1.3)'));
    if (!hasMagicCookie(request.branch)) return err(new TxBadRequest(`branch ${request.branch ?? '(none)'} lacks the z9hG4bK magic cookie`));
    const key = clientKey(request.branch, request.method);
    if (this.#clients.has(key)) return err(new TxExists(key));
    const done = (): boolean => this.#clients.delete(key);
    const tx =
      request.method === 'INVITE'
        ? new InviteClientTransaction(request.branch, request, target, this.#ctx, done)
        : new NonInviteClientTransaction(request.branch, request, target, this.#ctx, done);
    this.#clients.set(key, tx);
    tx.start();
    return ok(tx);
  }

  /**
   * Closes the layer, e.g. when the process shuts down: every live transaction is abandoned (its
   * timers cancelled, so no retransmission, timeout or Timer K/J/I/M expiry follows; no TU event,
   * not even `terminated`) and leaves the layer (`size` 0). From then on request() fails with
   * GW_ERR_TX_CLOSED and received messages are dropped. Idempotent.
   */
  close(): void {
    this.#closed = true;
    this.#lTimer?.cancel();
    this.#lTimer = undefined;
    this.#lUsers = [];
    this.#lDue = [];
    this.#lHead = 0;
    for (const map of [this.#clients, this.#servers, this.#rfc2543]) {
      for (const tx of [...map.values()]) tx.abandon();
      map.clear();
    }
  }

  #armTimerL(tx: TimerLUser, ms: number): void {
    if (this.#closed) return;
    this.#lUsers.push(tx);
    this.#lDue.push(this.#ctx.clock.now() + ms);
    this.#lTimer ??= this.#ctx.clock.setTimer(ms, () => this.#timerL());
  }

  /** Fires Timer L of every transaction due, then waits for the next. */
  #timerL(): void {
    this.#lTimer = undefined;
    const now = this.#ctx.clock.now();
    const users = this.#lUsers;
    while (this.#lHead < users.length && (this.#lDue[this.#lHead] ?? 0) <= now) {
      const tx = users[this.#lHead];
      users[this.#lHead] = undefined;
      this.#lHead++;
      tx?.timerLExpired();
    }
    // Drop the fired ones once they are most of the arrays.
    if (this.#lHead > 1024 && this.#lHead * 2 > users.length) {
      this.#lUsers = users.slice(this.#lHead);
      this.#lDue = this.#lDue.slice(this.#lHead);
      this.#lHead = 0;
    }
    const next = this.#lDue[this.#lHead];
    if (next !== undefined && !this.#closed) this.#lTimer = this.#ctx.clock.setTimer(next - now, () => this.#timerL());
  }

  /** A message from the transport; `source` is where it came from. */
  receive(message: TxMessage<P>, source: TxTarget): void {
    if (this.#closed) return;
    if (message.kind === 'response') this.#receiveResponse(message, source);
    else this.#receiveRequest(message, source);
  }

  #receiveResponse(response: TxResponse<P>, source: TxTarget): void {
    const key = responseKey(response);
    const tx = key === undefined ? undefined : this.#clients.get(key);
    if (tx === undefined) this.#ctx.tu({ type: 'stray-response', response, source });
    else tx.receive(response);
  }

  #receiveRequest(request: TxRequest<P>, source: TxTarget): void {
    const key = serverKey(request);
    const found = key === undefined ? this.#findRfc2543(request) : this.#servers.get(key);
    if (found !== undefined) found.receive(request);
    else if (request.method === 'ACK') this.#ctx.tu({ type: 'ack', ack: request });
    else this.#create(request, source, key);
  }

  #findRfc2543(request: TxRequest<P>): ServerTx<P> | undefined {
    for (const tx of this.#rfc2543.values()) {
      if (matchesRfc2543(tx.request, tx.kind === 'ist' ? tx.responseToTag : undefined, request)) return tx;
    }
    return undefined;
  }

  #cancelled(cancel: TxRequest<P>): ServerTx<P> | undefined {
    const key = cancelledKey(cancel);
    if (key !== undefined) return this.#servers.get(key);
    for (const tx of this.#rfc2543.values()) if (cancelsRfc2543(tx.request, cancel)) return tx;
    return undefined;
  }

  #create(request: TxRequest<P>, source: TxTarget, key: string | undefined): void {
    const map = key === undefined ? this.#rfc2543 : this.#servers;
    // A string of its own: built from slices of the received text, it would keep that text alive.
    const name = key === undefined ? `rfc2543-${++this.#rfc2543Seq}` : ownString(key);
    let tx: ServerTx<P>;
    if (request.method === 'INVITE') tx = new InviteServerTransaction(request, source, this.#ctx, name);
    else {
      const id = hasMagicCookie(request.branch) ? request.branch : name;
      tx = new NonInviteServerTransaction(id, request, source, this.#ctx, name, request.method === 'CANCEL' ? this.#cancelled(request) : undefined);
    }
    map.set(name, tx);
    tx.start();
  }
}
