// Any URI a SIP message can carry: SIP/SIPS and tel URIs parsed into their parts, and every
// other absoluteURI (RFC 3261 §25.1) checked and kept opaque, e.g. `soap.beep://192.0.2.103:3002`.

import { err, ok, type Result } from '../../core/result.js';
import { sipError, type SipError } from './errors.js';
import { isAll, isIn, LETTERS, SCHEME } from './chars.js';
import { unescapeComponent, URI_CHARS } from './escape.js';
import { formatSipUri, parseSipUri, simpleSipUri, type SipUri } from './sip-uri.js';
import { formatTelUri, parseTelUri, type TelUri } from './tel-uri.js';

/** A URI of another scheme, checked against the absoluteURI grammar and kept as written. */
export interface AbsoluteUri {
  readonly kind: 'absolute';
  /** lowercase */
  readonly scheme: string;
  /** everything after the ":" */
  readonly value: string;
}

export type Uri = SipUri | TelUri | AbsoluteUri;

/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
function isScheme(text: string, end: number): boolean {
  return end > 0 && isIn(text.charCodeAt(0), LETTERS) && isAll(text, SCHEME, 0, end);
}

export function parseUri(text: string): Result<Uri, SipError> {
  const simple = text.startsWith('sip:') ? simpleSipUri(text, 4, text.length, false) : undefined;
  if (simple !== undefined) return ok(simple);
  const colon = text.indexOf(':');
  if (!isScheme(text, colon)) return err(sipError('SIP_BAD_URI', `no URI scheme in ${JSON.stringify(text)}`));
  const rest = text.slice(colon + 1);
  const lower = colon === 3 && text.startsWith('sip') ? 'sip' : text.slice(0, colon).toLowerCase();
  let uri: Uri | undefined;
  if (lower === 'sip' || lower === 'sips') uri = parseSipUri(rest, lower === 'sips');
  else if (lower === 'tel') uri = parseTelUri(rest);
  else if (rest !== '' && unescapeComponent(rest, URI_CHARS.uric) !== undefined) {
    uri = { kind: 'absolute', scheme: lower, value: rest };
  }
  return uri === undefined ? err(sipError('SIP_BAD_URI', `malformed ${lower} URI ${JSON.stringify(text)}`)) : ok(uri);
}

export function formatUri(uri: Uri): string {
  switch (uri.kind) {
    case 'sip':
      return formatSipUri(uri);
    case 'tel':
      return formatTelUri(uri);
    case 'absolute':
      return `${uri.scheme}:${uri.value}`;
  }
}
