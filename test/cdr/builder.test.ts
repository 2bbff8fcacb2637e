// The CDR builder: every attempt kind gives exactly one record with the right disposition, cause
// and status; glare re-attempts are linked to the final attempt; durations are computed.
import { describe, expect, it } from 'vitest';
import { CdrBuilder } from '../../src/cdr/builder.js';
import type { CallEvent } from '../../src/cdr/events.js';
import { CDR_FIELDS, checkCdrRecord } from '../../src/cdr/record.js';
import { build, endings, refused, sipToPstn } from './helpers.js';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

describe('CdrBuilder: one record per attempt', () => {
  it.each([
    ['answered', endings.answered, 'answered', 16, 200],
    ['busy', endings.busy, 'busy', 17, 486],
    ['failed', endings.failed, 'failed', 1, 404],
    ['cancelled by the SIP caller', endings.cancelled, 'cancelled', 16, 487],
    ['timed out (T7)', endings.timedOut, 'timedOut', 102, 408],
  ] as const)('%s', (_, end, disposition, cause, sipStatus) => {
    const records = build(sipToPstn(T0, end));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ disposition, cause, sipStatus, attempt: 1, refusedBy: null });
    expect(checkCdrRecord(records[0]).ok).toBe(true);
  });

  it.each([
    ['acl', 21, 403],
    ['auth', 21, 401],
    ['cac', 34, 503],
  ] as const)('refused by %s', (by, cause, sipStatus) => {
    const records = build(refused(T0, by, cause, sipStatus));
    expect(records).toEqual([
      expect.objectContaining({ disposition: 'refused', refusedBy: by, cause, sipStatus, releaseSide: 'gateway', setupOutAt: null, trunkGroup: null, pddMs: null, billableMs: 0 }),
    ]);
  });

  it('fills the answered call field by field', () => {
    const [r] = build(sipToPstn(T0, endings.answered), new CdrBuilder({ node: 'gw1', newId: () => 'id-1' }));
    expect(r).toEqual({
      version: 1,
      id: 'id-1',
      node: 'gw1',
      direction: 'sipToPstn',
      attempt: 1,
      finalAttemptId: 'id-1',
      disposition: 'answered',
      refusedBy: null,
      sipPeer: 'pbx',
      trunkGroup: 'sim-e1',
      route: 'national',
      span: 1,
      channel: 5,
      cic: 5,
      callId: expect.stringMatching(/@pbx$/) as string,
      callingIn: '+33123456789',
      calledIn: '0612345678',
      callingOut: '0123456789',
      calledOut: '0612345678',
      presentation: 'allowed',
      redirecting: null,
      profile: 'sipi',
      setupInAt: T0,
      setupOutAt: T0 + 4,
      firstBackwardAt: T0 + 100,
      firstBackward: 'ACM',
      alertingAt: T0 + 100,
      answerAt: T0 + 3000,
      releaseAt: T0 + 63_000,
      pddMs: 100,
      ringMs: 2900,
      billableMs: 60_000,
      releaseSide: 'sip',
      cause: 16,
      causeLocation: 0,
      sipStatus: 200,
      reason: 'Q.850;cause=16',
      timer: null,
      codec: 'PCMA',
    });
    expect(Object.keys(r ?? {})).toEqual(CDR_FIELDS);
  });

  it('takes alerting as the first backward message when none came before, and rings until release', () => {
    const [r] = build(sipToPstn(T0, endings.cancelled));
    expect(r).toMatchObject({ firstBackward: 'alerting', pddMs: 120, ringMs: 7880, billableMs: 0, releaseSide: 'sip' });
  });

  it('records an incoming PSTN call: circuit from the IAM, SIP peer from the route, cancelled by the PSTN side', () => {
    const callKey = 'in-1';
    const records = build([
      { type: 'attemptStarted', callKey, at: T0, direction: 'pstnToSip', trunkGroup: 'sim-e1', circuit: { span: 1, channel: 3, cic: 3 }, calling: '0123456789', called: '1000', redirecting: '0199999999' },
      { type: 'routed', callKey, at: T0 + 1, route: 'to-pbx', sipPeer: 'pbx', profile: 'plain' },
      { type: 'setupSent', callKey, at: T0 + 2, calling: '+33123456789', called: '1000', callId: 'out-1@gw' },
      { type: 'backwardMessage', callKey, at: T0 + 40, message: '180' },
      { type: 'released', callKey, at: T0 + 5000, side: 'pstn', cause: 16, causeLocation: 2, sipStatus: 487 },
    ]);
    expect(records).toEqual([
      expect.objectContaining({ direction: 'pstnToSip', cic: 3, sipPeer: 'pbx', profile: 'plain', callId: 'out-1@gw', redirecting: '0199999999', disposition: 'cancelled', firstBackward: '180' }),
    ]);
  });

  it('is busy on a SIP 486 with no cause, and failed when the SIP side refuses otherwise', () => {
    const pstnIn = (sipStatus: number): CallEvent[] => [
      { type: 'attemptStarted', callKey: `s${sipStatus}`, at: T0, direction: 'pstnToSip', trunkGroup: 'sim-e1', called: '1000' },
      { type: 'released', callKey: `s${sipStatus}`, at: T0 + 10, side: 'sip', sipStatus },
    ];
    expect(build(pstnIn(486))[0]).toMatchObject({ disposition: 'busy', cause: null });
    expect(build(pstnIn(503))[0]).toMatchObject({ disposition: 'failed', cause: null });
  });
});

describe('CdrBuilder: glare re-attempts', () => {
  it('emits each backed-off attempt with the final one, all linked to the final attempt', () => {
    let n = 0;
    const builder = new CdrBuilder({ node: 'gw1', newId: () => `a${++n}` });
    const [started, routed, seized, sent, ...end] = sipToPstn(T0, endings.answered);
    const callKey = started?.callKey ?? '';
    const events: CallEvent[] = [
      started as CallEvent,
      routed as CallEvent,
      seized as CallEvent,
      sent as CallEvent,
      { type: 'glare', callKey, at: T0 + 5 },
      { type: 'circuitSeized', callKey, at: T0 + 6, trunkGroup: 'sim-e1', circuit: { span: 1, channel: 7, cic: 7 } },
      { type: 'setupSent', callKey, at: T0 + 7, calling: '0123456789', called: '0612345678' },
      { type: 'glare', callKey, at: T0 + 8 },
      { type: 'circuitSeized', callKey, at: T0 + 9, trunkGroup: 'sim-e1', circuit: { span: 1, channel: 9, cic: 9 } },
      { type: 'setupSent', callKey, at: T0 + 10, calling: '0123456789', called: '0612345678' },
      ...end,
    ];
    const emitted = events.map((e) => {
      const r = builder.handle(e);
      if (!r.ok) throw r.error;
      return r.value;
    });
    // nothing until the call ends, then the three attempts at once
    expect(emitted.map((r) => r.length)).toEqual([...Array<number>(events.length - 1).fill(0), 3]);
    const records = emitted.flat();
    expect(records.map((r) => [r.id, r.attempt, r.disposition, r.finalAttemptId, r.cic])).toEqual([
      ['a1', 1, 'glare', 'a3', 5],
      ['a2', 2, 'glare', 'a3', 7],
      ['a3', 3, 'answered', 'a3', 9],
    ]);
  });

  it('gives glare attempts no outcome but the back-off, and the final attempt its own circuit', () => {
    let n = 0;
    const builder = new CdrBuilder({ node: 'gw1', newId: () => `a${++n}` });
    const [started, routed, seized, sent, ...end] = sipToPstn(T0, endings.busy);
    const callKey = started?.callKey ?? '';
    const records = build(
      [
        started as CallEvent,
        routed as CallEvent,
        seized as CallEvent,
        sent as CallEvent,
        { type: 'glare', callKey, at: T0 + 5 },
        { type: 'circuitSeized', callKey, at: T0 + 6, trunkGroup: 'sim-e1', circuit: { span: 1, channel: 7, cic: 7 } },
        { type: 'setupSent', callKey, at: T0 + 7, calling: '0123456789', called: '0612345678' },
        ...end,
      ],
      builder,
    );
    expect(records.map((r) => [r.id, r.attempt, r.finalAttemptId, r.disposition, r.cic, r.cause, r.sipStatus, r.releaseAt])).toEqual([
      ['a1', 1, 'a2', 'glare', 5, null, null, T0 + 5],
      ['a2', 2, 'a2', 'busy', 7, 17, 486, T0 + 80],
    ]);
    expect(records[1]).toMatchObject({ setupInAt: T0, setupOutAt: T0 + 7, callingIn: '+33123456789', route: 'national' });
  });

  it('ends a call whose re-attempts ran out with a final attempt that seized nothing', () => {
    const records = build([
      { type: 'attemptStarted', callKey: 'g', at: T0, direction: 'sipToPstn', called: '0612345678' },
      { type: 'circuitSeized', callKey: 'g', at: T0 + 1, trunkGroup: 'sim-e1', circuit: { cic: 2 } },
      { type: 'setupSent', callKey: 'g', at: T0 + 2, called: '0612345678' },
      { type: 'glare', callKey: 'g', at: T0 + 3 },
      { type: 'released', callKey: 'g', at: T0 + 4, side: 'gateway', cause: 34, sipStatus: 503 },
    ]);
    expect(records.map((r) => [r.attempt, r.disposition, r.cic, r.setupOutAt])).toEqual([
      [1, 'glare', 2, T0 + 2],
      [2, 'failed', null, null],
    ]);
    expect(records[0]?.finalAttemptId).toBe(records[1]?.id);
  });
});

describe('CdrBuilder: event errors', () => {
  it('refuses events of calls it has no attempt for, and a second start of an open call', () => {
    const builder = new CdrBuilder({ node: 'gw1' });
    const late = builder.handle({ type: 'answered', callKey: 'nope', at: T0 });
    expect(late.ok ? undefined : late.error.code).toBe('GW_ERR_CDR_UNKNOWN_CALL');
    const start: CallEvent = { type: 'attemptStarted', callKey: 'x', at: T0, direction: 'sipToPstn', called: '1' };
    expect(builder.handle(start).ok).toBe(true);
    const again = builder.handle(start);
    expect(again.ok ? undefined : again.error.code).toBe('GW_ERR_CDR_DUPLICATE_CALL');
    expect(builder.openCalls).toBe(1);
    expect(builder.handle({ type: 'released', callKey: 'x', at: T0 + 1, side: 'sip' }).ok).toBe(true);
    expect(builder.openCalls).toBe(0);
    const after = builder.handle({ type: 'released', callKey: 'x', at: T0 + 2, side: 'sip' });
    expect(after.ok ? undefined : after.error.code).toBe('GW_ERR_CDR_UNKNOWN_CALL');
  });
});
