// Query validation, the meaning of each filter, CSV/JSON export (with formula neutralisation)
// and per-trunk statistics.
import { describe, expect, it } from 'vitest';
import { csvCell, exportCdrs, toCsv } from '../../src/cdr/export.js';
import { matchesQuery, parseCdrQuery } from '../../src/cdr/query.js';
import { CDR_FIELDS, type CdrRecord } from '../../src/cdr/record.js';
import { cdrStats } from '../../src/cdr/stats.js';
import { build, endings, mixedRecords, refused, sipToPstn } from './helpers.js';

const NOW = Date.UTC(2024, 4, 2, 12, 0, 0);
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

const bad = (raw: Record<string, unknown>) => {
  const q = parseCdrQuery(raw, NOW);
  return q.ok ? 'ok' : `${q.error.code}: ${q.error.message}`;
};

describe('parseCdrQuery', () => {
  it('turns text filters into a query: dates, durations before now, numbers and booleans', () => {
    const q = parseCdrQuery(
      { since: '2024-05-01', until: '2024-05-01T12:30:00+02:00', trunk: 'sim-e1', from: '+33123456789', to: '0612345678', cause: '17', status: '486', answered: 'false', limit: '20', unused: undefined },
      NOW,
    );
    expect(q).toEqual({
      ok: true,
      value: { since: Date.UTC(2024, 4, 1), until: Date.UTC(2024, 4, 1, 10, 30), trunk: 'sim-e1', from: '+33123456789', to: '0612345678', cause: 17, status: 486, answered: false, limit: 20 },
    });
    expect(parseCdrQuery({ since: '2h', until: '90s', answered: true }, NOW)).toEqual({ ok: true, value: { since: NOW - 7_200_000, until: NOW - 90_000, answered: true } });
    expect(parseCdrQuery({ since: '7d' }, NOW)).toEqual({ ok: true, value: { since: NOW - 7 * 86_400_000 } });
  });

  it.each([
    [{ since: 'yesterday' }, 'since: must be an ISO 8601 date or time with its zone'],
    [{ since: '2024-05-01T10:00:00' }, 'since: must be an ISO 8601 date or time with its zone'],
    [{ until: '2024-13-01' }, 'until: 2024-13-01 is not a valid date'],
    [{ since: '1h', until: '2h' }, 'since must be before until'],
    [{ cause: '128' }, 'cause: must be a Q.850 cause value, 0 to 127'],
    [{ cause: 'busy' }, 'cause: must be a Q.850 cause value, 0 to 127'],
    [{ status: '99' }, 'status: must be a SIP status, 100 to 699'],
    [{ answered: 'maybe' }, 'answered: must be true or false'],
    [{ limit: '0' }, 'limit: must be an integer from 1 to 100000'],
    [{ to: '06 12' }, 'to: must be a number without spaces'],
    [{ trunk: ['a', 'b'] }, 'trunk: must be a trunk group name'],
    [{ calling: '1' }, 'unknown filter "calling"; the filters are since, until, trunk, from, to, cause, status, answered, limit'],
  ])('refuses %j', (raw, message) => {
    expect(bad(raw)).toContain(`GW_ERR_CDR_BAD_QUERY: Invalid CDR query: ${message}`);
  });

  it('reports every bad filter at once', () => {
    expect(bad({ cause: 'x', status: 'y' })).toBe('GW_ERR_CDR_BAD_QUERY: Invalid CDR query: cause: must be a Q.850 cause value, 0 to 127; status: must be a SIP status, 100 to 699');
  });
});

describe('matchesQuery', () => {
  const [r] = build(sipToPstn(T0, endings.busy, { trunk: 'sim-t1', calling: '+33111', called: '0622' }));
  const rec = r as CdrRecord;
  it.each([
    [{ since: T0 }, true],
    [{ since: T0 + 1 }, false],
    [{ until: T0 + 1 }, true],
    [{ until: T0 }, false],
    [{ trunk: 'sim-t1' }, true],
    [{ trunk: 'sim-e1' }, false],
    [{ from: '+33111' }, true],
    [{ from: '0123456789' }, true], // as sent
    [{ from: '0622' }, false],
    [{ to: '0622' }, true],
    [{ cause: 17 }, true],
    [{ cause: 16 }, false],
    [{ status: 486 }, true],
    [{ answered: false }, true],
    [{ answered: true }, false],
  ])('%j: %s', (q, want) => {
    expect(matchesQuery(rec, q)).toBe(want);
  });
});

describe('export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+33123456789', "'+33123456789"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['0612345678', '0612345678'],
  ])('CSV cell %j is written %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes a header of every field, then one row per record, times as ISO 8601, nulls empty', () => {
    const records = build(sipToPstn(T0, endings.answered));
    const [header, row, end] = toCsv(records).split('\r\n');
    expect(header).toBe(CDR_FIELDS.join(','));
    expect(end).toBe('');
    const cells = row?.split(',') ?? [];
    const cell = (f: string) => cells[CDR_FIELDS.indexOf(f as (typeof CDR_FIELDS)[number])];
    expect(cell('setupInAt')).toBe('2024-05-01T10:00:00.000Z');
    expect(cell('callingIn')).toBe("'+33123456789");
    expect(cell('redirecting')).toBe('');
    expect(cell('billableMs')).toBe('60000');
  });

  it('writes JSON as an array of the records as stored', () => {
    const records = mixedRecords(3, T0);
    expect(JSON.parse(exportCdrs(records, 'json'))).toEqual(records);
    expect(exportCdrs([], 'json')).toBe('[]\n');
  });
});

describe('cdrStats', () => {
  it('computes attempts, ASR, NER, ACD and PDD per trunk group', () => {
    const records = [
      ...build(sipToPstn(T0, endings.answered, { trunk: 'a' })), // PDD 100, 60 s
      ...build(sipToPstn(T0, endings.busy, { trunk: 'a' })), // effective
      ...build(sipToPstn(T0, endings.failed, { trunk: 'a' })), // PDD 90, not effective
      ...build(sipToPstn(T0, endings.cancelled, { trunk: 'a' })), // PDD 120, effective
      ...build(sipToPstn(T0, endings.timedOut, { trunk: 'b' })),
      ...build(refused(T0, 'cac', 34, 503)),
    ];
    records.push({ ...(records[0] as CdrRecord), id: 'glare-1', disposition: 'glare', answerAt: null, billableMs: 0, pddMs: null });
    expect(cdrStats(records)).toEqual([
      { trunkGroup: '-', attempts: 1, answered: 0, asr: 0, ner: 0, acdSeconds: null, pddMs: null },
      { trunkGroup: 'a', attempts: 5, answered: 1, asr: 0.25, ner: 0.75, acdSeconds: 60, pddMs: (100 + 90 + 120) / 3 },
      { trunkGroup: 'b', attempts: 1, answered: 0, asr: 0, ner: 0, acdSeconds: null, pddMs: null },
    ]);
  });
});
