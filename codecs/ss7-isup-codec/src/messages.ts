// MESSAGES: the ITU-T message table, one row per message type code (Q.763 Table 4, layouts
// in the Q.763 §4 tables cited): its mandatory fixed parameters in order, its mandatory
// variable parameters in pointer order, and whether it has an optional part.
// Table numbers follow Q.763 (12/1999); see docs/isup-codec.md.
import type { ParamName } from './params/table.js';

export interface MessageDescriptor {
  readonly code: number;
  readonly title: string;
  readonly ref: string;
  readonly fixed: readonly ParamName[];
  readonly variable: readonly ParamName[];
  /** the message has a pointer to an optional part */
  readonly optional: boolean;
  /** national format not decoded here: everything after the type code is kept as `body` */
  readonly opaque?: true;
}

function msg<const F extends readonly ParamName[], const V extends readonly ParamName[], const O extends boolean>(
  code: number,
  title: string,
  ref: string,
  fixed: F,
  variable: V,
  optional: O,
): { code: number; title: string; ref: string; fixed: F; variable: V; optional: O } {
  return { code, title, ref, fixed, variable, optional };
}

const none = [] as const;
const CGSMT = ['circuitGroupSupervisionMessageType'] as const;
const RS = ['rangeAndStatus'] as const;
const CAUSE = ['causeIndicators'] as const;
const BCI = ['backwardCallIndicators'] as const;
const SRI = ['suspendResumeIndicators'] as const;
const FI = ['facilityIndicator'] as const;

export const MESSAGES = {
  IAM: msg(0x01, 'Initial address', 'Q.763 Table 32', ['natureOfConnectionIndicators', 'forwardCallIndicators', 'callingPartysCategory', 'transmissionMediumRequirement'], ['calledPartyNumber'], true),
  SAM: msg(0x02, 'Subsequent address', 'Q.763 Table 35', none, ['subsequentNumber'], true),
  INR: msg(0x03, 'Information request', 'Q.763 Table 31', ['informationRequestIndicators'], none, true),
  INF: msg(0x04, 'Information', 'Q.763 Table 30', ['informationIndicators'], none, true),
  COT: msg(0x05, 'Continuity', 'Q.763 Table 28', ['continuityIndicators'], none, false),
  ACM: msg(0x06, 'Address complete', 'Q.763 Table 21', BCI, none, true),
  CON: msg(0x07, 'Connect', 'Q.763 Table 27', BCI, none, true),
  FOT: msg(0x08, 'Forward transfer', 'Q.763 Table 37', none, none, true),
  ANM: msg(0x09, 'Answer', 'Q.763 Table 22', none, none, true),
  REL: msg(0x0c, 'Release', 'Q.763 Table 33', none, CAUSE, true),
  SUS: msg(0x0d, 'Suspend', 'Q.763 Table 38', SRI, none, true),
  RES: msg(0x0e, 'Resume', 'Q.763 Table 38', SRI, none, true),
  RLC: msg(0x10, 'Release complete', 'Q.763 Table 34', none, none, true),
  CCR: msg(0x11, 'Continuity check request', 'Q.763 Table 39', none, none, false),
  RSC: msg(0x12, 'Reset circuit', 'Q.763 Table 39', none, none, false),
  BLO: msg(0x13, 'Blocking', 'Q.763 Table 39', none, none, false),
  UBL: msg(0x14, 'Unblocking', 'Q.763 Table 39', none, none, false),
  BLA: msg(0x15, 'Blocking acknowledgement', 'Q.763 Table 39', none, none, false),
  UBA: msg(0x16, 'Unblocking acknowledgement', 'Q.763 Table 39', none, none, false),
  GRS: msg(0x17, 'Circuit group reset', 'Q.763 Table 41', none, RS, false),
  CGB: msg(0x18, 'Circuit group blocking', 'Q.763 Table 40', CGSMT, RS, false),
  CGU: msg(0x19, 'Circuit group unblocking', 'Q.763 Table 40', CGSMT, RS, false),
  CGBA: msg(0x1a, 'Circuit group blocking acknowledgement', 'Q.763 Table 40', CGSMT, RS, false),
  CGUA: msg(0x1b, 'Circuit group unblocking acknowledgement', 'Q.763 Table 40', CGSMT, RS, false),
  FAR: msg(0x1f, 'Facility request', 'Q.763 Table 42', FI, none, true),
  FAA: msg(0x20, 'Facility accepted', 'Q.763 Table 42', FI, none, true),
  FRJ: msg(0x21, 'Facility reject', 'Q.763 Table 29', FI, CAUSE, true),
  LPA: msg(0x24, 'Loop back acknowledgement', 'Q.763 Table 39', none, none, false),
  PAM: { ...msg(0x28, 'Pass-along', 'Q.763 Table 43', none, none, false), opaque: true },
  GRA: msg(0x29, 'Circuit group reset acknowledgement', 'Q.763 Table 25', none, RS, false),
  CQM: msg(0x2a, 'Circuit group query', 'Q.763 Table 41', none, RS, false),
  CQR: msg(0x2b, 'Circuit group query response', 'Q.763 Table 24', none, ['rangeAndStatus', 'circuitStateIndicator'], false),
  CPG: msg(0x2c, 'Call progress', 'Q.763 Table 23', ['eventInformation'], none, true),
  USR: msg(0x2d, 'User-to-user information', 'Q.763 Table 36', none, ['userToUserInformation'], true),
  UCIC: msg(0x2e, 'Unequipped CIC', 'Q.763 Table 39', none, none, false),
  CFN: msg(0x2f, 'Confusion', 'Q.763 Table 26', none, CAUSE, true),
  OLM: msg(0x30, 'Overload', 'Q.763 Table 39', none, none, false),
  CRG: { ...msg(0x31, 'Charge information', 'Q.763 Table 4 (national format)', none, none, false), opaque: true },
  NRM: msg(0x32, 'Network resource management', 'Q.763 Table 46', none, none, true),
  FAC: msg(0x33, 'Facility', 'Q.763 Table 45', none, none, true),
  UPT: msg(0x34, 'User part test', 'Q.763 Table 44', none, none, true),
  UPA: msg(0x35, 'User part available', 'Q.763 Table 44', none, none, true),
  IDR: msg(0x36, 'Identification request', 'Q.763 Table 47', none, none, true),
  IRS: msg(0x37, 'Identification response', 'Q.763 Table 48', none, none, true),
  SGM: msg(0x38, 'Segmentation', 'Q.763 Table 49', none, none, true),
  LOP: msg(0x40, 'Loop prevention', 'Q.763 Table 50', none, none, true),
  APM: msg(0x41, 'Application transport', 'Q.763 Table 51', none, none, true),
  PRI: msg(0x42, 'Pre-release information', 'Q.763 Table 52', none, none, true),
  SDN: msg(0x43, 'Subsequent directory number', 'Q.763 Table 53', none, none, true),
} as const satisfies Record<string, MessageDescriptor>;

export type MessageName = keyof typeof MESSAGES;
