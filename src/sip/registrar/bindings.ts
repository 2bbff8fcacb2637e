// Bindings of an address-of-record and their update by a REGISTER (RFC 3261 §10.3 step 7),
// with the store they live in behind a small interface.

import { err, ok, type Result } from '../../core/result.js';
import type { ContactAddress } from '../message/index.js';

/** Where a REGISTER came from (the transport's Source fits): a route to the contact behind NAT. */
export interface RegisterSource {
  readonly transport: string;
  readonly address: string;
  readonly port: number;
}

export interface Binding {
  /** the Contact as registered, without its expires parameter */
  readonly contact: ContactAddress;
  /** contactKey(contact.uri): equal for equal URIs */
  readonly key: string;
  readonly callId: string;
  readonly cseq: number;
  /** clock ms */
  readonly expiresAt: number;
  readonly source: RegisterSource;
}

/** The bindings of each account. A store holds them as given; the registrar drops expired ones. */
export interface BindingStore {
  load(account: string): readonly Binding[];
  /** replaces the account's bindings; an empty list removes them */
  save(account: string, bindings: readonly Binding[]): void;
}

export class MemoryBindingStore implements BindingStore {
  readonly #bindings = new Map<string, readonly Binding[]>();

  load(account: string): readonly Binding[] {
    return this.#bindings.get(account) ?? [];
  }

  save(account: string, bindings: readonly Binding[]): void {
    if (bindings.length === 0) this.#bindings.delete(account);
    else this.#bindings.set(account, bindings);
  }
}

/** One Contact of a REGISTER with the expiration the registrar granted it (seconds). */
export interface ContactUpdate {
  readonly contact: ContactAddress;
  readonly key: string;
  readonly expires: number;
}

export interface RegisterUpdate {
  /** '*': remove every binding (Contact: * with Expires: 0) */
  readonly contacts: readonly ContactUpdate[] | '*';
  readonly callId: string;
  readonly cseq: number;
  readonly now: number;
  readonly source: RegisterSource;
}

/**
 * The bindings after `update`, or the binding that makes it fail: one with the request's Call-ID
 * and a CSeq not below the request's. Each contact is checked against the bindings as they were
 * before the request, so a contact listed twice in one REGISTER does not fail it.
 */
export function updateBindings(current: readonly Binding[], update: RegisterUpdate): Result<Binding[], Binding> {
  const outOfOrder = (b: Binding | undefined): boolean => b !== undefined && b.callId === update.callId && update.cseq <= b.cseq;
  if (update.contacts === '*') {
    const stale = current.find(outOfOrder);
    return stale === undefined ? ok([]) : err(stale);
  }
  const next = new Map(current.map((b) => [b.key, b]));
  for (const { contact, key, expires } of update.contacts) {
    const existing = current.find((b) => b.key === key);
    if (existing !== undefined && outOfOrder(existing)) return err(existing);
    if (expires === 0) next.delete(key);
    else {
      next.set(key, { contact, key, callId: update.callId, cseq: update.cseq, expiresAt: update.now + expires * 1000, source: update.source });
    }
  }
  return ok([...next.values()]);
}
