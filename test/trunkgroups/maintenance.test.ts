import { describe, expect, it } from 'vitest';
import { gra, group as groupMessage, grs, rlc, simple } from '../../src/drivers/isup-messages.js';
import type { PortMessage } from '../../src/drivers/port.js';
import type { CallState } from '../../src/trunkgroups/circuit-call-state.fsm.js';
import type { LockFlags } from '../../src/trunkgroups/circuit.js';
import { group, setup } from './recording-driver.js';

const who = { who: 'ops:alice', why: 'span test' };
const locks = (set: Partial<LockFlags> = {}): LockFlags => ({ localMaintenance: false, localHardware: false, remoteMaintenance: false, remoteHardware: false, ...set });

/** A group of CICs 1..4; circuit 1 put in `start` (with a call, for busy states) and `initial` locks. */
function prepared(start: CallState, initial: Partial<LockFlags> = {}) {
  const t = setup([group('g', [1, 2, 3, 4])]);
  if (start === 'outgoingBusy') t.seize('g', 'call');
  if (start === 'incomingBusy') t.manager.seizeIncoming('d', 1, 'call');
  if (start === 'resetting') t.manager.reset('g', { ...who, cics: [1] });
  if (initial.localMaintenance === true) t.manager.block('g', { ...who, cics: [1], kind: 'maintenance' });
  if (initial.localHardware === true) t.manager.block('g', { ...who, cics: [1], kind: 'hardware' });
  if (initial.remoteMaintenance === true) t.driver.deliver(simple('BLO', 1));
  t.driver.take();
  t.events.length = 0;
  return t;
}

describe('far-end supervision messages (state table)', () => {
  it.each<[string, CallState, Partial<LockFlags>, PortMessage, CallState, Partial<LockFlags>, string[], boolean]>([
    // name, start state, start locks, message received, next state, next locks, messages sent back, call cleared
    ['BLO on idle', 'idle', {}, simple('BLO', 1), 'idle', { remoteMaintenance: true }, ['BLA 1'], false],
    ['BLO on a call: the call goes on', 'incomingBusy', {}, simple('BLO', 1), 'incomingBusy', { remoteMaintenance: true }, ['BLA 1'], false],
    ['UBL', 'idle', { remoteMaintenance: true }, simple('UBL', 1), 'idle', {}, ['UBA 1'], false],
    ['CGB maintenance', 'outgoingBusy', {}, groupMessage('CGB', 1, 'maintenance', [true, false]), 'outgoingBusy', { remoteMaintenance: true }, ['CGBA 1+1'], false],
    ['CGB hardware releases the call', 'outgoingBusy', {}, groupMessage('CGB', 1, 'hardware', [true, false]), 'idle', { remoteHardware: true }, ['CGBA 1+1'], true],
    ['CGU maintenance', 'idle', { remoteMaintenance: true }, groupMessage('CGU', 1, 'maintenance', [true, true]), 'idle', {}, ['CGUA 1+1'], false],
    ['RSC on a call', 'incomingBusy', {}, simple('RSC', 1), 'idle', {}, ['RLC 1'], true],
    ['RSC removes the remote block', 'idle', { remoteMaintenance: true }, simple('RSC', 1), 'idle', {}, ['RLC 1'], false],
    ['RSC on a circuit blocked here: BLO follows RLC', 'idle', { localMaintenance: true }, simple('RSC', 1), 'idle', { localMaintenance: true }, ['RLC 1', 'BLO 1'], false],
    ['RSC while resetting: still awaiting RLC', 'resetting', {}, simple('RSC', 1), 'resetting', {}, ['RLC 1'], false],
    ['GRS on a call', 'outgoingBusy', {}, grs(1, 2), 'idle', {}, ['GRA 1+1'], true],
    ['RLC completes a reset', 'resetting', {}, rlc(1), 'idle', {}, [], false],
    ['RLC without a pending reset is call control business', 'incomingBusy', {}, rlc(1), 'incomingBusy', {}, [], false],
    ['an unsolicited GRA changes nothing', 'idle', {}, gra(1, [true, false]), 'idle', {}, [], false],
  ])('%s', (_, start, initial, message, next, nextLocks, replies, cleared) => {
    const t = prepared(start, initial);
    t.driver.deliver(message);
    expect(t.circuit('g', 1)).toMatchObject({ callState: next, locks: locks(nextLocks) });
    expect(t.driver.take()).toEqual(replies);
    expect(t.events.some((e) => e.type === 'callCleared')).toBe(cleared);
  });

  it('GRA for this side’s GRS: circuits idle, far-end maintenance blocks taken from the status', () => {
    const t = prepared('idle');
    t.manager.reset('g', { ...who, cics: [1, 2, 3] });
    expect(t.driver.take()).toEqual(['GRS 1+2']);
    t.driver.deliver(gra(1, [false, true, false]));
    expect([1, 2, 3].map((cic) => [t.circuit('g', cic).callState, t.circuit('g', cic).locks.remoteMaintenance])).toEqual([
      ['idle', false],
      ['idle', true],
      ['idle', false],
    ]);
  });

  it('GRS answers with the circuits this side has blocked for maintenance', () => {
    const t = prepared('idle');
    t.manager.block('g', { ...who, cics: [2], kind: 'maintenance' });
    t.driver.take();
    t.driver.deliver(grs(1, 4));
    const [reply] = t.driver.sent;
    expect(reply?.type === 'GRA' && reply.params.rangeAndStatus.status).toEqual([false, true, false, false]);
  });

  it('CGBA echoes only the circuits this side has', () => {
    const t = prepared('idle');
    t.driver.deliver(groupMessage('CGB', 3, 'maintenance', [true, true, true]));
    const [reply] = t.driver.sent;
    expect(reply?.type === 'CGBA' && reply.params.rangeAndStatus.status).toEqual([true, true, false]);
  });

  it('an IAM removes the far end’s blocks; an IAM on a circuit blocked here is refused and the block repeated', () => {
    const t = prepared('idle', { remoteMaintenance: true });
    expect(t.manager.seizeIncoming('d', 1, 'in').ok).toBe(true);
    expect(t.circuit('g', 1).locks).toEqual(locks());
    t.manager.block('g', { ...who, cics: [2], kind: 'maintenance' });
    t.driver.take();
    const r = t.manager.seizeIncoming('d', 2, 'in2');
    expect(r.ok ? r.value : r.error.code).toBe('GW_ERR_CIRCUIT_BLOCKED');
    expect(t.driver.take()).toEqual(['BLO 2']);
  });
});

describe('maintenance from this side', () => {
  it('blocks one circuit with BLO and several with CGB; blocked circuits are not hunted', () => {
    const t = prepared('idle');
    t.manager.block('g', { ...who, cics: [1], kind: 'maintenance' });
    t.manager.block('g', { ...who, cics: [2, 4], kind: 'maintenance' });
    expect(t.driver.take()).toEqual(['BLO 1', 'CGB 2+2']);
    expect(t.seize('g', 'a').circuit.cic).toBe(3);
    expect(t.manager.snapshot().groups[0]?.counts).toMatchObject({ locked: 3, available: 0 });
  });

  it('a hardware block releases the call and goes as CGB even for one circuit', () => {
    const t = prepared('outgoingBusy');
    t.manager.block('g', { ...who, cics: [1], kind: 'hardware' });
    expect(t.driver.take()).toEqual(['CGB 1+1']);
    expect(t.circuit('g', 1)).toMatchObject({ callState: 'idle', locks: locks({ localHardware: true }) });
    expect(t.events.find((e) => e.type === 'callCleared')).toMatchObject({ callId: 'call', reason: 'hardwareBlocked' });
  });

  it('unblocks with UBL', () => {
    const t = prepared('idle', { localMaintenance: true });
    t.manager.unblock('g', { ...who, cics: [1], kind: 'maintenance' });
    expect(t.driver.take()).toEqual(['UBL 1']);
    expect(t.circuit('g', 1).locks).toEqual(locks());
  });

  it('resets a busy circuit: the call is cleared, the circuit waits in resetting for RLC', () => {
    const t = prepared('incomingBusy');
    t.manager.reset('g', { ...who, cics: [1] });
    expect(t.driver.take()).toEqual(['RSC 1']);
    expect(t.circuit('g', 1).callState).toBe('resetting');
    expect(t.events.find((e) => e.type === 'callCleared')).toMatchObject({ callId: 'call', reason: 'localReset' });
    expect(t.manager.release('g', 1, 'call').ok).toBe(false);
    t.driver.deliver(rlc(1));
    expect(t.circuit('g', 1).callState).toBe('idle');
  });

  it('resets runs of consecutive circuits with GRS and lone circuits with RSC; blocks are repeated after', () => {
    const t = prepared('idle', { localMaintenance: true });
    t.manager.reset('g', { ...who });
    expect(t.driver.take()).toEqual(['GRS 1+3', 'BLO 1']);
    t.manager.reset('g', { ...who, cics: [1, 2, 4] });
    expect(t.driver.take()).toEqual(['GRS 1+1', 'RSC 4', 'BLO 1']);
  });

  it('repeats an unacknowledged request every T12 and alerts maintenance at T13, then repeats every T13', () => {
    const t = prepared('idle');
    t.manager.block('g', { ...who, cics: [1], kind: 'maintenance' });
    t.clock.advance(15_000 * 3);
    expect(t.driver.take()).toEqual(['BLO 1', 'BLO 1', 'BLO 1', 'BLO 1']);
    t.clock.advance(300_000 - 45_000);
    expect(t.events.filter((e) => e.type === 'maintenanceAlert')).toEqual([{ type: 'maintenanceAlert', at: 300_000, group: 'g', message: 'BLO', cic: 1, timer: 'T13' }]);
    // T12 repeats at 60 s, 75 s, … 285 s, then the alert's own repeat at 300 s
    expect(t.driver.take()).toHaveLength(17);
    t.clock.advance(300_000);
    expect(t.driver.take()).toEqual(['BLO 1']);
    t.driver.deliver(simple('BLA', 1));
    t.clock.advance(3_600_000);
    expect(t.driver.take()).toEqual([]);
    expect(t.manager.snapshot().groups[0]?.pending).toEqual([]);
  });

  it('uses the group’s timer values and refuses values outside the Q.764 range', () => {
    const t = setup([group('g', [1], { timers: { T16: 60_000 } })]);
    t.manager.reset('g', { ...who });
    t.clock.advance(59_999);
    expect(t.driver.take()).toEqual(['RSC 1']);
    t.clock.advance(1);
    expect(t.driver.take()).toEqual(['RSC 1']);
    expect(t.manager.snapshot().groups[0]?.pending).toEqual([{ type: 'RSC', cic: 1, circuits: 1, since: 0, sent: 2 }]);
    expect(() => setup([group('g', [1], { timers: { T12: 1000 } })])).toThrow(/T12: 1000 ms is outside 15000..60000 ms/);
  });

  it('runs each group’s requests on that group’s timers', () => {
    const t = setup([group('a', [1]), group('b', [2], { timers: { T12: 30_000 } })]);
    t.manager.block('a', { ...who, kind: 'maintenance' });
    t.manager.block('b', { ...who, kind: 'maintenance' });
    t.clock.advance(15_000);
    expect(t.driver.take()).toEqual(['BLO 1', 'BLO 2', 'BLO 1']);
    t.clock.advance(15_000);
    // at 30 s: b's first repeat (its timer was set first), then a's second
    expect(t.driver.take()).toEqual(['BLO 2', 'BLO 1']);
  });

  it('an unblock replaces a pending block', () => {
    const t = prepared('idle');
    t.manager.block('g', { ...who, cics: [1], kind: 'maintenance' });
    t.manager.unblock('g', { ...who, cics: [1], kind: 'maintenance' });
    expect(t.manager.snapshot().groups[0]?.pending.map((p) => p.type)).toEqual(['UBL']);
  });

  it('records who did what, when and why', () => {
    const t = prepared('idle');
    t.clock.advance(42);
    t.manager.block('g', { who: 'noc', why: 'fault 17', cics: [2], kind: 'hardware' });
    t.manager.drain('g', { who: 'noc', why: 'migration' });
    const log = t.manager.auditLog();
    expect(log.slice(-2)).toEqual([
      { at: 42, who: 'noc', why: 'fault 17', action: 'block', group: 'g', cics: [2], kind: 'hardware' },
      { at: 42, who: 'noc', why: 'migration', action: 'drain', group: 'g', cics: [] },
    ]);
    expect(t.events.filter((e) => e.type === 'audit').map((e) => e.type === 'audit' && e.record.action)).toEqual(['block', 'drain']);
  });

  it('keeps only the last auditLimit records', () => {
    const t = setup([group('g', [1])], { auditLimit: 2 });
    for (const why of ['a', 'b', 'c']) t.manager.drain('g', { who: 'x', why });
    expect(t.manager.auditLog().map((r) => r.why)).toEqual(['b', 'c']);
  });

  it('refuses circuits the group does not have, and unknown groups', () => {
    const t = prepared('idle');
    const r = t.manager.block('g', { ...who, cics: [9], kind: 'maintenance' });
    expect(r.ok ? r.value : r.error.code).toBe('GW_ERR_UNKNOWN_CIRCUIT');
    const u = t.manager.reset('nope', who);
    expect(u.ok ? u.value : u.error.code).toBe('GW_ERR_UNKNOWN_GROUP');
    expect(t.driver.take()).toEqual([]);
  });
});

describe('drain', () => {
  it('refuses new calls, lets running calls finish and reports when the group is drained', () => {
    const t = setup([group('g', [1, 2, 3], { retryAfterSeconds: 30 })]);
    t.seize('g', 'a');
    t.manager.drain('g', who);
    const r = t.manager.seize('g', { callId: 'b' });
    expect(r.ok ? r.value : r.error).toMatchObject({ code: 'GW_ERR_GROUP_DRAINING', retryAfterSeconds: 30 });
    const incoming = t.manager.seizeIncoming('d', 3, 'pstn');
    expect(incoming.ok && incoming.value.refuse?.code).toBe('GW_ERR_GROUP_DRAINING');
    expect(t.events.some((e) => e.type === 'drained')).toBe(false);
    t.manager.release('g', 1, 'a');
    expect(t.events.some((e) => e.type === 'drained')).toBe(false);
    t.manager.release('g', 3, 'pstn');
    expect(t.events.filter((e) => e.type === 'drained')).toEqual([{ type: 'drained', at: 0, group: 'g' }]);
    t.manager.resume('g', who);
    expect(t.manager.seize('g', { callId: 'c' }).ok).toBe(true);
  });

  it('an idle group is drained at once', () => {
    const t = setup([group('g', [1])]);
    t.manager.drain('g', who);
    expect(t.events.map((e) => e.type)).toEqual(['audit', 'draining', 'drained']);
  });
});
