// Gateway call control (docs/call-control.md): CallControl joins SIP dialogs to circuit calls in
// both directions, one declared state machine per call.
export { CallControl } from './call-control.js';
export type { CallConfig, CallControlOptions, CallLogger, CircuitManager, MappingOptions, OverlapRule, PeerDecision, SipUa } from './options.js';
export type { CallSnapshot } from './context.js';
export { DEFAULT_MAPPING } from './routing.js';
export { GATEWAY_CAUSES, type GatewayCause, type GatewayCauseRow } from './causes.js';
export { SIP_TO_PSTN_FSM } from './sip-to-pstn.fsm.js';
export { PSTN_TO_SIP_FSM } from './pstn-to-sip.fsm.js';
