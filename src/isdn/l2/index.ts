// Q.921 layer 2 (LAPD) for ISDN interfaces: the DL-* service contract and its implementation.
export * from './service.js';
export { createL2 } from './l2.js';
export { DATA_LINK_FSM, type DlEvent, type DlState } from './data-link.fsm.js';
export { TEI_USER_FSM } from './tei-user.fsm.js';
export { L2_PARAMS, l2Params, type L2ParamName, type L2Params } from './timers.js';
export { MDL_ERRORS } from './errors.js';
