// The UA core (RFC 3261 §8, §12-§15): the transaction user of one TransactionLayer. It turns a
// new INVITE into a ServerCall ('invite' event) after the checks of §8.2 (420, 415, 400) and
// RFC 4028 (422); sends the INVITE of each ClientCall; routes requests within a dialog, ACKs and
// late 2xx to the dialog's call, CANCEL to the call it cancels; answers OPTIONS with its
// capabilities (§11.2) and requests for unknown dialogs with 481. It reaches the wire only through
// the injected send(); messages arrive through receive(), so it runs on any transport.
import type { Clock } from '../../core/clock.js';
import type { GwError } from '../../core/errors.js';
import type { FsmLogger } from '../../core/fsm.js';
import { err, ok, type Result } from '../../core/result.js';
import { uasDialogInit, type Dialog } from '../dialog/dialog.js';
import { MIN_SE_FLOOR, uasSessionDecision, type SessionTimerConfig } from '../dialog/session-expires.js';
import { badRequestReason, parseFromTo, parseUri, type SipError, type SipMessage, type SipRequest, type SipResponse } from '../message/index.js';
import { clientKey } from '../transaction/matching.js';
import type { TxTarget } from '../transaction/message.js';
import { builtTx, sipMessageFactory, sipRequestOf, sipResponseOf, toTxMessage, type SipTxRequest, type SipTxResponse } from '../transaction/parser-adapter.js';
import type { SipTimerBase } from '../transaction/timers.js';
import { TransactionLayer } from '../transaction/transaction-layer.js';
import type { Transaction, TuEvent } from '../transaction/transaction-user.js';
import { decodeBody } from './body.js';
import { buildAnswer, buildResponse, type LocalAddress, type ResponseOptions, type ResponseParts } from './builders.js';
import { allowField, BASE_ACCEPT, capabilityFields, unacceptedType, unsupportedRequired } from './capabilities.js';
import { ClientCall, type InviteOptions } from './client-call.js';
import type { ClientHandler, DialogUser, InviteHooks, LiveCall, SipServerTx, UaCore } from './core.js';
import { Emitter } from './emitter.js';
import { BadParty, BadTarget } from './errors.js';
import { randomIds, type IdSource } from './ids.js';
import { IncomingRequest } from './incoming-request.js';
import { requestView } from './received.js';
import { ServerCall } from './server-call.js';
import { uriTarget } from './target.js';

/** Hands a message to the transport; a failure to send is reported through `onError`. */
export type UaSend = (message: SipMessage, target: TxTarget, onError: (reason: string) => void) => void;

export interface UserAgentOptions {
  readonly clock: Clock;
  readonly send: UaSend;
  /** the Via sent-by and Contact address of this UA */
  readonly local: LocalAddress;
  /** where INVITEs go unless invite() names a next hop; by default the Request-URI's host */
  readonly outboundProxy?: TxTarget;
  /** the User-Agent header of requests and Server header of responses; default `Tandem` */
  readonly product?: string;
  /** body types accepted besides application/sdp and multipart/mixed, e.g. `application/isup` */
  readonly accept?: readonly string[];
  /** RFC 4028: the interval to ask for or grant (none: only honour the peer's) and the Min-SE (default 90) */
  readonly sessionTimer?: { readonly interval?: number; readonly minSE?: number };
  /** T1, T2, T4 in ms */
  readonly timers?: Partial<SipTimerBase>;
  /** every transition of every transaction, dialog, reliable provisional and session timer */
  readonly log?: FsmLogger;
  readonly ids?: IdSource;
}

export interface UserAgentEvents {
  /** a new INVITE: answer it through the ServerCall */
  invite: ServerCall;
  /** a request outside any dialog other than INVITE, OPTIONS, CANCEL (e.g. MESSAGE); without listeners 405 */
  request: IncomingRequest;
}

/** Methods that exist only within a dialog: outside one they get 481. */
const DIALOG_ONLY = ['BYE', 'PRACK', 'UPDATE', 'INFO'];

function isServer(tx: Transaction<SipMessage>): tx is SipServerTx {
  return tx.kind === 'ist' || tx.kind === 'nist';
}

type UaDialog = Dialog<DialogUser>;

export class UserAgent extends Emitter<UserAgentEvents> {
  readonly #layer: TransactionLayer<SipMessage>;
  readonly #core: UaCore;
  readonly #outboundProxy: TxTarget | undefined;
  readonly #handlers = new Map<string, ClientHandler>();
  /**
   * The dialogs by Call-ID (the dialog's own string: no key string per dialog), several only for
   * a forked call or a Call-ID shared by dialogs of this UA on both sides.
   */
  readonly #dialogs = new Map<string, UaDialog | UaDialog[]>();
  #dialogCount = 0;
  /** the calls of INVITE server transactions still alive, which hear of a CANCEL or a transport error */
  readonly #invites = new Map<SipServerTx, InviteHooks>();
  /** the calls not yet ended, whose timers close() stops */
  readonly #calls = new Set<LiveCall>();
  /** sends a response through its server transaction, with the Server header */
  readonly #respondWith: (tx: SipServerTx, response: SipResponse) => void;

  constructor(options: UserAgentOptions) {
    super();
    const { log } = options;
    const sessionTimer: SessionTimerConfig = {
      ...(options.sessionTimer?.interval === undefined ? {} : { interval: options.sessionTimer.interval }),
      minSE: Math.max(options.sessionTimer?.minSE ?? MIN_SE_FLOOR, MIN_SE_FLOOR),
    };
    this.#outboundProxy = options.outboundProxy;
    const product = options.product ?? 'Tandem';
    this.#respondWith = (tx, response) => tx.respond(builtTx({ ...response, headers: [...response.headers, { name: 'Server', value: product }] }));
    this.#layer = new TransactionLayer<SipMessage>({
      clock: options.clock,
      send: (message, target, onError) => options.send(message.payload, target, onError),
      factory: sipMessageFactory,
      tu: (event) => this.#tu(event),
      ...(options.timers === undefined ? {} : { timers: options.timers }),
      log,
    });
    this.#core = {
      clock: options.clock,
      log,
      ids: options.ids ?? randomIds(options.local.host),
      local: options.local,
      product,
      accept: [...BASE_ACCEPT, ...(options.accept ?? [])],
      sessionTimer,
      timers: options.timers ?? {},
      request: (request, target, handler) => this.#request(request, target, handler),
      sendAck: (ack, target) => options.send(ack, target, () => undefined),
      respond: this.#respondWith,
      targetOf: uriTarget,
      addDialog: (dialog) => this.#addDialog(dialog),
      removeDialog: (dialog) => this.#removeDialog(dialog),
      addCall: (call) => this.#calls.add(call),
      removeCall: (call) => this.#calls.delete(call),
    };
  }

  /** Dialogs alive (early or confirmed). */
  get dialogCount(): number {
    return this.#dialogCount;
  }

  /** Transactions alive. */
  get transactionCount(): number {
    return this.#layer.size;
  }

  /**
   * Places a call to `target` (a sip: or sips: URI). The INVITE goes out on the next microtask,
   * so listeners attached right after this call see every event.
   */
  invite(target: string, options: InviteOptions & { readonly nextHop?: TxTarget }): Result<ClientCall, GwError> {
    const uri = parseUri(target);
    if (!uri.ok) return err(new BadTarget(`${target}: ${uri.error.message}`));
    const from = parseFromTo(options.from);
    const to = parseFromTo(options.to ?? `<${target}>`);
    if (!from.ok || !to.ok || to.value.tag !== undefined) return err(new BadParty(`from ${options.from}, to ${options.to ?? target}`));
    const nextHop = options.nextHop ?? this.#outboundProxy;
    const resolved = nextHop === undefined ? uriTarget(uri.value) : ok(nextHop);
    if (!resolved.ok) return resolved;
    const call = new ClientCall(this.#core, { requestUri: target, target: resolved.value, from: from.value, to: to.value, options });
    queueMicrotask(() => call.start());
    return ok(call);
  }

  /** Calls not yet ended. */
  get callCount(): number {
    return this.#calls.size;
  }

  /**
   * Closes the UA, e.g. before its transports close on shutdown: every call not yet ended is
   * abandoned (session timers, 2xx retransmissions until the ACK, reliable provisional
   * retransmissions, CANCEL guards stop; no event is emitted) and the transaction layer is closed
   * (every live transaction stops: no retransmission, e.g. a BYE's Timer E, is sent any more).
   * After it nothing is sent: invite() fails its calls with GW_ERR_TX_CLOSED and received
   * messages are dropped. Idempotent.
   */
  close(): void {
    for (const call of [...this.#calls]) call.abandon();
    this.#calls.clear();
    this.#layer.close();
    this.#handlers.clear();
    this.#invites.clear();
    this.#dialogs.clear();
    this.#dialogCount = 0;
  }

  /** A message from the transport, parsed; `source` is where it came from. */
  receive(message: SipMessage, source: TxTarget): void {
    const tx = toTxMessage(message);
    if (tx.ok) this.#layer.receive(tx.value, source);
  }

  #request(request: SipRequest, target: TxTarget, handler: ClientHandler): void {
    const tx = builtTx(request);
    const key = clientKey(tx.branch ?? '', tx.method);
    this.#handlers.set(key, handler);
    const started = this.#layer.request(tx, target);
    if (started.ok) return;
    this.#handlers.delete(key);
    handler.failure(started.error);
  }

  #tu(event: TuEvent<SipMessage>): void {
    switch (event.type) {
      case 'request':
        this.#onRequest(event.tx, event.cancels);
        return;
      case 'response':
        this.#handler(event.tx.request)?.response(sipResponseOf(event.response));
        return;
      case 'ack':
        this.#inDialog(event.ack.callId, event.ack.toTag, event.ack.fromTag, (dialog) => dialog.owner.ack(event.ack, dialog));
        return;
      case 'stray-response':
        this.#onStray(event.response);
        return;
      case 'error':
        if (!isServer(event.tx)) this.#handler(event.tx.request)?.failure(event.error);
        else if (event.error.code === 'GW_ERR_TX_TRANSPORT') this.#invites.get(event.tx)?.transportFailed(event.error);
        return;
      case 'terminated':
        if (!isServer(event.tx)) this.#handlers.delete(clientKey(event.tx.request.branch ?? '', event.tx.request.method));
        else this.#invites.delete(event.tx);
    }
  }

  #handler(request: SipTxRequest): ClientHandler | undefined {
    return this.#handlers.get(clientKey(request.branch ?? '', request.method));
  }

  /** Runs `then` with the dialog (callId, local tag, remote tag), if there is one. */
  #inDialog(callId: string, localTag: string | undefined, remoteTag: string | undefined, then: (dialog: UaDialog) => void): boolean {
    const dialog = localTag === undefined ? undefined : this.#findDialog(callId, localTag, remoteTag ?? '');
    if (dialog !== undefined) then(dialog);
    return dialog !== undefined;
  }

  #findDialog(callId: string, localTag: string, remoteTag: string): UaDialog | undefined {
    const found = this.#dialogs.get(callId);
    const same = (d: UaDialog): boolean => d.id.localTag === localTag && d.id.remoteTag === remoteTag;
    if (found === undefined || !Array.isArray(found)) return found !== undefined && same(found) ? found : undefined;
    return found.find(same);
  }

  /** Adds `dialog`; one with the same id is replaced (as in a Map keyed by the whole id). */
  #addDialog(dialog: UaDialog): void {
    const others = this.#othersThan(dialog);
    this.#dialogCount += 1;
    this.#dialogs.set(dialog.id.callId, others.length === 0 ? dialog : others.concat([dialog]));
  }

  /** Removes the dialog with the id of `dialog`. */
  #removeDialog(dialog: Dialog): void {
    const { callId } = dialog.id;
    const others = this.#othersThan(dialog);
    const [only] = others;
    if (only === undefined) this.#dialogs.delete(callId);
    else this.#dialogs.set(callId, others.length === 1 ? only : others);
  }

  /** The dialogs of the Call-ID of `dialog` with another id; counts out the one with its id, if any. */
  #othersThan(dialog: Dialog): UaDialog[] {
    const { callId, localTag, remoteTag } = dialog.id;
    const found = this.#dialogs.get(callId);
    const all = found === undefined ? [] : Array.isArray(found) ? found : [found];
    const others = all.filter((d) => d.id.localTag !== localTag || d.id.remoteTag !== remoteTag);
    this.#dialogCount -= all.length - others.length;
    return others;
  }

  /** A 2xx to an INVITE after its transaction ended: its dialog sends the ACK again (RFC 6026 §7.2). */
  #onStray(response: SipTxResponse): void {
    if (response.status < 200 || response.status > 299 || response.cseq.method !== 'INVITE') return;
    this.#inDialog(response.callId, response.fromTag, response.toTag, (dialog) => dialog.owner.stray2xx(response, dialog));
  }

  #respond(tx: SipServerTx, status: number, parts: ResponseParts = {}): void {
    this.#respondWith(tx, buildResponse(sipRequestOf(tx.request), status, { toTag: this.#core.ids.tag(), ...parts }));
  }

  #onRequest(tx: SipServerTx, cancels: SipServerTx | undefined): void {
    const request = sipRequestOf(tx.request);
    if (request.method === 'CANCEL') {
      const call = cancels === undefined ? undefined : this.#invites.get(cancels);
      if (call === undefined) this.#respond(tx, 481);
      else call.cancelled(tx);
      return;
    }
    const unsupported = unsupportedRequired(request);
    if (unsupported.length > 0) {
      this.#respond(tx, 420, { headers: [{ name: 'Unsupported', value: unsupported.join(', ') }] });
      return;
    }
    const { callId, toTag, fromTag } = tx.request;
    if (toTag !== undefined) {
      if (!this.#inDialog(callId, toTag, fromTag, (dialog) => dialog.owner.request(tx, dialog))) this.#respond(tx, 481);
      return;
    }
    if (request.method === 'INVITE') this.#newCall(tx, request);
    else if (request.method === 'OPTIONS') this.#respond(tx, 200, { headers: capabilityFields(this.#core.accept) });
    else if (DIALOG_ONLY.includes(request.method)) this.#respond(tx, 481);
    else this.#other(tx, request);
  }

  #newCall(tx: SipServerTx, request: SipRequest): void {
    const type = unacceptedType(request, this.#core.accept);
    if (type !== undefined) {
      this.#respond(tx, 415, { headers: [{ name: 'Accept', value: this.#core.accept.join(', ') }] });
      return;
    }
    const bad = (error: SipError): void => this.#respond(tx, 400, { reason: badRequestReason(error) });
    const body = decodeBody(request);
    if (!body.ok) return bad(body.error);
    const dialog = uasDialogInit(request, this.#core.ids.tag());
    if (!dialog.ok) return bad(dialog.error);
    const session = uasSessionDecision(request.headers, this.#core.sessionTimer);
    if (!session.ok) return bad(session.error);
    if (session.value.kind === 'too-small') {
      this.#respond(tx, 422, { headers: [{ name: 'Min-SE', value: String(session.value.minSE) }] });
      return;
    }
    if (this.listenerCount('invite') === 0) {
      this.#respond(tx, 480);
      return;
    }
    const attach = (hooks: InviteHooks): void => {
      this.#invites.set(tx, hooks);
    };
    this.emit('invite', new ServerCall(this.#core, { tx, invite: requestView(request, body.value), dialog: dialog.value, session: session.value, attach }));
  }

  #other(tx: SipServerTx, request: SipRequest): void {
    const body = decodeBody(request);
    if (this.listenerCount('request') === 0 || !body.ok) {
      this.#respond(tx, body.ok ? 405 : 400, body.ok ? { headers: [allowField()] } : { reason: badRequestReason(body.error) });
      return;
    }
    const tag = this.#core.ids.tag();
    const respond = (status: number, options: ResponseOptions): Result<void, GwError> => {
      this.#respondWith(tx, buildAnswer(request, status, options, { toTag: tag, newBoundary: this.#core.ids.boundary }));
      return ok(undefined);
    };
    this.emit('request', new IncomingRequest(requestView(request, body.value), respond));
  }
}
