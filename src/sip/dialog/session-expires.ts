// Session-Expires and Min-SE (RFC 4028 §4, §5) and the negotiation of the session interval and
// the refresher: at the UAC (§7), at the UAS (§9), and after a 422 (§7.4). The refresher is kept
// as `local` or `remote`, because `uac` and `uas` name the roles in the one transaction.
import { err, ok, type Result } from '../../core/result.js';
import { parseParams, takeParams } from '../message/params.js';
import { fieldValues, formatParams, parseTokenList, readOne, type HeaderField, type Param, type SipError } from '../message/index.js';

/** Session-Expires = delta-seconds *(SEMI se-params), se-params = refresher-param / generic-param. */
export interface SessionExpires {
  readonly interval: number;
  readonly refresher?: 'uac' | 'uas';
  readonly params: readonly Param[];
}

/** RFC 4028 §4: the Min-SE when none is given, and the floor of any Min-SE. */
export const MIN_SE_FLOOR = 90;

const bad = (header: string, message: string): Result<never, SipError> => err({ code: 'SIP_BAD_HEADER', message, header });

function deltaSeconds(text: string): number | undefined {
  return /^[0-9]{1,10}$/.test(text) && Number(text) <= 0xffffffff ? Number(text) : undefined;
}

export function parseSessionExpires(value: string): Result<SessionExpires, SipError> {
  const semi = value.indexOf(';');
  const interval = deltaSeconds((semi < 0 ? value : value.slice(0, semi)).trim());
  if (interval === undefined || interval === 0) return bad('Session-Expires', `not delta-seconds: ${JSON.stringify(value)}`);
  const params = parseParams(semi < 0 ? '' : value.slice(semi));
  if (!params.ok) return bad('Session-Expires', params.error);
  const { taken, rest } = takeParams(params.value, ['refresher']);
  const refresher = taken.get('refresher')?.value?.toLowerCase();
  if (refresher === undefined) return ok({ interval, params: rest });
  if (refresher !== 'uac' && refresher !== 'uas') return bad('Session-Expires', `refresher must be uac or uas: ${refresher}`);
  return ok({ interval, refresher, params: rest });
}

export function formatSessionExpires(value: SessionExpires): string {
  const refresher: Param[] = value.refresher === undefined ? [] : [{ name: 'refresher', value: value.refresher }];
  return `${value.interval}${formatParams([...refresher, ...value.params])}`;
}

/** Min-SE = delta-seconds *(SEMI generic-param). */
export function parseMinSE(value: string): Result<number, SipError> {
  const semi = value.indexOf(';');
  const seconds = deltaSeconds((semi < 0 ? value : value.slice(0, semi)).trim());
  return seconds === undefined ? bad('Min-SE', `not delta-seconds: ${JSON.stringify(value)}`) : ok(seconds);
}

/** What a UA wants: the interval it asks for or grants (none: it does not ask), and its Min-SE. */
export interface SessionTimerConfig {
  /** seconds; undefined: do not ask for a session timer, only honour the peer's */
  readonly interval?: number;
  /** seconds, at least MIN_SE_FLOOR */
  readonly minSE: number;
}

/** An agreed session interval and who refreshes. */
export interface SessionInterval {
  readonly interval: number;
  readonly refresher: 'local' | 'remote';
}

/** The option tags of every field called `name` (Supported, Require, ...); malformed values are skipped. */
export function optionTags(headers: readonly HeaderField[], name: string): string[] {
  return fieldValues(headers, name).flatMap((value) => {
    const list = parseTokenList(value);
    return list.ok ? list.value : [];
  });
}

/** §7.1: the headers of a request that asks for a session timer (INVITE, or a refresh by the refresher). */
export function requestSessionHeaders(config: SessionTimerConfig, current: SessionInterval | undefined): HeaderField[] {
  const interval = current?.interval ?? config.interval;
  if (interval === undefined) return [];
  const refresher = current === undefined ? {} : { refresher: current.refresher === 'local' ? ('uac' as const) : ('uas' as const) };
  return [
    { name: 'Session-Expires', value: formatSessionExpires({ interval, ...refresher, params: [] }) },
    { name: 'Min-SE', value: String(config.minSE) },
  ];
}

/** §7.2: the session interval a 2xx gives the UAC; none when it has no Session-Expires. */
export function uacSessionInterval(responseHeaders: readonly HeaderField[]): Result<SessionInterval | undefined, SipError> {
  const se = readOne(responseHeaders, 'Session-Expires', parseSessionExpires);
  if (!se.ok) return se;
  if (se.value === undefined) return ok(undefined);
  // No refresher parameter: the UAS does not do session timers, so the UAC refreshes.
  return ok({ interval: se.value.interval, refresher: se.value.refresher === 'uas' ? 'remote' : 'local' });
}

/** §7.4: the config for retrying after a 422, whose Min-SE is the smallest interval the peer takes. */
export function after422(config: SessionTimerConfig, responseHeaders: readonly HeaderField[]): SessionTimerConfig | undefined {
  const minSE = readOne(responseHeaders, 'Min-SE', parseMinSE);
  if (!minSE.ok || minSE.value === undefined) return undefined;
  const floor = Math.max(minSE.value, config.minSE);
  return { interval: Math.max(config.interval ?? floor, floor), minSE: floor };
}

/** The UAS's answer to a request's session timer headers (§9). */
export type UasSessionDecision =
  /** 422 (Session Interval Too Small) with this Min-SE */
  | { readonly kind: 'too-small'; readonly minSE: number }
  /** go on; add `headers` to the 2xx; `session` is the agreed interval, if any */
  | { readonly kind: 'accept'; readonly session?: SessionInterval; readonly headers: readonly HeaderField[] };

/** §9: the session interval and refresher a UAS grants for a request (INVITE, re-INVITE or UPDATE). */
export function uasSessionDecision(requestHeaders: readonly HeaderField[], config: SessionTimerConfig): Result<UasSessionDecision, SipError> {
  const se = readOne(requestHeaders, 'Session-Expires', parseSessionExpires);
  if (!se.ok) return se;
  const requestMinSE = readOne(requestHeaders, 'Min-SE', parseMinSE);
  if (!requestMinSE.ok) return requestMinSE;
  const uacSupports = optionTags(requestHeaders, 'Supported').includes('timer');
  let interval: number;
  let refresher: 'uac' | 'uas';
  if (se.value !== undefined) {
    if (se.value.interval < config.minSE) return ok({ kind: 'too-small', minSE: config.minSE });
    // The UAS may lower the interval, but not below the Min-SE of the request (§9).
    const floor = Math.max(requestMinSE.value ?? MIN_SE_FLOOR, config.minSE);
    interval = config.interval === undefined ? se.value.interval : Math.min(se.value.interval, Math.max(config.interval, floor));
    refresher = se.value.refresher ?? (uacSupports ? 'uac' : 'uas');
  } else if (config.interval !== undefined) {
    // The UAS asks for a session timer itself; it refreshes, which works whether or not the UAC knows timer.
    interval = Math.max(config.interval, requestMinSE.value ?? MIN_SE_FLOOR);
    refresher = 'uas';
  } else {
    return ok({ kind: 'accept', headers: [] });
  }
  const headers: HeaderField[] = [{ name: 'Session-Expires', value: formatSessionExpires({ interval, refresher, params: [] }) }];
  if (uacSupports) headers.push({ name: 'Require', value: 'timer' });
  return ok({ kind: 'accept', session: { interval, refresher: refresher === 'uas' ? 'local' : 'remote' }, headers });
}
