// TEI management, user side (Q.921 §5.3.2 assignment, §5.3.3 check, §5.3.4 removal): the
// procedure of the TE's layer management entity. T202 runs while an identity request is
// outstanding; after N202 requests without an answer the TE gives up (MDL-ERROR response).
import { defineFsm } from '../../core/fsm.js';

export type TeiUserState = 'TEI unassigned' | 'identity requested' | 'TEI assigned';
export type TeiUserEvent = 'request' | 'identity assigned' | 'identity denied' | 'N202 exhausted' | 'identity check request' | 'identity remove' | 'stop';
export type TeiUserTimer = 'T202';
export type TeiUserAction = 'sendRequest' | 'retryRequest' | 'assign' | 'deny' | 'giveUp' | 'sendCheckResponse' | 'remove';

export const TEI_USER_FSM = defineFsm<TeiUserState, TeiUserEvent, TeiUserAction, TeiUserTimer>({
  name: 'tei-te',
  title: 'TEI management, user side',
  ref: 'Q.921 §5.3.2-§5.3.4',
  start: { event: 'layer management created', to: 'TEI unassigned' },
  states: {
    'TEI unassigned': {
      on: {
        request: ['identity requested', 'sendRequest'],
        stop: ['TEI unassigned'],
      },
    },
    'identity requested': {
      timers: ['T202'],
      on: {
        'identity assigned': ['TEI assigned', 'assign'],
        'identity denied': ['TEI unassigned', 'deny'],
        // "a new identity request message with a new value for the reference number" (§5.3.2)
        timerT202: ['identity requested', 'retryRequest', { rearm: ['T202'] }],
        'N202 exhausted': ['TEI unassigned', 'giveUp'],
        request: ['identity requested'],
        stop: ['TEI unassigned'],
      },
    },
    'TEI assigned': {
      on: {
        'identity check request': ['TEI assigned', 'sendCheckResponse'],
        'identity remove': ['TEI unassigned', 'remove'],
        request: ['TEI assigned'],
        stop: ['TEI assigned'],
      },
    },
  },
});
