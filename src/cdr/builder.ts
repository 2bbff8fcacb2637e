// Turns call events (events.ts) into CDRs: exactly one record per attempt, emitted when the
// call ends. Glare attempts are held until the call's final attempt ends, then emitted with it,
// each carrying the final attempt's id. Pure: no clock (events carry their time), no I/O.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../core/result.js';
import { ownString } from '../core/strings.js';
import { CdrDuplicateCallError, CdrUnknownCallError } from './errors.js';
import type { CallEvent, Refused, Released } from './events.js';
import { CDR_VERSION, type CdrRecord, type Direction, type Disposition } from './record.js';

export interface CdrBuilderOptions {
  /** this gateway's node id (gateway.nodeId) */
  readonly node: string;
  /** new record ids; random UUIDs by default */
  readonly newId?: () => string;
}

/**
 * What an attempt knows before it ends. It has every field of the record, in record order (so
 * that finishing it keeps the order); the outcome fields are placeholders until finish().
 */
type Draft = CdrRecord;

interface OpenCall {
  draft: Draft;
  /** ended glare attempts, waiting for the final attempt's id */
  glare: CdrRecord[];
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

/** The record of an attempt that ended at `at`; the outcome fields come from `end`. */
function finish(d: Draft, at: number, end: Released | Refused | undefined): CdrRecord {
  return {
    ...d,
    finalAttemptId: d.id,
    disposition: end === undefined ? 'glare' : disposition(d, end),
    refusedBy: end?.type === 'refused' ? end.by : null,
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
  readonly #calls = new Map<string, OpenCall>();

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
      this.#calls.set(e.callKey, {
        glare: [],
        draft: {
          version: CDR_VERSION,
          id: this.#newId(),
          node: this.#node,
          direction: e.direction,
          attempt: 1,
          finalAttemptId: '',
          disposition: 'failed',
          refusedBy: null,
          sipPeer: e.sipPeer ?? null,
          trunkGroup: e.trunkGroup ?? null,
          route: null,
          span: e.circuit?.span ?? null,
          channel: e.circuit?.channel ?? null,
          cic: e.circuit?.cic ?? null,
          callId: e.callId ?? null,
          callingIn: e.calling ?? null,
          calledIn: e.called,
          callingOut: null,
          calledOut: null,
          presentation: e.presentation ?? null,
          redirecting: e.redirecting ?? null,
          profile: e.profile ?? null,
          setupInAt: e.at,
          setupOutAt: null,
          firstBackwardAt: null,
          firstBackward: null,
          alertingAt: null,
          answerAt: null,
          releaseAt: e.at,
          pddMs: null,
          ringMs: null,
          billableMs: 0,
          releaseSide: 'gateway',
          cause: null,
          causeLocation: null,
          sipStatus: null,
          reason: null,
          timer: null,
          codec: null,
        },
      });
      return ok([]);
    }
    const call = this.#calls.get(e.callKey);
    if (call === undefined) return err(new CdrUnknownCallError(`${e.type} for ${e.callKey}`));
    const d = call.draft;
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
      case 'glare':
        call.glare.push(finish(d, e.at, undefined));
        call.draft = this.#nextAttempt(d);
        break;
      case 'released':
      case 'refused': {
        this.#calls.delete(e.callKey);
        const last = finish(d, e.at, e);
        for (const g of call.glare) g.finalAttemptId = last.id;
        return ok([...call.glare, last]);
      }
    }
    return ok([]);
  }

  /** The attempt after a glare back-off: the call's fields stay, the outgoing leg's are cleared. */
  #nextAttempt(d: Draft): Draft {
    // the circuit is the outgoing leg's toward the PSTN, the incoming call's from it
    const circuit = d.direction === 'sipToPstn' ? { span: null, channel: null, cic: null } : {};
    return {
      ...d,
      ...circuit,
      id: this.#newId(),
      attempt: d.attempt + 1,
      callingOut: null,
      calledOut: null,
      setupOutAt: null,
      firstBackwardAt: null,
      firstBackward: null,
      alertingAt: null,
      answerAt: null,
      codec: null,
    };
  }
}
