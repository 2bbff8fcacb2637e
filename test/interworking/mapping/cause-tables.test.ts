// The cause <-> status tables, row by row in both directions: every row of each table against
// the function, every hand-transcribed expectation (expected.ts) against the function, the rows
// and the expectations as sets, and the statuses that survive status -> cause -> status.
import { CauseLocation } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import {
  CAUSE_CLASSES,
  Q1912_CAUSE_TO_STATUS,
  Q1912_STATUS_TO_CAUSE,
  RFC3398_CAUSE_TO_STATUS,
  RFC3398_STATUS_TO_CAUSE,
  Q850_CAUSES,
  causeClass,
  causeForStatus,
  causeText,
  statusForCause,
} from '../../../src/interworking/mapping/index.js';
import { Q1912_CAUSE_STATUS, Q1912_STATUS_CAUSE, RFC3398_CAUSE_STATUS, RFC3398_CAUSE_STATUS_USER, RFC3398_FIXED_POINTS, RFC3398_STATUS_CAUSE } from './expected.js';

const NETWORK = CauseLocation.PUBLIC_NETWORK_LOCAL;
const at = (cause: number, location: number = NETWORK) => ({ causeValue: cause, location });

describe.each([
  ['rfc3398', RFC3398_CAUSE_TO_STATUS, RFC3398_CAUSE_STATUS, RFC3398_CAUSE_STATUS_USER],
  ['q1912.5', Q1912_CAUSE_TO_STATUS, Q1912_CAUSE_STATUS, []],
] as const)('cause -> status, %s', (_name, table, expected, expectedUser) => {
  it.each(table.rows.map((r) => [r.cause, r.userLocation === true, r.status] as const))('row: cause %i (user location %s) -> %s', (cause, user, status) => {
    const got = statusForCause(at(cause, user ? CauseLocation.USER : NETWORK), table);
    if (status === null) expect(got.via).toBe('class');
    else expect(got).toEqual({ status, via: 'row' });
  });

  it.each(expected.map(([c, s]) => [c, s] as const))('reference: cause %i -> %s', (cause, status) => {
    const got = statusForCause(at(cause), table);
    if (status === null) expect(got).toEqual({ status: 480, via: 'class' });
    else expect(got.status).toBe(status);
  });

  it.each(expectedUser.map(([c, s]) => [c, s] as const))('reference: cause %i at location "user" -> %i', (cause, status) => {
    expect(statusForCause(at(cause, CauseLocation.USER), table).status).toBe(status);
  });

  it('has exactly the reference rows', () => {
    const rows = table.rows.map((r) => `${r.cause}${r.userLocation === true ? 'u' : ''}:${r.status}`).sort();
    const ref = [...expected.map(([c, s]) => `${c}:${s}`), ...expectedUser.map(([c, s]) => `${c}u:${s}`)].sort();
    expect(rows).toEqual(ref);
  });

  it('maps an unlisted cause as the unspecified cause of its class, then by the fallback', () => {
    expect(statusForCause(at(43), table)).toEqual({ status: 503, via: 'class' });
    expect(statusForCause(at(6), table)).toEqual({ status: 480, via: 'class' });
    expect(statusForCause(at(63), table)).toEqual({ status: table.fallback.status, via: 'fallback' });
    expect(statusForCause(at(95), table)).toEqual({ status: 500, via: 'fallback' });
  });

  it('lets a per-peer override win over the table', () => {
    expect(statusForCause(at(17), table, { 17: 600 })).toEqual({ status: 600, via: 'override' });
    expect(statusForCause(at(43), table, { 43: 486 })).toEqual({ status: 486, via: 'override' });
    expect(statusForCause(at(1), table, { 17: 600 }).status).toBe(404);
  });
});

describe.each([
  ['rfc3398', RFC3398_STATUS_TO_CAUSE, RFC3398_STATUS_CAUSE, 31],
  ['q1912.5', Q1912_STATUS_TO_CAUSE, Q1912_STATUS_CAUSE, 127],
] as const)('status -> cause, %s', (_name, table, expected, fallback) => {
  it.each(table.rows.map((r) => [r.status, r.cause] as const))('row: %i -> %s', (status, cause) => {
    expect(causeForStatus(status, table)).toMatchObject(cause === null ? { cause: fallback, via: 'fallback' } : { cause, via: 'row' });
  });

  it.each(expected.map(([s, c]) => [s, c] as const))('reference: %i -> %s', (status, cause) => {
    expect(causeForStatus(status, table).cause).toBe(cause ?? fallback);
  });

  it('has exactly the reference rows', () => {
    expect(table.rows.map((r) => `${r.status}:${r.cause}`).sort()).toEqual(expected.map(([s, c]) => `${s}:${c}`).sort());
  });

  it('gives the fallback to unlisted statuses and lets overrides win', () => {
    expect(causeForStatus(499, table)).toMatchObject({ cause: fallback, via: 'fallback' });
    expect(causeForStatus(699, table)).toMatchObject({ cause: fallback, via: 'fallback' });
    expect(causeForStatus(486, table, { 486: 34 })).toMatchObject({ cause: 34, via: 'override' });
  });
});

describe('cause locations', () => {
  it('RFC 3398: 6xx user, 4xx and 5xx beyond the interworking point', () => {
    expect(causeForStatus(603, RFC3398_STATUS_TO_CAUSE).location).toBe(CauseLocation.USER);
    expect(causeForStatus(600, RFC3398_STATUS_TO_CAUSE).location).toBe(CauseLocation.USER);
    expect(causeForStatus(486, RFC3398_STATUS_TO_CAUSE).location).toBe(CauseLocation.BEYOND_INTERWORKING_POINT);
    expect(causeForStatus(503, RFC3398_STATUS_TO_CAUSE).location).toBe(CauseLocation.BEYOND_INTERWORKING_POINT);
  });
  it('Q.1912.5: beyond the interworking point for every status', () => {
    for (const s of [404, 503, 603]) expect(causeForStatus(s, Q1912_STATUS_TO_CAUSE).location).toBe(CauseLocation.BEYOND_INTERWORKING_POINT);
  });
});

describe('both directions together (RFC 3398)', () => {
  it('maps back exactly the statuses worked out by hand', () => {
    const fixed = RFC3398_STATUS_TO_CAUSE.rows
      .filter((r) => {
        const there = causeForStatus(r.status, RFC3398_STATUS_TO_CAUSE);
        return statusForCause({ causeValue: there.cause, location: there.location }, RFC3398_CAUSE_TO_STATUS).status === r.status;
      })
      .map((r) => r.status);
    expect(fixed).toEqual(RFC3398_FIXED_POINTS);
  });
});

describe('Q.850 causes and classes', () => {
  it('names each cause once and classes cover 0..127 without overlap', () => {
    expect(new Set(Q850_CAUSES.map((c) => c.cause)).size).toBe(Q850_CAUSES.length);
    for (let v = 0; v <= 127; v++) expect(CAUSE_CLASSES.filter((c) => v >= c.first && v <= c.last)).toHaveLength(1);
    expect(() => causeClass(128)).toThrow(RangeError);
  });
  it('lists the hand-written Q.850 values and classes', () => {
    expect(Q850_CAUSES.map((c) => c.cause)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 34, 38, 39, 40, 41, 42, 43, 44, 46, 47, 49, 50, 53, 55, 57, 58, 62, 63,
      65, 66, 69, 70, 79, 81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 95, 96, 97, 98, 99, 100, 101, 102, 103, 110, 111, 127,
    ]);
    expect(CAUSE_CLASSES.map((c) => [c.first, c.last, c.unspecified])).toEqual([[0, 31, 31], [32, 47, 47], [48, 63, 63], [64, 79, 79], [80, 95, 95], [96, 111, 111], [112, 127, 127]]);
  });
  it('gives the Q.850 text, or a placeholder for unknown values', () => {
    expect(causeText(16)).toBe('Normal call clearing');
    expect(causeText(28)).toBe('Invalid number format (address incomplete)');
    expect(causeText(12)).toBe('Cause 12');
  });
  it('every class names its own unspecified cause, and every table cause is a Q.850 cause', () => {
    for (const c of CAUSE_CLASSES) expect(causeClass(c.unspecified)).toBe(c);
    const named = new Set(Q850_CAUSES.map((c) => c.cause));
    for (const t of [RFC3398_CAUSE_TO_STATUS, Q1912_CAUSE_TO_STATUS]) for (const r of t.rows) expect(named.has(r.cause)).toBe(true);
    for (const t of [RFC3398_STATUS_TO_CAUSE, Q1912_STATUS_TO_CAUSE]) for (const r of t.rows) if (r.cause !== null) expect(named.has(r.cause)).toBe(true);
  });
});
