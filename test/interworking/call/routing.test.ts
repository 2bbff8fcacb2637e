// Routing of S→P calls: congestion (503 + Retry-After), failover to the route's next trunk group
// on its causes, dual seizure re-attempts, no route, numbers and bearers that do not map, and a
// circuit cleared under a call.
import { describe, expect, it } from 'vitest';
import { answerAfter, congestion, reject } from '../../../src/drivers/sim/behaviour.js';
import { fieldValues } from '../../../src/sip/message/index.js';
import { call, gateway, ROUTES, SDP_CARRIER } from './harness.js';

const headerOf = (g: ReturnType<typeof gateway>, status: number, name: string): string | undefined =>
  g.wire.sent.filter((s) => s.from === 'GW' && s.message.kind === 'response' && s.message.status === status).map((s) => fieldValues(s.message.headers, name)[0])[0];

describe('S→P: congestion', () => {
  it('a group CAC limit on every target: 503 with Retry-After and Reason cause 42; CDR refused by cac', async () => {
    const g = gateway({ cac: { e1: { maxCalls: 1 }, e1b: { maxCalls: 1 } }, sim: { defaultBehaviour: answerAfter(0) }, sim2: { defaultBehaviour: answerAfter(0) } });
    call(g.pbx, '192.0.2.2', '+4930100');
    call(g.pbx, '192.0.2.2', '+4930101');
    await g.run(100);
    const third = call(g.pbx, '192.0.2.2', '+4930102');
    await g.run(100);
    expect(third.seen[0]).toBe('failed 503');
    expect(headerOf(g, 503, 'Retry-After')).toBe('5');
    expect(headerOf(g, 503, 'Reason')).toBe('Q.850;cause=42;text="Switching equipment congestion";location=LN');
    expect(g.steps('k3')).toEqual(['attemptStarted', 'routed', 'refused:cac:42:503']);
  });

  it('no circuit (all blocked): 503 with Retry-After and cause 34; CDR refused by noCircuit', async () => {
    const g = gateway({ routes: [{ ...ROUTES[0], to: [{ kind: 'trunkGroup', name: 'e1' }] } as (typeof ROUTES)[number]] });
    g.manager.block('e1', { who: 'test', why: 'no circuit', kind: 'maintenance' });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    expect(c.seen[0]).toBe('failed 503');
    expect(headerOf(g, 503, 'Retry-After')).toBe('5');
    expect(g.steps('k1')).toEqual(['attemptStarted', 'routed', 'refused:noCircuit:34:503']);
  });

  it('no route for the number: 404 with cause 3; CDR refused by noRoute', async () => {
    const g = gateway({ routes: [{ ...ROUTES[0], match: '^\\+1' } as (typeof ROUTES)[number]] });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    expect(c.seen[0]).toBe('failed 404');
    expect(g.steps('k1')).toEqual(['attemptStarted', 'refused:noRoute:3:404']);
  });

  it('a Request-URI without a telephone number: 484; an offer without PCMA/PCMU/clearmode: 488', async () => {
    const g = gateway();
    const placed = g.pbx.invite('sip:alice@192.0.2.1', { from: '<sip:+4940111222@192.0.2.2>', sdp: 'v=0\r\no=- 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n' });
    if (!placed.ok) throw placed.error;
    const g729 = call(g.pbx, '192.0.2.2', '+4930100', { sdp: 'v=0\r\no=- 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18\r\n' });
    await g.run(100);
    expect(g.wire.sent.filter((s) => s.from === 'GW' && s.message.kind === 'response' && s.message.status >= 400).map((s) => (s.message.kind === 'response' ? s.message.status : 0))).toEqual([484, 488]);
    expect(g729.seen[0]).toBe('failed 488');
    expect(g.trace.filter((l) => l.includes('IAM'))).toEqual([]);
  });
});

describe('number rules of the peer', () => {
  const rules = (inbound: object[], outbound: object[]) => (c: ReturnType<typeof gateway>['config']) => ({
    ...c,
    peers: c.peers.map((p) => (p.name === 'pbx' ? { ...p, numbers: { inbound, outbound } } : p)) as typeof c.peers,
  });

  it('S→P: inbound rules rewrite the called number before routing and the IAM; the CDR keeps the number as received', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) }, config: rules([{ field: 'called', match: '^0([1-9][0-9]+)$', replace: '+49$1' }], []) });
    const placed = g.pbx.invite('sip:030100@192.0.2.1', { from: '<sip:040111222@192.0.2.2>', sdp: 'v=0\r\no=- 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n' });
    if (!placed.ok) throw placed.error;
    await g.run(100);
    expect(g.trace).toContain('    10  GW>sim IAM 1 called=4930100');
    expect(g.events[0]).toMatchObject({ type: 'attemptStarted', called: '030100', calling: '040111222', sipPeer: 'pbx', profile: 'plain' });
  });

  it('P→S: outbound rules rewrite the Request-URI and the From number', async () => {
    const g = gateway({ config: rules([], [{ field: 'both', match: '^\\+49', replace: '0' }]) });
    g.pbx.on('invite', (c) => c.progress(180));
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(100);
    const invite = g.wire.sent.find((x) => x.to === 'PBX')?.message;
    expect(invite?.kind === 'request' && invite.uri).toBe('sip:0301234@192.0.2.2;user=phone');
    expect(fieldValues(invite?.headers ?? [], 'From')[0]).toMatch(/^<sip:05550100@192\.0\.2\.2;user=phone>/);
    expect(g.events.find((e) => e.type === 'setupSent')).toMatchObject({ called: '0301234', calling: '05550100' });
  });
});

describe('S→P: failover to the next target of the route', () => {
  it('REL 34 on e1 (a failover cause) → RLC, then the IAM on e1b, which answers', async () => {
    const g = gateway({ sim: { defaultBehaviour: congestion(34) }, sim2: { defaultBehaviour: answerAfter(100) } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(300);
    expect(g.trace.filter((l) => l.includes('>sim') || l.includes('sim'))).toEqual([
      '    10  GW>sim IAM 1 called=4930100',
      '    10  sim>GW REL 1 cause=34',
      '    10  GW>sim RLC 1',
      '    20  GW>sim2 IAM 1 called=4930100',
      '    20  sim2>GW ACM 1 status=0',
      '   120  sim2>GW ANM 1',
    ]);
    expect(c.seen).toEqual(['183', '200 sdp']);
    expect(g.steps('k1').slice(0, 8)).toEqual(['attemptStarted', 'routed', 'seized:e1/1', 'setupSent', 'seized:e1b/1', 'setupSent', 'backward:ACM', 'media']);
  });

  it('no failover on a cause the route does not list: REL 17 → 486', async () => {
    const g = gateway({ sim: { defaultBehaviour: reject(17) } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    expect(c.seen[0]).toBe('failed 486');
    expect(g.trace.filter((l) => l.includes('sim2'))).toEqual([]);
  });

  it('the last target’s failover cause is final: REL 34 on both → 503', async () => {
    const g = gateway({ sim: { defaultBehaviour: congestion(34) }, sim2: { defaultBehaviour: congestion(34) } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    expect(c.seen[0]).toBe('failed 503');
    expect(g.trace.filter((l) => l.includes('RLC'))).toHaveLength(2);
    expect(g.steps('k1').at(-1)).toBe('released:pstn:34:503');
  });

  it('a group that is full is skipped: the call seizes on the next target', async () => {
    const g = gateway({ cac: { e1: { maxCalls: 1 } }, sim: { defaultBehaviour: answerAfter(0) }, sim2: { defaultBehaviour: answerAfter(0) } });
    call(g.pbx, '192.0.2.2', '+4930100');
    call(g.pbx, '192.0.2.2', '+4930101');
    await g.run(100);
    expect(g.trace.filter((l) => l.includes('IAM'))).toEqual(['    10  GW>sim IAM 1 called=4930100', '    10  GW>sim2 IAM 1 called=4930101']);
  });
});

describe('S→P: dual seizure', () => {
  it('the exchange controls the circuit: its IAM wins, ours re-attempts on the next circuit; the CDR records the glare attempt', async () => {
    const g = gateway({ glare: { policy: 'fixed', winner: 'remote', maxReattempts: 1 }, sim: { controls: 'all', signallingDelayMs: 50, defaultBehaviour: answerAfter(0) } });
    g.pbx.on('invite', (c) => c.progress(180));
    expect(g.sim.originate({ cic: 1, called: '301234' })).toEqual({ ok: true, value: 1 });
    const ours = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(300);
    expect(g.trace.filter((l) => l.includes('sim'))).toEqual([
      '    10  GW>sim IAM 1 called=4930100',
      '    50  sim>GW IAM 1 called=301234',
      '    50  GW>sim IAM 2 called=4930100',
      '    70  GW>sim ACM 1 status=1',
      '   100  sim>GW ACM 2 status=0',
      '   100  sim>GW ANM 2',
    ]);
    expect(g.sim.state().counters).toMatchObject({ glareWon: 1 });
    expect(ours.seen).toEqual(['183', '200 sdp']);
    expect(g.steps('k1').slice(0, 7)).toEqual(['attemptStarted', 'routed', 'seized:e1/1', 'setupSent', 'glare', 'seized:e1/2', 'setupSent']);
    expect(g.steps('k2').slice(0, 1)).toEqual(['attemptStarted']);
  });

  it('re-attempts used up: the call fails over to the next trunk group (cause 34 is a failover cause)', async () => {
    const g = gateway({ glare: { policy: 'fixed', winner: 'remote', maxReattempts: 0 }, sim: { controls: 'all', signallingDelayMs: 50 }, sim2: { defaultBehaviour: answerAfter(0) } });
    g.pbx.on('invite', () => undefined);
    g.sim.originate({ cic: 1, called: '301234' });
    const ours = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(300);
    expect(g.trace.filter((l) => l.includes('IAM'))).toEqual(['    10  GW>sim IAM 1 called=4930100', '    50  sim>GW IAM 1 called=301234', '    50  GW>sim2 IAM 1 called=4930100']);
    expect(ours.seen).toEqual(['183', '200 sdp']);
  });
});

describe('S→P: the circuit is cleared under the call', () => {
  it('a reset during an answered call: BYE with Reason cause 41, no REL', async () => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    g.manager.reset('e1', { who: 'test', why: 'reset', cics: [1] });
    await g.run(100);
    expect(g.trace.slice(-4)).toEqual(['   100  GW>PBX BYE 1', '   100  GW>sim RSC 1', '   100  sim>GW RLC 1', '   110  PBX>GW 200 (BYE 1)']);
    expect(c.seen.slice(-2)).toEqual(['bye', 'terminated remote-bye']);
    expect(g.steps('k1').at(-1)).toBe('released:gateway:41:200');
    expect(g.control.activeCalls).toBe(0);
  });

  it('a reset before answer: 503 with cause 41', async () => {
    const g = gateway({ sim: { defaultBehaviour: { steps: [{ afterMs: 0, send: 'ACM', status: 'free' }] } } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    g.manager.reset('e1', { who: 'test', why: 'reset', cics: [1] });
    await g.run(100);
    expect(c.seen).toEqual(['180', 'failed 503', 'terminated failed']);
    expect(g.control.calls()).toEqual([]);
  });
});

describe('routes mixing trunk groups and SIP peers: each call tries the targets of its kind, in order', () => {
  const mixed = [
    { name: 'mixed-out', from: ['pbx'], match: '^\\+?[0-9]+$', to: [{ kind: 'peer', name: 'carrier' }, { kind: 'trunkGroup', name: 'e1' }, { kind: 'trunkGroup', name: 'e1b' }], failoverCauses: [34, 41] },
    { name: 'mixed-in', from: ['e1'], match: '^\\+?[0-9]+$', to: [{ kind: 'trunkGroup', name: 'e1b' }, { kind: 'peer', name: 'pbx' }, { kind: 'trunkGroup', name: 'e1' }, { kind: 'peer', name: 'carrier' }], failoverCauses: [34, 41] },
  ] as const satisfies readonly (typeof ROUTES)[number][];

  it('P→S: the PBX answers 503 (cause 41, a failover cause), then the carrier answers; the trunk groups between are passed over', async () => {
    const g = gateway({ routes: mixed });
    g.pbx.on('invite', (c) => void c.reject(503));
    g.carrier.on('invite', (c) => void c.answer({ sdp: SDP_CARRIER }));
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(300);
    const invites = g.wire.sent.filter((s) => s.from === 'GW' && s.message.kind === 'request' && s.message.method === 'INVITE').map((s) => s.to);
    expect(invites).toEqual(['PBX', 'CARRIER']);
    expect(g.control.calls()[0]).toMatchObject({ state: 'Answered', peer: 'carrier' });
    expect(g.trace.filter((l) => l.includes('GW>sim2'))).toEqual([]);
    expect(g.events.filter((e) => e.type === 'routed').map((e) => (e.type === 'routed' ? `${e.route}:${e.sipPeer ?? '-'}` : ''))).toEqual(['mixed-in:pbx', 'mixed-in:carrier']);
  });

  it('P→S: a cause the route does not list ends the call at the first peer (486 → REL 17)', async () => {
    const g = gateway({ routes: mixed });
    g.pbx.on('invite', (c) => void c.reject(486));
    g.carrier.on('invite', (c) => void c.answer({ sdp: SDP_CARRIER }));
    g.sim.originate({ called: '301234', calling: '5550100' });
    await g.run(300);
    expect(g.wire.sent.filter((s) => s.from === 'GW' && s.message.kind === 'request' && s.message.method === 'INVITE').map((s) => s.to)).toEqual(['PBX']);
    expect(g.trace.filter((l) => l.includes('GW>sim REL'))).toEqual([expect.stringMatching(/REL 4 cause=17$/)]);
  });

  it('S→P: the peer target is passed over, and the trunk groups are hunted in order (REL 34 on e1 → e1b)', async () => {
    const g = gateway({ routes: mixed, sim: { defaultBehaviour: congestion(34) }, sim2: { defaultBehaviour: answerAfter(100) } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(300);
    expect(g.trace.filter((l) => / (IAM|REL) /.test(l)).map((l) => l.slice(8))).toEqual(['GW>sim IAM 1 called=4930100', 'sim>GW REL 1 cause=34', 'GW>sim2 IAM 1 called=4930100']);
    expect(c.seen).toEqual(['183', '200 sdp']);
    expect(g.wire.sent.filter((s) => s.to === 'CARRIER')).toEqual([]);
  });
});
