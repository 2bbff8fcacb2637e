// IES: the codeset 0 information element table, one row per variable-length element the codec
// names (Q.931 §4.5, Table 4-3; formats in the clause cited). Rows whose codec is `rawCodec` are
// carried as their contents octets, untouched. Every other identifier, and every element in
// another codeset, is kept as an `unknown` element. Clause numbers follow Q.931 (05/98); see
// docs/q931-codec.md.
import { rawCodec, type AnyIeDescriptor, type IeCodec, type IeDescriptor } from '../ie-codec.js';
import { bearerCapability } from './bearer-capability.js';
import { channelIdentification } from './channel-identification.js';
import * as ind from './indicators.js';
import { calledPartyNumber, callingPartyNumber, redirectingNumber } from './numbers.js';

function row<T>(id: number, ref: string, title: string, codec: IeCodec<T>): IeDescriptor<T> {
  return { id, ref, title, codec };
}
const raw = (id: number, ref: string, title: string): IeDescriptor<Uint8Array> => row(id, ref, title, rawCodec);

export const IES = {
  bearerCapability: row(0x04, 'Q.931 §4.5.5', 'Bearer capability', bearerCapability),
  cause: row(0x08, 'Q.931 §4.5.12', 'Cause', ind.cause),
  callIdentity: raw(0x10, 'Q.931 §4.5.6', 'Call identity'),
  callState: raw(0x14, 'Q.931 §4.5.7', 'Call state'),
  channelIdentification: row(0x18, 'Q.931 §4.5.13', 'Channel identification', channelIdentification),
  facility: raw(0x1c, 'Q.932 §8.2', 'Facility'),
  progressIndicator: row(0x1e, 'Q.931 §4.5.23', 'Progress indicator', ind.progressIndicator),
  networkSpecificFacilities: raw(0x20, 'Q.931 §4.5.21', 'Network-specific facilities'),
  notificationIndicator: row(0x27, 'Q.931 §4.5.22', 'Notification indicator', ind.notificationIndicator),
  display: row(0x28, 'Q.931 §4.5.16', 'Display', ind.display),
  dateTime: raw(0x29, 'Q.931 §4.5.15', 'Date/time'),
  keypadFacility: raw(0x2c, 'Q.931 §4.5.18', 'Keypad facility'),
  signal: raw(0x34, 'Q.931 §4.5.28', 'Signal'),
  connectedNumber: row(0x4c, 'Q.951 §5', 'Connected number', callingPartyNumber),
  callingPartyNumber: row(0x6c, 'Q.931 §4.5.10', 'Calling party number', callingPartyNumber),
  callingPartySubaddress: raw(0x6d, 'Q.931 §4.5.11', 'Calling party subaddress'),
  calledPartyNumber: row(0x70, 'Q.931 §4.5.8', 'Called party number', calledPartyNumber),
  calledPartySubaddress: raw(0x71, 'Q.931 §4.5.9', 'Called party subaddress'),
  redirectingNumber: row(0x74, 'Q.931 §4.5', 'Redirecting number', redirectingNumber),
  transitNetworkSelection: raw(0x78, 'Q.931 §4.5.29', 'Transit network selection'),
  restartIndicator: row(0x79, 'Q.931 §4.5.25', 'Restart indicator', ind.restartIndicator),
  lowLayerCompatibility: raw(0x7c, 'Q.931 §4.5.19', 'Low layer compatibility'),
  highLayerCompatibility: raw(0x7d, 'Q.931 §4.5.17', 'High layer compatibility'),
  userUser: raw(0x7e, 'Q.931 §4.5.30', 'User-user'),
} as const satisfies Record<string, AnyIeDescriptor>;

export type IeName = keyof typeof IES;
/** The decoded value type of each named element. */
export type IeValues = { [K in IeName]: (typeof IES)[K] extends IeDescriptor<infer T> ? T : never };

/** Sending complete, Q.931 §4.5.27: the single-octet element (type 2) the codec names. */
export const SENDING_COMPLETE = 0xa1;
