// SIP <-> ISUP interworking mapping tables (RFC 3398, RFC 3372, RFC 3204, Q.1912.5): each table a
// const array of rows citing its source, and pure functions over typed ISUP values
// (ss7-isup-codec) and parsed SIP header values (src/sip/message). No I/O, no SIP transactions.
export type { Basis, MappingFailure, Source } from './source.js';
export { CAUSE_CLASSES, Q850_CAUSES, causeClass, causeText, type CauseClass, type CauseName } from './q850-causes.js';
export {
  CAUSE_TO_STATUS_TABLES,
  Q1912_CAUSE_TO_STATUS,
  RFC3398_CAUSE_TO_STATUS,
  statusForCause,
  type CauseTableName,
  type CauseToStatusRow,
  type CauseToStatusTable,
  type StatusForCause,
} from './cause-to-status.js';
export {
  Q1912_STATUS_TO_CAUSE,
  RFC3398_STATUS_TO_CAUSE,
  STATUS_TO_CAUSE_TABLES,
  causeForStatus,
  locationForStatus,
  type CauseForStatus,
  type LocationRow,
  type StatusToCauseRow,
  type StatusToCauseTable,
} from './status-to-cause.js';
export { REASON_LOCATIONS, causeIndicators, q850FromReasons, reasonForCause, type LocationTokenRow, type Q850Reason } from './reason.js';
export {
  CANCELLED_STATUS,
  DEFAULT_CAUSE_TABLES,
  RELEASE_REQUEST_CAUSE,
  causePolicy,
  reasonFor,
  releaseForRequest,
  releaseForResponse,
  responseForRelease,
  type CausePolicy,
  type DefaultTableRow,
  type FinalResponse,
} from './release.js';
export {
  MAX_DIGITS,
  NATURE_OF_ADDRESS_ROWS,
  badNumber,
  formatTelNumber,
  isupAddressFromSip,
  telNumberFromIsup,
  telNumberOf,
  type IsupAddress,
  type NatureOfAddressRow,
  type NumberForm,
  type NumberingPlan,
  type TelNumber,
} from './numbering.js';
export { telephoneSubscriberOf, uriForNumber, type TelephoneSubscriber, type UriStyle } from './telephone-uri.js';
export { CALLING_CATEGORY_ROWS, DEFAULT_CATEGORY, categoryFromCpc, cpcForCategory, type CategoryRow } from './calling-category.js';
export {
  ANONYMOUS_FROM,
  PRESENTATION_ROWS,
  PRIVACY_ROWS,
  SCREENING_ROWS,
  callingFromSip,
  identityFromIsup,
  isAnonymous,
  presentationFromPrivacy,
  type CallingIdentity,
  type PresentationRow,
  type PrivacyRow,
  type ScreeningRow,
  type SipIdentity,
} from './calling-party.js';
export {
  MAX_REDIRECTION_COUNTER,
  REDIRECTION_REASON_ROWS,
  RedirectingIndicator,
  chainFromRedirection,
  diversionForReason,
  historyCauseForReason,
  reasonFromDiversion,
  reasonFromHistoryCause,
  redirectionFromChain,
  type DiversionStep,
  type Redirection,
  type RedirectionInformation,
  type RedirectionReasonRow,
} from './redirection.js';
export { chainFromDiversion, diversionFromChain } from './redirection-diversion.js';
export { chainFromHistoryInfo, historyInfoFromChain } from './redirection-history-info.js';
export { HOP_COUNTER, hopCounterFromMaxForwards, maxForwardsFromHopCounter, type HopCounterMapping } from './hop-counter.js';
export { BEARER_ROWS, CODEC_ROWS, bearerFromSdp, codecsForBearer, type Bearer, type BearerOptions, type BearerRow, type Codec, type CodecRow, type IamBearer } from './bearer.js';
export { BACKWARD_ROWS, statusForBackward, type BackwardMessage, type BackwardRow } from './backward-to-sip.js';
export {
  FORWARD_EVENT_ROWS,
  PROGRESS_ROWS,
  backwardForSip,
  type ForwardEventRow,
  type ProgressMessage,
  type ProgressOptions,
  type ProgressRow,
  type SipProgress,
} from './sip-to-backward.js';
export { iamFromInvite, type InviteFacts, type TrunkMapping } from './invite-to-iam.js';
export { inviteFromIam, type InviteFromIam, type PeerMapping } from './iam-to-invite.js';
export { MAPPING_TABLES, type CatalogueColumn, type CatalogueTable } from './catalogue.js';
