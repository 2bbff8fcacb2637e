// One Q.921 data link (SAPI 0, one TEI): the state variables and procedures of Q.921 §5.5-§5.8
// and the actions of Annex B, run by DATA_LINK_FSM. V(S), V(A), V(R) are modulo 128 (§3.5.2);
// the I queue holds the unacknowledged frames (V(A)..V(S)-1) followed by the frames not yet sent.
import type { Clock, TimerHandle } from '../../core/clock.js';
import { Fsm, type FsmLogger } from '../../core/fsm.js';
import type { LapdFrame, SupervisoryName, UnnumberedName } from 'q931-codec';
import { DATA_LINK_FSM, type DlAction, type DlEvent, type DlState } from './data-link.fsm.js';
import { MDL_ERRORS } from './errors.js';
import type { L2Indication } from './service.js';
import type { L2Params } from './timers.js';

/** What a data link needs from the layer 2 entity that owns it. */
export interface DataLinkHost {
  readonly side: 'network' | 'user';
  readonly clock: Clock;
  readonly params: L2Params;
  readonly log: FsmLogger;
  transmit(frame: LapdFrame): void;
  indicate(indication: L2Indication): void;
  /** user side, point-to-multipoint: start the TEI identity request procedure */
  requestTei(): void;
}

/** The data of an event: a received frame, or the information field of a DL-DATA / DL-UNIT DATA request. */
export interface DlInput {
  readonly frame?: LapdFrame;
  /** whether the received frame is a command (by its C/R bit and the side that sent it) */
  readonly command?: boolean;
  readonly info?: Uint8Array;
  readonly ui?: boolean;
}

type Item = { readonly event: DlEvent; readonly data?: DlInput } | { readonly frame: LapdFrame; readonly command: boolean } | { readonly timer: 'T200' | 'T203' };

const ESTABLISHED: readonly DlState[] = ['multiple frame established', 'timer recovery'];
const mod = (n: number): number => n & 127;

export class DataLink {
  tei: number;
  readonly #host: DataLinkHost;
  readonly #fsm: Fsm<DlState, DlEvent, DlAction, never, DlInput>;
  #vs = 0;
  #va = 0;
  #vr = 0;
  #rc = 0;
  #peerBusy = false;
  #rejectException = false;
  #ackPending = false;
  #layer3Initiated = false;
  /** I queue: unacknowledged frames first (V(S) - V(A) of them), then frames waiting for the window. */
  #iQueue: Uint8Array[] = [];
  #uiQueue: Uint8Array[] = [];
  #t200: TimerHandle | undefined;
  #t203: TimerHandle | undefined;
  readonly #inbox: Item[] = [];
  #busy = false;
  /** the state before the event being processed */
  #from: DlState = 'TEI unassigned';

  constructor(host: DataLinkHost, id: string, tei: number) {
    this.#host = host;
    this.tei = tei;
    this.#fsm = new Fsm(DATA_LINK_FSM, {
      id,
      clock: host.clock,
      log: host.log,
      duration: () => null,
      actions: this.#actions(),
    });
    this.#fsm.start();
  }

  get state(): DlState {
    return this.#fsm.state;
  }

  get established(): boolean {
    return ESTABLISHED.includes(this.#fsm.state);
  }

  /** The state variables, for tests and diagnostics. */
  get variables(): { vs: number; va: number; vr: number; rc: number; peerBusy: boolean; queued: number } {
    return { vs: this.#vs, va: this.#va, vr: this.#vr, rc: this.#rc, peerBusy: this.#peerBusy, queued: this.#iQueue.length };
  }

  /** A primitive from layer 3 or layer management. */
  primitive(event: DlEvent, data?: DlInput): void {
    this.#enqueue({ event, data });
  }

  /** MDL-ASSIGN request: the data link now has `tei`. */
  assign(tei: number): void {
    this.tei = tei;
    this.#enqueue({ event: 'MDL-ASSIGN request' });
  }

  /** DL-UNIT DATA request: a UI frame on this TEI, once the TEI is assigned (states 1-3 wait for it). */
  unitData(info: Uint8Array): void {
    const waiting: readonly DlState[] = ['TEI unassigned', 'assign awaiting TEI', 'establish awaiting TEI'];
    if (waiting.includes(this.#fsm.state)) this.primitive('DL-UNIT DATA request', { info, ui: true });
    else this.#sendUi(info);
  }

  /** A frame for this data link (SAPI 0, its TEI; not UI). */
  receive(frame: LapdFrame, command: boolean): void {
    this.#enqueue({ frame, command });
  }

  #enqueue(item: Item): void {
    this.#inbox.push(item);
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let next = this.#inbox.shift(); next !== undefined; next = this.#inbox.shift()) {
        this.#from = this.#fsm.state;
        if ('event' in next) this.#fsm.fire(next.event, next.data);
        else if ('timer' in next) this.#fsm.fire(this.#timerEvent(next.timer));
        else this.#fsm.fire(this.#classify(next.frame, next.command), { frame: next.frame, command: next.command });
      }
    } finally {
      this.#busy = false;
    }
  }

  #timerEvent(timer: 'T200' | 'T203'): DlEvent {
    if (timer === 'T203') return 'T203 expiry';
    const counted: readonly DlState[] = ['awaiting establishment', 'awaiting release', 'timer recovery'];
    return counted.includes(this.#fsm.state) && this.#rc >= this.#host.params.N200 ? 'T200 expiry, RC = N200' : 'T200 expiry';
  }

  /** The SDL decisions on a received frame that choose the next state (Annex B). */
  #classify(f: LapdFrame, command: boolean): DlEvent {
    switch (f.type) {
      case 'UA':
      case 'DM':
        return `${f.type} F=${f.pf ? 1 : 0}`;
      case 'SABME':
      case 'DISC':
      case 'FRMR':
        return f.type;
      case 'I':
      case 'RR':
      case 'RNR':
      case 'REJ':
        if (!this.established) return f.type;
        if (!this.#nrValid(f.nr)) return 'N(R) error';
        if (this.#fsm.state === 'timer recovery' && f.type !== 'I' && !command && f.pf) return 'enquiry response F=1';
        return f.type;
      default:
        return 'FRMR'; // not reached: the entity handles UI, XID and unknown frames itself
    }
  }

  /** V(A) <= N(R) <= V(S), modulo 128 (§5.8.2). */
  #nrValid(nr: number): boolean {
    return mod(nr - this.#va) <= mod(this.#vs - this.#va);
  }

  get #outstanding(): number {
    return mod(this.#vs - this.#va);
  }

  // ---- timers (Annex B "start", "stop", "restart") ----

  #startT200(): void {
    this.#t200?.cancel();
    const handle: TimerHandle = this.#host.clock.setTimer(this.#host.params.T200, () => {
      if (this.#t200 !== handle) return;
      this.#t200 = undefined;
      this.#enqueue({ timer: 'T200' });
    });
    this.#t200 = handle;
  }

  #stopT200(): void {
    this.#t200?.cancel();
    this.#t200 = undefined;
  }

  #startT203(): void {
    this.#t203?.cancel();
    const handle: TimerHandle = this.#host.clock.setTimer(this.#host.params.T203, () => {
      if (this.#t203 !== handle) return;
      this.#t203 = undefined;
      this.#enqueue({ timer: 'T203' });
    });
    this.#t203 = handle;
  }

  #stopT203(): void {
    this.#t203?.cancel();
    this.#t203 = undefined;
  }

  // ---- frames out ----

  /** C/R = 1 for network commands and user responses (§3.3.2, Table 1). */
  #cr(command: boolean): boolean {
    return command === (this.#host.side === 'network');
  }

  #sendU(type: UnnumberedName, command: boolean, pf: boolean): void {
    this.#host.transmit({ sapi: 0, cr: this.#cr(command), tei: this.tei, type, pf });
  }

  #sendS(type: SupervisoryName, command: boolean, pf: boolean): void {
    this.#host.transmit({ sapi: 0, cr: this.#cr(command), tei: this.tei, type, nr: this.#vr, pf });
    this.#ackPending = false;
  }

  #enquiry(): void {
    this.#sendS('RR', true, true);
  }

  #sendUi(info: Uint8Array): void {
    this.#host.transmit({ sapi: 0, cr: this.#cr(true), tei: this.tei, type: 'UI', pf: false, info });
  }

  // ---- indications ----

  #indicate(kind: 'established' | 'released'): void {
    this.#host.indicate({ kind, tei: this.tei });
  }

  #mdlError(letter: string): void {
    const e = MDL_ERRORS[letter];
    if (e !== undefined) this.#host.indicate({ kind: 'error', tei: this.tei, code: e.error.code, text: e.text, mdl: letter });
  }

  // ---- procedures ----

  #queue(data: DlInput | undefined): void {
    if (data?.info === undefined) return;
    (data.ui === true ? this.#uiQueue : this.#iQueue).push(data.info);
  }

  #discardQueues(): void {
    this.#iQueue = [];
    this.#uiQueue = [];
  }

  #clearExceptions(): void {
    this.#peerBusy = false;
    this.#rejectException = false;
    this.#ackPending = false;
  }

  #resetVariables(): void {
    this.#vs = 0;
    this.#va = 0;
    this.#vr = 0;
  }

  /** Annex B "establish data link": SABME P=1, T200 restarted, T203 stopped. */
  #establish(layer3Initiated: boolean): void {
    this.#clearExceptions();
    this.#layer3Initiated = layer3Initiated;
    this.#rc = 0;
    this.#sendU('SABME', true, true);
    this.#startT200();
    this.#stopT203();
  }

  /** Acknowledge up to N(R): drop the acknowledged frames from the I queue. */
  #ack(nr: number): void {
    this.#iQueue.splice(0, mod(nr - this.#va));
    this.#va = nr;
  }

  /** N(R) received in multiple frame established (§5.6.3.2): T200 and T203 follow the acknowledgements. */
  #ackEstablished(nr: number): void {
    if (this.#peerBusy) this.#ack(nr);
    else if (nr === this.#vs) {
      this.#ack(nr);
      this.#stopT200();
      this.#startT203();
    } else if (nr !== this.#va) {
      this.#ack(nr);
      this.#startT200();
    }
  }

  /** Annex B "I frame queued up": send while the window is open and the peer not busy. */
  #transmitQueue(): void {
    if (this.#fsm.state !== 'multiple frame established') return;
    while (!this.#peerBusy && this.#outstanding < this.#host.params.k && this.#iQueue.length > this.#outstanding) {
      const info = this.#iQueue[this.#outstanding] as Uint8Array;
      this.#host.transmit({ sapi: 0, cr: this.#cr(true), tei: this.tei, type: 'I', ns: this.#vs, nr: this.#vr, p: false, info });
      this.#vs = mod(this.#vs + 1);
      this.#ackPending = false;
      if (this.#t200 === undefined) {
        this.#stopT203();
        this.#startT200();
      }
    }
  }

  /** An I frame's N(S) (§5.6.2, §5.8.1): in sequence, deliver; otherwise REJ once (reject exception). */
  #receiveIFrame(f: LapdFrame & { type: 'I' }): void {
    if (f.ns === this.#vr) {
      this.#vr = mod(this.#vr + 1);
      this.#rejectException = false;
      this.#ackPending = true;
      this.#host.indicate({ kind: 'data', tei: this.tei, info: f.info });
      if (f.p) this.#sendS('RR', false, true);
    } else if (this.#rejectException) {
      if (f.p) this.#sendS('RR', false, true);
    } else {
      this.#rejectException = true;
      this.#sendS('REJ', false, f.p);
    }
  }

  /** The P/F bit of a supervisory frame (§5.6.4): answer a poll, report an unsolicited F=1. */
  #supervisoryPf(f: LapdFrame & { type: SupervisoryName }, command: boolean): void {
    if (command && f.pf) this.#sendS('RR', false, true);
    else if (!command && f.pf) this.#mdlError('A');
  }

  #actions(): { readonly [K in DlAction]: (data: DlInput | undefined) => void } {
    const frameOf = (d: DlInput | undefined): LapdFrame => d?.frame as LapdFrame;
    const pfOf = (d: DlInput | undefined): boolean => {
      const f = frameOf(d);
      return f.type === 'I' ? f.p : f.type === 'UNKNOWN' ? false : f.pf;
    };
    const wasEstablishing = (): boolean => this.#from !== 'TEI assigned' && this.#from !== 'TEI unassigned';
    const reestablish = (letter: string): void => {
      this.#mdlError(letter);
      this.#establish(false);
    };
    return {
      requestTei: (d) => {
        this.#queue(d);
        this.#host.requestTei();
      },
      queueUnitData: (d) => this.#queue(d),
      queueData: (d) => this.#queue(d),
      teiAssigned: () => this.#flushUi(),
      teiAssignedEstablish: () => {
        this.#flushUi();
        this.#establish(true);
      },
      teiFailed: () => {
        this.#discardQueues();
        this.#indicate('released');
      },
      teiRemoved: () => {
        this.#stopT200();
        this.#stopT203();
        this.#discardQueues();
        if (wasEstablishing()) this.#indicate('released');
      },
      establishDataLink: () => {
        if (ESTABLISHED.includes(this.#from)) this.#iQueue = [];
        this.#establish(true);
      },
      queueAndEstablish: (d) => {
        this.#queue(d);
        this.#establish(true);
      },
      setLayer3Initiated: () => {
        this.#layer3Initiated = true;
      },
      releaseConfirm: () => {
        this.#stopT200();
        this.#discardQueues();
        this.#indicate('released');
      },
      sendDmF: (d) => this.#sendU('DM', false, pfOf(d)),
      sendUaF: (d) => this.#sendU('UA', false, pfOf(d)),
      dmIfPoll: (d) => {
        if (d?.command === true && pfOf(d)) this.#sendU('DM', false, true);
      },
      mdlErrorUa: (d) => this.#mdlError(pfOf(d) ? 'C' : 'D'),
      mdlErrorDmF1: () => this.#mdlError('B'),
      acceptSabme: (d) => {
        this.#sendU('UA', false, pfOf(d));
        this.#clearExceptions();
        this.#resetVariables();
        this.#rc = 0;
        this.#indicate('established');
        this.#stopT200();
        this.#startT203();
        this.#transmitQueue();
      },
      uaEstablished: () => {
        if (this.#layer3Initiated) this.#indicate('established');
        else if (this.#vs !== this.#va) {
          this.#iQueue = [];
          this.#indicate('established');
        }
        this.#layer3Initiated = false;
        this.#stopT200();
        this.#startT203();
        this.#resetVariables();
        this.#rc = 0;
        this.#transmitQueue();
      },
      dmRefused: () => {
        this.#stopT200();
        this.#discardQueues();
        this.#indicate('released');
      },
      retransmitSabme: () => {
        this.#rc += 1;
        this.#sendU('SABME', true, true);
        this.#startT200();
      },
      establishFailed: () => {
        this.#discardQueues();
        this.#mdlError('G');
        this.#indicate('released');
      },
      abortEstablish: () => {
        this.#stopT200();
        this.#discardQueues();
        this.#indicate('released');
      },
      deactivated: () => {
        this.#stopT200();
        this.#stopT203();
        this.#discardQueues();
        this.#indicate('released');
      },
      retransmitDisc: () => {
        this.#rc += 1;
        this.#sendU('DISC', true, true);
        this.#startT200();
      },
      releaseFailed: () => {
        this.#mdlError('H');
        this.#indicate('released');
      },
      releaseRequest: () => {
        this.#iQueue = [];
        this.#rc = 0;
        this.#sendU('DISC', true, true);
        this.#stopT203();
        this.#startT200();
      },
      queueAndTransmit: (d) => {
        this.#queue(d);
        this.#transmitQueue();
      },
      startTimerRecovery: () => {
        this.#rc = 0;
        this.#enquiry();
        this.#rc += 1;
        this.#stopT203();
        this.#startT200();
      },
      transmitEnquiry: () => {
        this.#enquiry();
        this.#rc += 1;
        this.#startT200();
      },
      peerReestablished: (d) => {
        this.#sendU('UA', false, pfOf(d));
        this.#clearExceptions();
        this.#mdlError('F');
        if (this.#vs !== this.#va) {
          this.#iQueue = [];
          this.#indicate('established');
        }
        this.#resetVariables();
        this.#rc = 0;
        this.#stopT200();
        this.#startT203();
        this.#transmitQueue();
      },
      peerReleased: (d) => {
        this.#discardQueues();
        this.#sendU('UA', false, pfOf(d));
        this.#indicate('released');
        this.#stopT200();
        this.#stopT203();
      },
      dmReestablish: () => reestablish('E'),
      frmrReestablish: () => reestablish('K'),
      nrErrorRecovery: () => reestablish('J'),
      recoveryFailed: () => reestablish('I'),
      receiveI: (d) => {
        const f = frameOf(d) as LapdFrame & { type: 'I' };
        this.#receiveIFrame(f);
        this.#ackEstablished(f.nr);
        this.#transmitQueue();
        if (this.#ackPending) this.#sendS('RR', false, false);
      },
      receiveIInRecovery: (d) => {
        const f = frameOf(d) as LapdFrame & { type: 'I' };
        this.#receiveIFrame(f);
        this.#ack(f.nr);
        if (this.#ackPending) this.#sendS('RR', false, false);
      },
      receiveRR: (d) => {
        const f = frameOf(d) as LapdFrame & { type: 'RR' };
        this.#peerBusy = false;
        this.#supervisoryPf(f, d?.command === true);
        this.#ackEstablished(f.nr);
        this.#transmitQueue();
      },
      receiveRNR: (d) => {
        const f = frameOf(d) as LapdFrame & { type: 'RNR' };
        this.#peerBusy = true;
        this.#supervisoryPf(f, d?.command === true);
        this.#ack(f.nr);
        this.#stopT203();
        this.#startT200();
      },
      receiveREJ: (d) => {
        const f = frameOf(d) as LapdFrame & { type: 'REJ' };
        this.#peerBusy = false;
        this.#supervisoryPf(f, d?.command === true);
        this.#ack(f.nr);
        this.#stopT200();
        this.#startT203();
        this.#vs = this.#va; // invoke retransmission
        this.#transmitQueue();
      },
      receiveSInRecovery: (d) => {
        const f = frameOf(d) as LapdFrame & { type: SupervisoryName };
        this.#peerBusy = f.type === 'RNR';
        if (d?.command === true && f.pf) this.#sendS('RR', false, true);
        this.#ack(f.nr);
      },
      enquiryAnswered: (d) => {
        const f = frameOf(d) as LapdFrame & { type: SupervisoryName };
        this.#peerBusy = f.type === 'RNR';
        this.#ack(f.nr);
        this.#rc = 0;
        this.#stopT200();
        if (this.#peerBusy) this.#startT200();
        else this.#startT203();
        this.#vs = this.#va; // invoke retransmission
        this.#transmitQueue();
      },
    };
  }

  #flushUi(): void {
    const ui = this.#uiQueue;
    this.#uiQueue = [];
    for (const info of ui) this.#sendUi(info);
  }
}
