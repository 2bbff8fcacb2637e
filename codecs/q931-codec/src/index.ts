// q931-codec: ITU-T Q.921 (LAPD) frames and Q.931 messages as typed objects, and back to octets.
// Pure: no I/O, no Node built-ins, no dependencies; runs in Node and in browsers.
export { decodeFrame, encodeFrame, tryEncodeFrame, type FrameDecodeOptions } from './lapd.js';
export {
  FRAMES,
  Sapi,
  TEI_GROUP,
  type Address,
  type FrameDescriptor,
  type FrameName,
  type IFrame,
  type LapdFrame,
  type SFrame,
  type SupervisoryName,
  type UFrame,
  type UInfoFrame,
  type UnknownFrame,
  type UnnumberedInfoName,
  type UnnumberedName,
} from './frames.js';
export {
  AI_GROUP,
  TEI_MANAGEMENT_ENTITY,
  TEI_MESSAGES,
  decodeTeiMessage,
  encodeTeiMessage,
  tryEncodeTeiMessage,
  type TeiDecodeOptions,
  type TeiMessage,
  type TeiMessageDescriptor,
  type TeiMessageName,
} from './tei.js';
export { decodeMessage, encodeMessage, tryEncodeMessage, type MessageDecodeOptions } from './codec.js';
export { MESSAGES, PROTOCOL_DISCRIMINATOR, type MessageDescriptor, type MessageName } from './messages.js';
export { IES, SENDING_COMPLETE, type IeName, type IeValues } from './ies/table.js';
export type { IeCodec, IeDescriptor } from './ie-codec.js';
export type { CallReference, InformationElement, NamedIe, Q931Message, Q931MessageOf, SendingCompleteIe, ShiftIe, UnknownIe, UnknownMessage } from './types.js';
export { findAllIes, findIe } from './access.js';
export { Q931EncodeError, type DecodeError, type DecodeErrorCode, type EncodeErrorCode, type Result } from './errors.js';
export { Layer1Protocol, TransferCapability, TransferRate, type BearerCapability, type LayerInformation } from './ies/bearer-capability.js';
export { ChannelSelection, ChannelType, InterfaceType, type ChannelIdentification, type ChannelIndication } from './ies/channel-identification.js';
export { NumberingPlan, Presentation, RedirectionReason, Screening, TypeOfNumber, type CalledPartyNumber, type CallingPartyNumber, type RedirectingNumber } from './ies/numbers.js';
export {
  CodingStandard,
  Location,
  NotificationDescription,
  ProgressDescription,
  RestartClass,
  type Cause,
  type NotificationIndicator,
  type ProgressIndicator,
  type RestartIndicator,
} from './ies/indicators.js';
