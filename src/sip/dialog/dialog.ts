// A dialog (RFC 3261 §12): its id (Call-ID, local and remote tags), local and remote CSeq, the
// parties, the remote target and the route set; built from the dialog-creating request and
// response (§12.1.1 UAS, §12.1.2 UAC), refreshed by target refresh requests (§12.2), and the
// source of the dialog part of every request sent within it (§12.2.1.1). Its state runs DIALOG_FSM.
import type { Clock } from '../../core/clock.js';
import { Fsm, type FsmLogger } from '../../core/fsm.js';
import { ownString } from '../../core/strings.js';
import { err, ok, type Result } from '../../core/result.js';
import {
  formatCSeq,
  formatFromTo,
  formatUri,
  parseCSeq,
  parseContact,
  parseFromTo,
  parseUri,
  readList,
  readOne,
  type FromTo,
  type HeaderField,
  type NameAddr,
  type SipError,
  type SipRequest,
  type SipResponse,
  type Uri,
} from '../message/index.js';
import { DIALOG_FSM, type DialogAction, type DialogEvent, type DialogState } from './dialog.fsm.js';
import { routeFields, routeRequest, routeSetOf, type DialogRole } from './route-set.js';

export interface DialogId {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
}

/** The state a dialog starts with (§12.1). */
export interface DialogInit {
  readonly id: DialogId;
  readonly role: DialogRole;
  /** the local URI with the local tag: the From of the UAC, the To of the UAS */
  readonly localParty: FromTo;
  readonly remoteParty: FromTo;
  /** empty (undefined) at the UAS until it sends a request (§12.1.1) */
  readonly localSeq: number | undefined;
  /** empty (undefined) at the UAC until a request arrives (§12.1.2) */
  readonly remoteSeq: number | undefined;
  readonly remoteTarget: Uri;
  readonly routeSet: readonly NameAddr[];
  /** the request was sent over TLS to a sips: Request-URI */
  readonly secure: boolean;
}

const missing = (header: string): SipError => ({ code: 'SIP_MISSING_HEADER', message: `no ${header} header`, header });

function readRequired<T>(headers: readonly HeaderField[], name: string, parse: (value: string) => Result<T, SipError>): Result<T, SipError> {
  const value = readOne(headers, name, parse);
  if (!value.ok) return value;
  return value.value === undefined ? err(missing(name)) : ok(value.value);
}

/** The URI of the first Contact, if any (a dialog-creating message must carry one, §12.1). */
export function contactUri(headers: readonly HeaderField[]): Result<Uri | undefined, SipError> {
  const contacts = readList(headers, 'Contact', parseContact);
  if (!contacts.ok) return contacts;
  const [first] = contacts.value;
  return ok(first === undefined || first === '*' ? undefined : first.uri);
}

const NO_ROUTES: readonly NameAddr[] = Object.freeze([]);

/** `uri` as its text (a string of its own) if that parses back to the same text, else `uri` itself. */
function compactUri(uri: Uri): Uri | string {
  const text = formatUri(uri);
  const again = parseUri(text);
  return again.ok && formatUri(again.value) === text ? ownString(text) : uri;
}

function uriOf(target: Uri | string): Uri {
  if (typeof target !== 'string') return target;
  const uri = parseUri(target);
  // compactUri() keeps only text that parses.
  if (!uri.ok) throw new Error(`dialog remote target ${target} does not parse: ${uri.error.message}`);
  return uri.value;
}

/** A dialog id of strings of its own (a dialog keeps them for the call's whole life). */
function ownId(callId: string, localTag: string, remoteTag: string): DialogId {
  return { callId: ownString(callId), localTag: ownString(localTag), remoteTag: ownString(remoteTag) };
}

function tagged(party: FromTo, tag: string): FromTo {
  return { ...party, tag };
}

/** §12.1.2: the UAC's dialog, from the request it sent and a 1xx or 2xx with a To tag. */
export function uacDialogInit(request: SipRequest, response: SipResponse): Result<DialogInit, SipError> {
  const from = readRequired(request.headers, 'From', parseFromTo);
  if (!from.ok) return from;
  const to = readRequired(response.headers, 'To', parseFromTo);
  if (!to.ok) return to;
  const cseq = readRequired(request.headers, 'CSeq', parseCSeq);
  if (!cseq.ok) return cseq;
  const callId = readRequired(request.headers, 'Call-ID', (v) => ok(v));
  if (!callId.ok) return callId;
  const routeSet = routeSetOf(response.headers, 'uac');
  if (!routeSet.ok) return routeSet;
  const target = contactUri(response.headers);
  if (!target.ok) return target;
  const requestUri = parseUri(request.uri);
  if (!requestUri.ok) return requestUri;
  const localTag = from.value.tag ?? '';
  const remoteTag = to.value.tag;
  if (remoteTag === undefined) return err({ code: 'SIP_BAD_HEADER', message: 'a dialog needs a To tag', header: 'To' });
  return ok({
    id: ownId(callId.value, localTag, remoteTag),
    role: 'uac',
    localParty: from.value,
    remoteParty: to.value,
    localSeq: cseq.value.seq,
    remoteSeq: undefined,
    // A response without Contact breaks §12.1.2; the Request-URI is the best guess left.
    remoteTarget: target.value ?? requestUri.value,
    routeSet: routeSet.value,
    secure: requestUri.value.kind === 'sip' && requestUri.value.secure,
  });
}

/** §12.1.1: the UAS's dialog, from the request it answers and the To tag it chose. */
export function uasDialogInit(request: SipRequest, localTag: string): Result<DialogInit, SipError> {
  const from = readRequired(request.headers, 'From', parseFromTo);
  if (!from.ok) return from;
  const to = readRequired(request.headers, 'To', parseFromTo);
  if (!to.ok) return to;
  const cseq = readRequired(request.headers, 'CSeq', parseCSeq);
  if (!cseq.ok) return cseq;
  const callId = readRequired(request.headers, 'Call-ID', (v) => ok(v));
  if (!callId.ok) return callId;
  const routeSet = routeSetOf(request.headers, 'uas');
  if (!routeSet.ok) return routeSet;
  const target = contactUri(request.headers);
  if (!target.ok) return target;
  if (target.value === undefined) return err(missing('Contact'));
  const requestUri = parseUri(request.uri);
  if (!requestUri.ok) return requestUri;
  // An RFC 2543 peer may send no From tag: the remote tag is then empty (§12.1.1).
  const remoteTag = from.value.tag ?? '';
  return ok({
    id: ownId(callId.value, localTag, remoteTag),
    role: 'uas',
    localParty: tagged(to.value, localTag),
    remoteParty: from.value,
    localSeq: undefined,
    remoteSeq: cseq.value.seq,
    remoteTarget: target.value,
    routeSet: routeSet.value,
    secure: requestUri.value.kind === 'sip' && requestUri.value.secure,
  });
}

/** What a 2xx that confirms an early dialog changes (§13.2.2.4: the route set is recomputed). */
export interface DialogConfirmation {
  readonly remoteTarget?: Uri;
  readonly routeSet?: readonly NameAddr[];
}

/** What a dialog reaches outside itself: the clock and log of its machine, and who hears it ended. */
export interface DialogOwner {
  readonly clock: Clock;
  readonly log: FsmLogger | undefined;
  /** The dialog entered Terminated. */
  dialogTerminated(dialog: Dialog): void;
}

/** The dialog fields of a request sent within the dialog (§12.2.1.1), and where it goes next. */
export interface DialogRequest {
  readonly uri: string;
  readonly headers: readonly HeaderField[];
  readonly nextHop: Uri;
}

/**
 * Memory: a dialog lasts as long as its call, hours maybe, so it keeps strings of its own (the
 * parser's are slices of the whole received message text, which they would keep alive) and the
 * parties as the From and To values its requests carry rather than as parsed objects. Its
 * machine's options are one small object of a shared class (DialogMachine), not a bag of closures.
 */
export class Dialog<O extends DialogOwner = DialogOwner> {
  readonly id: DialogId;
  readonly role: DialogRole;
  readonly secure: boolean;
  /** the call (or whoever made the dialog) it belongs to */
  readonly owner: O;
  /** the From of requests sent in the dialog: the local URI with the local tag */
  readonly #from: string;
  /** the To of requests sent in the dialog: the remote URI with the remote tag */
  readonly #to: string;
  #localSeq: number | undefined;
  #remoteSeq: number | undefined;
  /** the remote target as its text when that parses back to it (a string costs less than a parsed URI) */
  #remoteTarget: Uri | string;
  #routeSet: readonly NameAddr[];
  readonly #fsm: Fsm<DialogState, DialogEvent, DialogAction, never, DialogConfirmation>;

  /** `init`'s Call-ID and tags are kept as they are: pass strings of their own (uacDialogInit and uasDialogInit make them). */
  constructor(init: DialogInit, owner: O) {
    this.id = init.id;
    this.role = init.role;
    this.owner = owner;
    this.#from = ownString(formatFromTo(init.localParty));
    this.#to = ownString(formatFromTo(init.remoteParty));
    this.secure = init.secure;
    this.#localSeq = init.localSeq;
    this.#remoteSeq = init.remoteSeq;
    this.#remoteTarget = compactUri(init.remoteTarget);
    this.#routeSet = init.routeSet.length === 0 ? NO_ROUTES : init.routeSet;
    this.#fsm = new Fsm(DIALOG_FSM, new Dialog.#Machine(this));
    this.#fsm.start();
  }

  /** The options of a dialog's machine: reached through the dialog, shared methods. */
  static readonly #Machine = class DialogMachine {
    constructor(readonly dialog: Dialog) {}

    /** Only logs read it. */
    get id(): string {
      const { callId, localTag, remoteTag } = this.dialog.id;
      return `${callId};${localTag};${remoteTag}`;
    }

    get clock(): Clock {
      return this.dialog.owner.clock;
    }

    get log(): FsmLogger | undefined {
      return this.dialog.owner.log;
    }

    duration(): null {
      return null;
    }

    /** confirm, refreshTarget: the remote target and route set the event carries. */
    actions(_action: DialogAction, data: DialogConfirmation | undefined): void {
      if (data?.remoteTarget !== undefined) this.dialog.#remoteTarget = compactUri(data.remoteTarget);
      if (data?.routeSet !== undefined) this.dialog.#routeSet = data.routeSet.length === 0 ? NO_ROUTES : data.routeSet;
    }

    onFinal(): void {
      this.dialog.owner.dialogTerminated(this.dialog);
    }
  };

  get state(): DialogState {
    return this.#fsm.state;
  }

  get remoteTarget(): Uri {
    return uriOf(this.#remoteTarget);
  }

  get routeSet(): readonly NameAddr[] {
    return this.#routeSet;
  }

  get remoteSeq(): number | undefined {
    return this.#remoteSeq;
  }

  /** Another provisional response of this early dialog. */
  provisional(): void {
    this.#fsm.fire('1xx');
  }

  /** The 2xx: confirmed, with the remote target and route set of the 2xx at the UAC (§13.2.2.4). */
  confirm(confirmation: DialogConfirmation = {}): void {
    this.#fsm.fire('2xx', confirmation);
  }

  /** A target refresh succeeded: the Contact of the refresh request or its 2xx (§12.2.1.2, §12.2.2). */
  refreshTarget(remoteTarget: Uri | undefined): void {
    this.#fsm.fire('target refresh', remoteTarget === undefined ? {} : { remoteTarget });
  }

  /** A final 300-699 response ended the early dialog. */
  reject(): void {
    this.#fsm.fire('300-699');
  }

  /** A BYE was sent or received. */
  bye(): void {
    this.#fsm.fire('BYE');
  }

  /** 481, 408 or timeout to a request within the dialog (§12.2.1.2), or a session-level failure. */
  fail(): void {
    this.#fsm.fire('failure');
  }

  /**
   * §12.2.2: a request with a lower CSeq than the last one received is out of order (answer 500);
   * otherwise its number becomes the remote sequence number.
   */
  acceptRemoteCSeq(seq: number): boolean {
    if (this.#remoteSeq !== undefined && seq < this.#remoteSeq) return false;
    this.#remoteSeq = seq;
    return true;
  }

  /** §12.2.1.1: the next local sequence number (1 when the local sequence is still empty). */
  nextCSeq(): number {
    this.#localSeq = this.#localSeq === undefined ? 1 : this.#localSeq + 1;
    return this.#localSeq;
  }

  /**
   * The dialog part of a request: Request-URI, From, To, Call-ID, CSeq (`seq`, e.g. from
   * nextCSeq(), or the INVITE's for an ACK) and Route, with the next hop to send it to.
   */
  request(method: string, seq: number): DialogRequest {
    const routing = routeRequest(this.#routeSet, uriOf(this.#remoteTarget));
    const headers: HeaderField[] = [
      { name: 'From', value: this.#from },
      { name: 'To', value: this.#to },
      { name: 'Call-ID', value: this.id.callId },
      { name: 'CSeq', value: formatCSeq({ seq, method }) },
      ...routeFields(routing.route),
    ];
    return { uri: formatUri(routing.requestUri), headers, nextHop: routing.nextHop };
  }
}
