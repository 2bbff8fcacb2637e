// Request-Line = Method SP Request-URI SP SIP-Version CRLF
// Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase CRLF     (RFC 3261 §7.1, §7.2, §25.1)
// Exactly one SP between the elements: RFC 4475 §3.1.2.9/§3.1.2.10 allow rejecting extra or
// trailing SP, and this parser does, as it does a Request-URI in <> or with ?headers.

import { err, ok, type Result } from '../../core/result.js';
import { isToken } from './abnf.js';
import { DIGITS, digitsValue, isAll } from './chars.js';
import { sipError, type SipError } from './errors.js';
import { matchRequestLine, matchSipUri, ParamMarks } from './scan.js';
import { parseUri } from './uri.js';

export type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly uri: string }
  | { readonly kind: 'response'; readonly status: number; readonly reason: string };

/** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; ABNF literals are case-insensitive. */
const ANY_VERSION = /^SIP\/[0-9]+\.[0-9]+$/i;
const SIP_2_0 = /^SIP\/2\.0$/i;
/** Reason-Phrase octets are anything but CTLs other than HTAB. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

function checkVersion(version: string, offset: number): SipError | undefined {
  if (version === 'SIP/2.0' || SIP_2_0.test(version)) return undefined;
  return ANY_VERSION.test(version)
    ? sipError('SIP_BAD_VERSION', `${version} is not supported`, offset)
    : sipError('SIP_BAD_START_LINE', `not a SIP version: ${JSON.stringify(version)}`, offset);
}

const MARKS = new ParamMarks();
const SLASH = 0x2f;

/** Whether `a`, the first element, may be a SIP-Version (then the line is a Status-Line). */
function isVersionLike(a: string): boolean {
  return a === 'SIP/2.0' || (a.length >= 7 && (a.charCodeAt(0) | 0x20) === 0x73 && ANY_VERSION.test(a));
}

/** Parses the start line; `offset` is its octet offset in the input, for errors. */
function badLine(message: string, offset: number): Result<never, SipError> {
  return err(sipError('SIP_BAD_START_LINE', message, offset));
}

export function parseStartLine(line: string, offset: number): Result<StartLine, SipError> {
  // The usual Request-Line, read by one regular expression (scan.ts). Not tried on a line whose
  // fourth char is "/", as a Status-Line's is ("SIP/"): the expression cannot match it (a method,
  // a token, holds no "/", and the URI it reads starts "sip:"), and trying costs two failed matches.
  if (line.charCodeAt(3) !== SLASH) {
    const usual = matchRequestLine(line, MARKS);
    if (usual !== null) return ok({ kind: 'request', method: usual[1] ?? '', uri: usual[2] ?? '' });
  }
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  if (first < 0 || second < 0) return badLine(`not three elements: ${JSON.stringify(line)}`, offset);
  const a = line.slice(0, first);
  if (isVersionLike(a)) {
    const b = line.slice(first + 1, second);
    const c = line.slice(second + 1);
    const version = checkVersion(a, offset);
    if (version !== undefined) return err(version);
    if (b.length !== 3 || !isAll(b, DIGITS) || b < '100' || b >= '700') return badLine(`status code ${JSON.stringify(b)} is not 100-699`, offset);
    if (hasControl(c)) return badLine('control character in the reason phrase', offset);
    return ok({ kind: 'response', status: digitsValue(b), reason: c });
  }
  if (!isToken(a)) return badLine(`method is not a token: ${JSON.stringify(a)}`, offset);
  // The usual version needs no string of its own.
  if (!(second + 8 === line.length && line.endsWith('SIP/2.0'))) {
    const version = checkVersion(line.slice(second + 1), offset);
    if (version !== undefined) return err(version);
  }
  const b = line.slice(first + 1, second);
  // The usual SIP URI is checked without building it (scan.ts); it has no ?headers.
  if (b.startsWith('sip:') && matchSipUri(b, 4, MARKS) !== null) return ok({ kind: 'request', method: a, uri: b });
  const uri = parseUri(b);
  if (!uri.ok) return err({ ...uri.error, offset });
  // RFC 3261 §19.1.1 (table 1): headers are not allowed in a Request-URI.
  if (uri.value.kind === 'sip' && uri.value.headers.length > 0) {
    return err(sipError('SIP_BAD_URI', 'headers are not allowed in the Request-URI', offset));
  }
  return ok({ kind: 'request', method: a, uri: b });
}
