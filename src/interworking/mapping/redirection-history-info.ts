// History-Info (RFC 7044) with the RFC 4458 `cause` URI parameter <-> the diversion chain of
// redirection.ts. An entry whose URI carries `cause` was reached by a diversion; the diverting
// party is the entry its `mp` (or `rc`) index names, else the entry before it (TS 29.163 §7.5.4
// as described by vendor documentation, [mem]). The diverting party's number is restricted when
// its URI carries a Privacy header of history, header or session, or the request's Privacy says
// history. Toward SIP each diversion becomes an entry (index 1, 1.1, 1.1.1, ...) with `mp` and
// `cause`, ending with the call's target; counters above one diversion per entry are not kept,
// and tel URIs cannot carry the Privacy header.
import type { HistoryInfo, Param, Uri } from '../../sip/message/index.js';
import { getParam } from '../../sip/message/index.js';
import { telNumberOf } from './numbering.js';
import { historyCauseForReason, reasonFromHistoryCause, type DiversionStep } from './redirection.js';
import { telephoneSubscriberOf, uriForNumber, type UriStyle } from './telephone-uri.js';

const RESTRICTING = ['history', 'header', 'session'];

function causeOf(uri: Uri): number | undefined {
  if (uri.kind === 'absolute') return undefined;
  const value = getParam(uri.params, 'cause')?.value;
  return value !== undefined && /^[0-9]{3}$/.test(value) ? Number(value) : undefined;
}

function privacyRestricts(uri: Uri): boolean {
  if (uri.kind !== 'sip') return false;
  return uri.headers.some((h) => h.name.toLowerCase() === 'privacy' && h.value.toLowerCase().split(';').some((v) => RESTRICTING.includes(v.trim())));
}

/** History-Info entries (in header order) and the request's Privacy values -> the chain, oldest first. */
export function chainFromHistoryInfo(entries: readonly HistoryInfo[], privacy: readonly string[]): DiversionStep[] {
  const steps: DiversionStep[] = [];
  entries.forEach((entry, i) => {
    const cause = causeOf(entry.uri);
    if (cause === undefined) return;
    const from = entry.mp ?? entry.rc;
    const diverting = (from === undefined ? undefined : entries.find((e) => e.index === from)) ?? entries[i - 1];
    const sub = diverting === undefined ? undefined : telephoneSubscriberOf(diverting.uri);
    if (diverting === undefined || sub === undefined) return;
    const restricted = privacy.includes('history') || privacyRestricts(diverting.uri);
    steps.push({ number: sub.number, reason: reasonFromHistoryCause(cause), count: 1, restricted });
  });
  return steps;
}

function withCause(uri: Uri, reason: number): Uri {
  if (uri.kind === 'absolute') return uri;
  const cause: Param = { name: 'cause', value: String(historyCauseForReason(reason)) };
  return { ...uri, params: [...uri.params.filter((p) => p.name.toLowerCase() !== 'cause'), cause] };
}

function withPrivacy(uri: Uri): Uri {
  return uri.kind === 'sip' ? { ...uri, headers: [...uri.headers, { name: 'Privacy', value: 'history' }] } : uri;
}

/** The chain (as chainFromRedirection builds it) and the call's target -> History-Info entries. */
export function historyInfoFromChain(steps: readonly DiversionStep[], target: Uri, style: UriStyle): HistoryInfo[] {
  const entries: HistoryInfo[] = [];
  const targets: { uri: Uri; restricted: boolean }[] = [...steps.map((s) => ({ uri: uriForNumber(telNumberOf(s.number), style), restricted: s.restricted })), { uri: target, restricted: false }];
  targets.forEach((t, k) => {
    const index = ['1', ...Array<string>(k).fill('1')].join('.');
    const previous = entries[k - 1];
    const step = steps[k - 1];
    const base = t.restricted ? withPrivacy(t.uri) : t.uri;
    entries.push(previous === undefined || step === undefined ? { uri: base, params: [], index } : { uri: withCause(base, step.reason), params: [], index, mp: previous.index });
  });
  return steps.length === 0 ? [] : entries;
}
