// The trunk-group manager's error codes (listed in docs/trunk-groups.md and docs/errors.md).
// Seizure failures that a SIP caller should retry later carry `retryAfterSeconds`, which the
// interworking layer can send as 503 + Retry-After.
import { defineError } from '../core/errors.js';
import type { CacLimit } from './spec.js';

export class NoCircuitError extends defineError('GW_ERR_NO_CIRCUIT', 'No circuit of the trunk group is free') {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

export class CacLimitError extends defineError('GW_ERR_CAC_LIMIT', 'Call admission limit reached') {
  constructor(
    detail: string,
    readonly scope: 'group' | 'peer',
    readonly limit: CacLimit,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

export class GroupDrainingError extends defineError('GW_ERR_GROUP_DRAINING', 'The trunk group is draining: no new calls') {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

export const GlareLimitError = defineError('GW_ERR_GLARE_LIMIT', 'Dual seizure re-attempts exhausted');
export const DualSeizureError = defineError('GW_ERR_DUAL_SEIZURE', 'Dual seizure on a circuit this side controls: disregard the IAM');
export const CircuitBlockedError = defineError('GW_ERR_CIRCUIT_BLOCKED', 'IAM on a circuit this side has blocked: disregard it');
export const CircuitStateError = defineError('GW_ERR_CIRCUIT_STATE', 'Not allowed in the circuit call state');
export const NotHolderError = defineError('GW_ERR_NOT_HOLDER', 'The call does not hold the circuit');
export const UnknownGroupError = defineError('GW_ERR_UNKNOWN_GROUP', 'No such trunk group');
export const UnknownCircuitError = defineError('GW_ERR_UNKNOWN_CIRCUIT', 'No such circuit in the trunk group');
export const UnknownPeerError = defineError('GW_ERR_UNKNOWN_PEER', 'No such peer');
export const BadTrunkSpecError = defineError('GW_ERR_BAD_TRUNK_SPEC', 'Invalid trunk group specification');

/** Every error a seizure or a circuit operation returns. */
export type TrunkGroupError = InstanceType<
  | typeof NoCircuitError
  | typeof CacLimitError
  | typeof GroupDrainingError
  | typeof GlareLimitError
  | typeof DualSeizureError
  | typeof CircuitBlockedError
  | typeof CircuitStateError
  | typeof NotHolderError
  | typeof UnknownGroupError
  | typeof UnknownCircuitError
  | typeof UnknownPeerError
>;
