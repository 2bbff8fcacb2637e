// Header parameters: `*( SEMI generic-param )`, generic-param = token [ EQUAL gen-value ],
// gen-value = token / host / quoted-string (RFC 3261 §25.1). SEMI and EQUAL allow LWS around.

import { indexOutside, isPlain, isQuotedString, isToken, lwsEnd, skipLws, trimLws, trimmed } from './abnf.js';
import { GEN_VALUE, isAll, spanOf, TOKEN } from './chars.js';
import { err, ok, type Result } from '../../core/result.js';

/**
 * One parameter. `value` is the text after "=" as written (a quoted-string keeps its quotes;
 * see `unquote`), undefined for a parameter without "=" such as `lr` or `rport`.
 */
export interface Param {
  readonly name: string;
  readonly value?: string;
}

const SEMI = 0x3b;
const EQUAL = 0x3d;
const SHORT = 16;

/**
 * Lowercase names seen so far, for the rule that a name appears once: a list while short (the
 * usual case), a Set once long, so that many parameters cost no more than linear time.
 */
export class SeenNames {
  /** the first name, held alone: most lists have one or two parameters */
  #first: string | undefined;
  #list: string[] | undefined;
  #set: Set<string> | undefined;

  /** Adds `key`; false if it was there already. */
  add(key: string): boolean {
    if (this.#first === undefined) {
      this.#first = key;
      return true;
    }
    if (this.#set !== undefined) {
      if (this.#set.has(key)) return false;
      this.#set.add(key);
      return true;
    }
    if (key === this.#first) return false;
    if (this.#list === undefined) {
      this.#list = [key];
      return true;
    }
    if (this.#list.includes(key)) return false;
    this.#list.push(key);
    if (this.#list.length > SHORT) this.#set = new Set([this.#first, ...this.#list]);
    return true;
  }
}

/**
 * The usual shape, `*( ";" token [ "=" gen-value ] )` over text[from, end) with no LWS, no
 * quoted-string and each name once, read in one pass: the parameters parseParams gives for it,
 * or undefined for any other text (which parseParams then reads, and rejects if it must).
 */
export function simpleParams(text: string, from: number, end: number): Param[] | undefined {
  const params: Param[] = [];
  for (let i = from; i < end; ) {
    if (text.charCodeAt(i) !== SEMI) return undefined;
    const nameEnd = spanOf(text, TOKEN, i + 1, end);
    if (nameEnd === i + 1) return undefined;
    const name = text.slice(i + 1, nameEnd);
    if (params.length >= SHORT || hasName(params, name)) return undefined;
    if (text.charCodeAt(nameEnd) !== EQUAL || nameEnd === end) {
      params.push({ name });
      i = nameEnd;
      continue;
    }
    const valueEnd = spanOf(text, GEN_VALUE, nameEnd + 1, end);
    if (valueEnd === nameEnd + 1) return undefined;
    params.push({ name, value: text.slice(nameEnd + 1, valueEnd) });
    i = valueEnd;
  }
  return params;
}

/** Whether `params` has a parameter called `name`, compared case-insensitively. */
function hasName(params: readonly Param[], name: string): boolean {
  for (const p of params) {
    if (p.name.length === name.length && (p.name === name || p.name.toLowerCase() === name.toLowerCase())) return true;
  }
  return false;
}

/**
 * Parses `text`, which is empty or starts (after LWS) with ";". A name may appear only once
 * (compared case-insensitively). The error is a message for the caller to wrap in its code.
 */
export function parseParams(text: string): Result<Param[], string> {
  const start = skipLws(text, 0);
  if (start === text.length) return ok([]);
  if (text.charCodeAt(start) !== SEMI) return err(`expected ";" before ${JSON.stringify(trimLws(text))}`);
  const simple = simpleParams(text, start, text.length);
  if (simple !== undefined) return ok(simple);
  const params: Param[] = [];
  const seen = new SeenNames();
  const plain = isPlain(text);
  // Each item, between ";"s outside quoted-strings, is text[from, end) with LWS trimmed.
  for (let next = start; next >= 0; ) {
    const from = skipLws(text, next + 1);
    next = indexOutside(text, ';', next + 1, plain);
    const end = lwsEnd(text, from, next < 0 ? text.length : next);
    const found = text.indexOf('=', from);
    const eq = found < end ? found : -1;
    const name = eq < 0 ? text.slice(from, end) : trimmed(text, from, eq);
    if (!isToken(name)) return err(`bad parameter name ${JSON.stringify(name)}`);
    if (!seen.add(name.toLowerCase())) return err(`parameter ${name} given twice`);
    if (eq < 0) {
      params.push({ name });
      continue;
    }
    // gen-value: token or host (which adds ":" "[" "]" for IPv6), or a quoted-string.
    const value = trimmed(text, eq + 1, end);
    if (!isAll(value, GEN_VALUE) && !isQuotedString(value)) {
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

/** Index of the parameter called `name` (lowercase), compared case-insensitively; -1 if none. */
export function paramIndex(params: readonly Param[], name: string): number {
  return params.findIndex((p) => p.name.length === name.length && p.name.toLowerCase() === name);
}

/** `params` without the one at `index`. */
export function withoutParam(params: readonly Param[], index: number): Param[] {
  return params.filter((_, i) => i !== index);
}
