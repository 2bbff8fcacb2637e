// Diversion (RFC 5806) <-> the diversion chain of redirection.ts. Each diverting proxy adds its
// entry on top (RFC 5806 §3), so the list reads newest first; the chain reads oldest first.
// An entry stands for `counter` diversions (default 1). Privacy `full` or `uri` restricts the
// number; toward SIP a restricted chain is written with `privacy=full`, else `privacy=off`
// (RFC 5806 §4, values from recollection [mem]).
import type { Diversion } from '../../sip/message/index.js';
import { telNumberOf } from './numbering.js';
import { diversionForReason, reasonFromDiversion, type DiversionStep } from './redirection.js';
import { telephoneSubscriberOf, uriForNumber, type UriStyle } from './telephone-uri.js';

const RESTRICTING = ['full', 'uri'];

/** Diversion entries (as parsed, newest first) -> the chain; entries naming no telephone number are skipped. */
export function chainFromDiversion(entries: readonly Diversion[]): DiversionStep[] {
  const steps: DiversionStep[] = [];
  for (const d of entries) {
    const sub = telephoneSubscriberOf(d.uri);
    if (sub === undefined) continue;
    steps.unshift({
      number: sub.number,
      reason: reasonFromDiversion(d.reason),
      count: Math.max(d.counter ?? 1, 1),
      restricted: RESTRICTING.includes(d.privacy?.toLowerCase() ?? ''),
    });
  }
  return steps;
}

/** The chain (as chainFromRedirection builds it) -> Diversion entries, newest first. */
export function diversionFromChain(steps: readonly DiversionStep[], style: UriStyle): Diversion[] {
  return steps
    .map((s) => ({ uri: uriForNumber(telNumberOf(s.number), style), params: [], reason: diversionForReason(s.reason), counter: s.count, privacy: s.restricted ? 'full' : 'off' }))
    .reverse();
}
