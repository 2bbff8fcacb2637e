// Restart procedures on the global call reference, Q.931 §5.5.1 (sending RESTART): REST 0 →
// REST 1 (Restart request, T316) → REST 0. Receiving RESTART (§5.5.2) needs no state: the
// interface clears the calls on the channels and answers RESTART ACKNOWLEDGE at once.
import { defineFsm } from '../../core/fsm.js';

export type RestartState = 'Idle' | 'RestartRequest' | 'Done';
export type RestartEvent = 'restartReq' | 'RESTART_ACKNOWLEDGE' | 'giveUp';
export type RestartAction = 'sendRestart' | 'indicateAcknowledged' | 't316Expiry' | 'indicateFailed';

export const RESTART_FSM = defineFsm<RestartState, RestartEvent, RestartAction, 'T316'>({
  name: 'q931rest',
  title: 'Q.931 restart (global call reference)',
  ref: 'Q.931 §5.5.1',
  start: { event: 'restart requested', to: 'Idle' },
  states: {
    Idle: { on: { restartReq: ['RestartRequest', 'sendRestart'] } },
    RestartRequest: {
      timers: ['T316'],
      on: {
        RESTART_ACKNOWLEDGE: ['Done', 'indicateAcknowledged'],
        timerT316: ['RestartRequest', 't316Expiry', { rearm: ['T316'] }],
        giveUp: ['Done', 'indicateFailed'],
      },
    },
    Done: { final: true, on: {} },
  },
});
