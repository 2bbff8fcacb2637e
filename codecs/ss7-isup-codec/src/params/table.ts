// PARAMS: the ITU-T parameter table, one row per Q.763 parameter name code (Q.763 Table 5,
// formats in the clause cited). Rows whose codec is `rawCodec` are carried as their value
// octets, untouched. Clause numbers follow Q.763 (12/1999); see docs/isup-codec.md.
import { rawCodec, type AnyParamDescriptor, type ParamCodec, type ParamDescriptor } from '../param-codec.js';
import { causeIndicators } from './cause.js';
import { messageCompatibilityInformation, parameterCompatibilityInformation } from './compatibility.js';
import * as ind from './indicators.js';
import * as misc from './misc.js';
import * as num from './numbers.js';
import { rangeAndStatus } from './range-and-status.js';
import { accessTransport, userToUserInformation } from './transport.js';
import { userServiceInformation } from './user-service-information.js';

function row<T>(code: number, ref: string, title: string, codec: ParamCodec<T>, len?: number): ParamDescriptor<T> {
  return len === undefined ? { code, ref, title, codec } : { code, ref, title, codec, len };
}
const raw = (code: number, ref: string, title: string): ParamDescriptor<Uint8Array> => row(code, ref, title, rawCodec);

export const PARAMS = {
  callReference: row(0x01, 'Q.763 §3.8', 'Call reference', misc.callReference, 5),
  transmissionMediumRequirement: row(0x02, 'Q.763 §3.54', 'Transmission medium requirement', ind.transmissionMediumRequirement, 1),
  accessTransport: row(0x03, 'Q.763 §3.3', 'Access transport', accessTransport),
  calledPartyNumber: row(0x04, 'Q.763 §3.9', 'Called party number', num.calledPartyNumber),
  subsequentNumber: row(0x05, 'Q.763 §3.51', 'Subsequent number', num.subsequentNumber),
  natureOfConnectionIndicators: row(0x06, 'Q.763 §3.35', 'Nature of connection indicators', ind.natureOfConnectionIndicators, 1),
  forwardCallIndicators: row(0x07, 'Q.763 §3.23', 'Forward call indicators', ind.forwardCallIndicators, 2),
  optionalForwardCallIndicators: row(0x08, 'Q.763 §3.38', 'Optional forward call indicators', ind.optionalForwardCallIndicators, 1),
  callingPartysCategory: row(0x09, 'Q.763 §3.11', "Calling party's category", ind.callingPartysCategory, 1),
  callingPartyNumber: row(0x0a, 'Q.763 §3.10', 'Calling party number', num.callingPartyNumber),
  redirectingNumber: row(0x0b, 'Q.763 §3.44', 'Redirecting number', num.redirectingNumber),
  redirectionNumber: row(0x0c, 'Q.763 §3.46', 'Redirection number', num.redirectionNumber),
  connectionRequest: raw(0x0d, 'Q.763 §3.17', 'Connection request'),
  informationRequestIndicators: row(0x0e, 'Q.763 §3.29', 'Information request indicators', ind.informationRequestIndicators, 2),
  informationIndicators: row(0x0f, 'Q.763 §3.28', 'Information indicators', ind.informationIndicators, 2),
  continuityIndicators: row(0x10, 'Q.763 §3.18', 'Continuity indicators', ind.continuityIndicators, 1),
  backwardCallIndicators: row(0x11, 'Q.763 §3.5', 'Backward call indicators', ind.backwardCallIndicators, 2),
  causeIndicators: row(0x12, 'Q.763 §3.12', 'Cause indicators', causeIndicators),
  redirectionInformation: row(0x13, 'Q.763 §3.45', 'Redirection information', ind.redirectionInformation, 2),
  circuitGroupSupervisionMessageType: row(0x15, 'Q.763 §3.13', 'Circuit group supervision message type', ind.circuitGroupSupervisionMessageType, 1),
  rangeAndStatus: row(0x16, 'Q.763 §3.43', 'Range and status', rangeAndStatus),
  facilityIndicator: row(0x18, 'Q.763 §3.22', 'Facility indicator', ind.facilityIndicator, 1),
  closedUserGroupInterlockCode: row(0x1a, 'Q.763 §3.15', 'Closed user group interlock code', misc.closedUserGroupInterlockCode, 4),
  userServiceInformation: row(0x1d, 'Q.763 §3.57', 'User service information', userServiceInformation),
  signallingPointCode: raw(0x1e, 'Q.763 §3.50', 'Signalling point code'),
  userToUserInformation: row(0x20, 'Q.763 §3.61', 'User-to-user information', userToUserInformation),
  connectedNumber: row(0x21, 'Q.763 §3.16', 'Connected number', num.connectedNumber),
  suspendResumeIndicators: row(0x22, 'Q.763 §3.52', 'Suspend/resume indicators', ind.suspendResumeIndicators, 1),
  transitNetworkSelection: row(0x23, 'Q.763 §3.53', 'Transit network selection', misc.transitNetworkSelection),
  eventInformation: row(0x24, 'Q.763 §3.21', 'Event information', ind.eventInformation, 1),
  circuitAssignmentMap: raw(0x25, 'Q.763 §3.69', 'Circuit assignment map'),
  circuitStateIndicator: raw(0x26, 'Q.763 §3.14', 'Circuit state indicator'),
  automaticCongestionLevel: row(0x27, 'Q.763 §3.4', 'Automatic congestion level', ind.automaticCongestionLevel, 1),
  originalCalledNumber: row(0x28, 'Q.763 §3.39', 'Original called number', num.originalCalledNumber),
  optionalBackwardCallIndicators: row(0x29, 'Q.763 §3.37', 'Optional backward call indicators', ind.optionalBackwardCallIndicators, 1),
  userToUserIndicators: row(0x2a, 'Q.763 §3.60', 'User-to-user indicators', ind.userToUserIndicators, 1),
  originationIscPointCode: raw(0x2b, 'Q.763 §3.40', 'Origination ISC point code'),
  genericNotificationIndicator: raw(0x2c, 'Q.763 §3.25', 'Generic notification indicator'),
  callHistoryInformation: raw(0x2d, 'Q.763 §3.7', 'Call history information'),
  accessDeliveryInformation: raw(0x2e, 'Q.763 §3.2', 'Access delivery information'),
  networkSpecificFacility: raw(0x2f, 'Q.763 §3.36', 'Network specific facility'),
  userServiceInformationPrime: row(0x30, 'Q.763 §3.58', 'User service information prime', userServiceInformation),
  propagationDelayCounter: row(0x31, 'Q.763 §3.42', 'Propagation delay counter', misc.propagationDelayCounter, 2),
  remoteOperations: raw(0x32, 'Q.763 §3.48', 'Remote operations'),
  serviceActivation: raw(0x33, 'Q.763 §3.49', 'Service activation'),
  userTeleserviceInformation: raw(0x34, 'Q.763 §3.59', 'User teleservice information'),
  transmissionMediumUsed: row(0x35, 'Q.763 §3.56', 'Transmission medium used', ind.transmissionMediumRequirement, 1),
  callDiversionInformation: raw(0x36, 'Q.763 §3.6', 'Call diversion information'),
  echoControlInformation: raw(0x37, 'Q.763 §3.19', 'Echo control information'),
  messageCompatibilityInformation: row(0x38, 'Q.763 §3.33', 'Message compatibility information', messageCompatibilityInformation),
  parameterCompatibilityInformation: row(0x39, 'Q.763 §3.41', 'Parameter compatibility information', parameterCompatibilityInformation),
  mlppPrecedence: raw(0x3a, 'Q.763 §3.34', 'MLPP precedence'),
  mcidRequestIndicators: raw(0x3b, 'Q.763 §3.31', 'MCID request indicators'),
  mcidResponseIndicators: raw(0x3c, 'Q.763 §3.32', 'MCID response indicators'),
  hopCounter: row(0x3d, 'Q.763 §3.80', 'Hop counter', ind.hopCounter, 1),
  transmissionMediumRequirementPrime: row(0x3e, 'Q.763 §3.55', 'Transmission medium requirement prime', ind.transmissionMediumRequirement, 1),
  locationNumber: row(0x3f, 'Q.763 §3.30', 'Location number', num.locationNumber),
  redirectionNumberRestriction: row(0x40, 'Q.763 §3.47', 'Redirection number restriction', ind.redirectionNumberRestriction, 1),
  callTransferReference: raw(0x43, 'Q.763 §3.65', 'Call transfer reference'),
  loopPreventionIndicators: raw(0x44, 'Q.763 §3.67', 'Loop prevention indicators'),
  callTransferNumber: raw(0x45, 'Q.763 §3.64', 'Call transfer number'),
  ccss: raw(0x4b, 'Q.763 §3.63', 'CCSS'),
  forwardGvns: raw(0x4c, 'Q.763 §3.66', 'Forward GVNS'),
  backwardGvns: raw(0x4d, 'Q.763 §3.62', 'Backward GVNS'),
  redirectCapability: raw(0x4e, 'Q.763 §3.96', 'Redirect capability'),
  networkManagementControls: raw(0x5b, 'Q.763 §3.68', 'Network management controls'),
  correlationId: raw(0x65, 'Q.763 §3.70', 'Correlation id'),
  scfId: raw(0x66, 'Q.763 §3.71', 'SCF id'),
  callDiversionTreatmentIndicators: raw(0x6e, 'Q.763 §3.72', 'Call diversion treatment indicators'),
  calledInNumber: row(0x6f, 'Q.763 §3.73', 'Called IN number', num.calledINNumber),
  callOfferingTreatmentIndicators: raw(0x70, 'Q.763 §3.74', 'Call offering treatment indicators'),
  chargedPartyIdentification: raw(0x71, 'Q.763 §3.75', 'Charged party identification'),
  conferenceTreatmentIndicators: raw(0x72, 'Q.763 §3.76', 'Conference treatment indicators'),
  displayInformation: raw(0x73, 'Q.763 §3.77', 'Display information'),
  uidActionIndicators: raw(0x74, 'Q.763 §3.78', 'UID action indicators'),
  uidCapabilityIndicators: raw(0x75, 'Q.763 §3.79', 'UID capability indicators'),
  redirectCounter: raw(0x77, 'Q.763 §3.97', 'Redirect counter'),
  applicationTransport: row(0x78, 'Q.763 §3.82', 'Application transport', misc.applicationTransport),
  collectCallRequest: raw(0x79, 'Q.763 §3.81', 'Collect call request'),
  genericNumber: row(0xc0, 'Q.763 §3.26', 'Generic number', num.genericNumber),
  genericDigits: raw(0xc1, 'Q.763 §3.24', 'Generic digits'),
} as const satisfies Record<string, AnyParamDescriptor>;

export type ParamName = keyof typeof PARAMS;
/** The decoded value type of each parameter. */
export type ParamValues = { [K in ParamName]: (typeof PARAMS)[K] extends ParamDescriptor<infer T> ? T : never };
