// fast-check generators for every parameter of the ITU table and for whole messages.
// Each generator yields values in the form decode() produces (canonical), so that
// decode(encode(x)) must equal x exactly.
import fc from 'fast-check';
import { ITU, MESSAGES, PARAMS, type IsupMessage, type ParamName } from '../src/index.js';
import * as ind from '../src/params/indicators.js';
import { bitfieldCodec } from '../src/bitfield.js';

const bytes = (min: number, max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: min, maxLength: max });
const octet = fc.integer({ min: 0, max: 255 });
const optionalOf = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** Drops undefined properties, as decode() never sets them. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

interface Bitfield {
  fromWord(v: number): object;
}
const word = (c: Bitfield, octets: 1 | 2): fc.Arbitrary<unknown> => fc.integer({ min: 0, max: octets === 1 ? 0xff : 0xffff }).map((v) => c.fromWord(v));

/** Address signals: digits, B and C; with `st`, maybe ST last; filler only with an odd count. */
function addressSignals(st: boolean, max = 20): fc.Arbitrary<{ digits: string; filler?: number }> {
  return fc
    .tuple(fc.array(fc.constantFrom(...'0123456789BC'), { maxLength: max }), fc.boolean(), fc.integer({ min: 0, max: 15 }))
    .map(([ds, withSt, filler]) => {
      const digits = ds.join('') + (st && withSt ? 'F' : '');
      return digits.length % 2 === 1 && filler !== 0 ? { digits, filler } : { digits };
    });
}

function numberArb(octet2: Bitfield, st: boolean): fc.Arbitrary<unknown> {
  return fc.tuple(fc.integer({ min: 0, max: 127 }), octet, addressSignals(st)).map(([nai, o2, d]) => ({ natureOfAddress: nai, ...octet2.fromWord(o2), ...d }));
}

const calledOctet2 = bitfieldCodec(1, [['inn', 7, 1, 'b'], ['numberingPlan', 4, 3, 'n']]);
const callingOctet2 = bitfieldCodec(1, [['numberIncomplete', 7, 1, 'b'], ['numberingPlan', 4, 3, 'n'], ['presentation', 2, 2, 'n'], ['screening', 0, 2, 'n']]);
const locationOctet2 = bitfieldCodec(1, [['inn', 7, 1, 'b'], ['numberingPlan', 4, 3, 'n'], ['presentation', 2, 2, 'n'], ['screening', 0, 2, 'n']]);
const connectedOctet2 = bitfieldCodec(1, [['numberingPlan', 4, 3, 'n'], ['presentation', 2, 2, 'n'], ['screening', 0, 2, 'n']]);
const redirectingOctet2 = bitfieldCodec(1, [['numberingPlan', 4, 3, 'n'], ['presentation', 2, 2, 'n']]);

/** An extension chain: octets with bit 8 = 0, then one with bit 8 = 1. */
const extChain = (max: number): fc.Arbitrary<Uint8Array> =>
  fc.array(fc.integer({ min: 0, max: 0x7f }), { minLength: 1, maxLength: max }).map((xs) => Uint8Array.from(xs.map((x, i) => (i === xs.length - 1 ? x | 0x80 : x))));

const cause = fc
  .record({
    codingStandard: fc.integer({ min: 0, max: 3 }),
    location: fc.integer({ min: 0, max: 15 }),
    recommendation: optionalOf(fc.integer({ min: 0, max: 127 })),
    causeValue: fc.integer({ min: 0, max: 127 }),
    diagnostics: optionalOf(bytes(1, 8)),
    spare: optionalOf(fc.constant(1)),
  })
  .map(compact);

const usi = fc
  .record({
    codingStandard: fc.integer({ min: 0, max: 3 }),
    transferCapability: fc.integer({ min: 0, max: 31 }),
    transferMode: fc.integer({ min: 0, max: 3 }),
    transferRate: fc.integer({ min: 0, max: 31 }),
    rateMultiplier: fc.integer({ min: 0, max: 127 }),
    layer1Protocol: optionalOf(fc.integer({ min: 0, max: 31 })),
    layer1More: optionalOf(extChain(3)),
    more: optionalOf(bytes(1, 4)),
  })
  .map((v) => {
    const o: Record<string, unknown> = { ...v };
    if (v.transferRate !== 0x18) delete o.rateMultiplier;
    if (v.layer1Protocol === undefined) {
      delete o.layer1More;
      // without a layer 1 octet, `more` must not start with one (bits G F = 01)
      if (v.more !== undefined && ((v.more[0] as number) & 0x60) === 0x20) o.more = Uint8Array.from([(v.more[0] as number) | 0x40, ...v.more.subarray(1)]);
    }
    return compact(o);
  });

const rangeAndStatus = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.boolean(), fc.array(fc.boolean(), { minLength: 256, maxLength: 256 })).map(([range, withStatus, bits]) => (withStatus ? { range, status: bits.slice(0, range + 1) } : { range }));

const messageInstructions = bitfieldCodec(1, [['endNodeInterpretation', 0, 1, 'b'], ['releaseCall', 1, 1, 'b'], ['sendNotification', 2, 1, 'b'], ['discardMessage', 3, 1, 'b'], ['passOnNotPossibleDiscard', 4, 1, 'b'], ['broadbandNarrowbandInterworking', 5, 2, 'n']]);
const parameterInstructions = bitfieldCodec(1, [['endNodeInterpretation', 0, 1, 'b'], ['releaseCall', 1, 1, 'b'], ['sendNotification', 2, 1, 'b'], ['discardMessage', 3, 1, 'b'], ['discardParameter', 4, 1, 'b'], ['passOnNotPossible', 5, 2, 'n']]);

/** Generators for the typed parameters; every other row is raw octets. */
const TYPED: Partial<Record<ParamName, fc.Arbitrary<unknown>>> = {
  callReference: fc.record({ callIdentity: fc.integer({ min: 0, max: 0xffffff }), signallingPointCode: fc.integer({ min: 0, max: 0x3fff }), spare: optionalOf(fc.integer({ min: 1, max: 3 })) }).map(compact),
  transmissionMediumRequirement: octet,
  transmissionMediumRequirementPrime: octet,
  transmissionMediumUsed: octet,
  accessTransport: fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xff }).map((id) => ({ id })), fc.tuple(fc.integer({ min: 0, max: 0x7f }), bytes(0, 6)).map(([id, contents]) => ({ id, contents }))), { maxLength: 4 }),
  calledPartyNumber: numberArb(calledOctet2, true),
  redirectionNumber: numberArb(calledOctet2, false),
  callingPartyNumber: numberArb(callingOctet2, false),
  locationNumber: numberArb(locationOctet2, false),
  connectedNumber: numberArb(connectedOctet2, false),
  redirectingNumber: numberArb(redirectingOctet2, false),
  originalCalledNumber: numberArb(redirectingOctet2, false),
  calledInNumber: numberArb(redirectingOctet2, false),
  genericNumber: fc.tuple(octet, numberArb(callingOctet2, false)).map(([q, n]) => ({ numberQualifier: q, ...(n as object) })),
  subsequentNumber: fc.tuple(addressSignals(true), fc.integer({ min: 0, max: 127 })).map(([d, spare]) => (spare === 0 ? d : { ...d, spare })),
  natureOfConnectionIndicators: word(ind.natureOfConnectionIndicators, 1),
  forwardCallIndicators: word(ind.forwardCallIndicators, 2),
  optionalForwardCallIndicators: word(ind.optionalForwardCallIndicators, 1),
  callingPartysCategory: octet,
  informationRequestIndicators: word(ind.informationRequestIndicators, 2),
  informationIndicators: word(ind.informationIndicators, 2),
  continuityIndicators: word(ind.continuityIndicators, 1),
  backwardCallIndicators: word(ind.backwardCallIndicators, 2),
  causeIndicators: cause,
  redirectionInformation: word(ind.redirectionInformation, 2),
  circuitGroupSupervisionMessageType: word(ind.circuitGroupSupervisionMessageType, 1),
  rangeAndStatus,
  facilityIndicator: octet,
  closedUserGroupInterlockCode: fc.record({ networkIdentity: fc.stringMatching(/^[0-9]{4}$/), binaryCode: fc.integer({ min: 0, max: 0xffff }) }),
  userServiceInformation: usi,
  userServiceInformationPrime: usi,
  userToUserInformation: fc.record({ protocolDiscriminator: octet, information: bytes(0, 10) }),
  suspendResumeIndicators: word(ind.suspendResumeIndicators, 1),
  transitNetworkSelection: fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 15 }), addressSignals(false, 8)).map(([t, p, d]) => {
    const v: Record<string, unknown> = { typeOfNetworkIdentification: t, networkIdentificationPlan: p, networkIdentification: d.digits };
    if (d.filler !== undefined) v.filler = d.filler;
    return v;
  }),
  eventInformation: word(ind.eventInformation, 1),
  automaticCongestionLevel: octet,
  optionalBackwardCallIndicators: word(ind.optionalBackwardCallIndicators, 1),
  userToUserIndicators: word(ind.userToUserIndicators, 1),
  propagationDelayCounter: fc.integer({ min: 0, max: 0xffff }).map((delayMs) => ({ delayMs })),
  messageCompatibilityInformation: fc.record({ instructions: fc.integer({ min: 0, max: 0x7f }).map((v) => messageInstructions.fromWord(v)), more: optionalOf(extChain(2)) }).map(compact),
  parameterCompatibilityInformation: fc.array(
    fc.record({ parameter: octet, instructions: fc.integer({ min: 0, max: 0x7f }).map((v) => parameterInstructions.fromWord(v)), more: optionalOf(bytes(1, 1)) }).map(compact),
    { minLength: 1, maxLength: 3 },
  ),
  hopCounter: word(ind.hopCounter, 1),
  redirectionNumberRestriction: word(ind.redirectionNumberRestriction, 1),
  applicationTransport: fc
    .record({
      applicationContextId: fc.integer({ min: 0, max: 127 }),
      applicationContextIdOctet1a: optionalOf(octet),
      releaseCall: fc.boolean(),
      sendNotification: fc.boolean(),
      instructionBits: optionalOf(fc.integer({ min: 0, max: 63 }).map((x) => x << 2).filter((x) => x !== 0x80)),
      firstSegment: fc.boolean(),
      segmentation: fc.integer({ min: 0, max: 63 }),
      segmentationLocalReference: optionalOf(octet),
      information: bytes(1, 12),
    })
    .map(compact),
};

export function paramArb(name: ParamName): fc.Arbitrary<unknown> {
  return TYPED[name] ?? bytes(0, 12);
}

/** Names of parameters generated as typed values (the rest are raw rows). */
export const TYPED_PARAMS = Object.keys(TYPED) as ParamName[];

const unknownCodes = Array.from({ length: 255 }, (_, i) => i + 1).filter((c) => ITU.paramByCode[c] === undefined);

const optionalParam: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...(Object.keys(PARAMS) as ParamName[])).chain((name) => paramArb(name).map((value) => ({ name, value }))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...unknownCodes), bytes(0, 8)).map(([code, value]) => ({ name: 'unknown', code, value })) },
);

export function messageArb(type: keyof typeof MESSAGES, withCic: boolean): fc.Arbitrary<IsupMessage> {
  const d = MESSAGES[type];
  const mandatory = [...d.fixed, ...d.variable] as ParamName[];
  const params = fc.tuple(...mandatory.map((p) => paramArb(p))).map((vs) => Object.fromEntries(mandatory.map((p, i) => [p, vs[i]])));
  return fc
    .record({
      params,
      optional: d.optional ? fc.array(optionalParam, { maxLength: 4 }) : fc.constant([]),
      cic: withCic ? fc.integer({ min: 0, max: 4095 }) : fc.constant(undefined),
      trailing: optionalOf(bytes(1, 3)),
      body: bytes(0, 10),
    })
    .map((r) => {
      const m: Record<string, unknown> = { type, params: r.params, optional: r.optional };
      if (r.cic !== undefined) m.cic = r.cic;
      if ('opaque' in d) m.body = r.body;
      else if (r.trailing !== undefined) m.trailing = r.trailing;
      return m as unknown as IsupMessage;
    });
}

const unknownMessageCodes = Array.from({ length: 256 }, (_, i) => i).filter((c) => ITU.messageByCode[c] === undefined);

export function anyMessageArb(withCic: boolean): fc.Arbitrary<IsupMessage> {
  const unknown = fc.record({ code: fc.constantFrom(...unknownMessageCodes), body: bytes(0, 10), cic: fc.integer({ min: 0, max: 4095 }) }).map((r) => {
    const m: Record<string, unknown> = { type: 'UNKNOWN', code: r.code, body: r.body };
    if (withCic) m.cic = r.cic;
    return m as unknown as IsupMessage;
  });
  return fc.oneof(...(Object.keys(MESSAGES) as (keyof typeof MESSAGES)[]).map((t) => messageArb(t, withCic)), unknown);
}
