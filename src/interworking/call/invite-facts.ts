// What an incoming INVITE says, for the S→P mapping (src/interworking/mapping): Request-URI,
// From, P-Asserted-Identity, Privacy, Max-Forwards, Diversion, History-Info and the SDP offer,
// with the peer's inbound number rules applied to the called and calling numbers (config
// `peers.<name>.numbers.inbound`). Headers that do not parse are left out, as the mapping leaves
// out identities that do not map; a Request-URI without a telephone number is a 484.
import type { NumberRule } from '../../config/index.js';
import type { Uri } from '../../sip/message/index.js';
import {
  parseDiversion,
  parseHistoryInfo,
  parseMaxForwards,
  parsePAssertedIdentity,
  parsePrivacy,
  parseUri,
  readList,
  readOne,
  type HeaderField,
  type NameAddr,
  type SipError,
} from '../../sip/message/index.js';
import type { ReceivedRequest } from '../../sip/ua/index.js';
import { presentationFromPrivacy, telephoneSubscriberOf, type InviteFacts } from '../mapping/index.js';
import type { Result } from '../../core/result.js';
import { applyNumberRules } from './routing.js';
import { parseSdp } from './sdp.js';

/** The INVITE as the S→P call uses it. */
export interface InviteIn {
  /** For iamFromInvite: numbers rewritten by the peer's inbound rules. */
  readonly facts: InviteFacts;
  /** The called number for routing (after the rules); undefined when the Request-URI names none. */
  readonly called: string | undefined;
  /** As received, for the CDR. */
  readonly calledIn: string;
  readonly callingIn?: string;
  /** Q.763 APRI of the caller, from Privacy. */
  readonly presentation: number;
}

const DEFAULT_MAX_FORWARDS = 70;

function list<T>(headers: readonly HeaderField[], name: string, parse: (v: string) => Result<readonly T[], SipError>): T[] {
  const read = readList(headers, name, parse);
  return read.ok ? read.value : [];
}

/** `uri` naming `number` instead of its own (tel number, or the number before any `;` of a SIP user part). */
export function withNumber(uri: Uri, number: string): Uri {
  if (uri.kind === 'tel') return { ...uri, number };
  if (uri.kind !== 'sip' || uri.user === undefined) return uri;
  const semi = uri.user.indexOf(';');
  return { ...uri, user: semi < 0 ? number : `${number}${uri.user.slice(semi)}` };
}

/** `id` with its number rewritten by `rules` (field `calling`). */
export function rewriteIdentity(id: NameAddr, rules: readonly NumberRule[]): NameAddr {
  const sub = telephoneSubscriberOf(id.uri);
  return sub === undefined ? id : { ...id, uri: withNumber(id.uri, applyNumberRules(sub.number, rules, 'calling')) };
}

/** The INVITE's facts; `from` is its parsed From. */
export function inviteIn(invite: ReceivedRequest, from: NameAddr, rules: readonly NumberRule[]): InviteIn {
  const headers = invite.message.headers;
  const parsedUri = parseUri(invite.message.uri);
  const requestUri: Uri = parsedUri.ok ? parsedUri.value : { kind: 'absolute', scheme: 'invalid', value: invite.message.uri };
  const sub = telephoneSubscriberOf(requestUri);
  const called = sub === undefined ? undefined : applyNumberRules(sub.number, rules, 'called');
  const privacy = list(headers, 'Privacy', parsePrivacy);
  const maxForwards = readOne(headers, 'Max-Forwards', parseMaxForwards);
  const callingIn = telephoneSubscriberOf(from.uri)?.number;
  const facts: InviteFacts = {
    requestUri: called === undefined ? requestUri : withNumber(requestUri, called),
    identity: {
      from: rewriteIdentity(from, rules),
      pai: list(headers, 'P-Asserted-Identity', parsePAssertedIdentity).map((p) => rewriteIdentity(p, rules)),
      privacy,
    },
    maxForwards: maxForwards.ok ? (maxForwards.value ?? DEFAULT_MAX_FORWARDS) : DEFAULT_MAX_FORWARDS,
    diversion: list(headers, 'Diversion', parseDiversion),
    historyInfo: list(headers, 'History-Info', parseHistoryInfo),
    sdp: parseSdp(invite.body.sdp),
  };
  return {
    facts,
    called,
    calledIn: sub?.number ?? invite.message.uri,
    ...(callingIn === undefined ? {} : { callingIn }),
    presentation: presentationFromPrivacy(privacy),
  };
}
