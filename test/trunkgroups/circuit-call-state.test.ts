import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printTable, tableProblems, transition } from '../../src/core/fsm.js';
import { CIRCUIT_CALL_STATE, type CallState, type CallStateEvent } from '../../src/trunkgroups/circuit-call-state.fsm.js';

const STATES: CallState[] = ['idle', 'outgoingBusy', 'incomingBusy', 'resetting'];
const EVENTS: CallStateEvent[] = [
  'seizeOutgoing',
  'seizeIncoming',
  'dualSeizureWon',
  'dualSeizureLost',
  'release',
  'resetSent',
  'resetAcknowledged',
  'resetReceived',
  'hardwareBlocked',
];

// The expected table, written out independently of the source: next state and action, or '-' when rejected.
const X = '-';
const EXPECTED: Record<CallState, Record<CallStateEvent, string>> = {
  idle: {
    seizeOutgoing: 'outgoingBusy',
    seizeIncoming: 'incomingBusy',
    dualSeizureWon: X,
    dualSeizureLost: X,
    release: X,
    resetSent: 'resetting',
    resetAcknowledged: X,
    resetReceived: 'idle',
    hardwareBlocked: 'idle',
  },
  outgoingBusy: {
    seizeOutgoing: X,
    seizeIncoming: X,
    dualSeizureWon: 'outgoingBusy',
    dualSeizureLost: 'incomingBusy/backOff',
    release: 'idle',
    resetSent: 'resetting/clearCall',
    resetAcknowledged: X,
    resetReceived: 'idle/clearCall',
    hardwareBlocked: 'idle/clearCall',
  },
  incomingBusy: {
    seizeOutgoing: X,
    seizeIncoming: X,
    dualSeizureWon: X,
    dualSeizureLost: X,
    release: 'idle',
    resetSent: 'resetting/clearCall',
    resetAcknowledged: X,
    resetReceived: 'idle/clearCall',
    hardwareBlocked: 'idle/clearCall',
  },
  resetting: {
    seizeOutgoing: X,
    seizeIncoming: X,
    dualSeizureWon: X,
    dualSeizureLost: X,
    release: X,
    resetSent: 'resetting',
    resetAcknowledged: 'idle',
    resetReceived: 'resetting',
    hardwareBlocked: 'resetting',
  },
};

describe('circuit call state table', () => {
  it('is sound (every state reachable, no undeclared target)', () => {
    expect(tableProblems(CIRCUIT_CALL_STATE)).toEqual([]);
  });

  describe.each(STATES)('in %s', (state) => {
    it.each(EVENTS)('%s', (event) => {
      const r = transition(CIRCUIT_CALL_STATE, state, event);
      const got = r.ok
        ? [r.value.to, ...r.value.effects.flatMap((e) => (e.kind === 'action' ? [e.action] : []))].join('/')
        : (expect(r.error.code).toBe('GW_ERR_FSM_UNDECLARED_EVENT'), X);
      expect(got).toBe(EXPECTED[state][event]);
    });
  });

  it('is printed in docs/trunk-groups.md as the engine prints it', () => {
    const doc = readFileSync(new URL('../../docs/trunk-groups.md', import.meta.url), 'utf8');
    expect(doc).toContain(printTable(CIRCUIT_CALL_STATE));
  });
});
