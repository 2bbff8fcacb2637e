// Every mapping table, as rows of text cells with their source, for docs/interworking.md
// (scripts/gen-interworking-docs.mjs renders it; test/interworking/mapping/docs.test.ts checks the
// checked-in document against it). Values are shown with the codec's constant names.
import { CallingPartysCategory, CauseLocation, EventIndicator, Layer1Protocol, NatureOfAddress, Presentation, Screening, TransferCapability, TransmissionMedium } from 'ss7-isup-codec';
import { BACKWARD_ROWS } from './backward-to-sip.js';
import { BEARER_ROWS, CODEC_ROWS } from './bearer.js';
import { CALLING_CATEGORY_ROWS, DEFAULT_CATEGORY } from './calling-category.js';
import { PRESENTATION_ROWS, PRIVACY_ROWS, SCREENING_ROWS } from './calling-party.js';
import { Q1912_CAUSE_TO_STATUS, RFC3398_CAUSE_TO_STATUS, type CauseToStatusTable } from './cause-to-status.js';
import { HOP_COUNTER } from './hop-counter.js';
import { NATURE_OF_ADDRESS_ROWS } from './numbering.js';
import { CAUSE_CLASSES, Q850_CAUSES } from './q850-causes.js';
import { REASON_LOCATIONS } from './reason.js';
import { REDIRECTION_REASON_ROWS } from './redirection.js';
import { DEFAULT_CAUSE_TABLES } from './release.js';
import { FORWARD_EVENT_ROWS, PROGRESS_ROWS } from './sip-to-backward.js';
import type { Basis, Source } from './source.js';
import { Q1912_STATUS_TO_CAUSE, RFC3398_STATUS_TO_CAUSE, type StatusToCauseTable } from './status-to-cause.js';

export interface CatalogueRow {
  readonly cells: readonly string[];
  readonly ref: string;
  readonly basis: Basis;
}

export interface CatalogueTable {
  /** The exported constant holding the rows. */
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly CatalogueRow[];
}

export type CatalogueColumn<R> = readonly [header: string, cell: (row: R) => string];

function table<R extends Source>(id: string, file: string, title: string, rows: readonly R[], columns: readonly CatalogueColumn<R>[]): CatalogueTable {
  return { id, file, title, columns: columns.map(([h]) => h), rows: rows.map((r) => ({ cells: columns.map(([, cell]) => cell(r)), ref: r.ref, basis: r.basis })) };
}

/** `4 INTERNATIONAL` for 4 in { INTERNATIONAL: 4, ... }. */
function named(names: Readonly<Record<string, number>>, value: number | undefined, hex = false): string {
  if (value === undefined) return '';
  const name = Object.entries(names).find(([, v]) => v === value)?.[0];
  const shown = hex ? `0x${value.toString(16).padStart(2, '0').toUpperCase()}` : String(value);
  return name === undefined ? shown : `${shown} ${name}`;
}

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '—' : String(v));
/** A condition or flag: yes, no, or any (absent). */
const flag = (v: boolean | undefined, absent = 'any'): string => (v === undefined ? absent : v ? 'yes' : 'no');

function causeToStatus(id: string, t: CauseToStatusTable): CatalogueTable {
  const rows = [...t.rows.map((r) => ({ ...r, key: String(r.cause) })), { ...t.fallback, cause: -1, key: 'other', userLocation: undefined }];
  return table(id, 'cause-to-status.ts', `Q.850 cause → SIP status (${t.name})`, rows, [
    ['cause', (r) => r.key],
    ['location', (r) => (r.userLocation === true ? 'user' : 'any')],
    ['status', (r) => text(r.status)],
  ]);
}

function statusToCause(id: string, t: StatusToCauseTable): CatalogueTable {
  const rows = [...t.rows.map((r) => ({ ...r, key: String(r.status) })), { ...t.fallback, status: -1, key: 'other' }];
  const locations = t.locations.map((l) => ({ ...l, key: `${l.first}-${l.last}`, cause: null, where: named(CauseLocation, l.location) }));
  return table(id, 'status-to-cause.ts', `SIP status → Q.850 cause and location (${t.name})`, [...rows.map((r) => ({ ...r, where: '' })), ...locations], [
    ['status', (r) => r.key],
    ['cause', (r) => (r.where === '' ? text(r.cause) : '')],
    ['location', (r) => r.where],
  ]);
}

export const MAPPING_TABLES: readonly CatalogueTable[] = [
  table('Q850_CAUSES', 'q850-causes.ts', 'Q.850 cause names (Reason text)', Q850_CAUSES, [['cause', (r) => String(r.cause)], ['text', (r) => r.text]]),
  table('CAUSE_CLASSES', 'q850-causes.ts', 'Q.850 cause classes: an unmapped cause is mapped as its class\'s unspecified cause', CAUSE_CLASSES, [
    ['causes', (r) => `${r.first}-${r.last}`],
    ['class', (r) => r.name],
    ['unspecified', (r) => String(r.unspecified)],
  ]),
  causeToStatus('RFC3398_CAUSE_TO_STATUS', RFC3398_CAUSE_TO_STATUS),
  causeToStatus('Q1912_CAUSE_TO_STATUS', Q1912_CAUSE_TO_STATUS),
  statusToCause('RFC3398_STATUS_TO_CAUSE', RFC3398_STATUS_TO_CAUSE),
  statusToCause('Q1912_STATUS_TO_CAUSE', Q1912_STATUS_TO_CAUSE),
  table('DEFAULT_CAUSE_TABLES', 'release.ts', 'Cause table used by a peer profile when none is chosen', DEFAULT_CAUSE_TABLES, [['profile', (r) => r.profile], ['table', (r) => r.table]]),
  table('REASON_LOCATIONS', 'reason.ts', 'Reason `location` token (RFC 8606) ↔ Q.850 location', REASON_LOCATIONS, [['token', (r) => r.token], ['location', (r) => named(CauseLocation, r.location)]]),
  table('NATURE_OF_ADDRESS_ROWS', 'numbering.ts', 'SIP number form ↔ nature of address indicator', NATURE_OF_ADDRESS_ROWS, [
    ['form', (r) => r.form],
    ['SIP', (r) => r.sip],
    ['NAI', (r) => named(NatureOfAddress, r.natureOfAddress)],
  ]),
  table('CALLING_CATEGORY_ROWS', 'calling-category.ts', "`cpc` URI parameter ↔ calling party's category", [...CALLING_CATEGORY_ROWS, { ...DEFAULT_CATEGORY, cpc: '(none)' }], [
    ['cpc', (r) => r.cpc],
    ['category', (r) => named(CallingPartysCategory, r.category, true)],
  ]),
  table('PRIVACY_ROWS', 'calling-party.ts', 'S→P: Privacy value → address presentation restricted indicator', PRIVACY_ROWS, [['Privacy', (r) => r.privacy], ['APRI', (r) => named(Presentation, r.presentation)]]),
  table('PRESENTATION_ROWS', 'calling-party.ts', 'P→S: address presentation restricted indicator → From, Privacy, PAI', PRESENTATION_ROWS, [
    ['APRI', (r) => named(Presentation, r.presentation)],
    ['From', (r) => r.from],
    ['Privacy', (r) => r.privacy.join(';')],
    ['PAI to trusted peers', (r) => flag(r.assert)],
  ]),
  table('SCREENING_ROWS', 'calling-party.ts', 'Screening indicator ↔ SIP identity', SCREENING_ROWS, [['screening', (r) => named(Screening, r.screening)], ['identity', (r) => r.identity]]),
  table('REDIRECTION_REASON_ROWS', 'redirection.ts', 'Redirecting reason ↔ Diversion reason ↔ History-Info cause', REDIRECTION_REASON_ROWS, [
    ['reason', (r) => `${r.reason} ${r.name}`],
    ['Diversion reason', (r) => r.diversion],
    ['History-Info cause', (r) => String(r.historyCause)],
  ]),
  table('HOP_COUNTER', 'hop-counter.ts', 'Hop counter ↔ Max-Forwards', [HOP_COUNTER], [
    ['ratio', (r) => String(r.ratio)],
    ['max hops', (r) => String(r.maxHops)],
    ['Max-Forwards without hop counter', (r) => String(r.defaultMaxForwards)],
  ]),
  table('CODEC_ROWS', 'bearer.ts', 'SDP codec ↔ bearer kind and layer 1 protocol', CODEC_ROWS, [
    ['codec', (r) => r.codec],
    ['payload type', (r) => text(r.payload)],
    ['kind', (r) => r.kind],
    ['USI layer 1', (r) => named(Layer1Protocol, r.layer1)],
  ]),
  table('BEARER_ROWS', 'bearer.ts', 'Bearer ↔ TMR and USI transfer capability', BEARER_ROWS, [
    ['bearer', (r) => r.bearer],
    ['TMR', (r) => named(TransmissionMedium, r.tmr)],
    ['transfer capability', (r) => named(TransferCapability, r.transferCapability, true)],
    ['P→S offer', (r) => r.offer.join(', ')],
  ]),
  table('BACKWARD_ROWS', 'backward-to-sip.ts', 'S→P: ISUP backward message → SIP response (first match)', BACKWARD_ROWS, [
    ['message', (r) => r.message],
    ['in-band info', (r) => flag(r.inband)],
    ["called party's status", (r) => text(r.calledPartyStatus)],
    ['event', (r) => named(EventIndicator, r.event)],
    ['status', (r) => String(r.status)],
  ]),
  table('PROGRESS_ROWS', 'sip-to-backward.ts', 'P→S: SIP response → ISUP backward message (first match)', PROGRESS_ROWS, [
    ['status', (r) => String(r.status)],
    ['ACM sent', (r) => flag(r.acmSent)],
    ['SDP', (r) => flag(r.sdp)],
    ['send', (r) => r.send],
    ["called party's status", (r) => text(r.calledPartyStatus)],
    ['OBCI', (r) => [r.inband === true ? 'in-band' : '', r.diversionMayOccur === true ? 'diversion may occur' : ''].filter((f) => f !== '').join(', ')],
    ['event', (r) => (r.event === 'forwarded' ? 'forwarded (by reason)' : named(EventIndicator, r.event))],
  ]),
  table('FORWARD_EVENT_ROWS', 'sip-to-backward.ts', 'P→S: redirecting reason of a 181 → CPG event (others: unconditional)', FORWARD_EVENT_ROWS, [
    ['reason', (r) => String(r.reason)],
    ['event', (r) => named(EventIndicator, r.event)],
  ]),
];
