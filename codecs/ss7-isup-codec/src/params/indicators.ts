// Indicator parameters: fixed-size bit fields, each row a field of the Q.763 figure
// (bit 0 = bit A of octet 1, bit 8 = bit I of octet 2). Stray bits land in `spare`.
import { bitfieldCodec, octetCodec } from '../bitfield.js';

/** Q.763 §3.35 nature of connection indicators (1 octet). */
export const natureOfConnectionIndicators = bitfieldCodec(1, [
  ['satellite', 0, 2, 'n'], // 0 none, 1 one, 2 two satellite circuits
  ['continuityCheck', 2, 2, 'n'], // 0 not required, 1 required on this circuit, 2 performed on a previous circuit
  ['echoControlDevice', 4, 1, 'b'], // outgoing half echo control device included
]);

/** Q.763 §3.23 forward call indicators (2 octets). */
export const forwardCallIndicators = bitfieldCodec(2, [
  ['international', 0, 1, 'b'], // A: call to be treated as international
  ['endToEndMethod', 1, 2, 'n'], // C B
  ['interworking', 3, 1, 'b'], // D: interworking encountered
  ['endToEndInformation', 4, 1, 'b'], // E
  ['isupAllTheWay', 5, 1, 'b'], // F: ISDN user part used all the way
  ['isupPreference', 6, 2, 'n'], // H G: 0 preferred, 1 not required, 2 required all the way
  ['isdnAccess', 8, 1, 'b'], // I: originating access ISDN
  ['sccpMethod', 9, 2, 'n'], // K J
  ['portedNumberTranslated', 12, 1, 'b'], // M
  ['queryOnReleaseAttempt', 13, 1, 'b'], // N
]);

/** Q.763 §3.5 backward call indicators (2 octets). */
export const backwardCallIndicators = bitfieldCodec(2, [
  ['charge', 0, 2, 'n'], // 0 no indication, 1 no charge, 2 charge
  ['calledPartyStatus', 2, 2, 'n'], // 0 no indication, 1 subscriber free, 2 connect when free
  ['calledPartyCategory', 4, 2, 'n'], // 0 no indication, 1 ordinary subscriber, 2 payphone
  ['endToEndMethod', 6, 2, 'n'], // H G
  ['interworking', 8, 1, 'b'], // I
  ['endToEndInformation', 9, 1, 'b'], // J
  ['isupAllTheWay', 10, 1, 'b'], // K
  ['holding', 11, 1, 'b'], // L: holding requested
  ['isdnAccess', 12, 1, 'b'], // M: terminating access ISDN
  ['echoControlDevice', 13, 1, 'b'], // N: incoming half echo control device included
  ['sccpMethod', 14, 2, 'n'], // P O
]);

/** Q.763 §3.37 optional backward call indicators (1 octet). */
export const optionalBackwardCallIndicators = bitfieldCodec(1, [
  ['inbandInformation', 0, 1, 'b'], // A: in-band information or an appropriate pattern is now available
  ['callDiversionMayOccur', 1, 1, 'b'], // B
  ['simpleSegmentation', 2, 1, 'b'], // C: additional information will be sent in a segmentation message
  ['mlppUser', 3, 1, 'b'], // D
]);

/** Q.763 §3.38 optional forward call indicators (1 octet). */
export const optionalForwardCallIndicators = bitfieldCodec(1, [
  ['closedUserGroupCall', 0, 2, 'n'], // 0 non-CUG, 2 CUG with outgoing access, 3 CUG without outgoing access
  ['simpleSegmentation', 2, 1, 'b'], // C
  ['connectedLineIdentityRequest', 7, 1, 'b'], // H
]);

/** Q.763 §3.21 event information (1 octet). */
export const eventInformation = bitfieldCodec(1, [
  ['event', 0, 7, 'n'], // 1 alerting, 2 progress, 3 in-band information, 4-6 call forwarded (busy, no reply, unconditional)
  ['presentationRestricted', 7, 1, 'b'], // H: event presentation restricted
]);

/** Q.763 §3.45 redirection information (2 octets). */
export const redirectionInformation = bitfieldCodec(2, [
  ['redirectingIndicator', 0, 3, 'n'], // 3 call diverted, 4 call diverted, all redirection information restricted, ...
  ['originalRedirectionReason', 4, 4, 'n'], // 0 unknown, 1 busy, 2 no reply, 3 unconditional
  ['redirectionCounter', 8, 3, 'n'], // number of diversions so far, 1..5
  ['redirectingReason', 12, 4, 'n'], // 0 unknown, 1 busy, 2 no reply, 3 unconditional, 4 deflection during alerting, 5 deflection immediate, 6 mobile not reachable
]);

/** Q.763 §3.13 circuit group supervision message type (1 octet). */
export const circuitGroupSupervisionMessageType = bitfieldCodec(1, [
  ['type', 0, 2, 'n'], // 0 maintenance oriented, 1 hardware failure oriented
]);

/** Q.763 §3.52 suspend/resume indicators (1 octet). */
export const suspendResumeIndicators = bitfieldCodec(1, [['networkInitiated', 0, 1, 'b']]);

/** Q.763 §3.18 continuity indicators (1 octet). */
export const continuityIndicators = bitfieldCodec(1, [['successful', 0, 1, 'b']]);

/** Q.763 §3.29 information request indicators (2 octets, national use). */
export const informationRequestIndicators = bitfieldCodec(2, [
  ['callingPartyAddressRequest', 0, 1, 'b'], // A
  ['holdingIndicator', 1, 1, 'b'], // B
  ['callingPartyCategoryRequest', 3, 1, 'b'], // D
  ['chargeInformationRequest', 4, 1, 'b'], // E
  ['maliciousCallIdentificationRequest', 7, 1, 'b'], // H
]);

/** Q.763 §3.28 information indicators (2 octets, national use). */
export const informationIndicators = bitfieldCodec(2, [
  ['callingPartyAddressResponse', 0, 2, 'n'], // B A: 0 not included, 1 not available, 3 included
  ['holdProvided', 2, 1, 'b'], // C
  ['callingPartyCategoryResponse', 5, 1, 'b'], // F
  ['chargeInformationResponse', 6, 1, 'b'], // G
  ['solicitedInformation', 7, 1, 'b'], // H: 1 = unsolicited
]);

/** Q.763 §3.80 hop counter (1 octet): E-A remaining hops. */
export const hopCounter = bitfieldCodec(1, [['hops', 0, 5, 'n']]);

/** Q.763 §3.47 redirection number restriction (1 octet). */
export const redirectionNumberRestriction = bitfieldCodec(1, [['presentation', 0, 2, 'n']]);

/** Q.763 §3.60 user-to-user indicators (1 octet). */
export const userToUserIndicators = bitfieldCodec(1, [
  ['response', 0, 1, 'b'], // A: 0 request, 1 response
  ['service1', 1, 2, 'n'],
  ['service2', 3, 2, 'n'],
  ['service3', 5, 2, 'n'],
  ['networkDiscard', 7, 1, 'b'], // H: user-to-user information discarded by the network
]);

/** Q.763 §3.11 calling party's category (1 octet). */
export const callingPartysCategory = octetCodec;
/** Q.763 §3.54 transmission medium requirement (1 octet); also TMR prime and TMU. */
export const transmissionMediumRequirement = octetCodec;
/** Q.763 §3.4 automatic congestion level (1 octet): 1 level 1 exceeded, 2 level 2 exceeded. */
export const automaticCongestionLevel = octetCodec;
/** Q.763 §3.22 facility indicator (1 octet). */
export const facilityIndicator = octetCodec;

/** Calling party's category values, Q.763 §3.11. */
export const CallingPartysCategory = {
  UNKNOWN: 0x00,
  OPERATOR_FRENCH: 0x01,
  OPERATOR_ENGLISH: 0x02,
  OPERATOR_GERMAN: 0x03,
  OPERATOR_RUSSIAN: 0x04,
  OPERATOR_SPANISH: 0x05,
  ORDINARY: 0x0a,
  PRIORITY: 0x0b,
  DATA: 0x0c,
  TEST: 0x0d,
  PAYPHONE: 0x0f,
} as const;

/** Transmission medium requirement values, Q.763 §3.54. */
export const TransmissionMedium = { SPEECH: 0, UNRESTRICTED_64K: 2, AUDIO_3K1: 3, UNRESTRICTED_64K_PREFERRED: 6, UNRESTRICTED_2X64K: 7 } as const;

/** Event indicator values, Q.763 §3.21. */
export const EventIndicator = { ALERTING: 1, PROGRESS: 2, INBAND_INFORMATION: 3, FORWARDED_ON_BUSY: 4, FORWARDED_ON_NO_REPLY: 5, FORWARDED_UNCONDITIONAL: 6 } as const;

