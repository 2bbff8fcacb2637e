// The state of an INVITE dialog: RFC 3261 §12 (early and confirmed dialogs, §12.1, §12.3),
// §13.2.2.4 (a 2xx confirms an early dialog), §15 (BYE), RFC 3311 §5 (UPDATE refreshes the
// target of an early or confirmed dialog). A dialog created by a 2xx passes through Early in the
// same step: its 2xx is its first event.
import { defineFsm } from '../../core/fsm.js';

export type DialogState = 'Early' | 'Confirmed' | 'Terminated';
/**
 * `1xx`: another provisional response of the same early dialog. `2xx`: the final response that
 * confirms it. `300-699`: a final response that ends the early dialog. `target refresh`: a 2xx
 * to, or the acceptance of, a re-INVITE or UPDATE. `BYE`: sent or received. `failure`: a 481 or
 * 408 (or timeout) to an in-dialog request (§12.2.1.2), a missing ACK or PRACK, an expired session.
 */
export type DialogEvent = '1xx' | '2xx' | '300-699' | 'target refresh' | 'BYE' | 'failure';
export type DialogAction = 'confirm' | 'refreshTarget';

export const DIALOG_FSM = defineFsm<DialogState, DialogEvent, DialogAction, never>({
  name: 'dialog',
  title: 'INVITE dialog',
  ref: 'RFC 3261 §12, §13.2.2.4, §15; RFC 3311 §5',
  start: { event: 'dialog-creating response', to: 'Early' },
  states: {
    Early: {
      on: {
        '1xx': ['Early'],
        '2xx': ['Confirmed', 'confirm'],
        'target refresh': ['Early', 'refreshTarget'],
        '300-699': ['Terminated'],
        BYE: ['Terminated'],
        failure: ['Terminated'],
      },
    },
    Confirmed: {
      on: {
        'target refresh': ['Confirmed', 'refreshTarget'],
        BYE: ['Terminated'],
        failure: ['Terminated'],
      },
    },
    Terminated: { final: true, on: {} },
  },
});
