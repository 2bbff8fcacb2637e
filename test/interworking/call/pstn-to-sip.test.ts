// PSTN → SIP calls end to end: an IAM from the simulated exchange through CallControl to a SIP
// peer, over the real UA, trunk-group manager and driver port.
import { describe, expect, it } from 'vitest';
import { iam, rel } from '../../../src/drivers/isup-messages.js';
import type { OnCircuit } from '../../../src/drivers/port.js';
import { fieldValues, type SipRequest } from '../../../src/sip/message/index.js';
import type { ServerCall } from '../../../src/sip/ua/index.js';
import { gateway, SDP_PBX, type Gateway } from './harness.js';

/** The PBX answers every INVITE: 180 at once, 200 after `answerMs` (never when undefined). */
function pbxAnswers(g: Gateway, answerMs?: number): ServerCall[] {
  const calls: ServerCall[] = [];
  g.pbx.on('invite', (c) => {
    calls.push(c);
    c.progress(180);
    if (answerMs !== undefined) g.clock.setTimer(answerMs, () => void c.answer({ sdp: SDP_PBX }));
  });
  return calls;
}

const invitesTo = (g: Gateway, peer: string): SipRequest[] =>
  g.wire.sent.filter((s) => s.from === 'GW' && s.to === peer && s.message.kind === 'request' && s.message.method === 'INVITE').map((s) => s.message as SipRequest);

describe('P→S: an answered call', () => {
  it('IAM → INVITE, 180 → ACM, 200 → ANM; REL 16 from the PSTN → RLC and BYE with Reason', async () => {
    const g = gateway();
    pbxAnswers(g, 500);
    g.sim.originate({ called: '301234', calling: '5550100', holdMs: 2000 });
    await g.run(3000);
    // The circuit's bearer opens asynchronously: the INVITE leaves on the test clock's next 10 ms step.
    expect(g.trace).toEqual([
      '     0  sim>GW IAM 4 called=301234',
      '    10  GW>PBX INVITE 1',
      '    20  PBX>GW 100 (INVITE 1)',
      '    20  PBX>GW 180 (INVITE 1)',
      '    30  GW>sim ACM 4 status=1',
      '   520  PBX>GW 200 (INVITE 1)',
      '   530  GW>PBX ACK 1',
      '   530  GW>sim ANM 4',
      '  2530  sim>GW REL 4 cause=16',
      '  2530  GW>sim RLC 4',
      '  2530  GW>PBX BYE 2',
      '  2540  PBX>GW 200 (BYE 2)',
    ]);
    const [invite] = invitesTo(g, 'PBX');
    expect(invite?.uri).toBe('sip:+49301234@192.0.2.2;user=phone');
    expect(fieldValues(invite?.headers ?? [], 'From')[0]).toMatch(/^<sip:\+495550100@192\.0\.2\.2;user=phone>;tag=/);
    expect(Buffer.from(invite?.body ?? []).toString()).toContain('c=IN IP4 198.51.100.7');
    expect(g.wire.sent.find((s) => s.message.kind === 'request' && s.message.method === 'BYE')?.message.headers.find((h) => h.name === 'Reason')?.value).toBe(
      'Q.850;cause=16;text="Normal call clearing";location=LN',
    );
    expect(g.steps('k1')).toEqual(['attemptStarted', 'routed', 'setupSent', 'backward:180', 'alerting', 'media', 'answered', 'released:pstn:16:200']);
    expect(g.events[0]).toMatchObject({ type: 'attemptStarted', direction: 'pstnToSip', trunkGroup: 'e1', circuit: { cic: 4 }, called: '301234', calling: '5550100', presentation: 'allowed' });
    expect(g.control.activeCalls).toBe(0);
  });

  it('BYE from SIP → REL 16 → RLC', async () => {
    const g = gateway();
    const calls = pbxAnswers(g, 100);
    g.sim.originate({ called: '301234' });
    await g.run(500);
    calls[0]?.bye();
    await g.run(100);
    expect(g.trace.slice(-3)).toEqual(['   510  GW>sim REL 4 cause=16', '   510  GW>PBX 200 (BYE 1)', '   510  sim>GW RLC 4']);
    expect(g.steps('k1').at(-1)).toBe('released:sip:16:200');
    expect(g.manager.snapshot().groups[0]?.circuits[3]?.callState).toBe('idle');
  });
});

describe('P→S: the callee fails', () => {
  it.each([
    [486, [], 17],
    [484, [], 28],
    [404, [], 1],
    [480, [], 18],
    [503, [], 41],
    [603, [{ protocol: 'Q.850', cause: 21, params: [] }], 21],
    [500, [{ protocol: 'Q.850', cause: 34, params: [{ name: 'location', value: 'TN' }] }], 34],
  ])('%i (Reason %j) → REL cause %i → RLC', async (status, reason, cause) => {
    const g = gateway({ routes: [{ name: 'in', match: '.*', to: [{ kind: 'peer', name: 'pbx' }], failoverCauses: [] }] });
    g.pbx.on('invite', (c) => c.reject(status, { reason }));
    g.sim.originate({ called: '301234' });
    await g.run(100);
    expect(g.trace.slice(-2)).toEqual([`    30  GW>sim REL 4 cause=${cause}`, '    30  sim>GW RLC 4']);
    expect(g.steps('k1').at(-1)).toBe(`released:sip:${cause}:${status}`);
  });

  it('a failure with a failover cause tries the route’s next peer: 503 from the PBX, the SIP-I carrier answers', async () => {
    const g = gateway();
    g.pbx.on('invite', (c) => c.reject(503));
    g.carrier.on('invite', (c) => void c.answer({ sdp: SDP_PBX }));
    g.sim.originate({ called: '301234' });
    await g.run(200);
    expect(g.trace).toEqual([
      '     0  sim>GW IAM 4 called=301234',
      '    10  GW>PBX INVITE 1',
      '    20  PBX>GW 100 (INVITE 1)',
      '    20  PBX>GW 503 (INVITE 1)',
      '    30  GW>PBX ACK 1',
      '    30  GW>CARRIER INVITE 1',
      '    40  CARRIER>GW 100 (INVITE 1)',
      '    40  CARRIER>GW 200 (INVITE 1)',
      '    50  GW>CARRIER ACK 1',
      '    50  GW>sim CON 4',
    ]);
    expect(g.steps('k1')).toEqual(['attemptStarted', 'routed', 'setupSent', 'routed', 'setupSent', 'media', 'answered']);
  });
});

describe('P→S: release from the PSTN before answer, and T11', () => {
  it('REL before answer → RLC and CANCEL with Reason; the callee answers 487', async () => {
    const g = gateway();
    pbxAnswers(g);
    g.sim.originate({ called: '301234' });
    await g.run(100);
    g.tap.inject(rel(4, 31));
    await g.run(100);
    expect(g.trace.slice(-6)).toEqual([
      '   100  sim>GW REL 4 cause=31',
      '   100  GW>sim RLC 4',
      '   100  GW>PBX CANCEL 1',
      '   110  PBX>GW 200 (CANCEL 1)',
      '   110  PBX>GW 487 (INVITE 1)',
      '   120  GW>PBX ACK 1',
    ]);
    const cancel = g.wire.sent.find((s) => s.message.kind === 'request' && s.message.method === 'CANCEL')?.message;
    expect(fieldValues(cancel?.headers ?? [], 'Reason')).toEqual(['Q.850;cause=31;text="Normal, unspecified";location=LN']);
    expect(g.steps('k1').at(-1)).toBe('released:pstn:31:487');
  });

  it('T11: the callee says nothing after 100 Trying for 15 s → ACM "no indication", then the 180 → CPG alerting', async () => {
    const g = gateway();
    g.pbx.on('invite', (c) => g.clock.setTimer(20_000, () => void c.progress(180)));
    g.sim.originate({ called: '301234' });
    await g.run(21_000);
    expect(g.trace.filter((l) => l.includes('GW>sim'))).toEqual([' 15010  GW>sim ACM 4 status=0', ' 20030  GW>sim CPG 4 event=1']);
  });
});

describe('P→S: SIP timers', () => {
  it('a callee that never answers: T11 sends the ACM at 15 s, Timer B (64*T1) fails the INVITE at 32 s with 408 → REL 102', async () => {
    const g = gateway();
    const drop = g.wire.drop;
    g.wire.drop = (m, from, to) => drop(m, from, to) || to === 'PBX';
    g.sim.originate({ called: '301234' });
    await g.run(33_000);
    expect(g.trace.filter((l) => l.includes('sim'))).toEqual(['     0  sim>GW IAM 4 called=301234', ' 15010  GW>sim ACM 4 status=0', ' 32010  GW>sim REL 4 cause=102', ' 32010  sim>GW RLC 4']);
    expect(g.steps('k1').at(-1)).toBe('released:sip:102:408');
  });

  it('a reset during an answered call: BYE with Reason cause 41', async () => {
    const g = gateway();
    pbxAnswers(g, 0);
    g.sim.originate({ called: '301234' });
    await g.run(100);
    g.manager.reset('e1', { who: 'test', why: 'reset', cics: [4] });
    await g.run(100);
    const bye = g.wire.sent.find((s) => s.from === 'GW' && s.message.kind === 'request' && s.message.method === 'BYE')?.message;
    expect(fieldValues(bye?.headers ?? [], 'Reason')).toEqual(['Q.850;cause=41;text="Temporary failure";location=LN']);
    expect(g.steps('k1').at(-1)).toBe('released:gateway:41:200');
  });
});

describe('P→S: overlap address (IAM + SAMs) sent en bloc', () => {
  const overlap = { overlap: { e1: { minDigits: 6, maxDigits: 11, complete: '30\\d{5}' } } };
  const sam = (cic: number, digits: string): OnCircuit<'SAM'> => ({ type: 'SAM', cic, params: { subsequentNumber: { digits } }, optional: [] });

  it('collects digits until ST, then sends one INVITE with the whole number', async () => {
    const g = gateway({ mapping: overlap });
    pbxAnswers(g);
    g.tap.inject(iam(3, { called: '301' }));
    await g.run(1000);
    g.tap.inject(sam(3, '23'));
    await g.run(1000);
    g.tap.inject(sam(3, '4F'));
    await g.run(100);
    expect(g.trace.slice(0, 4)).toEqual(['     0  sim>GW IAM 3 called=301', '  1000  sim>GW SAM 3 digits=23', '  2000  sim>GW SAM 3 digits=4F', '  2010  GW>PBX INVITE 1']);
    expect(invitesTo(g, 'PBX')[0]?.uri).toBe('sip:+49301234@192.0.2.2;user=phone');
  });

  it('a number the trunk group’s pattern calls complete goes at once', async () => {
    const g = gateway({ mapping: overlap });
    pbxAnswers(g);
    g.tap.inject(iam(3, { called: '3012' }));
    g.tap.inject(sam(3, '345'));
    await g.run(100);
    expect(invitesTo(g, 'PBX')[0]?.uri).toBe('sip:+493012345@192.0.2.2;user=phone');
  });

  it('T35 (15 s after the last digit) with enough digits: the INVITE goes with them', async () => {
    const g = gateway({ mapping: overlap });
    pbxAnswers(g);
    g.tap.inject(iam(3, { called: '30123' }));
    await g.run(5000);
    g.tap.inject(sam(3, '4'));
    await g.run(16_000);
    expect(g.trace.filter((l) => l.includes('INVITE'))[0]).toBe(' 20000  GW>PBX INVITE 1');
  });

  it('T35 with fewer digits than the minimum: REL 28 → RLC, no INVITE', async () => {
    const g = gateway({ mapping: overlap });
    g.tap.inject(iam(3, { called: '301' }));
    await g.run(16_000);
    expect(g.trace).toEqual(['     0  sim>GW IAM 3 called=301', ' 15000  GW>sim REL 3 cause=28', ' 15000  sim>GW RLC 3']);
    expect(g.steps('k1')).toEqual(['attemptStarted', 'released:gateway:28:-']);
  });

  it('the caller gives up while digits are collected: REL → RLC, no INVITE; CDR released by the PSTN', async () => {
    const g = gateway({ mapping: overlap });
    g.tap.inject(iam(3, { called: '301' }));
    await g.run(1000);
    g.tap.inject(rel(3, 16));
    await g.run(100);
    expect(g.trace).toEqual(['     0  sim>GW IAM 3 called=301', '  1000  sim>GW REL 3 cause=16', '  1000  GW>sim RLC 3']);
    expect(g.steps('k1')).toEqual(['attemptStarted', 'released:pstn:16:-']);
    expect(g.control.activeCalls).toBe(0);
  });

  it('without a rule the IAM is en bloc: the INVITE goes at once', async () => {
    const g = gateway();
    pbxAnswers(g);
    g.tap.inject(iam(3, { called: '301' }));
    await g.run(100);
    expect(invitesTo(g, 'PBX')[0]?.uri).toBe('sip:+49301@192.0.2.2;user=phone');
  });
});

describe('P→S: calls the gateway refuses', () => {
  it('a draining trunk group: REL 34 → RLC; CDR refused by draining', async () => {
    const g = gateway();
    g.manager.drain('e1', { who: 'test', why: 'drain' });
    g.sim.originate({ called: '301234' });
    await g.run(100);
    expect(g.trace).toEqual(['     0  sim>GW IAM 4 called=301234', '     0  GW>sim REL 4 cause=34', '     0  sim>GW RLC 4']);
    expect(g.steps('k1')).toEqual(['attemptStarted', 'refused:draining:34:-']);
  });

  it('no route: REL 3; CDR refused by noRoute', async () => {
    const g = gateway({ routes: [] });
    g.sim.originate({ called: '301234' });
    await g.run(100);
    expect(g.trace[1]).toBe('     0  GW>sim REL 4 cause=3');
    expect(g.steps('k1')).toEqual(['attemptStarted', 'refused:noRoute:3:-']);
  });

  it('a REL on a circuit without a call is answered RLC (Q.764 §2.3)', async () => {
    const g = gateway();
    g.tap.inject(rel(2, 16));
    await g.run(10);
    expect(g.trace).toEqual(['     0  sim>GW REL 2 cause=16', '     0  GW>sim RLC 2']);
  });
});
