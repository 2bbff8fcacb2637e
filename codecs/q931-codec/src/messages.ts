// MESSAGES: the Q.931 message table, one row per message type (Q.931 §4.4, Table 4-2; contents
// in the clause cited): its code and the information elements the message always carries, in
// both directions (checked by strict decoding). Elements mandatory in one direction only, or
// only in the first response to SETUP (channel identification), are not listed.
// Clause numbers follow Q.931 (05/98) and Q.932; see docs/q931-codec.md.
import type { IeName } from './ies/table.js';

export interface MessageDescriptor {
  readonly code: number;
  readonly title: string;
  readonly ref: string;
  readonly mandatory: readonly IeName[];
}

function msg(code: number, title: string, ref: string, mandatory: readonly IeName[] = []): MessageDescriptor {
  return { code, title, ref, mandatory };
}

export const MESSAGES = {
  ALERTING: msg(0x01, 'Alerting', 'Q.931 §3.1.1'),
  CALL_PROCEEDING: msg(0x02, 'Call proceeding', 'Q.931 §3.1.2'),
  CONNECT: msg(0x07, 'Connect', 'Q.931 §3.1.3'),
  CONNECT_ACKNOWLEDGE: msg(0x0f, 'Connect acknowledge', 'Q.931 §3.1.4'),
  DISCONNECT: msg(0x45, 'Disconnect', 'Q.931 §3.1.5', ['cause']),
  INFORMATION: msg(0x7b, 'Information', 'Q.931 §3.1.6'),
  NOTIFY: msg(0x6e, 'Notify', 'Q.931 §3.1.7', ['notificationIndicator']),
  PROGRESS: msg(0x03, 'Progress', 'Q.931 §3.1.8', ['progressIndicator']),
  RELEASE: msg(0x4d, 'Release', 'Q.931 §3.1.9'),
  RELEASE_COMPLETE: msg(0x5a, 'Release complete', 'Q.931 §3.1.10'),
  RESUME: msg(0x26, 'Resume', 'Q.931 §3.1.11'),
  RESUME_ACKNOWLEDGE: msg(0x2e, 'Resume acknowledge', 'Q.931 §3.1.12'),
  RESUME_REJECT: msg(0x22, 'Resume reject', 'Q.931 §3.1.13', ['cause']),
  SETUP: msg(0x05, 'Setup', 'Q.931 §3.1.14', ['bearerCapability']),
  SETUP_ACKNOWLEDGE: msg(0x0d, 'Setup acknowledge', 'Q.931 §3.1.15'),
  STATUS: msg(0x7d, 'Status', 'Q.931 §3.1.16', ['cause', 'callState']),
  STATUS_ENQUIRY: msg(0x75, 'Status enquiry', 'Q.931 §3.1.17'),
  SUSPEND: msg(0x25, 'Suspend', 'Q.931 §3.1.18'),
  SUSPEND_ACKNOWLEDGE: msg(0x2d, 'Suspend acknowledge', 'Q.931 §3.1.19'),
  SUSPEND_REJECT: msg(0x21, 'Suspend reject', 'Q.931 §3.1.20', ['cause']),
  USER_INFORMATION: msg(0x20, 'User information', 'Q.931 §3.3.13', ['userUser']),
  RESTART: msg(0x46, 'Restart', 'Q.931 §3.4.1', ['restartIndicator']),
  RESTART_ACKNOWLEDGE: msg(0x4e, 'Restart acknowledge', 'Q.931 §3.4.2', ['restartIndicator']),
  FACILITY: msg(0x62, 'Facility', 'Q.932 §7.1.1', ['facility']),
} as const satisfies Record<string, MessageDescriptor>;

export type MessageName = keyof typeof MESSAGES;

/** Protocol discriminator of Q.931 user-network call control messages, §4.2. */
export const PROTOCOL_DISCRIMINATOR = 0x08;
