// The Q.931 message model, derived from the descriptor tables so that a row added to MESSAGES or
// IES shows up in the types without a second declaration.
import type { IeName, IeValues } from './ies/table.js';
import type { MessageName } from './messages.js';

/** An element of the IES table, with its typed value (or its contents, for raw rows). */
export type NamedIe = { [K in IeName]: { name: K; value: IeValues[K] } }[IeName];

/** Sending complete (0xA1), Q.931 §4.5.27. */
export interface SendingCompleteIe {
  name: 'sendingComplete';
}

/**
 * A codeset shift, Q.931 §4.5.3 (locking: every later element is in `codeset`) and §4.5.4
 * (non-locking: the next element only). Kept in place, so that the octets re-encode exactly.
 */
export interface ShiftIe {
  name: 'shift';
  locking: boolean;
  codeset: number;
}

/**
 * An element the table does not name, or any element in a codeset other than 0: as sent.
 * Single-octet elements (bit 8 of `id` set) have no `contents`.
 */
export interface UnknownIe {
  name: 'unknown';
  /** the codeset in force where the element stands (after the shifts before it) */
  codeset: number;
  id: number;
  contents?: Uint8Array;
}

export type InformationElement = NamedIe | SendingCompleteIe | ShiftIe | UnknownIe;

/** Call reference, Q.931 §4.3. */
export interface CallReference {
  /** octets of the call reference value: 0 (dummy), 1 (basic rate), 2 (primary rate), up to 4 */
  length: number;
  /** bit 8 of the first value octet: false from the side that allocated the call reference, true to it */
  flag: boolean;
  /** the call reference value (0 with length 0, the dummy call reference; 0 otherwise is the global call reference) */
  value: number;
  /** bits 8-5 of the length octet when a sender set them */
  spare?: number;
}

/** A message of a known type. `ies` keeps wire order; an element may repeat. */
export interface Q931MessageOf<M extends MessageName> {
  type: M;
  callReference: CallReference;
  ies: InformationElement[];
}

/** A message whose type the table does not know: everything after the message type, as sent. */
export interface UnknownMessage {
  type: 'UNKNOWN';
  code: number;
  callReference: CallReference;
  body: Uint8Array;
}

export type Q931Message = { [M in MessageName]: Q931MessageOf<M> }[MessageName] | UnknownMessage;
