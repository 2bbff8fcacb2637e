import { describe, expect, it } from 'vitest';
import { acm, anm, iam, rel, rlc } from '../../src/drivers/isup-messages.js';
import {
  answerAfter,
  busy,
  congestion,
  noAnswer,
  reject,
  ringThenAnswer,
  withHoldTime,
  withProgress,
  type SimBehaviour,
  type SimRule,
} from '../../src/drivers/sim/behaviour.js';
import { simTandem } from './sim-tandem.js';

function call(behaviour: SimBehaviour, ms: number): string[] {
  const t = simTandem({ rules: [{ called: '.*', behaviour }] });
  t.sim.send(iam(1, { called: '100' }));
  t.clock.advance(ms);
  return t.got;
}

describe('simulated exchange: answering Tandem’s calls by behaviour', () => {
  it.each<[string, SimBehaviour, number, string[]]>([
    ['answer after N ms', answerAfter(300), 1000, ['0 ACM 1 status 0', '300 ANM 1']],
    ['ring N ms, then answer', ringThenAnswer(4000), 10_000, ['0 ACM 1 status 1', '4000 ANM 1']],
    ['busy', busy(), 1000, ['0 REL 1 cause 17']],
    ['no answer', noAnswer(), 600_000, ['0 ACM 1 status 1']],
    ['reject with any cause', reject(21, 50), 1000, ['50 REL 1 cause 21']],
    ['congestion, no circuit', congestion(34), 1000, ['0 REL 1 cause 34']],
    ['congestion, switching equipment', congestion(42), 1000, ['0 REL 1 cause 42']],
    ['release after a hold time', withHoldTime(answerAfter(100), 60_000), 100_000, ['0 ACM 1 status 0', '100 ANM 1', '60100 REL 1 cause 16']],
    ['progress before ringing', withProgress(ringThenAnswer(2000), 'progress', 10), 5000, ['0 ACM 1 status 1', '10 CPG 1 event 2', '2010 ANM 1']],
    ['in-band announcement, then busy', withProgress(reject(17, 3000), 'inband'), 5000, ['0 ACM 1 status 0', '0 CPG 1 event 3', '3000 REL 1 cause 17']],
  ])('%s', (_, behaviour, ms, want) => {
    expect(call(behaviour, ms)).toEqual(want);
  });

  it('flags in-band information in the ACM and CPG of an announcement', () => {
    const t = simTandem({ rules: [{ called: '.*', behaviour: withProgress(busy(), 'inband') }] });
    t.sim.send(iam(1, { called: '1' }));
    t.clock.advance(0);
    const inband = t.messages.map((m) => m.optional.some((p) => p.name === 'optionalBackwardCallIndicators' && p.value.inbandInformation));
    expect(inband).toEqual([true, true, false]);
  });

  it('picks the behaviour of the first rule matching the whole called number, else the default', () => {
    const rules: SimRule[] = [
      { called: '17\\d*', behaviour: busy() },
      { called: '1\\d{3}', behaviour: reject(1) },
      { called: '1234', behaviour: reject(3) },
    ];
    const t = simTandem({ rules, defaultBehaviour: reject(127) });
    ['1700', '1234', '12345', '999'].forEach((called, i) => t.sim.send(iam(i + 1, { called: `${called}F` })));
    t.clock.advance(0);
    expect(t.got).toEqual(['0 REL 1 cause 17', '0 REL 2 cause 1', '0 REL 3 cause 127', '0 REL 4 cause 127']);
  });

  it('answers at once by default', () => {
    const t = simTandem();
    t.sim.send(iam(1, { called: '1' }));
    t.clock.advance(0);
    expect(t.got).toEqual(['0 ACM 1 status 0', '0 ANM 1']);
  });

  it('answers REL with RLC and stops the script', () => {
    const t = simTandem({ rules: [{ called: '.*', behaviour: ringThenAnswer(5000) }] });
    t.sim.send(iam(2, { called: '1', calling: '555' }));
    t.clock.advance(1000);
    expect(t.sim.state().circuits[1]?.call).toEqual({ direction: 'terminating', state: 'alerting', called: '1', calling: '555' });
    t.sim.send(rel(2, 16));
    t.clock.advance(10_000);
    expect(t.got).toEqual(['0 ACM 2 status 1', '1000 RLC 2']);
    expect(t.sim.state().circuits[1]?.call).toBeUndefined();
  });

  it('stops the script when Tandem releases in answer to a message, before the next step', () => {
    const t = simTandem();
    // Tandem sends REL while the ACM is being delivered (the sim delivers it from its step timer)
    t.sim.subscribe((e) => {
      if (e.kind === 'message' && e.message.type === 'ACM') t.sim.send(rel(e.message.cic, 16));
    });
    t.sim.send(iam(1, { called: '1' }));
    t.clock.advance(1000);
    expect(t.got).toEqual(['0 ACM 1 status 0', '0 RLC 1']);
    expect(t.sim.state().circuits[0]?.call).toBeUndefined();
  });

  it('answers REL on an idle circuit with RLC too (Q.764 §2.3)', () => {
    const t = simTandem();
    t.sim.send(rel(3, 31));
    t.clock.advance(0);
    expect(t.got).toEqual(['0 RLC 3']);
  });

  it('clears its call when Tandem completes the release it started', () => {
    const t = simTandem({ rules: [{ called: '.*', behaviour: busy() }] });
    t.sim.send(iam(1, { called: '1' }));
    t.clock.advance(0);
    expect(t.sim.state().circuits[0]?.call?.state).toBe('releasing');
    t.sim.send(rlc(1));
    expect(t.sim.state().circuits[0]?.call).toBeUndefined();
    expect(t.sim.state().unexpected).toEqual([]);
  });

  it('keeps messages that do not fit the circuit state', () => {
    const t = simTandem();
    t.sim.send(anm(1));
    t.sim.send(rlc(1));
    expect(t.sim.state().unexpected.map((m) => m.type)).toEqual(['ANM', 'RLC']);
  });

  it('delays every message toward Tandem by the signalling delay', () => {
    const t = simTandem({ signallingDelayMs: 25, rules: [{ called: '.*', behaviour: answerAfter(100) }] });
    t.sim.send(iam(1, { called: '1' }));
    t.clock.advance(1000);
    expect(t.got).toEqual(['25 ACM 1 status 0', '125 ANM 1']);
  });
});

describe('simulated exchange: calling Tandem', () => {
  it('originates on the highest free circuit with the configured numbers', () => {
    const t = simTandem();
    expect(t.sim.originate({ called: '200', calling: '300' })).toEqual({ ok: true, value: 4 });
    expect(t.sim.originate({ called: '201', cic: 2 })).toEqual({ ok: true, value: 2 });
    t.clock.advance(0);
    const iams = t.messages.flatMap((m) => (m.type === 'IAM' ? [[m.cic, m.params.calledPartyNumber.digits, m.optional.length]] : []));
    expect(iams).toEqual([
      [4, '200', 1],
      [2, '201', 0],
    ]);
    const busyCircuit = t.sim.originate({ called: '1', cic: 4 });
    expect(busyCircuit.ok ? busyCircuit.value : busyCircuit.error.code).toBe('GW_ERR_SIM_NO_CIRCUIT');
  });

  it('releases after the hold time once Tandem answers, then expects RLC', () => {
    const t = simTandem();
    t.sim.originate({ called: '200', holdMs: 30_000 });
    t.clock.advance(0);
    t.sim.send(acm(4, 'free'));
    t.clock.advance(2000);
    t.sim.send(anm(4));
    t.clock.advance(30_000);
    expect(t.got).toEqual(['0 IAM 4', '32000 REL 4 cause 16']);
    t.sim.send(rlc(4));
    expect(t.sim.state().circuits[3]?.call).toBeUndefined();
    expect(t.sim.state().unexpected).toEqual([]);
  });

  it('originates at a configured rate from start, for a configured count', () => {
    const t = simTandem({ originate: { called: '200', calling: '300', intervalMs: 1000, count: 3 } });
    t.clock.advance(10_000);
    expect(t.got).toEqual(['1000 IAM 4', '2000 IAM 3', '3000 IAM 2']);
    expect(t.sim.state().counters.originated).toBe(3);
  });

  it('skips a scheduled call when no circuit is free, and stops on demand', () => {
    const t = simTandem();
    t.sim.startOriginating({ called: '200', intervalMs: 100 });
    t.clock.advance(600);
    expect(t.sim.state().counters.originated).toBe(4);
    t.sim.stopOriginating();
    t.sim.send(rel(4, 16));
    t.clock.advance(1000);
    expect(t.sim.state().counters.originated).toBe(4);
  });
});

describe('simulated exchange: link', () => {
  it('refuses to send or seize while the link is down, and reports link changes', () => {
    const t = simTandem();
    t.sim.stop();
    t.clock.advance(0);
    const sent = t.sim.send(iam(1, { called: '1' }));
    const seized = t.sim.seize(1);
    const originated = t.sim.originate({ called: '1' });
    expect([sent, seized, originated].map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'GW_ERR_DRIVER_LINK_DOWN',
      'GW_ERR_DRIVER_LINK_DOWN',
      'GW_ERR_DRIVER_LINK_DOWN',
    ]);
    t.sim.start();
    t.clock.advance(0);
    expect(t.sim.seize(1).ok).toBe(true);
    const unknown = t.sim.seize(9);
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('GW_ERR_DRIVER_UNKNOWN_CIC');
    expect(t.got).toEqual(['0 link down', '0 link up']);
  });

  it('drops messages still in flight when the link goes down', () => {
    const t = simTandem({ signallingDelayMs: 50 });
    t.sim.send(iam(1, { called: '1' }));
    t.clock.advance(10);
    t.sim.stop();
    t.clock.advance(1000);
    expect(t.got).toEqual(['10 link down']);
  });
});
