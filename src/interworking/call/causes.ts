// The Q.850 causes call control itself releases with (the mapping tables cover the causes that
// come from the other side). Location: the public network serving the local user, as for every
// release the gateway originates. Toward SIP each is mapped by the peer's cause table.
import { CauseLocation, type CauseIndicators } from 'ss7-isup-codec';
import { causeIndicators, type Source } from '../mapping/index.js';

export type GatewayCause = 'noRoute' | 'noCircuit' | 'admission' | 'addressComplete' | 'noAnswer' | 'addressIncomplete' | 'bearer' | 'circuitCleared' | 'sipTimeout' | 'sipFailure' | 'shutdown';

export interface GatewayCauseRow extends Source {
  readonly id: GatewayCause;
  readonly when: string;
  readonly cause: number;
}

export const GATEWAY_CAUSES: readonly GatewayCauseRow[] = [
  { id: 'noRoute', when: 'no route, or no target of the right kind, for the called number', cause: 3, ref: 'Q.850 cause 3 (no route to destination)', basis: 'project' },
  { id: 'noCircuit', when: 'no circuit: none free, link down, group draining, glare re-attempts used up', cause: 34, ref: 'Q.850 cause 34 (no circuit/channel available); docs/trunk-groups.md', basis: 'project' },
  { id: 'admission', when: 'a call admission limit of the trunk group or of the peer', cause: 42, ref: 'Q.850 cause 42 (switching equipment congestion)', basis: 'project' },
  { id: 'addressComplete', when: 'T7 expired: no ACM, CON or ANM after the IAM', cause: 102, ref: 'Q.764 Annex A (T7); Q.850 (recovery on timer expiry)', basis: 'mem' },
  { id: 'noAnswer', when: 'T9 expired: no answer after the ACM', cause: 19, ref: 'Q.764 Annex A (T9); Q.850 (no answer from user, user alerted)', basis: 'mem' },
  { id: 'addressIncomplete', when: 'T35 expired with fewer digits than the trunk group’s minimum', cause: 28, ref: 'Q.764 Annex A (T35)', basis: 'mem' },
  { id: 'bearer', when: 'the circuit refused the SDP offer, or the IAM’s bearer has no codec', cause: 65, ref: 'RFC 3398 §7.2.4.1 (65 → 488)', basis: 'project' },
  { id: 'circuitCleared', when: 'a reset or hardware blocking cleared the circuit under the call', cause: 41, ref: 'Q.764 §2.10.3', basis: 'project' },
  { id: 'sipTimeout', when: 'the SIP side timed out: no ACK, no PRACK, session expired', cause: 102, ref: 'RFC 3398 §8.2.6.1 (408 → 102)', basis: 'project' },
  { id: 'sipFailure', when: 'the SIP dialog or transport failed', cause: 41, ref: 'RFC 3398 §8.2.6.1 (503 → 41)', basis: 'project' },
  { id: 'shutdown', when: 'the gateway shuts down: calls still up when the grace time is over (`releaseAll`)', cause: 16, ref: 'Q.850 cause 16 (normal call clearing); RFC 3398 (BYE and CANCEL ↔ cause 16)', basis: 'project' },
];

/** The cause indicators of a release the gateway originates. */
export function gatewayCause(id: GatewayCause): CauseIndicators {
  const row = GATEWAY_CAUSES.find((r) => r.id === id) as GatewayCauseRow;
  return causeIndicators(row.cause, CauseLocation.PUBLIC_NETWORK_LOCAL);
}
