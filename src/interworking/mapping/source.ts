// Where each mapping row comes from. Every row of every table under src/interworking/mapping/
// carries a Source, and docs/interworking.md renders it (scripts/gen-interworking-docs.mjs).

/**
 * - `verified`: checked against a copy of the text or against independent reproductions of it.
 * - `mem`: from recollection of the specification ([mem] in the reference); not checked.
 * - `project`: a Tandem decision where the specifications leave the choice open.
 */
export type Basis = 'verified' | 'mem' | 'project';

export interface Source {
  /** The clause the row implements, e.g. `RFC 3398 §8.2.6.1`. */
  readonly ref: string;
  readonly basis: Basis;
}

/** A failure of a mapping, with what each side answers: the SIP status and the Q.850 cause. */
export interface MappingFailure {
  readonly code: 'BAD_NUMBER' | 'NO_COMMON_BEARER';
  readonly status: number;
  readonly cause: number;
  readonly message: string;
}
