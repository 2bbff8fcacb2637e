import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import { simple } from '../../src/drivers/isup-messages.js';
import { BadTrunkSpecError } from '../../src/trunkgroups/errors.js';
import { TrunkGroupManager } from '../../src/trunkgroups/manager.js';
import { cicOf, type TrunkGroupSpec } from '../../src/trunkgroups/spec.js';
import { group, RecordingDriver, setup } from './recording-driver.js';

describe('TrunkGroupManager', () => {
  it('reports the full state of every group', () => {
    const t = setup([group('a', [1, 2, 3]), group('b', [10, 11], { hunting: { strategy: 'cyclic' } })]);
    t.seize('a', 'x');
    t.manager.seizeIncoming('d', 11, 'y');
    t.manager.block('a', { who: 'n', why: 'w', cics: [3], kind: 'maintenance' });
    t.clock.advance(5);
    const s = t.manager.snapshot();
    expect(s.at).toBe(5);
    expect(s.groups.map((g) => [g.name, g.driver, g.link, g.draining, g.counts])).toEqual([
      ['a', 'd', 'up', false, { idle: 2, outgoingBusy: 1, incomingBusy: 0, resetting: 0, locked: 1, available: 1 }],
      ['b', 'd', 'up', false, { idle: 1, outgoingBusy: 0, incomingBusy: 1, resetting: 0, locked: 0, available: 1 }],
    ]);
    expect(s.groups[0]?.circuits[0]).toEqual({
      cic: 1,
      callState: 'outgoingBusy',
      locks: { localMaintenance: false, localHardware: false, remoteMaintenance: false, remoteHardware: false },
      callId: 'x',
    });
    expect(s.groups[0]?.pending).toEqual([{ type: 'BLO', cic: 3, circuits: 1, since: 0, sent: 1 }]);
    expect(s.groups[1]?.pending).toEqual([]);
    expect(s.groups[1]?.hunting).toEqual({ strategy: 'cyclic' });
  });

  it('reports every state change as an event, in order', () => {
    const t = setup([group('g', [1])]);
    const s = t.seize('g', 'x');
    t.manager.release('g', s.circuit.cic, 'x');
    t.driver.deliver(simple('BLO', 1));
    expect(t.events).toEqual([
      { type: 'callState', at: 0, group: 'g', cic: 1, from: 'idle', to: 'outgoingBusy', event: 'seizeOutgoing', callId: 'x' },
      { type: 'callState', at: 0, group: 'g', cic: 1, from: 'outgoingBusy', to: 'idle', event: 'release', callId: 'x' },
      {
        type: 'locks',
        at: 0,
        group: 'g',
        cic: 1,
        side: 'remote',
        kind: 'maintenance',
        blocked: true,
        locks: { localMaintenance: false, localHardware: false, remoteMaintenance: true, remoteHardware: false },
      },
    ]);
  });

  it('a seized circuit knows its call, and only that call may release it', () => {
    const t = setup([group('g', [1])]);
    const s = t.seize('g', 'x', undefined);
    expect(s).toMatchObject({ group: 'g', callId: 'x', attempt: 0, driver: t.driver });
    const wrong = t.manager.release('g', 1, 'other');
    expect(wrong.ok ? wrong.value : wrong.error.code).toBe('GW_ERR_NOT_HOLDER');
    expect(t.manager.release('g', 1, 'x').ok).toBe(true);
    expect(t.manager.release('g', 1, 'x').ok).toBe(false);
  });

  it('has no circuit to offer while the link is down, and follows the driver link', () => {
    const t = setup([group('g', [1])]);
    t.driver.setLink('down');
    const r = t.manager.seize('g', { callId: 'x' });
    expect(r.ok ? r.value : r.error.message).toMatch(/link down/);
    expect(t.manager.snapshot().groups[0]?.link).toBe('down');
    t.driver.setLink('up');
    expect(t.manager.seize('g', { callId: 'x' }).ok).toBe(true);
    expect(t.events.filter((e) => e.type === 'link').map((e) => e.type === 'link' && e.state)).toEqual(['down', 'up']);
  });

  it('names circuits by span and channel as well as by CIC', () => {
    const spec: TrunkGroupSpec = { ...group('pri', []), circuits: [{ span: 1, channel: 1 }, { span: 1, channel: 2 }, { cic: 100, span: 2, channel: 1 }] };
    const t = setup([spec]);
    expect(spec.circuits.map(cicOf)).toEqual([33, 34, 100]);
    expect(t.manager.cicAt('pri', 1, 2)).toBe(34);
    expect(t.manager.cicAt('pri', 2, 1)).toBe(100);
    expect(t.manager.cicAt('pri', 3, 1)).toBeUndefined();
    expect(t.circuit('pri', 33)).toMatchObject({ span: 1, channel: 1 });
  });

  it('rejects unknown groups and circuits', () => {
    const t = setup([group('g', [1])]);
    const a = t.manager.seize('nope', { callId: 'x' });
    const b = t.manager.seizeIncoming('d', 99, 'x');
    const c = t.manager.release('g', 99, 'x');
    expect([a, b, c].map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['GW_ERR_UNKNOWN_GROUP', 'GW_ERR_UNKNOWN_CIRCUIT', 'GW_ERR_UNKNOWN_CIRCUIT']);
  });

  it.each<[string, TrunkGroupSpec[], RegExp]>([
    ['a CIC in two groups', [group('a', [1]), group('b', [1])], /CIC 1 of d is also in a/],
    ['a CIC listed twice', [group('a', [1, 1])], /listed twice/],
    ['a group named twice', [group('a', [1]), group('a', [2])], /group a listed twice/],
    ['an unknown driver', [group('a', [1], { driver: 'x' })], /no driver named x/],
    ['a CIC the driver lacks', [group('a', [7])], /has no CIC 7/],
    ['a negative re-attempt count', [group('a', [1], { glare: { policy: 'fixed', winner: 'local', maxReattempts: -1 } })], /maxReattempts/],
  ])('refuses a specification with %s', (_, groups, message) => {
    const build = () => new TrunkGroupManager({ groups, drivers: [new RecordingDriver('d', [1, 2])], clock: new FakeClock() });
    expect(build).toThrow(BadTrunkSpecError);
    expect(build).toThrow(message);
  });

  it('stops listening and repeating after dispose', () => {
    const t = setup([group('g', [1])]);
    t.manager.reset('g', { who: 'n', why: 'w' });
    t.manager.dispose();
    t.driver.take();
    t.clock.advance(3_600_000);
    t.driver.deliver(simple('BLO', 1));
    expect(t.driver.take()).toEqual([]);
    expect(t.circuit('g', 1).locks.remoteMaintenance).toBe(false);
  });

  it('a listener can unsubscribe', () => {
    const t = setup([group('g', [1])]);
    const seen: string[] = [];
    const off = t.manager.subscribe((e) => seen.push(e.type));
    t.seize('g', 'x');
    off();
    t.manager.release('g', 1, 'x');
    expect(seen).toEqual(['callState']);
  });
});
