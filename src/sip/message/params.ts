// Header parameters: `*( SEMI generic-param )`, generic-param = token [ EQUAL gen-value ],
// gen-value = token / host / quoted-string (RFC 3261 §25.1). SEMI and EQUAL allow LWS around.

import { isQuotedString, isToken, splitOutside, trimLws } from './abnf.js';
import { err, ok, type Result } from '../../core/result.js';

/**
 * One parameter. `value` is the text after "=" as written (a quoted-string keeps its quotes;
 * see `unquote`), undefined for a parameter without "=" such as `lr` or `rport`.
 */
export interface Param {
  readonly name: string;
  readonly value?: string;
}

/** gen-value: token or host (which adds ":" "[" "]" for IPv6), or a quoted-string. */
const GEN_VALUE = /^[A-Za-z0-9\-.!%*_+`'~:[\]]+$/;

/**
 * Parses `text`, which is empty or starts (after LWS) with ";". A name may appear only once
 * (compared case-insensitively). The error is a message for the caller to wrap in its code.
 */
export function parseParams(text: string): Result<Param[], string> {
  const rest = trimLws(text);
  if (rest === '') return ok([]);
  if (!rest.startsWith(';')) return err(`expected ";" before ${JSON.stringify(rest)}`);
  const params: Param[] = [];
  const seen = new Set<string>();
  for (const item of splitOutside(rest.slice(1), ';')) {
    const eq = item.indexOf('=');
    const name = trimLws(eq < 0 ? item : item.slice(0, eq));
    if (!isToken(name)) return err(`bad parameter name ${JSON.stringify(name)}`);
    const key = name.toLowerCase();
    if (seen.has(key)) return err(`parameter ${name} given twice`);
    seen.add(key);
    if (eq < 0) {
      params.push({ name });
      continue;
    }
    const value = trimLws(item.slice(eq + 1));
    if (!GEN_VALUE.test(value) && !isQuotedString(value)) {
      return err(`bad value ${JSON.stringify(value)} for parameter ${name}`);
    }
    params.push({ name, value });
  }
  return ok(params);
}

/** `;name=value` for each parameter, values written as they are held. */
export function formatParams(params: readonly Param[]): string {
  return params.map((p) => (p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`)).join('');
}

/** The parameter called `name` (case-insensitive), if present. */
export function getParam(params: readonly Param[], name: string): Param | undefined {
  const key = name.toLowerCase();
  return params.find((p) => p.name.toLowerCase() === key);
}

/** Splits `params` into those named in `names` (by lowercase name) and the rest, in order. */
export function takeParams(
  params: readonly Param[],
  names: readonly string[],
): { readonly taken: ReadonlyMap<string, Param>; readonly rest: Param[] } {
  const taken = new Map<string, Param>();
  const rest: Param[] = [];
  for (const p of params) {
    const key = p.name.toLowerCase();
    if (names.includes(key)) taken.set(key, p);
    else rest.push(p);
  }
  return { taken, rest };
}
