// IAM -> INVITE (P->S call): what the INVITE carries for a received IAM, per the rows of the
// other mapping files: Request-URI (and To) from the called party number (ST dropped),
// identity headers from the calling party number, generic number and category, Max-Forwards
// from the hop counter, Diversion or History-Info from the redirection parameters (per peer),
// and the codecs to offer from TMR and USI.
import { findOptional, NumberQualifier, type IsupMessageOf } from 'ss7-isup-codec';
import { ok, type Result } from '../../core/result.js';
import type { Diversion, HistoryInfo, Uri } from '../../sip/message/index.js';
import { codecsForBearer, type CodecRow } from './bearer.js';
import { identityFromIsup, type SipIdentity } from './calling-party.js';
import { maxForwardsFromHopCounter } from './hop-counter.js';
import type { TrunkMapping } from './invite-to-iam.js';
import { telNumberFromIsup } from './numbering.js';
import { chainFromRedirection } from './redirection.js';
import { diversionFromChain } from './redirection-diversion.js';
import { historyInfoFromChain } from './redirection-history-info.js';
import type { MappingFailure } from './source.js';
import { uriForNumber, type UriStyle } from './telephone-uri.js';

export interface PeerMapping extends TrunkMapping {
  readonly style: UriStyle;
  /** How redirection is signalled to the peer. */
  readonly redirection: 'diversion' | 'history-info';
}

export interface InviteFromIam {
  /** Request-URI and To. */
  readonly requestUri: Uri;
  readonly identity: SipIdentity;
  readonly maxForwards: number;
  readonly diversion: readonly Diversion[];
  readonly historyInfo: readonly HistoryInfo[];
  /** Codecs to offer, in order of preference. */
  readonly codecs: readonly CodecRow[];
}

export function inviteFromIam(iam: IsupMessageOf<'IAM'>, peer: PeerMapping): Result<InviteFromIam, MappingFailure> {
  const called = telNumberFromIsup(iam.params.calledPartyNumber, peer.plan);
  if (!called.ok) return called;
  const codecs = codecsForBearer(iam.params.transmissionMediumRequirement, findOptional(iam.optional, 'userServiceInformation'), peer.bearer);
  if (!codecs.ok) return codecs;
  const additional = findOptional(iam.optional, 'genericNumber');
  const identity = identityFromIsup(
    {
      callingPartyNumber: findOptional(iam.optional, 'callingPartyNumber'),
      genericNumber: additional?.numberQualifier === NumberQualifier.ADDITIONAL_CALLING ? additional : undefined,
      category: iam.params.callingPartysCategory,
    },
    peer.plan,
    peer.style,
    peer.trusted,
  );
  const requestUri = uriForNumber(called.value, peer.style);
  const chain = chainFromRedirection(
    {
      redirectingNumber: findOptional(iam.optional, 'redirectingNumber'),
      originalCalledNumber: findOptional(iam.optional, 'originalCalledNumber'),
      redirectionInformation: findOptional(iam.optional, 'redirectionInformation'),
    },
    peer.plan,
  );
  return ok({
    requestUri,
    identity,
    maxForwards: maxForwardsFromHopCounter(findOptional(iam.optional, 'hopCounter')?.hops, peer.hopRatio),
    diversion: peer.redirection === 'diversion' ? diversionFromChain(chain, peer.style) : [],
    historyInfo: peer.redirection === 'history-info' ? historyInfoFromChain(chain, requestUri, peer.style) : [],
    codecs: codecs.value,
  });
}
