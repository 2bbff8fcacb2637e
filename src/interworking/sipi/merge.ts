// Which ISUP wins when a SIP-I or SIP-T message brings an encapsulated ISUP message as well as the
// SIP headers it was mapped from (Q.1912.5 profile C; RFC 3372 §5). The encapsulated message is
// end-to-end ISUP information and is forwarded, its parameters taking precedence over the header
// mapping, except where SIP routing changed something: the Request-URI still decides the called
// number, and Max-Forwards the hop counter. Parameters Tandem does not interpret (unknown codes,
// untyped rows) travel through unchanged, in their order; parameters only the mapping produced
// are added after them.
import type { IsupMessage, IsupMessageOf, OptionalParam } from 'ss7-isup-codec';
import type { Source } from '../mapping/index.js';

export interface MergeRow extends Source {
  /** an IAM parameter, or `(every other)` */
  readonly param: string;
  readonly wins: 'SIP header mapping' | 'encapsulated IAM';
}

/** S→P: the IAM sent for an INVITE that carries one. */
export const IAM_MERGE_ROWS: readonly MergeRow[] = [
  { param: 'calledPartyNumber', wins: 'SIP header mapping', ref: 'Q.1912.5 profile C: the Request-URI wins for routing', basis: 'mem' },
  { param: 'hopCounter', wins: 'SIP header mapping', ref: 'Tandem: Max-Forwards counts the SIP hops since the IAM was encapsulated', basis: 'project' },
  { param: '(every other)', wins: 'encapsulated IAM', ref: 'Q.1912.5 profile C; RFC 3372 §5 (transparency)', basis: 'mem' },
];

const fromSip = (name: string): boolean => IAM_MERGE_ROWS.some((r) => r.param === name && r.wins === 'SIP header mapping');

/** The IAM to send: `encapsulated`, with what the rows give to the SIP mapping taken from `mapped`. */
export function mergeIam(encapsulated: IsupMessageOf<'IAM'>, mapped: IsupMessageOf<'IAM'>): IsupMessageOf<'IAM'> {
  const kept = encapsulated.optional.filter((p) => p.name === 'unknown' || !fromSip(p.name));
  const present = new Set(kept.map((p) => p.name));
  const added = mapped.optional.filter((p: OptionalParam) => fromSip(p.name) || !present.has(p.name));
  return { ...encapsulated, params: { ...encapsulated.params, calledPartyNumber: mapped.params.calledPartyNumber }, optional: [...kept, ...added] };
}

/** The backward or answer message to send: the encapsulated one when it is of the type the mapping chose, else the mapped one. */
export function preferEncapsulated<M extends IsupMessage>(mapped: M, encapsulated: IsupMessage | undefined): M {
  return encapsulated?.type === mapped.type ? (encapsulated as M) : mapped;
}
