import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { gra, group as groupMessage, grs, iam, rlc, simple } from '../../src/drivers/isup-messages.js';
import { SimExchange } from '../../src/drivers/sim/sim-exchange.js';
import { TrunkGroupManager } from '../../src/trunkgroups/manager.js';
import { simTandem } from './sim-tandem.js';

const status = (m: { params: object }): boolean[] | undefined =>
  'rangeAndStatus' in m.params ? (m.params as { rangeAndStatus: { status?: boolean[] } }).rangeAndStatus.status : undefined;

describe('simulated exchange: far-end maintenance', () => {
  it('blocks and unblocks (BLO/UBL for one circuit, CGB/CGU for several or for hardware)', () => {
    const t = simTandem();
    t.sim.block([2]);
    t.sim.block([1, 3], 'hardware');
    t.sim.unblock([2]);
    t.clock.advance(0);
    expect(t.got).toEqual(['0 BLO 2', '0 CGB 1', '0 UBL 2']);
    expect(status(t.messages[1] as { params: object })).toEqual([true, false, true]);
    expect(t.sim.state().circuits.map((c) => c.local)).toEqual([
      { maintenance: false, hardware: true },
      { maintenance: false, hardware: false },
      { maintenance: false, hardware: true },
      { maintenance: false, hardware: false },
    ]);
  });

  it('resets one circuit (RSC) or a group (GRS), dropping calls, until acknowledged', () => {
    const t = simTandem();
    t.sim.send(iam(1, { called: '1' }));
    t.sim.reset(1);
    t.sim.groupReset(2, 3);
    t.clock.advance(0);
    expect(t.got.slice(-2)).toEqual(['0 RSC 1', '0 GRS 2']);
    expect(t.sim.state().circuits.map((c) => [c.call?.state, c.resetting])).toEqual([
      [undefined, true],
      [undefined, true],
      [undefined, true],
      [undefined, true],
    ]);
    t.sim.send(rlc(1));
    t.sim.send(gra(2, [false, true, false]));
    expect(t.sim.state().circuits.map((c) => [c.resetting, c.remote.maintenance])).toEqual([
      [false, false],
      [false, false],
      [false, true],
      [false, false],
    ]);
  });

  it('answers Tandem’s supervision as an exchange does', () => {
    const t = simTandem();
    t.sim.block([4]);
    t.sim.send(simple('BLO', 1));
    t.sim.send(groupMessage('CGB', 2, 'hardware', [true, false]));
    t.sim.send(simple('RSC', 4));
    t.sim.send(grs(1, 4));
    t.sim.send(groupMessage('CGU', 2, 'hardware', [true, true]));
    t.sim.send(simple('UBL', 1));
    t.clock.advance(0);
    expect(t.got).toEqual(['0 BLO 4', '0 BLA 1', '0 CGBA 2', '0 RLC 4', '0 BLO 4', '0 GRA 1', '0 CGUA 2', '0 UBA 1']);
    expect(status(t.messages[5] as { params: object })).toEqual([false, false, false, true]);
    expect(t.sim.state().circuits.map((c) => c.remote)).toEqual([
      { maintenance: false, hardware: false },
      { maintenance: false, hardware: false },
      { maintenance: false, hardware: false },
      { maintenance: false, hardware: false },
    ]);
    expect(t.sim.state().unexpected).toEqual([]);
  });

  it('does not originate on circuits either side has blocked', () => {
    const t = simTandem();
    t.sim.block([4]);
    t.sim.send(simple('BLO', 3));
    expect(t.sim.originate({ called: '1' })).toEqual({ ok: true, value: 2 });
  });

  it('disregards an IAM on a circuit it has blocked and repeats the block', () => {
    const t = simTandem();
    t.sim.block([1]);
    t.sim.send(iam(1, { called: '1' }));
    t.clock.advance(0);
    expect(t.got).toEqual(['0 BLO 1', '0 BLO 1']);
    expect(t.sim.state().counters.terminated).toBe(0);
  });
});

describe('simulated exchange and trunk-group manager together', () => {
  function both() {
    const clock = new FakeClock();
    const sim = new SimExchange({ name: 'sim', cics: [1, 2, 3, 4], clock, signallingDelayMs: 5 });
    const manager = new TrunkGroupManager({
      groups: [{ name: 'g', driver: 'sim', circuits: [1, 2, 3, 4].map((cic) => ({ cic })), hunting: { strategy: 'ascending' }, glare: { policy: 'fixed', winner: 'local', maxReattempts: 1 } }],
      drivers: [sim],
      clock,
    });
    sim.start();
    clock.advance(0);
    const circuits = () => manager.snapshot().groups[0]?.circuits ?? [];
    return { clock, sim, manager, circuits };
  }

  it('far-end blocks and resets reach the manager’s state, and its acknowledgements reach the exchange', () => {
    const t = both();
    t.sim.block([1]);
    t.sim.block([2, 3], 'hardware');
    t.clock.advance(10);
    expect(t.circuits().map((c) => [c.locks.remoteMaintenance, c.locks.remoteHardware])).toEqual([
      [true, false],
      [false, true],
      [false, true],
      [false, false],
    ]);
    const s = t.manager.seize('g', { callId: 'x' });
    expect(s.ok && s.value.circuit.cic).toBe(4);
    t.sim.groupReset(1, 4);
    t.clock.advance(10);
    expect(t.circuits().map((c) => [c.callState, c.locks.remoteMaintenance, c.locks.remoteHardware])).toEqual([
      ['idle', false, false],
      ['idle', false, true],
      ['idle', false, true],
      ['idle', false, false],
    ]);
    expect(t.sim.state().circuits.map((c) => c.resetting)).toEqual([false, false, false, false]);
  });

  it('the manager’s maintenance is acknowledged by the exchange: nothing stays pending', () => {
    const t = both();
    t.manager.block('g', { who: 'noc', why: 'test', cics: [1, 2], kind: 'maintenance' });
    t.manager.reset('g', { who: 'noc', why: 'test', cics: [3, 4] });
    t.clock.advance(10);
    expect(t.manager.snapshot().groups[0]?.pending).toEqual([]);
    expect(t.circuits().map((c) => c.callState)).toEqual(['idle', 'idle', 'idle', 'idle']);
    expect(t.sim.state().circuits.map((c) => c.remote.maintenance)).toEqual([true, true, false, false]);
  });
});
