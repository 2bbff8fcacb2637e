import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { answerAfter } from '../../src/drivers/sim/behaviour.js';
import { SimExchange } from '../../src/drivers/sim/sim-exchange.js';
import { iam } from '../../src/drivers/isup-messages.js';
import { controlsCircuit } from '../../src/trunkgroups/glare.js';
import { TrunkGroupManager } from '../../src/trunkgroups/manager.js';
import type { GlareSpec } from '../../src/trunkgroups/spec.js';
import { group, setup } from './recording-driver.js';

describe('which side controls a circuit (Q.764 §2.9.1.4)', () => {
  it.each<[string, GlareSpec, boolean[]]>([
    ['higher point code: even CICs', { policy: 'pointCode', localPointCode: 200, remotePointCode: 100, maxReattempts: 1 }, [true, false, true, false]],
    ['lower point code: odd CICs', { policy: 'pointCode', localPointCode: 100, remotePointCode: 200, maxReattempts: 1 }, [false, true, false, true]],
    ['oddEven, even', { policy: 'oddEven', controls: 'even', maxReattempts: 1 }, [true, false, true, false]],
    ['oddEven, odd', { policy: 'oddEven', controls: 'odd', maxReattempts: 1 }, [false, true, false, true]],
    ['fixed controlling', { policy: 'fixed', winner: 'local', maxReattempts: 1 }, [true, true, true, true]],
    ['fixed not controlling', { policy: 'fixed', winner: 'remote', maxReattempts: 1 }, [false, false, false, false]],
  ])('%s (CICs 0..3)', (_, spec, want) => {
    expect([0, 1, 2, 3].map((cic) => controlsCircuit(spec, cic))).toEqual(want);
  });
});

describe('dual seizure in the manager', () => {
  const glare = (controlling: boolean, maxReattempts = 2): GlareSpec => ({ policy: 'fixed', winner: controlling ? 'local' : 'remote', maxReattempts });

  it('the controlling side keeps its call and disregards the IAM', () => {
    const t = setup([group('g', [1, 2], { glare: glare(true) })]);
    const ours = t.seize('g', 'out');
    const r = t.manager.seizeIncoming('d', ours.circuit.cic, 'in');
    expect(r.ok ? r.value : r.error.code).toBe('GW_ERR_DUAL_SEIZURE');
    expect(t.circuit('g', 1)).toMatchObject({ callState: 'outgoingBusy', callId: 'out' });
    expect(t.events.filter((e) => e.type === 'glare')).toEqual([{ type: 'glare', at: 0, group: 'g', cic: 1, callId: 'out', outcome: 'kept' }]);
  });

  it('the other side backs off: the incoming call takes the circuit, the outgoing call re-attempts elsewhere', () => {
    const t = setup([group('g', [1, 2, 3], { glare: glare(false) })]);
    const ours = t.seize('g', 'out', undefined);
    const r = t.manager.seizeIncoming('d', 1, 'in');
    if (!r.ok) throw r.error;
    expect(r.value.backedOff).toEqual({ group: 'g', cic: 1, callId: 'out', attempt: 0 });
    expect(t.circuit('g', 1)).toMatchObject({ callState: 'incomingBusy', callId: 'in' });
    expect(t.events.filter((e) => e.type === 'glare')).toEqual([{ type: 'glare', at: 0, group: 'g', cic: 1, callId: 'out', outcome: 'backedOff' }]);
    const again = t.manager.reattempt(r.value.backedOff ?? { ...ours, cic: 1 });
    if (!again.ok) throw again.error;
    expect(again.value).toMatchObject({ callId: 'out', attempt: 1, circuit: { cic: 2, callState: 'outgoingBusy' } });
  });

  it('gives up after maxReattempts re-attempts', () => {
    const t = setup([group('g', [1, 2, 3, 4], { glare: glare(false, 2) })]);
    t.seize('g', 'out');
    let lost = t.manager.seizeIncoming('d', 1, 'in1');
    const attempts: number[] = [];
    for (let i = 2; lost.ok && lost.value.backedOff !== undefined; i++) {
      const again = t.manager.reattempt(lost.value.backedOff);
      if (!again.ok) {
        expect(again.error.code).toBe('GW_ERR_GLARE_LIMIT');
        break;
      }
      attempts.push(again.value.attempt);
      lost = t.manager.seizeIncoming('d', again.value.circuit.cic, `in${i}`);
    }
    expect(attempts).toEqual([1, 2]);
    expect(t.manager.snapshot().groups[0]?.counts).toMatchObject({ incomingBusy: 3, outgoingBusy: 0, idle: 1 });
  });

  it('a re-attempt is not counted again against the calls-per-second limit', () => {
    const t = setup([group('g', [1, 2], { glare: glare(false), cac: { maxCallsPerSecond: 1 } })]);
    t.seize('g', 'out');
    const r = t.manager.seizeIncoming('d', 1, 'in');
    if (!r.ok || r.value.backedOff === undefined) throw new Error('expected a back-off');
    expect(t.manager.reattempt(r.value.backedOff).ok).toBe(true);
  });

  it('an IAM on an idle circuit is a plain incoming seizure', () => {
    const t = setup([group('g', [1])]);
    const r = t.manager.seizeIncoming('d', 1, 'in');
    expect(r.ok && r.value).toEqual({ group: 'g', circuit: { cic: 1, callState: 'incomingBusy', locks: expect.any(Object) as object, callId: 'in' } });
    expect(t.manager.seizeIncoming('d', 1, 'again').ok).toBe(false);
  });
});

describe('dual seizure against the simulated exchange', () => {
  it('IAMs that cross resolve the same way at both ends', () => {
    const clock = new FakeClock();
    // the exchange controls the odd CICs; Tandem (parity even) the even ones; 10 ms one way
    const sim = new SimExchange({ name: 'sim', cics: [1, 2, 3, 4], clock, signallingDelayMs: 10, controls: 'odd', defaultBehaviour: answerAfter(0) });
    const manager = new TrunkGroupManager({
      groups: [group('g', [1, 2, 3, 4], { driver: 'sim', hunting: { strategy: 'descending' }, glare: { policy: 'oddEven', controls: 'even', maxReattempts: 1 } })],
      drivers: [sim],
      clock,
    });
    const incoming: number[] = [];
    sim.subscribe((e) => {
      if (e.kind !== 'message' || e.message.type !== 'IAM') return;
      const r = manager.seizeIncoming('sim', e.message.cic, `pstn-${e.message.cic}`);
      if (r.ok) incoming.push(e.message.cic);
    });
    sim.start();
    clock.advance(0);
    // the exchange calls on CIC 4 (even: Tandem controls) and CIC 3 (odd: the exchange controls)
    sim.originate({ called: '100', cic: 4 });
    sim.originate({ called: '101', cic: 3 });
    clock.advance(5);
    // before those IAMs arrive, Tandem seizes CIC 4 and CIC 3 for its own calls
    const a = manager.seize('g', { callId: 'sip-a' });
    const b = manager.seize('g', { callId: 'sip-b' });
    if (!a.ok || !b.ok) throw new Error('seize failed');
    expect([a.value.circuit.cic, b.value.circuit.cic]).toEqual([4, 3]);
    sim.send(iam(4, { called: '200' }));
    sim.send(iam(3, { called: '201' }));
    clock.advance(100);
    // CIC 4: Tandem kept its call, the exchange backed off and re-attempted on CIC 2
    // CIC 3: the exchange kept its call, Tandem's IAM was disregarded there
    expect(sim.state().counters).toMatchObject({ glareWon: 1, glareLost: 1, originated: 3 });
    const simCalls = sim.state().circuits.map((c) => [c.cic, c.call?.direction]);
    expect(simCalls).toEqual([
      [1, undefined],
      [2, 'originating'],
      [3, 'originating'],
      [4, 'terminating'],
    ]);
    const tandem = manager.snapshot().groups[0]?.circuits.map((c) => [c.cic, c.callState, c.callId]);
    expect(tandem).toEqual([
      [1, 'idle', undefined],
      [2, 'incomingBusy', 'pstn-2'],
      [3, 'incomingBusy', 'pstn-3'],
      [4, 'outgoingBusy', 'sip-a'],
    ]);
    expect(incoming).toEqual([3, 2]);
  });
});
