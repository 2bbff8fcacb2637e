// FRAMES: the Q.921 frame types (modulo 128), one row per command/response of Q.921 Table 5,
// formats of §3.4 (control field) and §3.6 (frame types): its control field format, the
// control octet that names it (P/F = 0), and whether it carries an information field.
// Clause numbers follow Q.921 (09/97); see docs/q931-codec.md.

export interface FrameDescriptor {
  readonly format: 'I' | 'S' | 'U';
  /** I: the format bit (0); S: octet 1 of the control field; U: the control octet with P/F = 0 */
  readonly code: number;
  readonly title: string;
  readonly ref: string;
  /** whether the frame has an information field */
  readonly info: boolean;
}

export const FRAMES = {
  I: { format: 'I', code: 0x00, title: 'Information', ref: 'Q.921 §3.6.2', info: true },
  RR: { format: 'S', code: 0x01, title: 'Receive ready', ref: 'Q.921 §3.6.6', info: false },
  RNR: { format: 'S', code: 0x05, title: 'Receive not ready', ref: 'Q.921 §3.6.8', info: false },
  REJ: { format: 'S', code: 0x09, title: 'Reject', ref: 'Q.921 §3.6.7', info: false },
  SABME: { format: 'U', code: 0x6f, title: 'Set asynchronous balanced mode extended', ref: 'Q.921 §3.6.3', info: false },
  DM: { format: 'U', code: 0x0f, title: 'Disconnected mode', ref: 'Q.921 §3.6.10', info: false },
  UI: { format: 'U', code: 0x03, title: 'Unnumbered information', ref: 'Q.921 §3.6.5', info: true },
  DISC: { format: 'U', code: 0x43, title: 'Disconnect', ref: 'Q.921 §3.6.4', info: false },
  UA: { format: 'U', code: 0x63, title: 'Unnumbered acknowledgement', ref: 'Q.921 §3.6.9', info: false },
  FRMR: { format: 'U', code: 0x87, title: 'Frame reject', ref: 'Q.921 §3.6.11', info: true },
  XID: { format: 'U', code: 0xaf, title: 'Exchange identification', ref: 'Q.921 §3.6.12', info: true },
} as const satisfies Record<string, FrameDescriptor>;

export type FrameName = keyof typeof FRAMES;
type Where<P> = { [K in FrameName]: (typeof FRAMES)[K] extends P ? K : never }[FrameName];
/** Supervisory frames: RR, RNR, REJ. */
export type SupervisoryName = Where<{ format: 'S' }>;
/** Unnumbered frames with an information field (UI, FRMR, XID) and without (SABME, DM, DISC, UA). */
export type UnnumberedInfoName = Where<{ format: 'U'; info: true }>;
export type UnnumberedName = Where<{ format: 'U'; info: false }>;

/** SAPI values, Q.921 §3.3.3 (Table 2). */
export const Sapi = { CALL_CONTROL: 0, PACKET_MODE_Q931: 1, PACKET_X25: 16, LAYER_2_MANAGEMENT: 63 } as const;
/** The group TEI (broadcast data link), Q.921 §3.3.4.2. */
export const TEI_GROUP = 127;

/** The address field, Q.921 §3.2 and §3.3: octet 1 SAPI, C/R, EA 0; octet 2 TEI, EA 1. */
export interface Address {
  /** service access point identifier, 0..63 */
  sapi: number;
  /** the C/R bit (true = 1): commands from the network and responses from the user carry 1 */
  cr: boolean;
  /** terminal endpoint identifier, 0..127 */
  tei: number;
}

/** I frame: N(S), N(R) and the P bit (Q.921 §3.4.1), then the information field. */
export type IFrame = Address & { type: 'I'; ns: number; nr: number; p: boolean; info: Uint8Array };
/** S frame: N(R) and the P/F bit (Q.921 §3.4.2). `info` holds octets a sender put after the control field. */
export type SFrame = Address & { type: SupervisoryName; nr: number; pf: boolean; info?: Uint8Array };
/** U frame with an information field (Q.921 §3.4.3). */
export type UInfoFrame = Address & { type: UnnumberedInfoName; pf: boolean; info: Uint8Array };
/** U frame without one; `info` holds octets a sender put after the control field. */
export type UFrame = Address & { type: UnnumberedName; pf: boolean; info?: Uint8Array };
/**
 * A control field the table does not know (an S frame with spare bits or the fourth supervisory
 * function, an undefined U modifier): its octets as sent (2 for S format, 1 for U) and the rest.
 */
export type UnknownFrame = Address & { type: 'UNKNOWN'; control: Uint8Array; info: Uint8Array };

export type LapdFrame = IFrame | SFrame | UInfoFrame | UFrame | UnknownFrame;
