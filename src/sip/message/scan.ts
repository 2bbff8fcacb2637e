// Readers of the usual shapes of the checked header values: a compiled regular expression of the
// shape (V8 runs it several times faster than a loop over charCodeAt), then checks on its captures
// of what the expression cannot say (an IPv4 address's ranges, a port's, a parameter name given
// twice), parameters located with indexOf into small scratch arrays (ParamMarks). The typed value
// is then built from the captures (sip-uri.ts, name-addr.ts, from-to.ts, via.ts) or not at all (a
// value only checked, typed when first read). A reader only accepts: a match means the value has
// its usual shape and is valid, and the value built from it is the one the full grammar gives; no
// match means "not the usual shape", and the caller asks the full parser, which alone rejects
// (test/sip/usual-shapes.test.ts). Not reentrant (module scratch and sticky expressions).
//
// The usual shapes:
//   SIP URI (after "sip:")  [ user "@" ] host [ ":" port ] *( ";" pname [ "=" pvalue ] )
//                           no escape, password, IPv6 reference or ?headers; each pname once
//   header parameters       *( ";" token [ "=" gen-value ] ), no LWS, no quoted-string, each name once
//   name-addr               [ quoted-string [LWS] ] "<sip:" SIP-URI ">" header-parameters

import { isIn } from './chars.js';
import { IPV4_RE, isIPv4Range } from './host.js';

const ZERO = 0x30;

/** Most parameters a scanner takes (more go to the full parser; see SeenNames in params.ts). */
export const MAX_PARAMS = 16;

/** Where a parameter list's parts are: per parameter, name start and end, value start (-1: none) and end. */
export class ParamMarks {
  readonly at = new Int32Array(4 * MAX_PARAMS);
  count = 0;
}

/** Whether text[a, a + length) and text[b, b + length), token or paramchar text, are equal ignoring case. */
function sameFolded(text: string, a: number, b: number, length: number): boolean {
  // Within token and paramchar, chars differing only in bit 0x20 are the two cases of a letter.
  for (let i = 0; i < length; i++) if ((text.charCodeAt(a + i) | 0x20) !== (text.charCodeAt(b + i) | 0x20)) return false;
  return true;
}

/**
 * 1 when the parameter name at `marks` index `k` is `lower` (a lowercase name) exactly, 2 when
 * it is `lower` in other case, 0 otherwise.
 */
export function nameIs(text: string, marks: ParamMarks, k: number, lower: string): number {
  const from = marks.at[4 * k] ?? 0;
  const length = (marks.at[4 * k + 1] ?? 0) - from;
  if (length !== lower.length) return 0;
  let exact = true;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(from + i);
    const want = lower.charCodeAt(i);
    if (c !== want) {
      if ((c | 0x20) !== want) return 0;
      exact = false;
    }
  }
  return exact ? 1 : 2;
}

/** Whether text[from, end) is non-empty and all in `bits`. */
export function allIn(text: string, from: number, end: number, bits: number): boolean {
  if (from >= end) return false;
  for (let i = from; i < end; i++) if (!isIn(text.charCodeAt(i), bits)) return false;
  return true;
}

/** The decimal number text[from, end) (digits, at most 15); -1 if it is not one. */
export function decimalAt(text: string, from: number, end: number): number {
  if (from >= end || end - from > 15) return -1;
  let n = 0;
  for (let i = from; i < end; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

// Regular expressions of the usual shapes. V8 compiles them to machine code, which walks a value
// several times faster than a loop over charCodeAt (measured: a Via's usual shape is tested in
// about a tenth of the time of scanning it by hand); what they cannot say (an IPv4 address's
// ranges, a port's, parameter names given twice) is checked on the parts they capture.
const TOKEN_C = "A-Za-z0-9\\-.!%*_+`'~";
const GEN_C = `${TOKEN_C}:\\[\\]`;
const UNRESERVED_C = "A-Za-z0-9\\-_.!~*'()";
const PARAM_C = `${UNRESERVED_C}\\[\\]/:&+$`;
const USER_C = `${UNRESERVED_C}&=+$,;?/`;
/** hostname or IPv4 address by its shape: labels of letters, digits and "_" with "-" inside, dot-separated, a final dot allowed */
const HOST_RE = '[A-Za-z0-9_](?:[A-Za-z0-9_\\-]*[A-Za-z0-9_])?(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_\\-]*[A-Za-z0-9_])?)*\\.?';
/** the usual SIP URI after "sip:": user, host, port, parameters (with their ";") */
const SIP_URI_RE = `(?:([${USER_C}]+)@)?(${HOST_RE})(?::([0-9]{1,5}))?((?:;[${PARAM_C}]+(?:=[${PARAM_C}]+)?)*)`;
/** header parameters, with their ";" */
export const HEADER_PARAMS_RE = `((?:;[${TOKEN_C}]+(?:=[${GEN_C}]+)?)*)`;
/**
 * HOST_RE that hostOk accepts, ended by a char no host holds: made of digits and dots only, it is
 * an IPv4 address (IPV4_RE).
 */
const VALID_HOST_RE = `(?:${IPV4_RE}(?![A-Za-z0-9_\\-.])|(?![0-9.]*(?![A-Za-z0-9_\\-.]))${HOST_RE})`;
/** 1 to 5 digits that portOk accepts: 0-65535, leading zeros allowed. */
const VALID_PORT_RE = '(?:[0-9]{1,4}|[0-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
/**
 * The usual name-addr, sticky (matched from lastIndex): 1 the quoted display name's content,
 * 2 user, 3 host, 4 port, 5 URI parameters, 6 header parameters.
 */
export const NAME_ADDR = new RegExp(`(?:"((?:[^"\\\\\\x00-\\x08\\x0a-\\x1f\\x7f]|\\\\[^\\r\\n])*)"[ \\t]*)?<sip:${SIP_URI_RE}>${HEADER_PARAMS_RE}`, 'y');
/**
 * NAME_ADDR filling the whole text, with token header parameter values (no ":" "[" "]"): the
 * usual From and To, whose tag then needs no further check. The same captures.
 */
export const NAME_ADDR_TOKENS = new RegExp(
  `^(?:"((?:[^"\\\\\\x00-\\x08\\x0a-\\x1f\\x7f]|\\\\[^\\r\\n])*)"[ \\t]*)?<sip:${SIP_URI_RE}>((?:;[${TOKEN_C}]+(?:=[${TOKEN_C}]+)?)*)$`,
);
/**
 * NAME_ADDR_TOKENS whose header parameters are at most a tag (`;tag=` token), the commonest From
 * and To, its host and port in range: captures 1 to 5 as NAME_ADDR's, 6 the tag's value.
 */
export const FROM_TO_COMMON = new RegExp(
  `^(?:"((?:[^"\\\\\\x00-\\x08\\x0a-\\x1f\\x7f]|\\\\[^\\r\\n])*)"[ \\t]*)?<sip:(?:([${USER_C}]+)@)?(${VALID_HOST_RE})(?::(${VALID_PORT_RE}))?((?:;[${PARAM_C}]+(?:=[${PARAM_C}]+)?)*)>(?:;tag=([${TOKEN_C}]+))?$`,
);
/**
 * The commonest Route, Record-Route and Contact value: one `<sip:` URI `>` with at most one URI
 * parameter, no display name, no header parameter: NAME_ADDR's shape, valid by the expression
 * alone (host and port checked in it, one parameter cannot be given twice), so tested without
 * captures.
 */
export const ADDRESS_COMMON = new RegExp(`^<sip:(?:[${USER_C}]+@)?${VALID_HOST_RE}(?::${VALID_PORT_RE})?(?:;[${PARAM_C}]+(?:=[${PARAM_C}]+)?)?>$`);
/** The usual SIP URI from lastIndex (after "sip:") to the end: 1 user, 2 host, 3 port, 4 parameters. */
const SIP_URI = new RegExp(`${SIP_URI_RE}$`, 'y');
/** The usual via-parm: 1 transport, 2 host, 3 port, 4 parameters. */
export const VIA_PARM = new RegExp(`^SIP/2\\.0/([${TOKEN_C}]+) (${HOST_RE})(?::([0-9]{1,5}))?${HEADER_PARAMS_RE}$`);
/** VIA_PARM with token parameter values (no ":" "[" "]"), the usual case: a branch value needs no further check. */
export const VIA_PARM_TOKENS = new RegExp(`^SIP/2\\.0/([${TOKEN_C}]+) (${HOST_RE})(?::([0-9]{1,5}))?((?:;[${TOKEN_C}]+(?:=[${TOKEN_C}]+)?)*)$`);
/**
 * The commonest via-parm, `SIP/2.0/transport SP host [ ":" port ] ";branch=" token [ ";rport" [ "=" port ] ]
 * [ ";received=" IPv4address ]`, the transport one of the usual ones in uppercase: 1 transport,
 * 2 host, 3 port, 4 branch, 5 ";rport" if present, 6 its value, 7 received. Valid by the
 * expression alone: host and ports in range, parameters distinct, branch and received well-formed.
 */
export const VIA_COMMON = new RegExp(
  `^SIP/2\\.0/(UDP|TCP|TLS|SCTP|WSS?) (${VALID_HOST_RE})(?::(${VALID_PORT_RE}))?;branch=([${TOKEN_C}]+)(;rport(?:=(${VALID_PORT_RE}))?)?(?:;received=(${IPV4_RE}))?$`,
);
/** The usual media type: type/subtype and parameters with values (1). */
export const MEDIA_TYPE = new RegExp(`^[${TOKEN_C}]+/[${TOKEN_C}]+((?:;[${TOKEN_C}]+=[${GEN_C}]+)*)$`);
const DIGITS_AND_DOTS = /^[0-9.]+$/;
/** LWS, a comma, LWS: what separates the elements of a list (sticky). */
const COMMA = /[ \t]*,[ \t]*/y;

/** Whether a host the shape of HOST_RE is valid: made of digits and dots only, it must be an IPv4 address. */
export function hostOk(host: string): boolean {
  // A host starting with a letter or "_" is a hostname; one starting with a digit usually an address.
  const c = host.charCodeAt(0);
  return c < ZERO || c > ZERO + 9 || isIPv4Range(host, 0, host.length) || !DIGITS_AND_DOTS.test(host);
}

/**
 * Whether a NAME_ADDR match has a valid URI (host, port) and no parameter name twice in its URI
 * or header parameters (checked in `marks`).
 */
export function nameAddrOk(m: RegExpExecArray, marks: ParamMarks): boolean {
  return hostOk(m[3] ?? '') && portOk(m[4]) && paramsOk(m[5] ?? '', marks) && paramsOk(m[6] ?? '', marks);
}

/** The usual SIP URI filling text[from, text.length) (after "sip:"), valid: its match (1 user, 2 host, 3 port, 4 parameters); else null. */
export function matchSipUri(text: string, from: number, marks: ParamMarks): RegExpExecArray | null {
  SIP_URI.lastIndex = from;
  const m = SIP_URI.exec(text);
  return m !== null && hostOk(m[2] ?? '') && portOk(m[3]) && paramsOk(m[4] ?? '', marks) ? m : null;
}

/** The usual Request-Line: 1 method, 2 Request-URI (the usual SIP URI: 3 user, 4 host, 5 port, 6 parameters), SIP/2.0. */
const REQUEST_LINE = new RegExp(`^([${TOKEN_C}]+) (sip:${SIP_URI_RE}) SIP/2\\.0$`);

/**
 * The commonest Request-Line, its SIP URI with at most one parameter, valid by the expression
 * alone (host and port ranges written into it): 1 method, 2 Request-URI.
 */
export const REQUEST_LINE_COMMON = new RegExp(
  `^([${TOKEN_C}]+) (sip:(?:[${USER_C}]+@)?${VALID_HOST_RE}(?::${VALID_PORT_RE})?(?:;[${PARAM_C}]+(?:=[${PARAM_C}]+)?)?) SIP/2\\.0$`,
);

/** The usual Request-Line `line`, valid (its URI as matchSipUri checks it): its match (1 method, 2 Request-URI); else null. */
export function matchRequestLine(line: string, marks: ParamMarks): RegExpExecArray | null {
  const common = REQUEST_LINE_COMMON.exec(line);
  if (common !== null) return common;
  const m = REQUEST_LINE.exec(line);
  return m !== null && hostOk(m[4] ?? '') && portOk(m[5]) && paramsOk(m[6] ?? '', marks) ? m : null;
}

/** Whether `port`, 1-5 digits or undefined, is absent or 0-65535. */
export function portOk(port: string | undefined): boolean {
  return port === undefined || port.length < 5 || Number(port) <= 65535;
}

/**
 * Marks the parameters of `text`, which has the shape `*( ";" name [ "=" value ] )` (checked by
 * a regular expression), found with indexOf; -1 if a name is given twice (ignoring case) or there
 * are more than MAX_PARAMS, else the count.
 */
export function splitParams(text: string, marks: ParamMarks): number {
  const at = marks.at;
  const n = text.length;
  let count = 0;
  for (let i = 0; i < n; ) {
    const nameStart = i + 1;
    let next = text.indexOf(';', nameStart);
    if (next < 0) next = n;
    let eq = text.indexOf('=', nameStart);
    if (eq < 0 || eq > next) eq = next;
    const length = eq - nameStart;
    if (count === MAX_PARAMS) return -1;
    for (let k = 0; k < count; k++) {
      const other = at[4 * k] ?? 0;
      if ((at[4 * k + 1] ?? 0) - other === length && sameFolded(text, other, nameStart, length)) return -1;
    }
    const slot = 4 * count++;
    at[slot] = nameStart;
    at[slot + 1] = eq;
    at[slot + 2] = eq === next ? -1 : eq + 1;
    at[slot + 3] = next;
    i = next;
  }
  marks.count = count;
  return count;
}

/** Whether the parameters `text` (the shape splitParams takes) name none twice and are at most MAX_PARAMS. */
export function paramsOk(text: string, marks: ParamMarks): boolean {
  // None or one: nothing to compare.
  return text.indexOf(';', 1) < 0 || splitParams(text, marks) >= 0;
}

/**
 * Elements of a comma-separated list of usual name-addrs filling `text` (no LWS at either end,
 * LWS around the commas), each matched by NAME_ADDR and accepted by `element` (given the match);
 * 0 if the list is not of that shape.
 */
export function nameAddrList(text: string, element: (m: RegExpExecArray) => boolean): number {
  const n = text.length;
  let count = 0;
  for (let i = 0; ; ) {
    NAME_ADDR.lastIndex = i;
    const m = NAME_ADDR.exec(text);
    if (m === null || !element(m)) return 0;
    count++;
    i = NAME_ADDR.lastIndex;
    if (i === n) return count;
    COMMA.lastIndex = i;
    if (!COMMA.test(text)) return 0;
    i = COMMA.lastIndex;
  }
}
