// History-Info (RFC 7044 §9): hi-entry *(COMMA hi-entry), hi-entry = hi-targeted-to-uri *(SEMI hi-param),
// hi-targeted-to-uri = name-addr; hi-param = hi-index / hi-target-param / hi-extension;
// hi-index = "index" EQUAL index-val; hi-target-param = ("rc" / "mp" / "np") EQUAL index-val.
// RFC 7044 makes the index mandatory in every entry.
// A Reason for the retargeting travels as a URI header: `<sip:b@x?Reason=SIP%3Bcause%3D302>`.

import { err, ok, type Result } from '../../core/result.js';
import { splitOutside } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatNameAddr, parseNameAddr, type NameAddr } from './name-addr.js';
import { takeParams, type Param } from './params.js';

export interface HistoryInfo extends NameAddr {
  /** e.g. `1.1.2` */
  readonly index: string;
  /** index of the entry this one was retargeted from (rc), mapped from (mp), or not changed from (np) */
  readonly rc?: string;
  readonly mp?: string;
  readonly np?: string;
}

/** index-val = number *("." number), number = [ %x31-39 *DIGIT ] DIGIT */
const INDEX_VAL = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;
const TARGET_PARAMS = ['rc', 'mp', 'np'] as const;

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_HEADER', message));

function parseEntry(item: string): Result<HistoryInfo, SipError> {
  const parsed = parseNameAddr(item, true);
  if (!parsed.ok) return parsed;
  const { taken, rest } = takeParams(parsed.value.params, ['index', ...TARGET_PARAMS]);
  const index = taken.get('index')?.value;
  if (index === undefined || !INDEX_VAL.test(index)) return bad('History-Info entry without a valid index');
  const entry: { -readonly [K in keyof HistoryInfo]: HistoryInfo[K] } = { ...parsed.value, index, params: rest };
  for (const name of TARGET_PARAMS) {
    const param = taken.get(name);
    if (param === undefined) continue;
    if (param.value === undefined || !INDEX_VAL.test(param.value)) return bad(`History-Info ${name} must be an index`);
    entry[name] = param.value;
  }
  return ok(entry);
}

export function parseHistoryInfo(value: string): Result<HistoryInfo[], SipError> {
  const entries: HistoryInfo[] = [];
  for (const item of splitOutside(value, ',')) {
    const entry = parseEntry(item);
    if (!entry.ok) return entry;
    entries.push(entry.value);
  }
  return ok(entries);
}

export function formatHistoryInfo(entry: HistoryInfo): string {
  const typed: Param[] = [{ name: 'index', value: entry.index }];
  for (const name of TARGET_PARAMS) {
    const value = entry[name];
    if (value !== undefined) typed.push({ name, value });
  }
  return formatNameAddr({ ...entry, params: [...typed, ...entry.params] });
}
