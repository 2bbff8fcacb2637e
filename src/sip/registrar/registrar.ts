// The registrar (RFC 3261 §10.3) for configured accounts, e.g. an IP PBX registering its trunk:
// it takes a parsed REGISTER and where it came from, and returns the response to send. The
// steps of §10.3, as done here:
//   2. Require with any option tag: 420 (no extension is supported);
//   4. Digest authentication through the DigestChallenger (401, or 400 for bad credentials);
//   5-6. the To address-of-record must be the account's, and From must equal it: else 403;
//   7. Contact: '*' only alone and with Expires: 0; each contact's expiration from its expires
//      parameter, else Expires, else the default; non-zero below the minimum: 423 with
//      Min-Expires; above the maximum: shortened. A binding with the request's Call-ID and a
//      CSeq not below the request's fails the whole request (400). All or nothing;
//   8. 200 listing every current binding with its remaining seconds.
// Bindings expire under the injected clock: expired ones are dropped whenever read. The Request-
// URI's domain is not checked: the account decides which address-of-record may be registered.

import type { Clock } from '../../core/clock.js';
import type { GwError, GwErrorClass } from '../../core/errors.js';
import { err, ok, type Result } from '../../core/result.js';
import type { DigestChallenger } from '../auth/index.js';
import {
  formatContact,
  getParam,
  parseCallId,
  parseContact,
  parseCSeq,
  parseFromTo,
  parseTokenList,
  parseUri,
  readList,
  readOne,
  type ContactAddress,
  type HeaderField,
  type SipError,
  type SipRequest,
  type SipResponse,
} from '../message/index.js';
import { MemoryBindingStore, updateBindings, type Binding, type BindingStore, type ContactUpdate, type RegisterSource } from './bindings.js';
import {
  RegisterBadExtension,
  RegisterBadRequest,
  RegisterForbidden,
  RegisterIntervalTooBrief,
  RegisterOutOfOrder,
  RegisterTooManyBindings,
} from './errors.js';
import { responseTo } from './response.js';
import { aorKey, contactKey } from './uri-keys.js';

export interface RegistrarAccount {
  /** the id the credential lookup of the DigestChallenger gives for the account's username */
  readonly id: string;
  /** the address-of-record it registers, a sip: or sips: URI, e.g. sip:pbx1@gw.example.net */
  readonly aor: string;
}

export interface RegistrarOptions {
  readonly clock: Clock;
  /** authenticates every REGISTER (role 'uas': 401) */
  readonly auth: DigestChallenger;
  readonly accounts: readonly RegistrarAccount[];
  /** default: in memory */
  readonly store?: BindingStore;
  /** seconds (defaults 60, 3600, 3600, and 10 bindings per account) */
  readonly minExpires?: number;
  readonly maxExpires?: number;
  readonly defaultExpires?: number;
  readonly maxBindings?: number;
}

/** The response to send, and when the REGISTER was refused, why. */
export interface RegisterOutcome {
  readonly response: SipResponse;
  readonly error?: GwError;
}

const MAX_DELTA = 0xffffffff;

/** Expires = delta-seconds (RFC 3261 §20.19); values above 2^32-1 read as 2^32-1. */
function parseExpires(value: string): Result<number, SipError> {
  return /^[0-9]+$/.test(value)
    ? ok(Math.min(Number(value), MAX_DELTA))
    : err({ code: 'SIP_BAD_HEADER', message: `Expires is not delta-seconds: ${JSON.stringify(value)}` });
}

/** The q parameter (0 to 1, default 1), to order targets. */
function qOf(contact: ContactAddress): number {
  const q = Number(getParam(contact.params, 'q')?.value ?? '1');
  return Number.isNaN(q) ? 1 : q;
}

/** A refusal: the response's status, reason and extra fields, and the error saying why. */
interface Refusal {
  readonly status: number;
  readonly reason: string;
  readonly headers?: readonly HeaderField[];
  readonly error: GwError;
}

const refuse = (status: number, reason: string, error: GwErrorClass<string>, detail: string, headers?: HeaderField[]): Result<never, Refusal> =>
  err({ status, reason, error: new error(detail), ...(headers === undefined ? {} : { headers }) });

/** A 400 for a header that is malformed, or absent where required. */
function malformed(read: Result<unknown, SipError>, header: string): Result<never, Refusal> {
  return refuse(400, 'Bad Request', RegisterBadRequest, read.ok ? `no ${header}` : `${header}: ${read.error.message}`);
}

export class Registrar {
  readonly #clock: Clock;
  readonly #auth: DigestChallenger;
  readonly #accounts: ReadonlyMap<string, string>;
  readonly #store: BindingStore;
  readonly #min: number;
  readonly #max: number;
  readonly #default: number;
  readonly #maxBindings: number;

  /** Throws RangeError for an account whose aor is not a SIP URI (a configuration error). */
  constructor(options: RegistrarOptions) {
    this.#clock = options.clock;
    this.#auth = options.auth;
    this.#accounts = new Map(
      options.accounts.map((a) => {
        const uri = parseUri(a.aor);
        const key = uri.ok ? aorKey(uri.value) : undefined;
        if (key === undefined) throw new RangeError(`account ${a.id}: aor ${a.aor} is not a sip: or sips: URI`);
        return [a.id, key];
      }),
    );
    this.#store = options.store ?? new MemoryBindingStore();
    this.#min = options.minExpires ?? 60;
    this.#max = options.maxExpires ?? 3600;
    this.#default = Math.min(options.defaultExpires ?? 3600, this.#max);
    this.#maxBindings = options.maxBindings ?? 10;
  }

  /** Answers a REGISTER (the caller dispatches by method: another method throws RangeError). */
  handle(request: SipRequest, source: RegisterSource): RegisterOutcome {
    if (request.method !== 'REGISTER') throw new RangeError(`Registrar.handle: ${request.method} is not a REGISTER`);
    const result = this.#register(request, source);
    if (result.ok) return { response: responseTo(request, 200, 'OK', result.value) };
    const { status, reason, headers, error } = result.error;
    return { response: responseTo(request, status, reason, headers), error };
  }

  /** The current bindings of `account`, highest q first: where requests for it go. */
  targetsFor(account: string): Binding[] {
    return this.#live(account).sort((a, b) => qOf(b.contact) - qOf(a.contact));
  }

  /** The Contact fields of the 200, or why the request is refused. */
  #register(request: SipRequest, source: RegisterSource): Result<HeaderField[], Refusal> {
    const required = readList(request.headers, 'Require', parseTokenList);
    if (!required.ok) return refuse(400, 'Bad Request', RegisterBadRequest, required.error.message);
    if (required.value.length > 0) {
      const tags = required.value.join(', ');
      return refuse(420, 'Bad Extension', RegisterBadExtension, tags, [{ name: 'Unsupported', value: tags }]);
    }
    const auth = this.#auth.authenticate(request);
    if (!auth.ok) return err(auth.error);
    const account = auth.value.account;
    const allowed = this.#checkAor(request, account);
    if (!allowed.ok) return allowed;
    const fields = this.#read(request);
    if (!fields.ok) return fields;
    const { callId, cseq, contacts } = fields.value;
    const now = this.#clock.now();
    const current = this.#live(account);
    let bindings = current;
    if (contacts !== undefined) {
      const updated = updateBindings(current, { contacts, callId, cseq, now, source });
      if (!updated.ok) return refuse(400, 'Out Of Order', RegisterOutOfOrder, `binding ${updated.error.key} has CSeq ${updated.error.cseq}`);
      if (updated.value.length > this.#maxBindings) {
        return refuse(403, 'Too Many Bindings', RegisterTooManyBindings, `${updated.value.length} > ${this.#maxBindings}`);
      }
      bindings = updated.value;
    }
    this.#store.save(account, bindings);
    return ok(bindings.map((b) => ({ name: 'Contact', value: formatContact({ ...b.contact, expires: Math.ceil((b.expiresAt - now) / 1000) }) })));
  }

  /** §10.3 steps 5-6: To must name the account's address-of-record, and From the same. */
  #checkAor(request: SipRequest, account: string): Result<void, Refusal> {
    const aor = this.#accounts.get(account);
    if (aor === undefined) return refuse(403, 'Forbidden', RegisterForbidden, `account ${account} has no address-of-record`);
    const to = readOne(request.headers, 'To', parseFromTo);
    const from = readOne(request.headers, 'From', parseFromTo);
    const toKey = to.ok && to.value !== undefined ? aorKey(to.value.uri) : undefined;
    const fromKey = from.ok && from.value !== undefined ? aorKey(from.value.uri) : undefined;
    if (toKey !== aor) return refuse(403, 'Forbidden', RegisterForbidden, `account ${account} registering To ${toKey ?? 'not a SIP URI'}`);
    if (fromKey !== toKey) return refuse(403, 'Forbidden', RegisterForbidden, `third-party registration from ${fromKey ?? 'not a SIP URI'}`);
    return ok(undefined);
  }

  /** Call-ID, CSeq, and the contacts with their granted expirations (undefined: a query). */
  #read(request: SipRequest): Result<{ callId: string; cseq: number; contacts?: readonly ContactUpdate[] | '*' }, Refusal> {
    const callId = readOne(request.headers, 'Call-ID', parseCallId);
    if (!callId.ok || callId.value === undefined) return malformed(callId, 'Call-ID');
    const cseq = readOne(request.headers, 'CSeq', parseCSeq);
    if (!cseq.ok || cseq.value === undefined) return malformed(cseq, 'CSeq');
    const contacts = readList(request.headers, 'Contact', parseContact);
    if (!contacts.ok) return malformed(contacts, 'Contact');
    const expires = readOne(request.headers, 'Expires', parseExpires);
    if (!expires.ok) return malformed(expires, 'Expires');
    const base = { callId: callId.value, cseq: cseq.value.seq };
    if (contacts.value.length === 0) return ok(base);
    if (contacts.value.includes('*')) {
      if (contacts.value.length > 1 || expires.value !== 0) {
        return refuse(400, 'Bad Request', RegisterBadRequest, 'Contact: * needs Expires: 0 and no other Contact');
      }
      return ok({ ...base, contacts: '*' });
    }
    const updates: ContactUpdate[] = [];
    for (const contact of contacts.value.filter((c): c is ContactAddress => c !== '*')) {
      const { expires: own, ...rest } = contact;
      const asked = own ?? expires.value ?? this.#default;
      if (asked !== 0 && asked < this.#min) {
        return refuse(423, 'Interval Too Brief', RegisterIntervalTooBrief, `${asked} s`, [{ name: 'Min-Expires', value: String(this.#min) }]);
      }
      updates.push({ contact: rest, key: contactKey(contact.uri), expires: Math.min(asked, this.#max) });
    }
    return ok({ ...base, contacts: updates });
  }

  #live(account: string): Binding[] {
    const now = this.#clock.now();
    return this.#store.load(account).filter((b) => b.expiresAt > now);
  }
}
