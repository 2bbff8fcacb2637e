// tel URIs (RFC 3966): tel:+1-201-555-0123;ext=1234 or tel:7042;phone-context=example.com.

import { isAll, PNAME } from './chars.js';
import { formatUriParams, parseUriParams } from './sip-uri.js';
import { getParam, type Param } from './params.js';

export interface TelUri {
  readonly kind: 'tel';
  /** the number as written, visual separators (- . ( )) included, e.g. `+1-201-555-0123` */
  readonly number: string;
  /** ext, isub, phone-context and other parameters in order, escapes decoded */
  readonly params: readonly Param[];
}

/** global-number-digits = "+" *phonedigit DIGIT *phonedigit (two tests: no backtracking) */
const isGlobal = (n: string): boolean => /^\+[0-9\-.()]+$/.test(n) && /[0-9]/.test(n);
/** local-number-digits = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex */
const isLocal = (n: string): boolean => /^[0-9A-Fa-f*#\-.()]+$/.test(n) && /[0-9A-Fa-f*#]/.test(n);

/** Parses what follows `tel:`. A local number must carry phone-context (RFC 3966 §5.1.5). */
export function parseTelUri(rest: string): TelUri | undefined {
  const semi = rest.indexOf(';');
  const number = semi < 0 ? rest : rest.slice(0, semi);
  const params = parseUriParams(semi < 0 ? '' : rest.slice(semi));
  if (params === undefined || !params.every((p) => isAll(p.name, PNAME))) return undefined;
  if (isGlobal(number)) return { kind: 'tel', number, params };
  if (isLocal(number) && getParam(params, 'phone-context')?.value !== undefined) {
    return { kind: 'tel', number, params };
  }
  return undefined;
}

export function formatTelUri(uri: TelUri): string {
  return `tel:${uri.number}${formatUriParams(uri.params)}`;
}
