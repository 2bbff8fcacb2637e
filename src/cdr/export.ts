// `tandem cdr export`: CSV (RFC 4180, one column per field in record order, times as ISO 8601
// UTC) or JSON (an array of records as stored). A CSV cell that a spreadsheet would read as a
// formula (starting with =, +, -, @, tab or carriage return) is neutralised with a leading
// apostrophe, as OWASP advises against CSV injection.
import { CDR_FIELDS, isTimeField, type CdrRecord } from './record.js';

export type ExportFormat = 'csv' | 'json';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text: neutralised, then quoted if it holds a comma, a quote or a line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cellText(r: CdrRecord, field: (typeof CDR_FIELDS)[number]): string {
  const v = r[field];
  if (v === null) return '';
  if (typeof v === 'number' && isTimeField(field)) return new Date(v).toISOString();
  return String(v);
}

export function toCsv(records: readonly CdrRecord[]): string {
  const lines = [CDR_FIELDS.join(',')];
  for (const r of records) lines.push(CDR_FIELDS.map((f) => csvCell(cellText(r, f))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(records: readonly CdrRecord[]): string {
  return records.length === 0 ? '[]\n' : `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

export function exportCdrs(records: readonly CdrRecord[], format: ExportFormat): string {
  return format === 'csv' ? toCsv(records) : toJson(records);
}
