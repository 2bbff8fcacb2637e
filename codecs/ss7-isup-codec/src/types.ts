// The typed message model, derived from the descriptor tables so that a row added to
// MESSAGES or PARAMS shows up in the types without a second declaration.
import type { MESSAGES, MessageName } from './messages.js';
import type { ParamName, ParamValues } from './params/table.js';

type MandatoryName<M extends MessageName> = (typeof MESSAGES)[M]['fixed'][number] | (typeof MESSAGES)[M]['variable'][number];

/** The mandatory (fixed and variable) parameters of message M, by name. */
export type MandatoryParams<M extends MessageName> = { [K in MandatoryName<M>]: ParamValues[K] };

/** An optional parameter the table knows: typed value, or its octets for untyped rows. */
export type KnownParam = { [K in ParamName]: { name: K; value: ParamValues[K] } }[ParamName];

/** An optional parameter whose name code the variant does not know, kept as sent. */
export interface UnknownParam {
  name: 'unknown';
  code: number;
  value: Uint8Array;
}

export type OptionalParam = KnownParam | UnknownParam;

interface MessageBase<M> {
  type: M;
  /** circuit identification code (only with the 'cic' framing) */
  cic?: number;
  /** octets found after the last parameter (lenient decoding only); re-encoded as they were */
  trailing?: Uint8Array;
}

/** A message of a known type. `optional` keeps wire order; a parameter may repeat. */
export type IsupMessageOf<M extends MessageName> = MessageBase<M> & {
  params: MandatoryParams<M>;
  optional: OptionalParam[];
} & ((typeof MESSAGES)[M] extends { opaque: true } ? { body: Uint8Array } : unknown);

/** A message whose type code the variant does not know: everything after the code, as sent. */
export interface UnknownMessage extends MessageBase<'UNKNOWN'> {
  code: number;
  body: Uint8Array;
}

export type IsupMessage = { [M in MessageName]: IsupMessageOf<M> }[MessageName] | UnknownMessage;
