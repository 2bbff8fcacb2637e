// The INVITE → IAM histogram: percentiles within 1 %, and the measurement tied from the front
// door's admission through call control's events.
import { describe, expect, it } from 'vitest';
import { LatencyHistogram, SetupLatency } from '../../src/app/metrics.js';

describe('LatencyHistogram', () => {
  it('gives each percentile to within 1 % and the exact maximum', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.add(i / 100);
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.p50).toBeGreaterThanOrEqual(5);
    expect(s.p50).toBeLessThanOrEqual(5 * 1.01);
    expect(s.p99).toBeGreaterThanOrEqual(9.9);
    expect(s.p99).toBeLessThanOrEqual(9.9 * 1.01);
    expect(s.max).toBe(10);
    h.reset();
    expect(h.summary()).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });
});

describe('SetupLatency', () => {
  it('measures from the admission to setupSent, by Call-ID then call key; calls without an IAM are dropped', () => {
    let now = 100;
    const l = new SetupLatency(() => now);
    l.invited('c1', 99.5);
    l.onCallEvent({ type: 'attemptStarted', callKey: 'k1', at: 0, direction: 'sipToPstn', callId: 'c1', called: '1' });
    now = 101.25;
    l.onCallEvent({ type: 'setupSent', callKey: 'k1', at: 0, called: '1' });
    l.invited('c2', 100);
    l.onCallEvent({ type: 'attemptStarted', callKey: 'k2', at: 0, direction: 'sipToPstn', callId: 'c2', called: '2' });
    l.onCallEvent({ type: 'refused', callKey: 'k2', at: 0, by: 'noRoute' });
    l.onCallEvent({ type: 'setupSent', callKey: 'k2', at: 0, called: '2' });
    const s = l.inviteToIam.summary();
    expect(s.count).toBe(1);
    expect(s.max).toBeCloseTo(1.75);
  });
});
