// Compares OUR decoded ISUP message with tshark's dissection of the same octets
// (see tshark-isup.ts) and lists every disagreement.
//
// Every comparison is written out below, parameter by parameter: the tshark field it reads
// and how our value maps to it. Where tshark prints something our model keeps differently,
// the mapping says so (e.g. the range of range and status, which tshark shows + 1). Where
// tshark is demonstrably wrong, the comparator reads tshark's other, correct output instead
// and the code says why: search for "TSHARK EXCEPTION". Parameters tshark does not break
// down are compared on what it does show (usually the octets).
import { MESSAGES, PARAMS, type IsupMessage, type OptionalParam, type ParamName, type ParamValues } from 'ss7-isup-codec';
import { isupProblems, type Framing, type TsharkIsupFrame, type TsharkParam } from './tshark-isup.js';

export interface Disagreement {
  /** where in our message, e.g. "IAM.optional[2].callingPartyNumber.screening (isup.screening_indicator)" */
  field: string;
  ours: string;
  theirs: string;
}

const ABSENT = '(absent)';

/** Expert infos in the isup tree that report tshark's own limits, not a problem with the octets. */
const PI_UNDECODED = 0x05000000;

const hex = (b: Uint8Array | readonly number[]): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Counts the comparisons made (to report how much was checked). */
export interface CompareStats {
  checks: number;
}

class Out {
  constructor(
    private readonly prefix: string,
    readonly list: Disagreement[] = [],
    readonly stats: CompareStats = { checks: 0 },
  ) {}
  add(where: string, tshark: string, ours: unknown, theirs: unknown): void {
    this.list.push({ field: `${this.prefix}${where}${tshark === '' ? '' : ` (${tshark})`}`, ours: String(ours), theirs: String(theirs) });
  }
  /** The same list, with `where.` added to the prefix. */
  at(where: string): Out {
    return new Out(`${this.prefix}${where}.`, this.list, this.stats);
  }
}

/** The i-th `show` of field `name` in `p` as a number (tshark prints "3", "0x0a", "1" for true). */
function num(p: TsharkParam, name: string, i = 0): number | undefined {
  const v = p.fields.get(name)?.[i];
  return v === undefined || v === '' ? undefined : Number(v);
}
function str(p: TsharkParam, name: string, i = 0): string | undefined {
  return p.fields.get(name)?.[i];
}
/** The i-th `value` (hex octets) of field `name`. */
function raw(p: TsharkParam, name: string, i = 0): string | undefined {
  return p.raw.get(name)?.[i];
}

/** Compare a number or boolean with tshark's numeric field (booleans as 0/1). */
function eqNum(out: Out, where: string, p: TsharkParam, field: string, ours: number | boolean | undefined, i = 0): void {
  out.stats.checks++;
  const o = typeof ours === 'boolean' ? (ours ? 1 : 0) : ours;
  const t = num(p, field, i);
  if (o !== t) out.add(where, field, o ?? ABSENT, t ?? ABSENT);
}
function eqStr(out: Out, where: string, p: TsharkParam, field: string, ours: string | undefined, i = 0): void {
  out.stats.checks++;
  const t = str(p, field, i);
  if (ours !== t) out.add(where, field, ours ?? ABSENT, t ?? ABSENT);
}
function eqHex(out: Out, where: string, p: TsharkParam, field: string, ours: Uint8Array | readonly number[] | undefined, i = 0): void {
  out.stats.checks++;
  const o = ours === undefined ? undefined : hex(ours);
  const t = raw(p, field, i);
  if (o !== t) out.add(where, field, o ?? ABSENT, t ?? ABSENT);
}
function eqCount(out: Out, where: string, p: TsharkParam, field: string, ours: number): void {
  out.stats.checks++;
  const t = p.fields.get(field)?.length ?? 0;
  if (t !== ours) out.add(`${where}#count`, field, ours, t);
}

// ---------------------------------------------------------------------------------------
// Address signals (Q.763 §3.9): tshark prints the digit string with hex letters, so our
// digits (0-9, B, C, F) compare as they are; an empty number is shown as "(empty)" with no
// string field. The filler nibble of an odd count is not shown.

function digits(out: Out, p: TsharkParam, field: string, ours: string): void {
  eqStr(out, 'digits', p, field, ours === '' ? undefined : ours);
  eqNum(out, 'oddEven', p, 'isup.isdn_odd_even_indicator', ours.length % 2 === 1);
}

type Num<K extends ParamName> = ParamValues[K];

const compareParam: { [K in ParamName]?: (v: ParamValues[K], p: TsharkParam, out: Out) => void } = {
  // §3.9 called party number: octet 1 H O/E, G-A NAI; octet 2 H INN, G-E NPI
  calledPartyNumber: (v, p, out) => {
    eqNum(out, 'natureOfAddress', p, 'isup.called_party_nature_of_address_indicator', v.natureOfAddress);
    eqNum(out, 'inn', p, 'isup.inn_indicator', v.inn);
    eqNum(out, 'numberingPlan', p, 'isup.numbering_plan_indicator', v.numberingPlan);
    digits(out, p, 'isup.called', v.digits);
  },
  // §3.46 redirection number: called party number format
  redirectionNumber: (v, p, out) => {
    eqNum(out, 'natureOfAddress', p, 'isup.called_party_nature_of_address_indicator', v.natureOfAddress);
    eqNum(out, 'inn', p, 'isup.inn_indicator', v.inn);
    eqNum(out, 'numberingPlan', p, 'isup.numbering_plan_indicator', v.numberingPlan);
    digits(out, p, 'isup.redirection_number', v.digits);
  },
  // §3.10 calling party number: octet 2 H NI, G-E NPI, D C APRI, B A screening
  callingPartyNumber: (v, p, out) => {
    eqNum(out, 'natureOfAddress', p, 'isup.calling_party_nature_of_address_indicator', v.natureOfAddress);
    eqNum(out, 'numberIncomplete', p, 'isup.ni_indicator', v.numberIncomplete);
    eqNum(out, 'numberingPlan', p, 'isup.numbering_plan_indicator', v.numberingPlan);
    eqNum(out, 'presentation', p, 'isup.address_presentation_restricted_indicator', v.presentation);
    eqNum(out, 'screening', p, 'isup.screening_indicator', v.screening);
    digits(out, p, 'isup.calling', v.digits);
  },
  // §3.30 location number: as calling party number with INN in bit H
  locationNumber: (v, p, out) => {
    eqNum(out, 'natureOfAddress', p, 'isup.calling_party_nature_of_address_indicator', v.natureOfAddress);
    eqNum(out, 'inn', p, 'isup.inn_indicator', v.inn);
    eqNum(out, 'numberingPlan', p, 'isup.numbering_plan_indicator', v.numberingPlan);
    eqNum(out, 'presentation', p, 'isup.address_presentation_restricted_indicator', v.presentation);
    eqNum(out, 'screening', p, 'isup.screening_indicator', v.screening);
    digits(out, p, 'isup.location_number', v.digits);
  },
  // §3.16 connected number: octet 2 H spare
  connectedNumber: (v, p, out) => {
    eqNum(out, 'natureOfAddress', p, 'isup.calling_party_nature_of_address_indicator', v.natureOfAddress);
    eqNum(out, 'numberingPlan', p, 'isup.numbering_plan_indicator', v.numberingPlan);
    eqNum(out, 'presentation', p, 'isup.address_presentation_restricted_indicator', v.presentation);
    eqNum(out, 'screening', p, 'isup.screening_indicator', v.screening);
    digits(out, p, 'isup.connected_number', v.digits);
  },
  // §3.44 redirecting number, §3.39 original called number, §3.73 called IN number: NPI + APRI
  redirectingNumber: (v, p, out) => redirectingLike(v, p, out, 'isup.redirecting'),
  originalCalledNumber: (v, p, out) => redirectingLike(v, p, out, 'isup.original_called_number'),
  calledInNumber: (v, p, out) => redirectingLike(v, p, out, 'isup.called_in_number'),
  // §3.26 generic number: number qualifier, then the calling party number layout; tshark
  // shows its screening with the four-valued "enhanced" table
  genericNumber: (v, p, out) => {
    eqNum(out, 'numberQualifier', p, 'isup.number_qualifier_indicator', v.numberQualifier);
    eqNum(out, 'natureOfAddress', p, 'isup.calling_party_nature_of_address_indicator', v.natureOfAddress);
    eqNum(out, 'numberIncomplete', p, 'isup.ni_indicator', v.numberIncomplete);
    eqNum(out, 'numberingPlan', p, 'isup.numbering_plan_indicator', v.numberingPlan);
    eqNum(out, 'presentation', p, 'isup.address_presentation_restricted_indicator', v.presentation);
    eqNum(out, 'screening', p, 'isup.screening_indicator_enhanced', v.screening);
    digits(out, p, 'isup.generic_number', v.digits);
  },
  // §3.51 subsequent number: octet 1 H O/E (G-A spare, not shown)
  subsequentNumber: (v, p, out) => digits(out, p, 'isup.subsequent_number', v.digits),
  // §3.53 transit network selection: octet 1 H O/E, G-E type, D-A plan (tshark reads the same layout)
  transitNetworkSelection: (v, p, out) => {
    eqNum(out, 'typeOfNetworkIdentification', p, 'isup.type_of_network_identification', v.typeOfNetworkIdentification);
    eqNum(out, 'networkIdentificationPlan', p, 'isup.network_identification_plan', v.networkIdentificationPlan);
    digits(out, p, 'isup.transit_network_selection', v.networkIdentification);
  },

  // §3.35 nature of connection indicators
  natureOfConnectionIndicators: (v, p, out) => {
    eqNum(out, 'satellite', p, 'isup.satellite_indicator', v.satellite);
    eqNum(out, 'continuityCheck', p, 'isup.continuity_check_indicator', v.continuityCheck);
    eqNum(out, 'echoControlDevice', p, 'isup.echo_control_device_indicator', v.echoControlDevice);
  },
  // §3.23 forward call indicators
  forwardCallIndicators: (v, p, out) => {
    eqNum(out, 'international', p, 'isup.forw_call_natnl_inatnl_call_indicator', v.international);
    eqNum(out, 'endToEndMethod', p, 'isup.forw_call_end_to_end_method_indicator', v.endToEndMethod);
    eqNum(out, 'interworking', p, 'isup.forw_call_interworking_indicator', v.interworking);
    eqNum(out, 'endToEndInformation', p, 'isup.forw_call_end_to_end_information_indicator', v.endToEndInformation);
    eqNum(out, 'isupAllTheWay', p, 'isup.forw_call_isdn_user_part_indicator', v.isupAllTheWay);
    eqNum(out, 'isupPreference', p, 'isup.forw_call_preferences_indicator', v.isupPreference);
    eqNum(out, 'isdnAccess', p, 'isup.forw_call_isdn_access_indicator', v.isdnAccess);
    eqNum(out, 'sccpMethod', p, 'isup.forw_call_sccp_method_indicator', v.sccpMethod);
    eqNum(out, 'portedNumberTranslated', p, 'isup.forw_call_ported_num_trans_indicator', v.portedNumberTranslated);
    eqNum(out, 'queryOnReleaseAttempt', p, 'isup.forw_call_qor_attempt_indicator', v.queryOnReleaseAttempt);
  },
  // §3.5 backward call indicators
  backwardCallIndicators: (v, p, out) => {
    eqNum(out, 'charge', p, 'isup.charge_indicator', v.charge);
    eqNum(out, 'calledPartyStatus', p, 'isup.called_partys_status_indicator', v.calledPartyStatus);
    eqNum(out, 'calledPartyCategory', p, 'isup.called_partys_category_indicator', v.calledPartyCategory);
    eqNum(out, 'endToEndMethod', p, 'isup.backw_call_end_to_end_method_indicator', v.endToEndMethod);
    eqNum(out, 'interworking', p, 'isup.backw_call_interworking_indicator', v.interworking);
    eqNum(out, 'endToEndInformation', p, 'isup.backw_call_end_to_end_information_indicator', v.endToEndInformation);
    eqNum(out, 'isupAllTheWay', p, 'isup.backw_call_isdn_user_part_indicator', v.isupAllTheWay);
    eqNum(out, 'holding', p, 'isup.backw_call_holding_indicator', v.holding);
    eqNum(out, 'isdnAccess', p, 'isup.backw_call_isdn_access_indicator', v.isdnAccess);
    eqNum(out, 'echoControlDevice', p, 'isup.backw_call_echo_control_device_indicator', v.echoControlDevice);
    eqNum(out, 'sccpMethod', p, 'isup.backw_call_sccp_method_indicator', v.sccpMethod);
  },
  // §3.37 optional backward call indicators
  optionalBackwardCallIndicators: (v, p, out) => {
    eqNum(out, 'inbandInformation', p, 'isup.inband_information_ind', v.inbandInformation);
    eqNum(out, 'callDiversionMayOccur', p, 'isup.call_diversion_may_occur_ind', v.callDiversionMayOccur);
    eqNum(out, 'simpleSegmentation', p, 'isup.simple_segmentation_ind', v.simpleSegmentation);
    eqNum(out, 'mlppUser', p, 'isup.mlpp_user', v.mlppUser);
  },
  // §3.38 optional forward call indicators
  optionalForwardCallIndicators: (v, p, out) => {
    eqNum(out, 'closedUserGroupCall', p, 'isup.clg_call_ind', v.closedUserGroupCall);
    eqNum(out, 'simpleSegmentation', p, 'isup.simple_segmentation_ind', v.simpleSegmentation);
    eqNum(out, 'connectedLineIdentityRequest', p, 'isup.connected_line_identity_request_ind', v.connectedLineIdentityRequest);
  },
  callingPartysCategory: (v, p, out) => eqNum(out, 'value', p, 'isup.calling_partys_category', v),
  transmissionMediumRequirement: (v, p, out) => eqNum(out, 'value', p, 'isup.transmission_medium_requirement', v),
  // TMR prime and transmission medium used share tshark's "prime" field
  transmissionMediumRequirementPrime: (v, p, out) => eqNum(out, 'value', p, 'isup.transmission_medium_requirement_prime', v),
  transmissionMediumUsed: (v, p, out) => eqNum(out, 'value', p, 'isup.transmission_medium_requirement_prime', v),
  automaticCongestionLevel: (v, p, out) => eqNum(out, 'value', p, 'isup.automatic_congestion_level', v),
  // §3.22 facility indicator: tshark has no field, only the parameter's text "Facility indicator : <name> (<value>)"
  facilityIndicator: (v, p, out) => {
    const m = /\((\d+)\)\s*$/.exec(p.text);
    const t = m === null ? undefined : Number(m[1]);
    out.stats.checks++;
    if (t !== v) out.add('value', 'text', v, t ?? p.text);
  },
  // §3.21 event information
  eventInformation: (v, p, out) => {
    eqNum(out, 'event', p, 'isup.event_ind', v.event);
    eqNum(out, 'presentationRestricted', p, 'isup.event_presentation_restr_ind', v.presentationRestricted);
  },
  // §3.45 redirection information
  redirectionInformation: (v, p, out) => {
    eqNum(out, 'redirectingIndicator', p, 'isup.redirecting_ind', v.redirectingIndicator);
    eqNum(out, 'originalRedirectionReason', p, 'isup.original_redirection_reason', v.originalRedirectionReason);
    eqNum(out, 'redirectionCounter', p, 'isup.redirection_counter', v.redirectionCounter);
    eqNum(out, 'redirectingReason', p, 'isup.redirection_reason', v.redirectingReason);
  },
  // §3.13 circuit group supervision message type (bits B A; tshark masks the spare bits as we do)
  circuitGroupSupervisionMessageType: (v, p, out) => eqNum(out, 'type', p, 'isup.cgs_message_type', v.type),
  // §3.43 range and status. tshark prints the number of circuits, range + 1 (Q.763: the range
  // code + 1 circuits are affected), but computes it in 8 bits: `guint8 range =
  // tvb_get_guint8(parameter_tvb, 0) + 1;` in dissect_isup_range_and_status_parameter, so a range
  // octet of 255 shows as 0 (TSHARK EXCEPTION: we compare (range + 1) mod 256; with status octets
  // tshark then fails outright, "bit width of 0", so the oracle does not generate range 255 with
  // status). The status octets are the value of its "Status subfield" node.
  rangeAndStatus: (v, p, out) => {
    eqNum(out, 'range', p, 'isup.range_indicator', (v.range + 1) & 0xff);
    const status = p.texts.find((t) => t.text === 'Status subfield');
    const ours = v.status === undefined ? undefined : hex(packStatus(v.status));
    out.stats.checks++;
    if (ours !== status?.hex) out.add('status', 'Status subfield', ours ?? ABSENT, status?.hex ?? ABSENT);
  },
  suspendResumeIndicators: (v, p, out) => eqNum(out, 'networkInitiated', p, 'isup.suspend_resume_indicator', v.networkInitiated),
  continuityIndicators: (v, p, out) => eqNum(out, 'successful', p, 'isup.continuity_indicator', v.successful),
  // §3.29 information request indicators
  informationRequestIndicators: (v, p, out) => {
    eqNum(out, 'callingPartyAddressRequest', p, 'isup.calling_party_address_request_indicator', v.callingPartyAddressRequest);
    eqNum(out, 'holdingIndicator', p, 'isup.info_req_holding_indicator', v.holdingIndicator);
    eqNum(out, 'callingPartyCategoryRequest', p, 'isup.calling_partys_category_request_indicator', v.callingPartyCategoryRequest);
    eqNum(out, 'chargeInformationRequest', p, 'isup.charge_information_request_indicator', v.chargeInformationRequest);
    eqNum(out, 'maliciousCallIdentificationRequest', p, 'isup.malicious_call_ident_request_indicator', v.maliciousCallIdentificationRequest);
  },
  // §3.28 information indicators
  informationIndicators: (v, p, out) => {
    eqNum(out, 'callingPartyAddressResponse', p, 'isup.calling_party_address_response_indicator', v.callingPartyAddressResponse);
    eqNum(out, 'holdProvided', p, 'isup.hold_provided_indicator', v.holdProvided);
    eqNum(out, 'callingPartyCategoryResponse', p, 'isup.calling_partys_category_response_indicator', v.callingPartyCategoryResponse);
    eqNum(out, 'chargeInformationResponse', p, 'isup.charge_information_response_indicator', v.chargeInformationResponse);
    eqNum(out, 'solicitedInformation', p, 'isup.solicited_indicator', v.solicitedInformation);
  },
  hopCounter: (v, p, out) => eqNum(out, 'hops', p, 'isup.hop_counter', v.hops),
  propagationDelayCounter: (v, p, out) => eqNum(out, 'delayMs', p, 'isup.propagation_delay_counter', v.delayMs),
  redirectionNumberRestriction: (v, p, out) => eqNum(out, 'presentation', p, 'isup.presentation_indicator', v.presentation),
  // §3.60 user-to-user indicators. tshark breaks bit H (network discard) out only for a
  // response, and names the service fields by type; it also adds isup.UUI_type twice.
  userToUserIndicators: (v, p, out) => {
    eqNum(out, 'response', p, 'isup.UUI_type', v.response);
    const kind = v.response ? 'res' : 'req';
    eqNum(out, 'service1', p, `isup.UUI_${kind}_service1`, v.service1);
    eqNum(out, 'service2', p, `isup.UUI_${kind}_service2`, v.service2);
    eqNum(out, 'service3', p, `isup.UUI_${kind}_service3`, v.service3);
    if (v.response) eqNum(out, 'networkDiscard', p, 'isup.UUI_network_discard_ind', v.networkDiscard);
  },
  // §3.15 CUG interlock code: NI digits (first in bits H-E of octet 1), binary code octet 3 first
  closedUserGroupInterlockCode: (v, p, out) => {
    eqStr(out, 'networkIdentity', p, 'isup.network_identity', v.networkIdentity);
    eqNum(out, 'binaryCode', p, 'isup.binary_code', v.binaryCode);
  },
  // §3.8 call reference.
  // TSHARK EXCEPTION: the field isup.signalling_point_code reads octets 4-5 big-endian
  // (proto_tree_add_item(..., ENC_BIG_ENDIAN)), while the same dissector computes the point
  // code for its summary text with tvb_get_letohs() & 0x3FFF. A signalling point code is sent
  // least significant octet first (Q.763 §3.8 refers to the Q.704 coding; octet 4 holds bits
  // 1-8), which the text gets right: real traffic agrees with it (jss7 vectors:
  // "0c 49 78 49 38" → text "SPC = 14409" = 0x3849, field 2360 = 0x0938). So the comparator
  // reads the SPC from the text "Call ID = <n>, SPC = <n>".
  callReference: (v, p, out) => {
    eqNum(out, 'callIdentity', p, 'isup.call_identity', v.callIdentity);
    const m = /SPC = (\d+)/.exec(p.text);
    const t = m === null ? undefined : Number(m[1]);
    out.stats.checks++;
    if (t !== v.signallingPointCode) out.add('signallingPointCode', 'text "SPC = n"', v.signallingPointCode, t ?? p.text);
  },
  // §3.12 cause indicators (Q.850 format), via tshark's Q.850 dissector:
  // ITU-T and ISO/IEC coding are broken down (location, recommendation, cause value,
  // diagnostics); national and network-specific coding are shown as data octets.
  causeIndicators: (v, p, out) => {
    const o1 = ((v.codingStandard & 3) << 5) | ((v.spare ?? 0) << 4) | (v.location & 0x0f);
    const octets = [...(v.recommendation === undefined ? [0x80 | o1] : [o1, 0x80 | v.recommendation]), 0x80 | v.causeValue, ...(v.diagnostics ?? [])];
    eqHex(out, 'octets', p, 'isup.cause_indicators', octets);
    eqNum(out, 'codingStandard', p, 'q931.coding_standard', v.codingStandard);
    if (v.codingStandard <= 1) {
      eqNum(out, 'location', p, 'q931.cause_location', v.location);
      eqNum(out, 'recommendation', p, 'q931.cause.recommendation', v.recommendation);
      eqNum(out, 'causeValue', p, 'isup.cause_indicator', v.causeValue);
      // Q.850 gives some cause values structured diagnostics, which tshark breaks down before
      // showing the rest as "Diagnostic": what it shows must be the end of ours.
      const diag = raw(p, 'q931.cause_call.diagnostic');
      const ours = v.diagnostics === undefined ? '' : hex(v.diagnostics);
      out.stats.checks++;
      if (diag !== undefined && !ours.endsWith(diag)) out.add('diagnostics', 'q931.cause_call.diagnostic', ours, diag);
    } else {
      eqHex(out, 'octets', p, 'q931.cause.data', octets);
    }
  },
  // §3.57/§3.58 user service information (prime): the Q.931 bearer capability from octet 3,
  // dissected by tshark's Q.931 code (q931.* fields)
  userServiceInformation: (v, p, out) => bearerCapability(v, p, out, 'isup.user_service_information'),
  userServiceInformationPrime: (v, p, out) => bearerCapability(v, p, out, 'isup.user_service_information_prime'),
  // §3.61 user-to-user information: the Q.931 user-user IE from octet 3
  userToUserInformation: (v, p, out) => {
    eqHex(out, 'octets', p, 'isup.user_to_user_info', [v.protocolDiscriminator, ...v.information]);
    eqNum(out, 'protocolDiscriminator', p, 'q931.user.protocol_discriminator', v.protocolDiscriminator);
  },
  // §3.3 access transport: Q.931 IEs. Every multi-octet IE is a node of its own with
  // q931.information_element and q931.information_element_len as direct children
  // (single-octet IEs have no such node).
  accessTransport: (v, p, out) => {
    eqHex(out, 'octets', p, 'isup.access_transport_parameter_field', v.flatMap((ie) => (ie.contents === undefined ? [ie.id] : [ie.id, ie.contents.length, ...ie.contents])));
    const theirs = p.node.children
      .filter((c) => c.name === '')
      .map((c) => {
        const id = c.children.find((x) => x.name === 'q931.information_element');
        const len = c.children.find((x) => x.name === 'q931.information_element_len');
        return `${id?.show ?? '?'}/${len?.show ?? '?'}`;
      });
    const ours = v.filter((ie) => (ie.id & 0x80) === 0).map((ie) => `${ie.id}/${ie.contents?.length ?? 0}`);
    out.stats.checks++;
    if (ours.join(' ') !== theirs.join(' ')) out.add('informationElements', 'q931.information_element/len', ours.join(' '), theirs.join(' '));
  },
  // §3.33 message compatibility information: tshark shows the first instruction octet only
  messageCompatibilityInformation: (v, p, out) => {
    const i = v.instructions;
    eqNum(out, 'octet1', p, 'isup.message_compatibility_information', (v.more === undefined ? 0x80 : 0) | instructionWord(i, 'broadbandNarrowbandInterworking'));
    eqNum(out, 'endNodeInterpretation', p, 'isup.transit_at_intermediate_exchange_ind', i.endNodeInterpretation);
    eqNum(out, 'releaseCall', p, 'isup.Release_call_ind', i.releaseCall);
    eqNum(out, 'sendNotification', p, 'isup.Send_notification_ind', i.sendNotification);
    eqNum(out, 'discardMessage', p, 'isup.Discard_message_ind_value', i.discardMessage);
    eqNum(out, 'passOnNotPossibleDiscard', p, 'isup.Pass_on_not_possible_val', i.passOnNotPossibleDiscard);
    eqNum(out, 'broadbandNarrowbandInterworking', p, 'isup.broadband_narrowband_interworking_ind2', i.broadbandNarrowbandInterworking);
    eqNum(out, 'extension', p, 'isup.extension_ind', v.more === undefined);
  },
  // §3.41 parameter compatibility information: per upgraded parameter, its name, the first
  // instruction octet, and (extension bit 0) the next octet's B/N interworking bits B A
  parameterCompatibilityInformation: (list, p, out) => {
    eqCount(out, 'entries', p, 'isup.upgraded_parameter', list.length);
    let bni = 0;
    list.forEach((e, k) => {
      const o = out.at(`[${k}]`);
      const i = e.instructions;
      eqNum(o, 'parameter', p, 'isup.upgraded_parameter', e.parameter, k);
      eqNum(o, 'instructions', p, 'isup.instruction_indicators', (e.more === undefined ? 0x80 : 0) | instructionWord(i, 'passOnNotPossible'), k);
      eqNum(o, 'endNodeInterpretation', p, 'isup.transit_at_intermediate_exchange_ind', i.endNodeInterpretation, k);
      eqNum(o, 'releaseCall', p, 'isup.Release_call_ind', i.releaseCall, k);
      eqNum(o, 'sendNotification', p, 'isup.Send_notification_ind', i.sendNotification, k);
      eqNum(o, 'discardMessage', p, 'isup.Discard_message_ind_value', i.discardMessage, k);
      eqNum(o, 'discardParameter', p, 'isup.Discard_parameter_ind', i.discardParameter, k);
      eqNum(o, 'passOnNotPossible', p, 'isup.Pass_on_not_possible_ind', i.passOnNotPossible, k);
      eqNum(o, 'extension', p, 'isup.extension_ind', e.more === undefined, k);
      const next = e.more?.[0];
      if (next !== undefined) eqNum(o, 'more', p, 'isup.broadband_narrowband_interworking_ind', next & 0x03, bni++);
    });
    eqCount(out, 'more', p, 'isup.broadband_narrowband_interworking_ind', bni);
  },
  applicationTransport: (v, p, out) => applicationTransport(v, p, out),
};

function redirectingLike(v: Num<'redirectingNumber'>, p: TsharkParam, out: Out, field: string): void {
  eqNum(out, 'natureOfAddress', p, 'isup.calling_party_nature_of_address_indicator', v.natureOfAddress);
  eqNum(out, 'numberingPlan', p, 'isup.numbering_plan_indicator', v.numberingPlan);
  eqNum(out, 'presentation', p, 'isup.address_presentation_restricted_indicator', v.presentation);
  digits(out, p, field, v.digits);
}

/** Status bits to octets: bit A of the first octet = the message's CIC (Q.763 §3.43). */
function packStatus(status: readonly boolean[]): number[] {
  const o: number[] = [];
  status.forEach((b, i) => {
    if (i % 8 === 0) o.push(0);
    if (b) o[o.length - 1] = (o[o.length - 1] as number) | (1 << i % 8);
  });
  return o;
}

/** Bits A-G of an instruction octet (Q.763 §3.33, §3.41): A..E booleans, G F the two-bit field named `gf`. */
function instructionWord(fields: object, gf: string): number {
  const i = fields as Record<string, number | boolean | undefined>;
  const b = (k: string): number => (i[k] === true ? 1 : 0);
  const fifth = 'discardParameter' in i ? b('discardParameter') : b('passOnNotPossibleDiscard');
  return b('endNodeInterpretation') | (b('releaseCall') << 1) | (b('sendNotification') << 2) | (b('discardMessage') << 3) | (fifth << 4) | (Number(i[gf] ?? 0) << 5);
}

/** Q.931 §4.5.5 bearer capability from octet 3 (tshark's dissect_q931_bearer_capability_ie). */
function bearerCapability(v: Num<'userServiceInformation'>, p: TsharkParam, out: Out, field: string): void {
  const octets = [0x80 | (v.codingStandard << 5) | v.transferCapability, 0x80 | (v.transferMode << 5) | v.transferRate];
  if (v.rateMultiplier !== undefined) octets.push(0x80 | v.rateMultiplier);
  if (v.layer1Protocol !== undefined) octets.push((v.layer1More === undefined ? 0x80 : 0) | 0x20 | v.layer1Protocol, ...(v.layer1More ?? []));
  octets.push(...(v.more ?? []));
  eqHex(out, 'octets', p, field, octets);
  eqNum(out, 'codingStandard', p, 'q931.coding_standard', v.codingStandard);
  if (v.codingStandard !== 0) {
    // tshark breaks down ITU-T coding only; otherwise it shows the octets
    eqHex(out, 'octets', p, 'q931.bearer_capability.data', octets);
    return;
  }
  eqNum(out, 'transferCapability', p, 'q931.information_transfer_capability', v.transferCapability);
  eqNum(out, 'transferMode', p, 'q931.transfer_mode', v.transferMode);
  eqNum(out, 'transferRate', p, 'q931.information_transfer_rate', v.transferRate);
  eqNum(out, 'rateMultiplier', p, 'q931.bearer_capability.rate_multiplier', v.rateMultiplier);
  eqNum(out, 'layer1Protocol', p, 'q931.uil1', v.layer1Protocol);
  // octet 5a (V.110 / V.120 rate adaption): G synchronous/asynchronous, F in-band negotiation, E-A user rate
  const o5a = v.layer1More?.[0];
  if (o5a !== undefined && (v.layer1Protocol === 1 || v.layer1Protocol === 8)) {
    eqNum(out, 'layer1More[0].asynchronous', p, 'q931.layer_1', (o5a >> 6) & 1);
    eqNum(out, 'layer1More[0].inBandNegotiation', p, 'q931.layer_1_in_band_negotiation', (o5a >> 5) & 1);
    eqNum(out, 'layer1More[0].userRate', p, 'q931.bearer_capability.user_rate', o5a & 0x1f);
  }
  // octets 6 and 7 in `more`: layer 2 and layer 3 protocol identification, each the first
  // octet of an extension group (G F = 10 layer 2, 11 layer 3)
  const l2: number[] = [];
  const l3: number[] = [];
  let start = true;
  for (const o of v.more ?? []) {
    if (start && ((o >> 5) & 3) === 2) l2.push(o & 0x1f);
    if (start && ((o >> 5) & 3) === 3) l3.push(o & 0x1f);
    start = (o & 0x80) !== 0;
  }
  const list = (name: string): string => (p.fields.get(name) ?? []).map(Number).join(',');
  out.stats.checks++;
  if (l2.join(',') !== list('q931.uil2')) out.add('more.layer2', 'q931.uil2', l2.join(','), list('q931.uil2'));
  out.stats.checks++;
  if (l3.join(',') !== list('q931.uil3')) out.add('more.layer3', 'q931.uil3', l3.join(','), list('q931.uil3'));
}

/**
 * §3.82 application transport. Our `information` is octets 4..n as one block (the
 * encapsulated application information of Q.763 (12/1999)). tshark follows the later
 * layout with originating/destination address fields first (octets 4a-4d) when its
 * application context value is above 3, then the APM-user information: the comparator
 * splits our octets the same way. tshark computes that value as (octet 1 << 8) |
 * (octet 1 & 0x7f) when octet 1a is present (it reads octet 1 twice), so with octet 1a it
 * expects the address fields whenever octet 1 is not 0; this is the rule it applies, and the
 * comparator applies the same rule to know which octets tshark calls what.
 */
function applicationTransport(v: Num<'applicationTransport'>, p: TsharkParam, out: Out): void {
  const o1a = v.applicationContextIdOctet1a;
  eqNum(out, 'applicationContext', p, 'isup.app_transport_param_field', o1a === undefined ? 0x80 | v.applicationContextId : (v.applicationContextId << 8) | o1a);
  eqNum(out, 'applicationContextId', p, 'isup.app_context_identifier', v.applicationContextId);
  const o2 = (v.instructionBits ?? 0x80) | (v.sendNotification ? 2 : 0) | (v.releaseCall ? 1 : 0);
  eqNum(out, 'instructions', p, 'isup.app_transport_instruction_indicator', o2);
  eqNum(out, 'sendNotification', p, 'isup.app_Send_notification_ind', v.sendNotification);
  eqNum(out, 'releaseCall', p, 'isup.app_Release_call_indicator', v.releaseCall);
  const o3 = (v.segmentationLocalReference === undefined ? 0x80 : 0) | (v.firstSegment ? 0x40 : 0) | v.segmentation;
  eqNum(out, 'segmentationOctet', p, 'isup.apm_seg_indicator', o3);
  eqNum(out, 'firstSegment', p, 'isup.APM_Sequence_ind', v.firstSegment);
  eqNum(out, 'segmentation', p, 'isup.apm_segmentation_ind', v.segmentation);
  eqNum(out, 'segmentationLocalReference', p, 'isup.APM_slr', v.segmentationLocalReference === undefined ? undefined : v.segmentationLocalReference & 0x7f);
  const info = v.information;
  const aci16 = o1a === undefined ? v.applicationContextId : (v.applicationContextId << 8) | v.applicationContextId;
  let i = 0;
  if (aci16 > 3) {
    let k = 0;
    for (const which of ['orig', 'dest'] as const) {
      const len = info[i] ?? 0;
      eqNum(out, `information[${i}] (${which} address length)`, p, `isup.${which}_addr_len`, info[i]);
      i++;
      if (len !== 0) {
        // odd/even octet, INN/NPI octet, then len - 2 octets of digits
        eqHex(out, `information[${i + 2}..] (${which} address digits)`, p, 'isup.address_digits', info.subarray(i + 2, i + len), k++);
        i += len;
      }
    }
  }
  eqHex(out, `information[${i}..] (APM-user information)`, p, 'isup.apm_user_info_field', info.subarray(i));
}

// ---------------------------------------------------------------------------------------

interface OurParam {
  where: string;
  name: ParamName | 'unknown';
  code: number;
  kind: 'fixed' | 'variable' | 'optional';
  value: unknown;
}

function ourParams(m: Exclude<IsupMessage, { type: 'UNKNOWN' }>): OurParam[] {
  const d = MESSAGES[m.type];
  const params = m.params as Record<string, unknown>;
  const list: OurParam[] = [];
  for (const name of d.fixed as readonly ParamName[]) list.push({ where: name, name, code: PARAMS[name].code, kind: 'fixed', value: params[name] });
  for (const name of d.variable as readonly ParamName[]) list.push({ where: name, name, code: PARAMS[name].code, kind: 'variable', value: params[name] });
  (m.optional as readonly OptionalParam[]).forEach((o, k) => {
    if (o.name === 'unknown') list.push({ where: `optional[${k}].0x${o.code.toString(16)}`, name: 'unknown', code: o.code, kind: 'optional', value: o.value });
    else list.push({ where: `optional[${k}].${o.name}`, name: o.name, code: PARAMS[o.name].code, kind: 'optional', value: o.value });
  });
  return list;
}

/** The octets tshark's node for a parameter covers: value, length + value, or name + length + value. */
function nodeOctets(q: OurParam, value: Uint8Array): number[] {
  if (q.kind === 'fixed') return [...value];
  if (q.kind === 'variable') return [value.length, ...value];
  return [q.code, value.length, ...value];
}

/**
 * Disagreements between our decode of `octets` (`ours`, from decode(octets, { framing })) and
 * tshark's dissection of the same octets (`frame`). Empty when they agree.
 */
export function compareWithTshark(ours: IsupMessage, octets: Uint8Array, framing: Framing, frame: TsharkIsupFrame, stats?: CompareStats): Disagreement[] {
  const out = new Out(`${ours.type}.`, [], stats);
  if (!frame.dissected) {
    out.add('', 'isup', 'a message', 'no ISUP tree');
    return out.list;
  }
  for (const e of isupProblems(frame)) {
    if (e.protocol === 'isup' && e.group === PI_UNDECODED) continue; // tshark's own limits ("No further dissection of ...")
    out.add('expert', e.protocol, 'no error', `${e.severity}: ${e.message}`);
  }

  if (ours.type === 'UNKNOWN') {
    out.stats.checks++;
    if (frame.messageType !== ours.code) out.add('messageType', 'isup.message_type', ours.code, frame.messageType ?? ABSENT);
    return out.list;
  }
  const d = MESSAGES[ours.type];
  out.stats.checks++;
  if (frame.messageType !== d.code) out.add('messageType', 'isup.message_type', d.code, frame.messageType ?? ABSENT);
  out.stats.checks++;
  if (ours.cic !== frame.cic) out.add('cic', 'isup.cic', ours.cic ?? ABSENT, frame.cic ?? ABSENT);

  // Where the type code sits in `octets`: after the CIC ('cic'), first ('body'). For the
  // MTP3/M2UA link framings the caller passes the ISUP part ('cic' layout).
  const typeAt = framing === 'body' ? 0 : 2;
  const body = octets.subarray(typeAt + 1);

  // TSHARK EXCEPTION: tshark shows SDN (0x43) only as "Format is a national matter" (it has no
  // layout for it), while Q.763 Table 53 gives SDN an optional part (subsequent number, message
  // compatibility information), which we decode. Compare what tshark shows: the octets.
  // Opaque messages (PAM, CRG) are kept as octets by us: compare the same way when tshark shows them.
  if (ours.type === 'SDN' || 'opaque' in d) {
    const t = frame.texts.find((x) => x.text === 'Format is a national matter');
    if (ours.type === 'SDN' || t !== undefined) {
      out.stats.checks++;
      if (t?.hex !== hex(body)) out.add('octets', 'Format is a national matter', hex(body), t?.hex ?? ABSENT);
    }
    return out.list;
  }

  const mine = ourParams(ours);
  const theirs = frame.params;
  const shape = (l: readonly { kind: string; code: number }[]): string => l.map((q) => `${q.kind}:0x${q.code.toString(16)}`).join(' ');
  out.stats.checks++;
  if (shape(mine) !== shape(theirs)) out.add('parameters', 'isup.parameter_type', shape(mine), shape(theirs));
  const n = Math.min(mine.length, theirs.length);
  for (let k = 0; k < n; k++) {
    const q = mine[k] as OurParam;
    const p = theirs[k] as TsharkParam;
    if (q.code !== p.code || q.kind !== p.kind) continue;
    const o = out.at(q.where);
    if (q.value instanceof Uint8Array) {
      // raw rows and unknown parameters: the octets of tshark's node
      const want = hex(nodeOctets(q, q.value));
      o.stats.checks++;
      if (want !== p.hex) o.add('octets', 'parameter node', want, p.hex);
      continue;
    }
    const f = compareParam[q.name as ParamName] as ((v: unknown, p: TsharkParam, out: Out) => void) | undefined;
    if (f === undefined) o.add('', 'comparator', `a comparison for ${q.name}`, 'none written');
    else f(q.value, p, o);
  }
  return out.list;
}

/** Parameter names the comparator has typed comparisons for. */
export const COMPARED_PARAMS = Object.keys(compareParam) as ParamName[];
