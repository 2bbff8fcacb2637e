import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { Admission } from '../../src/trunkgroups/admission.js';
import { CacLimitError, NoCircuitError } from '../../src/trunkgroups/errors.js';
import { group, setup } from './recording-driver.js';

describe('Admission', () => {
  it('limits concurrent calls, counting calls from the far end too', () => {
    const a = new Admission({ maxCalls: 2 }, new FakeClock());
    a.admit();
    expect(a.check()).toEqual({ admitted: true });
    a.occupy();
    expect(a.check()).toEqual({ admitted: false, limit: 'maxCalls', waitMs: undefined });
    a.end();
    expect(a.check()).toEqual({ admitted: true });
  });

  it('limits calls per second over a sliding window and says when a slot frees', () => {
    const clock = new FakeClock();
    const a = new Admission({ maxCallsPerSecond: 2 }, clock);
    a.admit();
    clock.advance(300);
    a.admit();
    a.end();
    a.end();
    expect(a.check()).toEqual({ admitted: false, limit: 'maxCallsPerSecond', waitMs: 700 });
    clock.advance(699);
    expect(a.check().admitted).toBe(false);
    clock.advance(1);
    expect(a.check()).toEqual({ admitted: true });
    expect(a.state()).toEqual({ active: 0, lastSecond: 1, limits: { maxCallsPerSecond: 2 } });
  });

  it('does not rate-limit an unrated admission (a re-attempt) nor record it in the window', () => {
    const a = new Admission({ maxCallsPerSecond: 1 }, new FakeClock());
    a.admit();
    expect(a.check(false)).toEqual({ admitted: true });
    a.admit(false);
    expect(a.state().lastSecond).toBe(1);
  });

  it('admits anything without limits', () => {
    const a = new Admission({}, new FakeClock());
    for (let i = 0; i < 100; i++) a.admit();
    expect(a.check()).toEqual({ admitted: true });
  });
});

describe('call admission in the manager', () => {
  it('refuses a call over the group limit with a Retry-After of the group', () => {
    const t = setup([group('g', [1, 2, 3], { cac: { maxCalls: 2 }, retryAfterSeconds: 7 })]);
    t.seize('g', 'a');
    t.seize('g', 'b');
    const r = t.manager.seize('g', { callId: 'c' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(CacLimitError);
    expect(r.error).toMatchObject({ code: 'GW_ERR_CAC_LIMIT', scope: 'group', limit: 'maxCalls', retryAfterSeconds: 7 });
    expect(t.events.at(-1)).toEqual({ type: 'admissionRejected', at: 0, group: 'g', scope: 'group', name: 'g', limit: 'maxCalls' });
    t.manager.release('g', 1, 'a');
    expect(t.manager.seize('g', { callId: 'c' }).ok).toBe(true);
  });

  it('counts incoming calls against the group limit', () => {
    const t = setup([group('g', [1, 2], { cac: { maxCalls: 1 } })]);
    expect(t.manager.seizeIncoming('d', 2, 'pstn').ok).toBe(true);
    const r = t.manager.seize('g', { callId: 'sip' });
    expect(r.ok ? 'admitted' : r.error.code).toBe('GW_ERR_CAC_LIMIT');
  });

  it('rate-limits with a Retry-After rounded up to whole seconds', () => {
    const t = setup([group('g', [1, 2, 3], { cac: { maxCallsPerSecond: 1 } })]);
    t.seize('g', 'a');
    t.clock.advance(10);
    const r = t.manager.seize('g', { callId: 'b' });
    expect(r.ok ? 'admitted' : r.error).toMatchObject({ code: 'GW_ERR_CAC_LIMIT', limit: 'maxCallsPerSecond', retryAfterSeconds: 1 });
    t.clock.advance(990);
    expect(t.manager.seize('g', { callId: 'b' }).ok).toBe(true);
  });

  it('limits a peer across groups', () => {
    const t = setup([group('g1', [1, 2]), group('g2', [3, 4])], { peers: [{ name: 'pbx', cac: { maxCalls: 2 } }] });
    t.seize('g1', 'a', 'pbx');
    t.seize('g2', 'b', 'pbx');
    const r = t.manager.seize('g1', { callId: 'c', peer: 'pbx' });
    expect(r.ok ? 'admitted' : r.error).toMatchObject({ code: 'GW_ERR_CAC_LIMIT', scope: 'peer', limit: 'maxCalls', retryAfterSeconds: 5 });
    expect(t.manager.seize('g1', { callId: 'd' }).ok).toBe(true);
    t.manager.release('g2', 3, 'b');
    expect(t.manager.seize('g1', { callId: 'c', peer: 'pbx' }).ok).toBe(false);
    t.manager.release('g1', 2, 'd');
    expect(t.manager.seize('g1', { callId: 'c', peer: 'pbx' }).ok).toBe(true);
    expect(t.manager.snapshot().peers).toEqual([{ name: 'pbx', admission: { active: 2, lastSecond: 3, limits: { maxCalls: 2 } } }]);
  });

  it('refuses an unknown peer', () => {
    const t = setup([group('g', [1])]);
    const r = t.manager.seize('g', { callId: 'a', peer: 'nobody' });
    expect(r.ok ? 'admitted' : r.error.code).toBe('GW_ERR_UNKNOWN_PEER');
  });

  it('answers no circuit with the group Retry-After when every circuit is busy', () => {
    const t = setup([group('g', [1], { retryAfterSeconds: 3 })]);
    t.seize('g', 'a');
    const r = t.manager.seize('g', { callId: 'b' });
    expect(r.ok ? 'admitted' : r.error).toBeInstanceOf(NoCircuitError);
    expect(r.ok ? 'admitted' : r.error).toMatchObject({ code: 'GW_ERR_NO_CIRCUIT', retryAfterSeconds: 3 });
    expect(t.events.at(-1)).toEqual({ type: 'noCircuit', at: 0, group: 'g' });
  });

  it('a refused call does not count', () => {
    const t = setup([group('g', [1], { cac: { maxCallsPerSecond: 5 } })]);
    t.seize('g', 'a');
    expect(t.manager.seize('g', { callId: 'b' }).ok).toBe(false);
    expect(t.manager.snapshot().groups[0]?.admission).toEqual({ active: 1, lastSecond: 1, limits: { maxCallsPerSecond: 5 } });
  });
});
