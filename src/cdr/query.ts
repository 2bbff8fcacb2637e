// CDR queries: the filters of `tandem cdr list|export|stats` and of GET /cdrs, validated by ajv
// from their text form (CLI options, query string), and what each filter means on a record.
// Both stores (spool and Redis) answer the same query the same way: newest first (setupInAt,
// then id, descending), `since` inclusive and `until` exclusive.
import { Ajv, type ErrorObject } from 'ajv';
import { err, ok, type Result } from '../core/result.js';
import { CdrBadQueryError } from './errors.js';
import type { CdrRecord } from './record.js';

export interface CdrQuery {
  /** setupInAt >= since (ms since the epoch) */
  readonly since?: number;
  /** setupInAt < until */
  readonly until?: number;
  readonly trunk?: string;
  /** calling number, as received or as sent */
  readonly from?: string;
  /** called number, as received or as sent */
  readonly to?: string;
  readonly cause?: number;
  readonly status?: number;
  readonly answered?: boolean;
  /** at most this many records, the newest */
  readonly limit?: number;
}

/** Where CDRs are read from: the spool (spool-store.ts) or Redis (redis-store.ts). */
export interface CdrStore {
  get(id: string): Promise<CdrRecord | undefined>;
  query(q: CdrQuery): Promise<CdrRecord[]>;
}

const MAX_LIMIT = 100_000;
const DATE = '\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,3})?)?(?:Z|[+-]\\d{2}:\\d{2}))?';
const DURATION = '(\\d{1,9})(ms|s|m|h|d)';
const TIME = `^(?:${DATE}|${DURATION})$`;
const NUMBER = '^\\S{1,64}$';

const EXPECTED = {
  since: 'an ISO 8601 date or time with its zone (2024-05-01, 2024-05-01T10:00:00Z) or a duration before now (90s, 15m, 2h, 7d)',
  until: 'an ISO 8601 date or time with its zone (2024-05-01, 2024-05-01T10:00:00Z) or a duration before now (90s, 15m, 2h, 7d)',
  trunk: 'a trunk group name (1 to 128 characters)',
  from: 'a number without spaces (1 to 64 characters)',
  to: 'a number without spaces (1 to 64 characters)',
  cause: 'a Q.850 cause value, 0 to 127',
  status: 'a SIP status, 100 to 699',
  answered: 'true or false',
  limit: `an integer from 1 to ${MAX_LIMIT}`,
} as const;
export const QUERY_FILTERS = Object.keys(EXPECTED) as readonly (keyof typeof EXPECTED)[];

const ajv = new Ajv({ allErrors: true, coerceTypes: true, strict: true });
const validateRaw = ajv.compile({
  type: 'object',
  additionalProperties: false,
  properties: {
    since: { type: 'string', pattern: TIME },
    until: { type: 'string', pattern: TIME },
    trunk: { type: 'string', minLength: 1, maxLength: 128 },
    from: { type: 'string', pattern: NUMBER },
    to: { type: 'string', pattern: NUMBER },
    cause: { type: 'integer', minimum: 0, maximum: 127 },
    status: { type: 'integer', minimum: 100, maximum: 699 },
    answered: { type: 'boolean' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT },
  },
});

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function message(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    return `unknown filter "${String((e.params as { additionalProperty: string }).additionalProperty)}"; the filters are ${QUERY_FILTERS.join(', ')}`;
  }
  const name = e.instancePath.slice(1) as keyof typeof EXPECTED;
  return `${name}: must be ${EXPECTED[name]}`;
}

function toTime(text: string, now: number): number {
  const d = new RegExp(`^${DURATION}$`).exec(text);
  if (d !== null) return now - Number(d[1]) * UNIT_MS[d[2] as keyof typeof UNIT_MS];
  return Date.parse(text);
}

/**
 * Validates filters given as text (CLI options, a query string; undefined values are ignored)
 * and turns them into a query. `now` anchors the relative times.
 */
export function parseCdrQuery(raw: Readonly<Record<string, unknown>>, now: number): Result<CdrQuery, CdrBadQueryError> {
  const data: Record<string, unknown> = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  if (!validateRaw(data)) {
    const problems = [...new Set((validateRaw.errors ?? []).map(message))];
    return err(new CdrBadQueryError(problems.join('; ')));
  }
  const q = { ...data } as Record<string, unknown>;
  for (const name of ['since', 'until'] as const) {
    if (typeof data[name] !== 'string') continue;
    const t = toTime(data[name], now);
    if (Number.isNaN(t)) return err(new CdrBadQueryError(`${name}: ${data[name]} is not a valid date`));
    q[name] = t;
  }
  if (typeof q.since === 'number' && typeof q.until === 'number' && q.since >= q.until) {
    return err(new CdrBadQueryError('since must be before until'));
  }
  return ok(q as CdrQuery);
}

/** Whether `r` passes every filter of `q` (limit aside). */
export function matchesQuery(r: CdrRecord, q: CdrQuery): boolean {
  return (
    (q.since === undefined || r.setupInAt >= q.since) &&
    (q.until === undefined || r.setupInAt < q.until) &&
    (q.trunk === undefined || r.trunkGroup === q.trunk) &&
    (q.from === undefined || r.callingIn === q.from || r.callingOut === q.from) &&
    (q.to === undefined || r.calledIn === q.to || r.calledOut === q.to) &&
    (q.cause === undefined || r.cause === q.cause) &&
    (q.status === undefined || r.sipStatus === q.status) &&
    (q.answered === undefined || (r.answerAt !== null) === q.answered)
  );
}

/** Sort order of query results: newest first, then by id descending. */
export function newestFirst(a: CdrRecord, b: CdrRecord): number {
  return b.setupInAt - a.setupInAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
