// Diversion (RFC 5806 §4): diversion-params *(COMMA diversion-params),
// diversion-params = name-addr *(SEMI (diversion-reason / diversion-counter / diversion-limit /
//   diversion-privacy / diversion-screen / diversion-extension)).
// e.g. `<tel:+15551234>;reason=user-busy;counter=1;privacy=off;screen=no`. The addr-spec form,
// which some peers send, is accepted too.

import { err, ok, type Result } from '../../core/result.js';
import { isToken, quote, splitOutside, unquote } from './abnf.js';
import { sipError, type SipError } from './errors.js';
import { formatNameAddr, parseNameAddr, type NameAddr } from './name-addr.js';
import { takeParams, type Param } from './params.js';

export interface Diversion extends NameAddr {
  /** unknown, user-busy, no-answer, unconditional, time-of-day, do-not-disturb, deflection, ... */
  readonly reason?: string;
  /** how many diversions this entry stands for (1*2DIGIT) */
  readonly counter?: number;
  /** diversions allowed (1*2DIGIT) */
  readonly limit?: number;
  /** full, name, uri, off, ... */
  readonly privacy?: string;
  /** yes, no, ... */
  readonly screen?: string;
}

const TEXT_PARAMS = ['reason', 'privacy', 'screen'] as const;
const COUNT_PARAMS = ['counter', 'limit'] as const;

const bad = (message: string): Result<never, SipError> => err(sipError('SIP_BAD_HEADER', message));

function parseDiversionParams(item: string): Result<Diversion, SipError> {
  const parsed = parseNameAddr(item);
  if (!parsed.ok) return parsed;
  const { taken, rest } = takeParams(parsed.value.params, [...TEXT_PARAMS, ...COUNT_PARAMS]);
  const diversion: { -readonly [K in keyof Diversion]: Diversion[K] } = { ...parsed.value, params: rest };
  for (const name of TEXT_PARAMS) {
    const param = taken.get(name);
    if (param === undefined) continue;
    if (param.value === undefined) return bad(`Diversion ${name} needs a value`);
    diversion[name] = unquote(param.value);
  }
  for (const name of COUNT_PARAMS) {
    const param = taken.get(name);
    if (param === undefined) continue;
    if (param.value === undefined || !/^[0-9]{1,2}$/.test(param.value)) return bad(`Diversion ${name} must be 1-2 digits`);
    diversion[name] = Number(param.value);
  }
  return ok(diversion);
}

export function parseDiversion(value: string): Result<Diversion[], SipError> {
  const list: Diversion[] = [];
  for (const item of splitOutside(value, ',')) {
    const diversion = parseDiversionParams(item);
    if (!diversion.ok) return diversion;
    list.push(diversion.value);
  }
  return ok(list);
}

export function formatDiversion(value: Diversion): string {
  const typed: Param[] = [];
  for (const name of TEXT_PARAMS) {
    const text = value[name];
    if (text !== undefined) typed.push({ name, value: isToken(text) ? text : quote(text) });
  }
  for (const name of COUNT_PARAMS) {
    const count = value[name];
    if (count !== undefined) typed.push({ name, value: String(count) });
  }
  return formatNameAddr({ ...value, params: [...typed, ...value.params] });
}
