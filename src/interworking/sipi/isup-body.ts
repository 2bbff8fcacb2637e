// Reading the application/isup part of a received SIP message (RFC 3204 §3, RFC 3261 §20.11,
// Q.1912.5 profile C). A part whose Content-Disposition has no `handling` is required. A required
// part that cannot be used refuses the request: 415 (with Accept) for an ISUP variant Tandem does
// not decode, 400 for octets that do not decode or a message the SIP request cannot carry, each
// with a Warning (RFC 3261 §20.43) saying why. An optional part that cannot be used is ignored.
// Wire input never throws: the codec returns a DecodeError.
import { decode, MESSAGES, type IsupMessage, type MessageName } from 'ss7-isup-codec';
import type { Source } from '../mapping/index.js';
import { err, ok, type Result } from '../../core/result.js';
import { getParam, type HeaderField } from '../../sip/message/index.js';
import type { ReceivedBody, ReceivedPart } from '../../sip/ua/index.js';
import { ISUP_MEDIA_TYPE, isupContentType, type IsupBodyConfig } from './isup-part.js';

/** Why a required ISUP part refuses the request: the status, its phrase and the headers to send. */
export interface IsupRefusal {
  readonly status: 400 | 415;
  readonly phrase: string;
  readonly headers: readonly HeaderField[];
  /** for logs and CDRs: what was wrong */
  readonly detail: string;
}

export interface IsupVariantRow extends Source {
  /** a `version` or `base` value of RFC 3204 Table 1 */
  readonly name: string;
  /** whether Tandem's codec (ITU-T Q.763) decodes it */
  readonly decoded: boolean;
}

const row = (name: string, decoded: boolean): IsupVariantRow => ({ name, decoded, ref: 'RFC 3204 Table 1; codec: ITU-T Q.763', basis: 'verified' });

/** The well-known ISUP variants: ITU-T and ETSI bodies decode with the ITU codec; ANSI and TTC do not. */
export const ISUP_VARIANTS: readonly IsupVariantRow[] = [
  row('itu-t88', true),
  row('itu-t92+', true),
  row('etsi121', true),
  row('etsi356', true),
  row('ansi88', false),
  row('ansi00', false),
  row('gr317', false),
  row('ttc87', false),
  row('ttc93+', false),
];

const WARN_AGENT = 'tandem';

function warning(text: string): HeaderField {
  return { name: 'Warning', value: `399 ${WARN_AGENT} "${text.replace(/["\\]/g, "'")}"` };
}

function refuse(status: 400 | 415, phrase: string, detail: string, extra: readonly HeaderField[] = []): IsupRefusal {
  return { status, phrase, detail, headers: [warning(detail), ...extra] };
}

/** Whether the part's `version` (or else its `base`) names a variant the codec decodes; the peer's own version always does. */
function decodable(part: ReceivedPart, cfg: IsupBodyConfig): boolean {
  const params = part.contentType?.params ?? [];
  const version = getParam(params, 'version')?.value?.toLowerCase();
  const base = getParam(params, 'base')?.value?.toLowerCase();
  if (version === undefined || version === cfg.version.toLowerCase()) return true;
  const known = (name: string | undefined): IsupVariantRow | undefined => ISUP_VARIANTS.find((v) => v.name === name);
  return (known(version) ?? known(base))?.decoded ?? false;
}

/** Every message type the codec knows: what an INFO may carry. */
export const ISUP_MESSAGES = Object.keys(MESSAGES) as MessageName[];

const isIsup = (p: ReceivedPart): boolean => p.contentType !== undefined && `${p.contentType.type}/${p.contentType.subtype}` === ISUP_MEDIA_TYPE;

/**
 * The ISUP message of `body`, if it has a usable application/isup part of one of the `expected`
 * types; undefined when it has none or only an optional part that cannot be used.
 */
export function readIsupBody(body: ReceivedBody, cfg: IsupBodyConfig, expected: readonly MessageName[]): Result<IsupMessage | undefined, IsupRefusal> {
  const part = body.parts.find(isIsup);
  if (part === undefined) return ok(undefined);
  const required = (part.disposition?.handling ?? 'required').toLowerCase() !== 'optional';
  const failed = (r: IsupRefusal): Result<undefined, IsupRefusal> => (required ? err(r) : ok(undefined));
  if (!decodable(part, cfg)) {
    const accept = { name: 'Accept', value: `application/sdp, ${isupContentType(cfg)}` };
    return failed(refuse(415, 'Unsupported Media Type', 'ISUP variant not supported: use an ITU-T or ETSI body', [accept]));
  }
  const decoded = decode(part.body);
  if (!decoded.ok) {
    const e = decoded.error;
    return failed(refuse(400, 'Bad ISUP Body', `ISUP body does not decode: ${e.code} at ${e.place.join('.')} (octet ${e.offset})`));
  }
  const type = decoded.value.type;
  if (type === 'UNKNOWN' || !expected.includes(type)) {
    return failed(refuse(400, 'Bad ISUP Body', `ISUP ${type} cannot be carried here (expected ${expected.join(' or ')})`));
  }
  return ok(decoded.value);
}
