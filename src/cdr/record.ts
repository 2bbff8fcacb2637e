// The call detail record: one per call attempt, answered or not (docs/cdr.md documents every
// field). CDR_FIELDS is the field list that the spool, the Redis hash, the CSV export and the
// docs table all follow; the compiler ties it to the CdrRecord interface.

/** Which side the call came in on: a SIP INVITE toward the PSTN, or an IAM/SETUP toward SIP. */
export type Direction = 'sipToPstn' | 'pstnToSip';
/** How the attempt ended; docs/cdr.md#disposition gives the rule. */
export type Disposition = 'answered' | 'busy' | 'cancelled' | 'failed' | 'refused' | 'timedOut' | 'glare';
/** What refused the call before any setup was sent. */
export type RefusedBy = 'acl' | 'auth' | 'cac' | 'noRoute' | 'noCircuit' | 'draining';
export type ReleaseSide = 'sip' | 'pstn' | 'gateway';
export type Presentation = 'allowed' | 'restricted' | 'unavailable';
export type SipProfile = 'plain' | 'sipt' | 'sipi';

export const CDR_VERSION = 1;

export interface CdrRecord {
  version: number;
  id: string;
  node: string;
  direction: Direction;
  attempt: number;
  finalAttemptId: string;
  disposition: Disposition;
  refusedBy: RefusedBy | null;
  sipPeer: string | null;
  trunkGroup: string | null;
  route: string | null;
  span: number | null;
  channel: number | null;
  cic: number | null;
  callId: string | null;
  callingIn: string | null;
  calledIn: string;
  callingOut: string | null;
  calledOut: string | null;
  presentation: Presentation | null;
  redirecting: string | null;
  profile: SipProfile | null;
  setupInAt: number;
  setupOutAt: number | null;
  firstBackwardAt: number | null;
  firstBackward: string | null;
  alertingAt: number | null;
  answerAt: number | null;
  releaseAt: number;
  pddMs: number | null;
  ringMs: number | null;
  billableMs: number;
  releaseSide: ReleaseSide;
  cause: number | null;
  causeLocation: number | null;
  sipStatus: number | null;
  reason: string | null;
  timer: string | null;
  codec: string | null;
}

export interface FieldKind {
  readonly type: 'string' | 'int';
  readonly nullable: boolean;
  /** the allowed strings, for enumerations */
  readonly values?: readonly string[];
}

const str: FieldKind = { type: 'string', nullable: false };
const strN: FieldKind = { type: 'string', nullable: true };
const int: FieldKind = { type: 'int', nullable: false };
const intN: FieldKind = { type: 'int', nullable: true };
const oneOf = (values: readonly string[], nullable = false): FieldKind => ({ type: 'string', nullable, values });

/** Every field in record order, with its kind. Adding a field to CdrRecord without a row here (or the reverse) does not compile. */
export const CDR_FIELD_KINDS = {
  version: int,
  id: str,
  node: str,
  direction: oneOf(['sipToPstn', 'pstnToSip']),
  attempt: int,
  finalAttemptId: str,
  disposition: oneOf(['answered', 'busy', 'cancelled', 'failed', 'refused', 'timedOut', 'glare']),
  refusedBy: oneOf(['acl', 'auth', 'cac', 'noRoute', 'noCircuit', 'draining'], true),
  sipPeer: strN,
  trunkGroup: strN,
  route: strN,
  span: intN,
  channel: intN,
  cic: intN,
  callId: strN,
  callingIn: strN,
  calledIn: str,
  callingOut: strN,
  calledOut: strN,
  presentation: oneOf(['allowed', 'restricted', 'unavailable'], true),
  redirecting: strN,
  profile: oneOf(['plain', 'sipt', 'sipi'], true),
  setupInAt: int,
  setupOutAt: intN,
  firstBackwardAt: intN,
  firstBackward: strN,
  alertingAt: intN,
  answerAt: intN,
  releaseAt: int,
  pddMs: intN,
  ringMs: intN,
  billableMs: int,
  releaseSide: oneOf(['sip', 'pstn', 'gateway']),
  cause: intN,
  causeLocation: intN,
  sipStatus: intN,
  reason: strN,
  timer: strN,
  codec: strN,
} as const satisfies { readonly [K in keyof CdrRecord]-?: FieldKind };

export type CdrField = keyof CdrRecord;
export const CDR_FIELDS = Object.keys(CDR_FIELD_KINDS) as readonly CdrField[];

/** Fields holding a time (milliseconds since the Unix epoch). */
export const isTimeField = (f: CdrField): boolean => f.endsWith('At');

const CHECKS = CDR_FIELDS.map((name) => ({ name, kind: CDR_FIELD_KINDS[name], values: new Set(CDR_FIELD_KINDS[name].values) }));

function kindError(check: (typeof CHECKS)[number], v: unknown): string | undefined {
  const { name, kind, values } = check;
  if (v === null) return kind.nullable ? undefined : `${name} must not be null`;
  if (kind.type === 'int') return Number.isSafeInteger(v) ? undefined : `${name} must be an integer`;
  if (typeof v !== 'string') return `${name} must be a string`;
  return kind.values && !values.has(v) ? `${name} must be one of ${kind.values.join(', ')}` : undefined;
}

/** `value` as a CdrRecord of this version, or why it is not one (first problem found). */
export function checkCdrRecord(value: unknown): { ok: true; record: CdrRecord } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const v = value as Record<string, unknown>;
  if (v.version !== CDR_VERSION) return { ok: false, reason: `version must be ${CDR_VERSION}` };
  for (const check of CHECKS) {
    if (!(check.name in v)) return { ok: false, reason: `${check.name} is missing` };
    const problem = kindError(check, v[check.name]);
    if (problem) return { ok: false, reason: problem };
  }
  // every field is there: any more keys are unknown ones
  if (Object.keys(v).length > CHECKS.length) return { ok: false, reason: `unknown field ${Object.keys(v).find((k) => !(k in CDR_FIELD_KINDS))}` };
  return { ok: true, record: value as CdrRecord };
}
