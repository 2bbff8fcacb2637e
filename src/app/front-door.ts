// What a request must pass before the UA core sees it (docs/operations.md "Access"): every
// request outside a dialog, other than ACK and CANCEL, must come from a configured peer (ACL,
// digest: PeerAccess), and while the gateway drains, new INVITEs and OPTIONS are refused with
// 503. Refusals are answered statelessly (RFC 3261 §8.2.7: a stateless UAS answering, as for an
// authentication challenge, with a To tag derived from the request so retransmissions get the
// same one), logged (one by one up to a limit per source address: RefusalLog), and reported as
// CDR events (attemptStarted, refused). A stranger's request (no peer's ACL admits its source) is
// discarded without an answer when `strangers` is 'drop'. Retransmissions of an
// INVITE already let in are let in again without a second check, so a replayed nonce count
// never fails a call in progress.
import { createHash } from 'node:crypto';
import type { CallEvent } from '../cdr/events.js';
import type { RefusedBy } from '../cdr/record.js';
import type { PeerConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import { ownString } from '../core/strings.js';
import { fieldValues, parseFromTo, parseUri, type HeaderField, type SipMessage, type SipRequest, type Uri } from '../sip/message/index.js';
import { responseTo } from '../sip/registrar/index.js';
import type { TxTarget } from '../sip/transaction/message.js';
import { UserAgent, type UaSend, type UserAgentOptions } from '../sip/ua/index.js';
import { callLogger, type Logger } from './logger.js';
import type { PeerAccess } from './peer-access.js';
import { RefusalLog, type RefusalLogOptions } from './refusal-log.js';

/** How requests from strangers (no peer's ACL admits the source) are answered: 403, or not at all. */
export type StrangerHandling = 'reject' | 'drop';

/** Where an admitted request came from, and as which peer. */
export interface Admission {
  readonly peer: PeerConfig;
  /** the digest username it authenticated with, if it was challenged */
  readonly username?: string;
  readonly source: TxTarget;
  /** when it was let in, on the monotonic clock (ms) */
  readonly at: number;
}

export interface FrontDoorOptions {
  readonly access: PeerAccess;
  readonly clock: Clock;
  /** the UA's send (TransportBinding.send): stateless answers leave the way responses do */
  readonly send: UaSend;
  readonly log: Logger;
  readonly onCallEvent: (event: CallEvent) => void;
  /** the monotonic clock of `Admission.at` (ms) */
  readonly monotonic: () => number;
  /** Retry-After of the 503 sent while draining */
  readonly retryAfterSeconds: number;
  /** gateway.sip.strangers; default 'reject' */
  readonly strangers?: StrangerHandling;
  /** the limits of refusal log lines per source (tests); default REFUSAL_LOG_LIMITS */
  readonly refusalLog?: Pick<RefusalLogOptions, 'perSource' | 'windowMs' | 'maxSources'>;
}

/** RFC 3261 Timer B (64*T1): how long an INVITE may be retransmitted. */
const RETRANSMISSION_WINDOW_MS = 64 * 500;

/** The number in a URI: the user part of a SIP URI (up to its parameters), or a tel URI's number. */
function numberOf(uri: Uri | undefined): string | undefined {
  if (uri?.kind === 'tel') return uri.number;
  return uri?.kind === 'sip' ? uri.user?.split(';')[0] : undefined;
}

function header(request: SipRequest, name: string): string {
  return fieldValues(request.headers, name)[0] ?? '';
}

/**
 * What identifies an INVITE's transaction (RFC 3261 §17.2.3): the branch of its top Via when it
 * has the RFC 3261 magic cookie, else (RFC 2543) Call-ID, CSeq and the top Via.
 */
function transactionKey(request: SipRequest): string {
  const via = header(request, 'Via');
  const branch = /;\s*branch\s*=\s*(z9hG4bK[^;,\s]*)/i.exec(via)?.[1];
  // A string of its own: the key is kept for the retransmission window, and the parser's strings
  // are slices of the whole message text, which they would keep alive as long.
  return ownString(branch ?? `${header(request, 'Call-ID')}\n${header(request, 'CSeq')}\n${via}`);
}

/** An admission, and when it was let in on the gateway's clock (for the retransmission window): one object per INVITE kept for that window. */
class Admitted implements Admission {
  readonly peer: PeerConfig;
  readonly username: string | undefined;
  readonly source: TxTarget;
  readonly at: number;
  readonly #admittedAt: number;

  constructor(peer: PeerConfig, username: string | undefined, source: TxTarget, at: number, admittedAt: number) {
    this.peer = peer;
    this.username = username;
    this.source = source;
    this.at = at;
    this.#admittedAt = admittedAt;
  }

  get admittedAt(): number {
    return this.#admittedAt;
  }
}

export class FrontDoor {
  #draining = false;
  readonly #o: FrontDoorOptions;
  /** admitted INVITEs by transaction, in the order admitted, with when */
  readonly #recent = new Map<string, Admitted>();
  readonly #admissions = new WeakMap<SipRequest, Admission>();
  readonly #refusals: RefusalLog;

  constructor(options: FrontDoorOptions) {
    this.#o = options;
    this.#refusals = new RefusalLog({ ...options.refusalLog, clock: options.clock, log: options.log });
  }

  /** Logs what the refusal log has not logged yet, and stops its timer (shutdown). */
  close(): void {
    this.#refusals.close();
  }

  /** From now on new INVITEs and OPTIONS get 503 (graceful shutdown). */
  drain(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** The peer an INVITE the UA core received came from (the ServerCall's `invite.message`). */
  admissionOf(invite: SipRequest): Admission | undefined {
    return this.#admissions.get(invite);
  }

  /** True when `message` may go on to the UA core; otherwise it has been answered here. */
  admit(message: SipMessage, source: TxTarget): boolean {
    if (message.kind === 'response' || message.method === 'ACK' || message.method === 'CANCEL') return true;
    if (/;\s*tag\s*=/i.test(header(message, 'To'))) return true;
    const key = message.method === 'INVITE' ? transactionKey(message) : undefined;
    const now = this.#o.clock.now();
    this.#expire(now);
    const known = key === undefined ? undefined : this.#recent.get(key);
    if (known !== undefined) {
      this.#admissions.set(message, known);
      return true;
    }
    if (this.#draining && (message.method === 'INVITE' || message.method === 'OPTIONS')) {
      this.#refuse(message, source, { by: 'draining', status: 503, reason: 'Service Unavailable', headers: [{ name: 'Retry-After', value: String(this.#o.retryAfterSeconds) }], detail: 'shutting down' });
      return false;
    }
    const decision = this.#o.access.identify(message, source.host);
    if (!decision.ok) {
      this.#refuse(message, source, decision);
      return false;
    }
    const admission = new Admitted(decision.peer, decision.username, source, this.#o.monotonic(), now);
    this.#admissions.set(message, admission);
    if (key !== undefined) this.#recent.set(key, admission);
    return true;
  }

  #expire(now: number): void {
    for (const [key, entry] of this.#recent) {
      if (now - entry.admittedAt < RETRANSMISSION_WINDOW_MS) return;
      this.#recent.delete(key);
    }
  }

  #refuse(
    request: SipRequest,
    source: TxTarget,
    why: { by: RefusedBy; status: number; reason: string; headers: readonly HeaderField[]; detail: string; code?: string; stranger?: boolean },
  ): void {
    const callId = header(request, 'Call-ID');
    const dropped = why.stranger === true && this.#o.strangers === 'drop';
    if (!dropped) {
      const toTag = createHash('sha1').update(`${callId}\n${header(request, 'From')}\n${header(request, 'Via')}`).digest('hex').slice(0, 16);
      this.#o.send(responseTo(request, why.status, why.reason, why.headers, toTag), source, () => undefined);
    }
    if (this.#refusals.admit(source.host)) {
      const log = callLogger(this.#o.log, { callId });
      const fields = { method: request.method, source: `${source.transport} ${source.host}:${source.port}`, refusedBy: why.by, ...(dropped ? { dropped } : { status: why.status }), detail: why.detail };
      log.info(why.code === undefined ? fields : { ...fields, code: why.code }, 'request refused');
    }
    if (request.method !== 'INVITE') return;
    const at = this.#o.clock.now();
    const callKey = `${callId}\n${header(request, 'CSeq')}`;
    const uri = parseUri(request.uri);
    const from = parseFromTo(header(request, 'From'));
    const calling = numberOf(from.ok ? from.value.uri : undefined);
    this.#o.onCallEvent({ type: 'attemptStarted', callKey, at, direction: 'sipToPstn', callId, called: numberOf(uri.ok ? uri.value : undefined) ?? '', ...(calling === undefined ? {} : { calling }) });
    this.#o.onCallEvent({ type: 'refused', callKey, at, by: why.by, ...(dropped ? {} : { sipStatus: why.status }) });
  }
}

/** The UA core behind the front door: a message reaches it only when the door admits it. */
export class GatewayUserAgent extends UserAgent {
  readonly #door: FrontDoor;

  constructor(options: UserAgentOptions, door: FrontDoor) {
    super(options);
    this.#door = door;
  }

  override receive(message: SipMessage, source: TxTarget): void {
    if (this.#door.admit(message, source)) super.receive(message, source);
  }
}
