// SIP → PSTN calls end to end: a SIP peer's INVITE through CallControl to the simulated exchange,
// over the real UA, trunk-group manager and driver port. Traces show every SIP and ISUP message.
import { describe, expect, it } from 'vitest';
import { answerAfter, busy, noAnswer, reject, ringThenAnswer, withHoldTime, type SimBehaviour } from '../../../src/drivers/sim/behaviour.js';
import { rel } from '../../../src/drivers/isup-messages.js';
import { fieldValues } from '../../../src/sip/message/index.js';
import { call, gateway, ROUTES } from './harness.js';

const to = (called: string, behaviour: SimBehaviour) => ({ rules: [{ called, behaviour }] });
const reasonOf = (g: ReturnType<typeof gateway>, from: string, what: RegExp): string | undefined =>
  g.wire.sent.filter((s) => s.from === from && what.test(s.message.kind === 'request' ? s.message.method : String(s.message.status))).map((s) => fieldValues(s.message.headers, 'Reason')[0])[0];

describe('S→P: an answered call', () => {
  it('INVITE → IAM, ACM → 180, ANM → 200 with the circuit’s SDP; BYE from SIP → REL 16 → RLC', async () => {
    const g = gateway({ sim: to('4930100', ringThenAnswer(1000)) });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(2000);
    c.call.bye();
    await g.run(100);
    expect(g.trace).toEqual([
      '     0  PBX>GW INVITE 1',
      '    10  GW>PBX 100 (INVITE 1)',
      '    10  GW>sim IAM 1 called=4930100',
      '    10  sim>GW ACM 1 status=1',
      '    10  GW>PBX 180 (INVITE 1)',
      '  1010  sim>GW ANM 1',
      '  1010  GW>PBX 200 (INVITE 1)',
      '  1020  PBX>GW ACK 1',
      '  2000  PBX>GW BYE 2',
      '  2010  GW>sim REL 1 cause=16',
      '  2010  GW>PBX 200 (BYE 2)',
      '  2010  sim>GW RLC 1',
    ]);
    expect(c.seen).toEqual(['180', '200 sdp', 'terminated local-bye']);
    expect(g.steps('k1')).toEqual(['attemptStarted', 'routed', 'seized:e1/1', 'setupSent', 'backward:ACM', 'alerting', 'backward:ANM', 'media', 'answered', 'released:sip:16:200']);
    expect(g.control.activeCalls).toBe(0);
    expect(g.manager.snapshot().groups[0]?.circuits[0]?.callState).toBe('idle');
  });

  it('the 200 carries the circuit’s SDP answer; a 183 for an ACM "no indication" carries it reliably (early media)', async () => {
    const g = gateway({ sim: to('4930100', answerAfter(500)) });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(1000);
    expect(c.seen).toEqual(['183', '200 sdp']);
    const toInvite = g.wire.sent.filter((s) => s.from === 'GW' && s.message.kind === 'response' && s.message.status > 100 && /INVITE/.test(fieldValues(s.message.headers, 'CSeq')[0] ?? ''));
    const [p183, ok] = toInvite.map((s) => s.message);
    expect(fieldValues(p183?.headers ?? [], 'Require')).toEqual(['100rel']);
    expect(Buffer.from(p183?.body ?? []).toString()).toContain('c=IN IP4 198.51.100.7');
    expect(Buffer.from(ok?.body ?? []).toString()).toContain('m=audio 40000 RTP/AVP 8');
    expect(g.events.find((e) => e.type === 'media')).toMatchObject({ codec: 'PCMA' });
  });

  it('REL 16 from the PSTN after answer → RLC and BYE with Reason: Q.850;cause=16', async () => {
    const g = gateway({ sim: to('4930100', withHoldTime(answerAfter(100), 5000)) });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(6000);
    expect(g.trace.slice(-4)).toEqual(['  5110  sim>GW REL 1 cause=16', '  5110  GW>sim RLC 1', '  5110  GW>PBX BYE 1', '  5120  PBX>GW 200 (BYE 1)']);
    expect(reasonOf(g, 'GW', /^BYE$/)).toBe('Q.850;cause=16;text="Normal call clearing";location=LN');
    expect(c.seen.slice(-2)).toEqual(['bye', 'terminated remote-bye']);
    expect(g.steps('k1').at(-1)).toBe('released:pstn:16:200');
  });
});

describe('S→P: release before answer', () => {
  it('busy: REL 17 → RLC and 486 with Reason cause 17', async () => {
    const g = gateway({ sim: to('4930170', busy()) });
    const c = call(g.pbx, '192.0.2.2', '+4930170');
    await g.run(100);
    expect(g.trace).toEqual([
      '     0  PBX>GW INVITE 1',
      '    10  GW>PBX 100 (INVITE 1)',
      '    10  GW>sim IAM 1 called=4930170',
      '    10  sim>GW REL 1 cause=17',
      '    10  GW>sim RLC 1',
      '    10  GW>PBX 486 (INVITE 1)',
      '    20  PBX>GW ACK 1',
    ]);
    expect(reasonOf(g, 'GW', /^486$/)).toBe('Q.850;cause=17;text="User busy";location=LN');
    expect(c.seen).toEqual(['failed 486', 'terminated failed']);
    expect(g.steps('k1').at(-1)).toBe('released:pstn:17:486');
  });

  it('a REL on the seized circuit before the IAM went is answered RLC; the call goes on', async () => {
    const g = gateway({ sim: to('4930100', answerAfter(0)) });
    g.gw.on('invite', () => g.tap.inject(rel(1, 16)));
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    expect(g.trace.slice(2, 5)).toEqual(['    10  sim>GW REL 1 cause=16', '    10  GW>sim RLC 1', '    10  GW>sim IAM 1 called=4930100']);
    expect(c.seen.at(-1)).toBe('200 sdp');
  });

  it('unallocated number: REL 1 → 404', async () => {
    const g = gateway({ sim: to('4930404', reject(1)) });
    const c = call(g.pbx, '192.0.2.2', '+4930404');
    await g.run(100);
    expect(c.seen).toEqual(['failed 404', 'terminated failed']);
    expect(reasonOf(g, 'GW', /^404$/)).toBe('Q.850;cause=1;text="Unallocated (unassigned) number";location=LN');
  });

  it.each([
    // cause, plain peer (RFC 3398 table, Reason on), SIP-I peer (Q.1912.5 table)
    [3, 404, 404],
    [18, 408, 480],
    [21, 403, 403],
    [28, 484, 484],
    [31, 480, 480],
    [38, 503, 503],
    [44, 503, 503],
    [65, 488, 488],
    [102, 504, 504],
    [111, 500, 500],
  ])('REL cause %i → %i to a plain peer, %i to a SIP-I peer', async (cause, plain, sipi) => {
    const g = gateway({ sim: { defaultBehaviour: reject(cause) }, routes: [{ ...ROUTES[0], to: [{ kind: 'trunkGroup', name: 'e1' }] } as (typeof ROUTES)[number]] });
    const a = call(g.pbx, '192.0.2.2', '+4930999');
    const b = call(g.carrier, '192.0.2.3', '+4930999');
    await g.run(100);
    expect([a.seen[0], b.seen[0]]).toEqual([`failed ${plain}`, `failed ${sipi}`]);
    expect(g.trace.filter((l) => l.includes('RLC'))).toHaveLength(2);
  });

  it('a peer’s causeMap overrides the table, and reasonHeader: false drops the Reason', async () => {
    const g = gateway({
      sim: { defaultBehaviour: reject(17) },
      config: (c) => ({ ...c, peers: c.peers.map((p) => (p.name === 'pbx' ? { ...p, reasonHeader: false, causeMap: { toSip: { 17: 600 }, fromSip: {} } } : p)) }),
    });
    const c = call(g.pbx, '192.0.2.2', '+4930999');
    await g.run(100);
    expect(c.seen[0]).toBe('failed 600');
    expect(reasonOf(g, 'GW', /^600$/)).toBeUndefined();
  });
});

describe('S→P: CANCEL and the CANCEL/200 race', () => {
  it('CANCEL before answer → 200, 487, and REL 16 → RLC', async () => {
    const g = gateway({ sim: to('4930100', ringThenAnswer(5000)) });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(1000);
    c.call.cancel();
    await g.run(100);
    expect(g.trace.slice(4)).toEqual([
      '    10  GW>PBX 180 (INVITE 1)',
      '  1000  PBX>GW CANCEL 1',
      '  1010  GW>sim REL 1 cause=16',
      '  1010  GW>PBX 200 (CANCEL 1)',
      '  1010  GW>PBX 487 (INVITE 1)',
      '  1010  sim>GW RLC 1',
      '  1020  PBX>GW ACK 1',
    ]);
    expect(g.steps('k1').at(-1)).toBe('released:sip:16:487');
    expect(g.control.activeCalls).toBe(0);
  });

  it('a CANCEL with Reason: Q.850;cause=31 releases with cause 31', async () => {
    const g = gateway({ sim: to('4930100', ringThenAnswer(5000)) });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(1000);
    c.call.cancel({ reason: [{ protocol: 'Q.850', cause: 31, params: [] }] });
    await g.run(100);
    expect(g.trace).toContain('  1010  GW>sim REL 1 cause=31');
  });

  it('the ANM wins: 200 goes out, the CANCEL gets 200, the caller ACKs and BYEs → REL 16', async () => {
    const g = gateway({ sim: { ...to('4930100', ringThenAnswer(1000)), signallingDelayMs: 20 } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(1025);
    c.call.cancel();
    await g.run(100);
    expect(g.trace.slice(5)).toEqual([
      '  1025  PBX>GW CANCEL 1',
      '  1030  sim>GW ANM 1',
      '  1030  GW>PBX 200 (INVITE 1)',
      '  1035  GW>PBX 200 (CANCEL 1)',
      '  1040  PBX>GW ACK 1',
      '  1040  PBX>GW BYE 2',
      '  1050  GW>sim REL 1 cause=16',
      '  1050  GW>PBX 200 (BYE 2)',
      '  1070  sim>GW RLC 1',
    ]);
    expect(g.steps('k1').slice(-2)).toEqual(['answered', 'released:sip:16:200']);
  });

  it('the CANCEL wins: 487 and REL 16; the ANM crossing the REL is ignored, the RLC completes', async () => {
    const g = gateway({ sim: { ...to('4930100', ringThenAnswer(1000)), signallingDelayMs: 20 } });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(1010);
    c.call.cancel();
    await g.run(100);
    expect(g.trace.slice(5)).toEqual([
      '  1010  PBX>GW CANCEL 1',
      '  1020  GW>sim REL 1 cause=16',
      '  1020  GW>PBX 200 (CANCEL 1)',
      '  1020  GW>PBX 487 (INVITE 1)',
      '  1030  sim>GW ANM 1',
      '  1030  PBX>GW ACK 1',
      '  1040  sim>GW RLC 1',
    ]);
    expect(c.seen).toEqual(['180', 'failed 487', 'terminated cancelled']);
    expect(g.logs.filter((l) => l.obj.error !== undefined)).toEqual([]);
    expect(g.control.activeCalls).toBe(0);
  });
});

describe('S→P: timers', () => {
  it('T7: no ACM 20 s after the IAM → REL 102 and 504', async () => {
    const g = gateway({ sim: to('4930100', { steps: [] }) });
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(20_100);
    expect(g.trace.slice(3)).toEqual([' 20010  GW>sim REL 1 cause=102', ' 20010  GW>PBX 504 (INVITE 1)', ' 20010  sim>GW RLC 1', ' 20020  PBX>GW ACK 1']);
    expect(c.seen[0]).toBe('failed 504');
    expect(g.steps('k1').at(-1)).toBe('released:gateway:102:504:T7');
  });

  it('T9: no answer 90 s after the ACM → REL 19 and 480; a trunk group’s override (e1b: 180 s) is used on its circuits', async () => {
    const g = gateway({ sim: to('4930100', noAnswer()), sim2: to('4930100', noAnswer()) });
    const a = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    g.manager.block('e1', { who: 'test', why: 'send the next call to e1b', kind: 'maintenance' });
    const b = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(180_100);
    expect(g.trace.filter((l) => l.includes('REL'))).toEqual([' 90010  GW>sim REL 1 cause=19', '180110  GW>sim2 REL 1 cause=19']);
    expect([a.seen.at(-2), b.seen.at(-2)]).toEqual(['failed 480', 'failed 480']);
    expect(g.steps('k1').at(-1)).toBe('released:gateway:19:480:T9');
  });

  it('T1 repeats an unanswered REL; T5 gives up: the circuit is reset (RSC) and the call ends', async () => {
    const g = gateway({ sim: to('4930100', answerAfter(0)) });
    g.tap.mute.add('REL');
    const c = call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(100);
    c.call.bye();
    await g.run(300_100);
    const rels = g.trace.filter((l) => l.includes('REL') || l.includes('RSC'));
    expect(rels.slice(0, 3)).toEqual(['   110  GW>sim REL 1 cause=16', ' 15110  GW>sim REL 1 cause=16', ' 30110  GW>sim REL 1 cause=16']);
    expect(rels.at(-1)).toBe('300110  GW>sim RSC 1');
    expect(rels).toHaveLength(21);
    expect(g.control.activeCalls).toBe(0);
    expect(g.manager.snapshot().groups[0]?.circuits[0]?.callState).toBe('idle');
  });

  it('no ACK for the 200 (sent at 30 ms, after the PRACK of the reliable 183) within 64*T1: BYE, and REL 102', async () => {
    const g = gateway({ sim: to('4930100', answerAfter(0)) });
    const drop = g.wire.drop;
    g.wire.drop = (m, from, t) => drop(m, from, t) || (m.kind === 'request' && m.method === 'ACK');
    call(g.pbx, '192.0.2.2', '+4930100');
    await g.run(33_000);
    expect(g.trace.filter((l) => l.includes('GW>sim REL'))).toEqual([' 32030  GW>sim REL 1 cause=102']);
    expect(g.steps('k1').at(-1)).toBe('released:sip:102:-');
  });
});
