// Calling identity both ways: Privacy -> APRI, APRI -> From/Privacy/PAI, screening by trust,
// anonymous From, the additional calling party number, and the calling party's category (cpc).
import fc from 'fast-check';
import { CallingPartysCategory, NatureOfAddress, NumberQualifier, Presentation, Screening, type CallingPartyNumber } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS_FROM,
  CALLING_CATEGORY_ROWS,
  PRESENTATION_ROWS,
  PRIVACY_ROWS,
  SCREENING_ROWS,
  callingFromSip,
  categoryFromCpc,
  cpcForCategory,
  identityFromIsup,
  isAnonymous,
  presentationFromPrivacy,
  type NumberingPlan,
  type SipIdentity,
  type UriStyle,
} from '../../../src/interworking/mapping/index.js';
import { formatNameAddr, parseNameAddr, type NameAddr } from '../../../src/sip/message/index.js';

const FR: NumberingPlan = { countryCode: '33', nationalPrefix: '0', internationalPrefix: '00' };
const SIP: UriStyle = { scheme: 'sip', host: 'gw.example', phoneContext: '+33' };
const na = (text: string): NameAddr => {
  const r = parseNameAddr(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const identity = (from: string, pai: string[] = [], privacy: string[] = []): SipIdentity => ({ from: na(from), pai: pai.map(na), privacy });
const cgpn = (over: Partial<CallingPartyNumber> = {}): CallingPartyNumber => ({
  natureOfAddress: NatureOfAddress.INTERNATIONAL,
  numberIncomplete: false,
  numberingPlan: 1,
  presentation: Presentation.ALLOWED,
  screening: Screening.NETWORK_PROVIDED,
  digits: '33123456789',
  ...over,
});
const show = (id: SipIdentity) => ({ from: formatNameAddr(id.from), pai: id.pai.map(formatNameAddr), privacy: id.privacy });
const ANON = '"Anonymous" <sip:anonymous@anonymous.invalid>';

describe('Privacy -> APRI (S->P)', () => {
  it.each(PRIVACY_ROWS.map((r) => [r.privacy, r.presentation] as const))('Privacy: %s -> APRI %i', (privacy, presentation) => {
    expect(presentationFromPrivacy([privacy])).toBe(presentation);
  });
  it.each([
    [[], Presentation.ALLOWED],
    [['none'], Presentation.ALLOWED],
    [['id'], Presentation.RESTRICTED],
    [['header'], Presentation.RESTRICTED],
    [['user'], Presentation.RESTRICTED],
    [['header', 'id', 'critical'], Presentation.RESTRICTED],
    [['session'], Presentation.ALLOWED],
    [['critical'], Presentation.ALLOWED],
  ])('reference: %j -> %i', (privacy, apri) => {
    expect(presentationFromPrivacy(privacy)).toBe(apri);
  });
});

describe('APRI -> From, Privacy, PAI (P->S)', () => {
  it.each(PRESENTATION_ROWS.map((r) => [r.presentation, r.from, r.privacy, r.assert] as const))('APRI %i -> From %s, Privacy %j, PAI %s', (presentation, from, privacy, assert) => {
    const got = identityFromIsup({ callingPartyNumber: cgpn({ presentation }), category: CallingPartysCategory.ORDINARY }, FR, SIP, true);
    expect(isAnonymous(got.from)).toBe(from === 'anonymous');
    expect(got.privacy).toEqual(privacy);
    expect(got.pai.length > 0).toBe(assert);
  });
  it('reference: allowed -> number in From and PAI; restricted -> anonymous From, Privacy id, PAI; not available -> anonymous only', () => {
    const at = (presentation: number) => show(identityFromIsup({ callingPartyNumber: cgpn({ presentation }), category: 0x0a }, FR, SIP, true));
    const number = '<sip:+33123456789@gw.example;user=phone>';
    expect(at(Presentation.ALLOWED)).toEqual({ from: number, pai: [number], privacy: [] });
    expect(at(Presentation.RESTRICTED)).toEqual({ from: ANON, pai: [number], privacy: ['id'] });
    expect(at(Presentation.NOT_AVAILABLE)).toEqual({ from: ANON, pai: [], privacy: [] });
    expect(at(Presentation.RESERVED)).toEqual({ from: ANON, pai: [], privacy: [] });
  });
  it('sends PAI only to trusted peers and only for network-provided or verified numbers', () => {
    const pai = (screening: number, trusted: boolean) => identityFromIsup({ callingPartyNumber: cgpn({ screening }), category: 0x0a }, FR, SIP, trusted).pai.length;
    for (const row of SCREENING_ROWS) expect(pai(row.screening, true)).toBe(row.identity === 'asserted' ? 1 : 0);
    expect([0, 1, 2, 3].map((s) => pai(s, true))).toEqual([0, 1, 0, 1]);
    expect([0, 1, 2, 3].map((s) => pai(s, false))).toEqual([0, 0, 0, 0]);
  });
  it('gives the anonymous From without a calling number or with an incomplete or bad one', () => {
    expect(show(identityFromIsup({ category: 0x0a }, FR, SIP, true))).toEqual({ from: ANON, pai: [], privacy: [] });
    expect(show(identityFromIsup({ callingPartyNumber: cgpn({ numberIncomplete: true }), category: 0x0a }, FR, SIP, true))).toEqual({ from: ANON, pai: [], privacy: [] });
    expect(show(identityFromIsup({ callingPartyNumber: cgpn({ digits: '33B1' }), category: 0x0a }, FR, SIP, true))).toEqual({ from: ANON, pai: [], privacy: [] });
  });
  it('puts an allowed additional calling party number in From, keeping PAI', () => {
    const genericNumber = { ...cgpn({ digits: '33999', screening: Screening.USER_PROVIDED_NOT_VERIFIED }), numberQualifier: NumberQualifier.ADDITIONAL_CALLING };
    const got = show(identityFromIsup({ callingPartyNumber: cgpn(), genericNumber, category: 0x0a }, FR, SIP, true));
    expect(got).toEqual({ from: '<sip:+33999@gw.example;user=phone>', pai: ['<sip:+33123456789@gw.example;user=phone>'], privacy: [] });
    const restricted = show(identityFromIsup({ callingPartyNumber: cgpn(), genericNumber: { ...genericNumber, presentation: Presentation.RESTRICTED }, category: 0x0a }, FR, SIP, true));
    expect(restricted.from).toBe('<sip:+33123456789@gw.example;user=phone>');
  });
  it('writes a national number as E.164 and carries cpc on PAI', () => {
    const got = show(identityFromIsup({ callingPartyNumber: cgpn({ natureOfAddress: NatureOfAddress.NATIONAL, digits: '612345678' }), category: CallingPartysCategory.PAYPHONE }, FR, { ...SIP, scheme: 'tel' }, true));
    expect(got).toEqual({ from: '<tel:+33612345678>', pai: ['<tel:+33612345678;cpc=payphone>'], privacy: [] });
  });
});

describe('PAI / From -> calling party number (S->P)', () => {
  it('trusted PAI: network provided; From that differs becomes the additional calling party number', () => {
    const got = callingFromSip(identity('<sip:0612345678@pbx.example>', ['<tel:+33123456789>']), FR, true);
    expect(got.callingPartyNumber).toEqual(cgpn());
    expect(got.genericNumber).toEqual({
      ...cgpn({ natureOfAddress: NatureOfAddress.NATIONAL, digits: '612345678', screening: Screening.USER_PROVIDED_NOT_VERIFIED }),
      numberQualifier: NumberQualifier.ADDITIONAL_CALLING,
    });
    expect(got.category).toBe(CallingPartysCategory.ORDINARY);
  });
  it('trusted PAI equal to From: no generic number', () => {
    expect(callingFromSip(identity('<sip:+33123456789@x;user=phone>', ['<tel:+33123456789>']), FR, true).genericNumber).toBeUndefined();
  });
  it('untrusted peer or no PAI: From, user provided not verified', () => {
    const expected = cgpn({ screening: Screening.USER_PROVIDED_NOT_VERIFIED });
    expect(callingFromSip(identity('<sip:+33123456789@x>', ['<tel:+33999>']), FR, false)).toEqual({ callingPartyNumber: expected, category: 0x0a });
    expect(callingFromSip(identity('<sip:+33123456789@x>'), FR, true)).toEqual({ callingPartyNumber: expected, category: 0x0a });
  });
  it('takes the first PAI naming a number, skipping a SIP identity', () => {
    expect(callingFromSip(identity(ANON, ['<sip:alice@example.com>', '<tel:+33123456789>']), FR, true).callingPartyNumber?.digits).toBe('33123456789');
  });
  it('restricted presentation with an anonymous From keeps the asserted number, restricted', () => {
    const got = callingFromSip(identity(ANON, ['<tel:+33123456789>'], ['id']), FR, true);
    expect(got).toEqual({ callingPartyNumber: cgpn({ presentation: Presentation.RESTRICTED }), category: 0x0a });
  });
  it('anonymous From without PAI, or bad numbers: no calling party number', () => {
    expect(callingFromSip(identity(ANON, [], ['id']), FR, true)).toEqual({ category: 0x0a });
    expect(callingFromSip(identity('<sip:anonymous@example.com>'), FR, true)).toEqual({ category: 0x0a });
    expect(callingFromSip(identity('<sip:alice@example.com>', ['<sip:+33abc@x;user=phone>']), FR, true)).toEqual({ category: 0x0a });
  });
  it('reads the category from a trusted PAI cpc, not from an untrusted one', () => {
    expect(callingFromSip(identity(ANON, ['<tel:+33123456789;cpc=payphone>']), FR, true).category).toBe(CallingPartysCategory.PAYPHONE);
    expect(callingFromSip(identity('<tel:+33123456789;cpc=payphone>', ['<tel:+33123456789;cpc=payphone>']), FR, false).category).toBe(CallingPartysCategory.ORDINARY);
  });
});

describe("calling party's category <-> cpc", () => {
  it.each(CALLING_CATEGORY_ROWS.map((r) => [r.cpc, r.category] as const))('cpc=%s <-> category %i', (cpc, category) => {
    expect(CALLING_CATEGORY_ROWS.find((r) => r.cpc === cpc)?.category).toBe(categoryFromCpc([{ name: 'cpc', value: cpc }]));
    expect(cpcForCategory(category)).toEqual(category === CallingPartysCategory.ORDINARY ? [] : [{ name: 'cpc', value: cpc }]);
  });
  it('matches the hand-written list', () => {
    expect(CALLING_CATEGORY_ROWS.map((r) => `${r.cpc}:${r.category}`)).toEqual(['ordinary:10', 'unknown:0', 'operator:1', 'operator:2', 'operator:3', 'operator:4', 'operator:5', 'datacall:12', 'test:13', 'payphone:15']);
  });
  it('defaults to ordinary subscriber and writes nothing for rowless categories', () => {
    expect(categoryFromCpc([])).toBe(CallingPartysCategory.ORDINARY);
    expect(categoryFromCpc([{ name: 'CPC', value: 'PAYPHONE' }])).toBe(CallingPartysCategory.PAYPHONE);
    expect(categoryFromCpc([{ name: 'cpc', value: 'prison' }])).toBe(CallingPartysCategory.ORDINARY);
    expect(cpcForCategory(CallingPartysCategory.PRIORITY)).toEqual([]);
  });
  it('round-trips every category whose cpc value names it first', () => {
    const canonical = CALLING_CATEGORY_ROWS.filter((r) => CALLING_CATEGORY_ROWS.find((o) => o.cpc === r.cpc) === r);
    fc.assert(
      fc.property(fc.constantFrom(...canonical), (row) => {
        expect(categoryFromCpc(cpcForCategory(row.category))).toBe(row.category);
      }),
    );
  });
});

describe('round trips of the calling identity', () => {
  it('ISUP -> SIP -> ISUP keeps number and presentation (trusted, network provided)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{3,13}$/), fc.constantFrom(Presentation.ALLOWED, Presentation.RESTRICTED), (digits, presentation) => {
        const isup = { callingPartyNumber: cgpn({ digits, presentation }), category: CallingPartysCategory.ORDINARY };
        const sip = identityFromIsup(isup, FR, SIP, true);
        expect(callingFromSip(sip, FR, true)).toEqual(isup);
      }),
    );
  });
  it('ANONYMOUS_FROM is anonymous', () => {
    expect(isAnonymous(ANONYMOUS_FROM)).toBe(true);
    expect(formatNameAddr(ANONYMOUS_FROM)).toBe(ANON);
  });
});
