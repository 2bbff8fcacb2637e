// ss7-isup-codec: ITU-T Q.763 ISUP messages as typed objects, and back to octets.
// Pure: no I/O, no Node built-ins, no dependencies; runs in Node and in browsers.
export { decode, encode, tryEncode, type DecodeOptions, type EncodeOptions, type Framing } from './codec.js';
export { IsupEncodeError, type DecodeError, type DecodeErrorCode, type EncodeErrorCode, type Result } from './errors.js';
export { MESSAGES, type MessageDescriptor, type MessageName } from './messages.js';
export { PARAMS, type ParamName, type ParamValues } from './params/table.js';
export type { ParamCodec, ParamDescriptor } from './param-codec.js';
export type { IsupMessage, IsupMessageOf, KnownParam, MandatoryParams, OptionalParam, UnknownMessage, UnknownParam } from './types.js';
export { ITU, ITU_SPEC, defineVariant, overlaySpec, type Variant, type VariantSpec } from './variant.js';
export { findOptional, findAllOptional } from './access.js';
export { CauseLocation, CodingStandard, type CauseIndicators } from './params/cause.js';
export { CallingPartysCategory, EventIndicator, TransmissionMedium } from './params/indicators.js';
export {
  NatureOfAddress,
  NumberingPlan,
  NumberQualifier,
  Presentation,
  Screening,
  type CalledPartyNumber,
  type CallingPartyNumber,
  type ConnectedNumber,
  type GenericNumber,
  type LocationNumber,
  type OriginalCalledNumber,
  type RedirectingNumber,
  type RedirectionNumber,
  type SubsequentNumber,
} from './params/numbers.js';
export { ApplicationContext, type ApplicationTransport, type CallReference, type ClosedUserGroupInterlockCode, type PropagationDelayCounter, type TransitNetworkSelection } from './params/misc.js';
export { circuitsInRange, type RangeAndStatus } from './params/range-and-status.js';
export type { InformationElement, UserToUserInformation } from './params/transport.js';
export { Layer1Protocol, TransferCapability, type UserServiceInformation } from './params/user-service-information.js';
export type { MessageCompatibilityInformation, ParameterInstruction } from './params/compatibility.js';
