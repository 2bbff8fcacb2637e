// Turns call events (events.ts) into CDRs: exactly one record per attempt, emitted when the
// call ends. Glare attempts are held until the call's final attempt ends, then emitted with it,
// each carrying the final attempt's id. Pure: no clock (events carry their time), no I/O.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../core/result.js';
import { ownString } from '../core/strings.js';
import { CdrDuplicateCallError, CdrUnknownCallError } from './errors.js';
import type { AttemptStarted, CallEvent, Refused, Released } from './events.js';
import { CDR_VERSION, type CdrRecord, type Direction, type Disposition, type Presentation, type SipProfile } from './record.js';

export interface CdrBuilderOptions {
  /** this gateway's node id (gateway.nodeId) */
  readonly node: string;
  /** new record ids; random UUIDs by default */
  readonly newId?: () => string;
}

/**
 * What an attempt knows before it ends: the fields of the record that events set, and the call's
 * ended glare attempts. The record's constant fields (version, node) and its outcome fields are
 * written by finish(), so a call in progress does not keep them (a held call keeps its draft).
 */
class Draft {
  id: string;
  readonly direction: Direction;
  attempt: number;
  sipPeer: string | null;
  trunkGroup: string | null;
  route: string | null = null;
  span: number | null;
  channel: number | null;
  cic: number | null;
  callId: string | null;
  readonly callingIn: string | null;
  readonly calledIn: string;
  callingOut: string | null = null;
  calledOut: string | null = null;
  readonly presentation: Presentation | null;
  readonly redirecting: string | null;
  profile: SipProfile | null;
  readonly setupInAt: number;
  setupOutAt: number | null = null;
  firstBackwardAt: number | null = null;
  firstBackward: string | null = null;
  alertingAt: number | null = null;
  answerAt: number | null = null;
  codec: string | null = null;
  /** the call's ended glare attempts, waiting for the final attempt's id */
  glare: CdrRecord[] | undefined = undefined;

  constructor(id: string, e: AttemptStarted) {
    this.id = id;
    this.direction = e.direction;
    this.attempt = 1;
    this.sipPeer = e.sipPeer ?? null;
    this.trunkGroup = e.trunkGroup ?? null;
    this.span = e.circuit?.span ?? null;
    this.channel = e.circuit?.channel ?? null;
    this.cic = e.circuit?.cic ?? null;
    this.callId = e.callId ?? null;
    this.callingIn = e.calling ?? null;
    this.calledIn = e.called;
    this.presentation = e.presentation ?? null;
    this.redirecting = e.redirecting ?? null;
    this.profile = e.profile ?? null;
    this.setupInAt = e.at;
  }

  /** The attempt after a glare back-off, as `id`: the call's fields stay, the outgoing leg's are cleared. */
  next(id: string): Draft {
    const d = Object.assign(Object.create(Draft.prototype) as Draft, this);
    d.id = id;
    d.attempt = this.attempt + 1;
    // the circuit is the outgoing leg's toward the PSTN, the incoming call's from it
    if (this.direction === 'sipToPstn') {
      d.span = null;
      d.channel = null;
      d.cic = null;
    }
    d.callingOut = null;
    d.calledOut = null;
    d.setupOutAt = null;
    d.firstBackwardAt = null;
    d.firstBackward = null;
    d.alertingAt = null;
    d.answerAt = null;
    d.codec = null;
    return d;
  }
}

export type CdrEventError = CdrUnknownCallError | CdrDuplicateCallError;

const originSide = (d: Direction) => (d === 'sipToPstn' ? 'sip' : 'pstn');
const BUSY_STATUS = new Set([486, 600]);

function disposition(d: Draft, end: Released | Refused): Disposition {
  if (end.type === 'refused') return 'refused';
  if (d.answerAt !== null) return 'answered';
  if (end.timer !== undefined) return 'timedOut';
  if (end.side === originSide(d.direction)) return 'cancelled';
  if (end.cause === 17 || (end.sipStatus !== undefined && BUSY_STATUS.has(end.sipStatus))) return 'busy';
  return 'failed';
}

/** The record of an attempt that ended at `at`, every field in record order; the outcome fields come from `end`. */
function finish(d: Draft, node: string, at: number, end: Released | Refused | undefined): CdrRecord {
  return {
    version: CDR_VERSION,
    id: d.id,
    node,
    direction: d.direction,
    attempt: d.attempt,
    finalAttemptId: d.id,
    disposition: end === undefined ? 'glare' : disposition(d, end),
    refusedBy: end?.type === 'refused' ? end.by : null,
    sipPeer: d.sipPeer,
    trunkGroup: d.trunkGroup,
    route: d.route,
    span: d.span,
    channel: d.channel,
    cic: d.cic,
    callId: d.callId,
    callingIn: d.callingIn,
    calledIn: d.calledIn,
    callingOut: d.callingOut,
    calledOut: d.calledOut,
    presentation: d.presentation,
    redirecting: d.redirecting,
    profile: d.profile,
    setupInAt: d.setupInAt,
    setupOutAt: d.setupOutAt,
    firstBackwardAt: d.firstBackwardAt,
    firstBackward: d.firstBackward,
    alertingAt: d.alertingAt,
    answerAt: d.answerAt,
    releaseAt: at,
    pddMs: d.firstBackwardAt === null ? null : d.firstBackwardAt - d.setupInAt,
    ringMs: d.alertingAt === null ? null : (d.answerAt ?? at) - d.alertingAt,
    billableMs: d.answerAt === null ? 0 : at - d.answerAt,
    releaseSide: end?.type === 'released' ? end.side : 'gateway',
    cause: end?.cause ?? null,
    causeLocation: end?.causeLocation ?? null,
    sipStatus: end?.sipStatus ?? null,
    reason: end?.reason ?? null,
    timer: end?.type === 'released' ? (end.timer ?? null) : null,
    codec: d.codec,
  };
}

/** The backward message that came first, unless one already did. */
function backward(d: Draft, at: number, name: string): void {
  if (d.firstBackwardAt !== null) return;
  d.firstBackwardAt = at;
  d.firstBackward = name;
}

export class CdrBuilder {
  readonly #node: string;
  readonly #newId: () => string;
  readonly #calls = new Map<string, Draft>();

  constructor(options: CdrBuilderOptions) {
    this.#node = options.node;
    // Node builds a UUID as a chain of some 16 concatenated strings (about 480 bytes), kept in the
    // draft for the call's life: one string of its own instead.
    const newId = options.newId ?? randomUUID;
    this.#newId = () => ownString(newId());
  }

  /** Calls started and not yet ended. */
  get openCalls(): number {
    return this.#calls.size;
  }

  /** Applies one event; returns the records of the attempts it ended (none until the call ends). */
  handle(e: CallEvent): Result<readonly CdrRecord[], CdrEventError> {
    if (e.type === 'attemptStarted') {
      if (this.#calls.has(e.callKey)) return err(new CdrDuplicateCallError(e.callKey));
      this.#calls.set(e.callKey, new Draft(this.#newId(), e));
      return ok([]);
    }
    const d = this.#calls.get(e.callKey);
    if (d === undefined) return err(new CdrUnknownCallError(`${e.type} for ${e.callKey}`));
    switch (e.type) {
      case 'routed':
        d.route = e.route;
        d.trunkGroup = e.trunkGroup ?? d.trunkGroup;
        d.sipPeer = e.sipPeer ?? d.sipPeer;
        d.profile = e.profile ?? d.profile;
        break;
      case 'circuitSeized':
        d.trunkGroup = e.trunkGroup;
        d.span = e.circuit.span ?? null;
        d.channel = e.circuit.channel ?? null;
        d.cic = e.circuit.cic ?? null;
        break;
      case 'setupSent':
        d.setupOutAt = e.at;
        d.callingOut = e.calling ?? null;
        d.calledOut = e.called;
        d.callId = e.callId ?? d.callId;
        break;
      case 'backwardMessage':
        backward(d, e.at, e.message);
        break;
      case 'alerting':
        backward(d, e.at, 'alerting');
        d.alertingAt ??= e.at;
        break;
      case 'media':
        d.codec = e.codec;
        break;
      case 'answered':
        backward(d, e.at, 'answered');
        d.answerAt ??= e.at;
        break;
      case 'glare': {
        const next = d.next(this.#newId());
        next.glare = (d.glare ?? []).concat(finish(d, this.#node, e.at, undefined));
        this.#calls.set(e.callKey, next);
        break;
      }
      case 'released':
      case 'refused': {
        this.#calls.delete(e.callKey);
        const last = finish(d, this.#node, e.at, e);
        if (d.glare === undefined) return ok([last]);
        for (const g of d.glare) g.finalAttemptId = last.id;
        return ok([...d.glare, last]);
      }
    }
    return ok([]);
  }
}
