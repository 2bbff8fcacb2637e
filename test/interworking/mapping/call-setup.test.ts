// INVITE -> IAM and IAM -> INVITE with every mapping together; the IAM goes through the codec.
import { parse } from 'sdp-transform';
import { CallingPartysCategory, NatureOfAddress, Presentation, Screening, TransmissionMedium, decode, encode, findOptional, type IsupMessageOf } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import { iamFromInvite, inviteFromIam, type InviteFacts, type PeerMapping } from '../../../src/interworking/mapping/index.js';
import { formatDiversion, formatHistoryInfo, formatNameAddr, formatUri, parseDiversion, parseHistoryInfo, parseNameAddr, parseUri, type NameAddr } from '../../../src/sip/message/index.js';

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const na = (text: string): NameAddr => unwrap(parseNameAddr(text));
const SDP = parse(['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 8 101', 'a=rtpmap:101 telephone-event/8000', ''].join('\r\n'));
const PEER: PeerMapping = {
  plan: { countryCode: '33', nationalPrefix: '0', internationalPrefix: '00' },
  trusted: true,
  bearer: { audio: '3.1kHz', law: 'A' },
  echoControl: false,
  style: { scheme: 'sip', host: 'gw.example', phoneContext: '+33' },
  redirection: 'diversion',
};
const invite = (over: Partial<InviteFacts> = {}): InviteFacts => ({
  requestUri: unwrap(parseUri('sip:+4930123456@gw.example;user=phone')),
  identity: { from: na('"Alice" <sip:+33123456789@pbx.example;user=phone>'), pai: [na('<tel:+33123456789>')], privacy: [] },
  maxForwards: 69,
  diversion: [],
  historyInfo: [],
  sdp: SDP,
  ...over,
});
const roundTrip = (iam: IsupMessageOf<'IAM'>): IsupMessageOf<'IAM'> => {
  const d = decode(encode(iam));
  if (!d.ok || d.value.type !== 'IAM') throw new Error('IAM does not decode');
  return d.value;
};

describe('INVITE -> IAM', () => {
  it('builds an IAM the codec encodes and decodes back', () => {
    const iam = unwrap(iamFromInvite(invite(), PEER));
    expect(roundTrip(iam)).toEqual(iam);
    expect(iam.params).toMatchObject({
      natureOfConnectionIndicators: { satellite: 0, continuityCheck: 0, echoControlDevice: false },
      forwardCallIndicators: { international: true, interworking: true, isupAllTheWay: false, isupPreference: 1, isdnAccess: false },
      callingPartysCategory: CallingPartysCategory.ORDINARY,
      transmissionMediumRequirement: TransmissionMedium.AUDIO_3K1,
      calledPartyNumber: { natureOfAddress: NatureOfAddress.INTERNATIONAL, inn: false, numberingPlan: 1, digits: '4930123456' },
    });
    expect(findOptional(iam.optional, 'callingPartyNumber')).toMatchObject({ digits: '33123456789', screening: Screening.NETWORK_PROVIDED, presentation: Presentation.ALLOWED });
    expect(findOptional(iam.optional, 'hopCounter')).toEqual({ hops: 31 });
    expect(findOptional(iam.optional, 'userServiceInformation')).toMatchObject({ layer1Protocol: 3 });
  });
  it('treats a call to the own country as national in the forward call indicators', () => {
    const iam = unwrap(iamFromInvite(invite({ requestUri: unwrap(parseUri('tel:0123456789;phone-context=+33')) }), PEER));
    expect(iam.params.forwardCallIndicators.international).toBe(false);
    expect(iam.params.calledPartyNumber).toMatchObject({ natureOfAddress: NatureOfAddress.NATIONAL, digits: '123456789' });
    const e164 = unwrap(iamFromInvite(invite({ requestUri: unwrap(parseUri('tel:+33123456789')) }), PEER));
    expect(e164.params.forwardCallIndicators.international).toBe(false);
  });
  it('prefers History-Info to Diversion for redirection', () => {
    const diversion = unwrap(parseDiversion('<tel:+33777>;reason=user-busy'));
    const historyInfo = unwrap(parseHistoryInfo('<tel:+33111>;index=1, <tel:+4930123456;cause=408>;index=1.1;mp=1'));
    const withBoth = unwrap(iamFromInvite(invite({ diversion, historyInfo }), PEER));
    expect(findOptional(withBoth.optional, 'redirectingNumber')?.digits).toBe('33111');
    expect(findOptional(withBoth.optional, 'redirectionInformation')?.redirectingReason).toBe(2);
    const withDiversion = unwrap(iamFromInvite(invite({ diversion }), PEER));
    expect(findOptional(withDiversion.optional, 'redirectingNumber')?.digits).toBe('33777');
    expect(roundTrip(withDiversion)).toEqual(withDiversion);
  });
  it('fails with 484 / 28 on a Request-URI without a number or with bad digits', () => {
    expect(iamFromInvite(invite({ requestUri: unwrap(parseUri('sip:bob@example.com')) }), PEER)).toMatchObject({ ok: false, error: { status: 484, cause: 28 } });
    expect(iamFromInvite(invite({ requestUri: unwrap(parseUri('sip:+33ab@gw.example;user=phone')) }), PEER)).toMatchObject({ ok: false, error: { status: 484, cause: 28 } });
  });
  it('fails with 488 / 65 without a common codec', () => {
    const sdp = parse(['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'm=audio 4000 RTP/AVP 18', ''].join('\r\n'));
    expect(iamFromInvite(invite({ sdp }), PEER)).toMatchObject({ ok: false, error: { status: 488, cause: 65 } });
  });
});

describe('IAM -> INVITE', () => {
  it('maps the IAM built from an INVITE back to the same numbers, identity, hops and codec', () => {
    const iam = roundTrip(unwrap(iamFromInvite(invite({ diversion: unwrap(parseDiversion('<tel:+33777>;reason=no-answer')) }), PEER)));
    const out = unwrap(inviteFromIam(iam, PEER));
    expect(formatUri(out.requestUri)).toBe('sip:+4930123456@gw.example;user=phone');
    expect(formatNameAddr(out.identity.from)).toBe('<sip:+33123456789@gw.example;user=phone>');
    expect(out.identity.pai.map(formatNameAddr)).toEqual(['<sip:+33123456789@gw.example;user=phone>']);
    expect(out.identity.privacy).toEqual([]);
    expect(out.maxForwards).toBe(31);
    expect(out.codecs.map((c) => c.codec)).toEqual(['PCMA', 'PCMU']);
    expect(out.diversion.map(formatDiversion)).toEqual(['<sip:+33777@gw.example;user=phone>;reason=no-answer;privacy=off;counter=1']);
    expect(out.historyInfo).toEqual([]);
  });
  it('gives History-Info to peers that take it', () => {
    const iam = unwrap(iamFromInvite(invite({ diversion: unwrap(parseDiversion('<tel:+33777>;reason=no-answer')) }), PEER));
    const out = unwrap(inviteFromIam(iam, { ...PEER, redirection: 'history-info' }));
    expect(out.diversion).toEqual([]);
    expect(out.historyInfo.map(formatHistoryInfo)).toEqual(['<sip:+33777@gw.example;user=phone>;index=1', '<sip:+4930123456@gw.example;user=phone;cause=408>;index=1.1;mp=1']);
  });
  it('restricted presentation: anonymous From and Privacy id both ways', () => {
    const restricted = invite({ identity: { from: na('"Anonymous" <sip:anonymous@anonymous.invalid>'), pai: [na('<tel:+33123456789>')], privacy: ['id'] } });
    const iam = unwrap(iamFromInvite(restricted, PEER));
    expect(findOptional(iam.optional, 'callingPartyNumber')?.presentation).toBe(Presentation.RESTRICTED);
    const out = unwrap(inviteFromIam(iam, PEER));
    expect(formatNameAddr(out.identity.from)).toBe('"Anonymous" <sip:anonymous@anonymous.invalid>');
    expect(out.identity.privacy).toEqual(['id']);
    expect(unwrap(inviteFromIam(iam, { ...PEER, trusted: false })).identity.pai).toEqual([]);
  });
  it('ignores a generic number that is not an additional calling party number', () => {
    const iam = unwrap(iamFromInvite(invite(), PEER));
    const other = { ...iam, optional: [...iam.optional, { name: 'genericNumber' as const, value: { numberQualifier: 0x01, natureOfAddress: 4, numberIncomplete: false, numberingPlan: 1, presentation: 0, screening: 0, digits: '999' } }] };
    expect(formatNameAddr(unwrap(inviteFromIam(other, PEER)).identity.from)).toBe('<sip:+33123456789@gw.example;user=phone>');
  });
  it('fails on a bad called number (cause 28) and an unsupported medium (cause 65)', () => {
    const iam = unwrap(iamFromInvite(invite(), PEER));
    expect(inviteFromIam({ ...iam, params: { ...iam.params, calledPartyNumber: { ...iam.params.calledPartyNumber, digits: '12B' } } }, PEER)).toMatchObject({ ok: false, error: { cause: 28 } });
    expect(inviteFromIam({ ...iam, params: { ...iam.params, transmissionMediumRequirement: TransmissionMedium.UNRESTRICTED_2X64K } }, PEER)).toMatchObject({ ok: false, error: { cause: 65 } });
  });
  it('uses Max-Forwards 70 without a hop counter', () => {
    const iam = unwrap(iamFromInvite(invite(), PEER));
    expect(unwrap(inviteFromIam({ ...iam, optional: iam.optional.filter((o) => o.name !== 'hopCounter') }, PEER)).maxForwards).toBe(70);
  });
});
