// Q.931 call control (user and network side) for one ISDN interface: createQ931Interface() and
// the contract of service.ts. See docs/isdn-q931.md.
import { Q931InterfaceImpl } from './interface.js';
import type { InterfaceOptions, Q931Interface } from './service.js';

export * from './service.js';
export * from './errors.js';
export { Q931_TIMERS, N316, q931TimerValues, type Q931TimerRow, type Q931TimerValues } from './timers.js';
export { USER_CALL_FSM } from './user-call.fsm.js';
export { NETWORK_CALL_FSM } from './network-call.fsm.js';
export { RESTART_FSM } from './restart.fsm.js';
export { CALL_STATE_NUMBER, type CallStateName } from './call-states.js';

/** One interface: subscribes to `options.l2` at once. */
export function createQ931Interface(options: InterfaceOptions): Q931Interface {
  return new Q931InterfaceImpl(options);
}
