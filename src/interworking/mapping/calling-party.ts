// Calling identity: P-Asserted-Identity / From / Privacy (RFC 3323, RFC 3325) <-> calling party
// number (Q.763 §3.10) with its presentation (APRI) and screening indicators, and the generic
// number "additional calling party number" (Q.763 §3.26). Rows follow Q.1912.5 / TS 29.163 as
// recalled in the reference ([mem]); RFC 3398 alone uses From with "user provided, not verified".
// - S->P: a trusted peer's PAI gives the number, screened "network provided"; otherwise From's
//   number, "user provided, not verified". A From number differing from PAI goes in the generic
//   number. Privacy id/header/user -> presentation restricted; none or absent -> allowed.
// - P->S: an allowed number goes in From; a restricted one gives the anonymous From of RFC 3323
//   §4.1.1.3 and `Privacy: id`; "not available" gives the anonymous From alone. PAI carries the
//   number toward trusted peers when the ISUP screening says network provided or verified
//   (Tandem rule), with the cpc parameter. An incomplete number is not used as an identity.
import { NumberingPlan, NumberQualifier, Presentation, Screening, type CallingPartyNumber, type GenericNumber } from 'ss7-isup-codec';
import type { NameAddr } from '../../sip/message/index.js';
import { categoryFromCpc, cpcForCategory, DEFAULT_CATEGORY } from './calling-category.js';
import { isupAddressFromSip, telNumberFromIsup, type IsupAddress, type NumberingPlan as Plan } from './numbering.js';
import type { Source } from './source.js';
import { telephoneSubscriberOf, uriForNumber, type UriStyle } from './telephone-uri.js';

export interface SipIdentity {
  readonly from: NameAddr;
  readonly pai: readonly NameAddr[];
  /** Privacy priv-values, lowercase, as parsePrivacy returns them. */
  readonly privacy: readonly string[];
}

export interface CallingIdentity {
  readonly callingPartyNumber?: CallingPartyNumber;
  /** The generic number "additional calling party number". */
  readonly genericNumber?: GenericNumber;
  readonly category: number;
}

export interface PrivacyRow extends Source {
  readonly privacy: string;
  readonly presentation: number;
}

const Q = { ref: 'Q.1912.5 / TS 29.163', basis: 'mem' } as const;

/** S->P: Privacy priv-value -> APRI. Values without a row (session, critical, history) leave it allowed. */
export const PRIVACY_ROWS: readonly PrivacyRow[] = [
  { privacy: 'id', presentation: Presentation.RESTRICTED, ...Q },
  { privacy: 'header', presentation: Presentation.RESTRICTED, ...Q },
  { privacy: 'user', presentation: Presentation.RESTRICTED, ...Q },
  { privacy: 'none', presentation: Presentation.ALLOWED, ...Q },
];

export interface PresentationRow extends Source {
  readonly presentation: number;
  /** From carries the number, or the anonymous identity. */
  readonly from: 'number' | 'anonymous';
  readonly privacy: readonly string[];
  /** Whether PAI may carry the number (toward a trusted peer). */
  readonly assert: boolean;
}

const NOT_AVAILABLE: PresentationRow = { presentation: Presentation.NOT_AVAILABLE, from: 'anonymous', privacy: [], assert: false, ...Q };

/** P->S: APRI -> From, Privacy and PAI. No calling party number, or the reserved value, is "not available". */
export const PRESENTATION_ROWS: readonly PresentationRow[] = [
  { presentation: Presentation.ALLOWED, from: 'number', privacy: [], assert: true, ...Q },
  { presentation: Presentation.RESTRICTED, from: 'anonymous', privacy: ['id'], assert: true, ...Q },
  NOT_AVAILABLE,
];

export interface ScreeningRow extends Source {
  readonly screening: number;
  /** The SIP identity: asserted (PAI from a trusted peer) or only the From header. */
  readonly identity: 'asserted' | 'from';
}

const ASSERTED: ScreeningRow = { screening: Screening.NETWORK_PROVIDED, identity: 'asserted', ...Q };
const CLAIMED: ScreeningRow = { screening: Screening.USER_PROVIDED_NOT_VERIFIED, identity: 'from', ref: 'RFC 3398 §7.2.1.1; Q.1912.5', basis: 'mem' };

/** Screening indicator <-> kind of SIP identity; S->P uses the first row of each kind. */
export const SCREENING_ROWS: readonly ScreeningRow[] = [
  ASSERTED,
  { screening: Screening.USER_PROVIDED_VERIFIED_PASSED, identity: 'asserted', ref: 'Tandem', basis: 'project' },
  CLAIMED,
  { screening: Screening.USER_PROVIDED_VERIFIED_FAILED, identity: 'from', ref: 'Tandem', basis: 'project' },
];

/** RFC 3323 §4.1.1.3 [mem]. */
export const ANONYMOUS_FROM: NameAddr = {
  displayName: 'Anonymous',
  uri: { kind: 'sip', secure: false, user: 'anonymous', host: 'anonymous.invalid', params: [], headers: [] },
  params: [],
};

export function isAnonymous(id: NameAddr): boolean {
  return id.uri.kind === 'sip' && (id.uri.user?.toLowerCase() === 'anonymous' || id.uri.host.toLowerCase() === 'anonymous.invalid');
}

export function presentationFromPrivacy(privacy: readonly string[]): number {
  const restricted = privacy.some((v) => PRIVACY_ROWS.find((r) => r.privacy === v)?.presentation === Presentation.RESTRICTED);
  return restricted ? Presentation.RESTRICTED : Presentation.ALLOWED;
}

function addressOf(id: NameAddr, plan: Plan): (IsupAddress & { cpcCategory: number }) | undefined {
  const sub = telephoneSubscriberOf(id.uri);
  if (sub === undefined) return undefined;
  const address = isupAddressFromSip(sub.number, plan);
  return address.ok ? { ...address.value, cpcCategory: categoryFromCpc(sub.params) } : undefined;
}

function calling(a: IsupAddress, presentation: number, screening: number): CallingPartyNumber {
  return { natureOfAddress: a.natureOfAddress, numberIncomplete: false, numberingPlan: NumberingPlan.ISDN_E164, presentation, screening, digits: a.digits };
}

/** S->P: the IAM's calling identity. Numbers that do not map are left out rather than failing the call. */
export function callingFromSip(id: SipIdentity, plan: Plan, trusted: boolean): CallingIdentity {
  const presentation = presentationFromPrivacy(id.privacy);
  const asserted = trusted ? id.pai.map((p) => addressOf(p, plan)).find((a) => a !== undefined) : undefined;
  const claimed = isAnonymous(id.from) ? undefined : addressOf(id.from, plan);
  const category = asserted?.cpcCategory ?? DEFAULT_CATEGORY.category;
  if (asserted === undefined) {
    return claimed === undefined ? { category } : { callingPartyNumber: calling(claimed, presentation, CLAIMED.screening), category };
  }
  const callingPartyNumber = calling(asserted, presentation, ASSERTED.screening);
  if (claimed === undefined || (claimed.digits === asserted.digits && claimed.natureOfAddress === asserted.natureOfAddress)) return { callingPartyNumber, category };
  const genericNumber: GenericNumber = { numberQualifier: NumberQualifier.ADDITIONAL_CALLING, ...calling(claimed, presentation, CLAIMED.screening) };
  return { callingPartyNumber, genericNumber, category };
}

/** P->S: From, PAI and Privacy for the IAM's calling identity. */
export function identityFromIsup(isup: CallingIdentity, plan: Plan, style: UriStyle, trusted: boolean): SipIdentity {
  const cgpn = isup.callingPartyNumber;
  const row = PRESENTATION_ROWS.find((r) => r.presentation === cgpn?.presentation) ?? NOT_AVAILABLE;
  const usable = cgpn === undefined || cgpn.numberIncomplete ? undefined : telNumberFromIsup(cgpn, plan);
  const number = usable?.ok === true ? usable.value : undefined;
  const assertedScreening = SCREENING_ROWS.find((r) => r.screening === cgpn?.screening)?.identity === 'asserted';
  const pai: NameAddr[] =
    trusted && row.assert && assertedScreening && number !== undefined ? [{ uri: uriForNumber(number, style, cpcForCategory(isup.category)), params: [] }] : [];
  const extra = isup.genericNumber;
  const extraNumber = extra !== undefined && extra.presentation === Presentation.ALLOWED && !extra.numberIncomplete ? telNumberFromIsup(extra, plan) : undefined;
  const fromNumber = extraNumber?.ok === true ? extraNumber.value : number;
  const from = row.from === 'number' && fromNumber !== undefined ? { uri: uriForNumber(fromNumber, style), params: [] } : ANONYMOUS_FROM;
  return { from, pai, privacy: row.privacy };
}
