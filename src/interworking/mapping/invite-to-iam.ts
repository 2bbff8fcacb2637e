// INVITE -> IAM (S->P call): the mandatory and optional IAM parameters from the parsed INVITE,
// per the rows of the other mapping files. Indicators without a SIP source (reference §3):
// NCI no satellite, no continuity check, echo control per trunk; FCI national or international
// by the called number, interworking encountered, ISUP not used all the way, ISUP "not required
// all the way", originating access non-ISDN, no end-to-end or SCCP method (RFC 3398 §7.2.1.1
// and Q.1912.5, [mem]). History-Info is used for redirection when present, else Diversion.
import type { SessionDescription } from 'sdp-transform';
import { NatureOfAddress, NumberingPlan as Npi, type IsupMessageOf, type OptionalParam } from 'ss7-isup-codec';
import { err, ok, type Result } from '../../core/result.js';
import type { Diversion, HistoryInfo, Uri } from '../../sip/message/index.js';
import { bearerFromSdp, type BearerOptions } from './bearer.js';
import { callingFromSip, type SipIdentity } from './calling-party.js';
import { hopCounterFromMaxForwards } from './hop-counter.js';
import { badNumber, isupAddressFromSip, type NumberingPlan } from './numbering.js';
import { redirectionFromChain } from './redirection.js';
import { chainFromDiversion } from './redirection-diversion.js';
import { chainFromHistoryInfo } from './redirection-history-info.js';
import type { MappingFailure } from './source.js';
import { telephoneSubscriberOf } from './telephone-uri.js';

export interface TrunkMapping {
  readonly plan: NumberingPlan;
  /** RFC 3325 trust in the peer: its P-Asserted-Identity is believed, and ours is sent to it. */
  readonly trusted: boolean;
  readonly bearer: BearerOptions;
  /** Max-Forwards hops per ISUP hop (default 1). */
  readonly hopRatio?: number;
  /** NCI: an outgoing half echo control device is included. */
  readonly echoControl: boolean;
}

export interface InviteFacts {
  readonly requestUri: Uri;
  readonly identity: SipIdentity;
  readonly maxForwards: number;
  readonly diversion: readonly Diversion[];
  readonly historyInfo: readonly HistoryInfo[];
  readonly sdp: SessionDescription;
}

const ISUP_NOT_REQUIRED_ALL_THE_WAY = 1;

export function iamFromInvite(invite: InviteFacts, trunk: TrunkMapping): Result<IsupMessageOf<'IAM'>, MappingFailure> {
  const sub = telephoneSubscriberOf(invite.requestUri);
  if (sub === undefined) return err(badNumber('the Request-URI names no telephone number'));
  const called = isupAddressFromSip(sub.number, trunk.plan);
  if (!called.ok) return called;
  const bearer = bearerFromSdp(invite.sdp, trunk.bearer);
  if (!bearer.ok) return bearer;
  const calling = callingFromSip(invite.identity, trunk.plan, trunk.trusted);
  const chain = invite.historyInfo.length > 0 ? chainFromHistoryInfo(invite.historyInfo, invite.identity.privacy) : chainFromDiversion(invite.diversion);
  const redirection = redirectionFromChain(chain, trunk.plan);
  const international = called.value.natureOfAddress === NatureOfAddress.INTERNATIONAL && !called.value.digits.startsWith(trunk.plan.countryCode);
  const optional: OptionalParam[] = [];
  if (calling.callingPartyNumber !== undefined) optional.push({ name: 'callingPartyNumber', value: calling.callingPartyNumber });
  if (calling.genericNumber !== undefined) optional.push({ name: 'genericNumber', value: calling.genericNumber });
  if (redirection.redirectingNumber !== undefined) optional.push({ name: 'redirectingNumber', value: redirection.redirectingNumber });
  if (redirection.originalCalledNumber !== undefined) optional.push({ name: 'originalCalledNumber', value: redirection.originalCalledNumber });
  if (redirection.redirectionInformation !== undefined) optional.push({ name: 'redirectionInformation', value: redirection.redirectionInformation });
  optional.push({ name: 'hopCounter', value: { hops: hopCounterFromMaxForwards(invite.maxForwards, trunk.hopRatio) } });
  optional.push({ name: 'userServiceInformation', value: bearer.value.userServiceInformation });
  return ok({
    type: 'IAM',
    params: {
      natureOfConnectionIndicators: { satellite: 0, continuityCheck: 0, echoControlDevice: trunk.echoControl },
      forwardCallIndicators: {
        international,
        endToEndMethod: 0,
        interworking: true,
        endToEndInformation: false,
        isupAllTheWay: false,
        isupPreference: ISUP_NOT_REQUIRED_ALL_THE_WAY,
        isdnAccess: false,
        sccpMethod: 0,
        portedNumberTranslated: false,
        queryOnReleaseAttempt: false,
      },
      callingPartysCategory: calling.category,
      transmissionMediumRequirement: bearer.value.transmissionMediumRequirement,
      calledPartyNumber: { natureOfAddress: called.value.natureOfAddress, inn: false, numberingPlan: Npi.ISDN_E164, digits: called.value.digits },
    },
    optional,
  });
}
