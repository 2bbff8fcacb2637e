// End to end, SIP ⇄ ISDN on the other interface variants, one Tandem with three groups, each facing
// its own libpri peer: NI2 on a T1 (Tandem user side), BRI point-to-point (user side), and BRI
// point-to-multipoint with Tandem as the NT and the peer as an S0 bus of two TEs. The EuroISDN E1
// cases are in isdn.test.ts.
import { describe, expect, it } from 'vitest';
import type { PriPeer } from '../support/pri-peer.js';
import { allIdle, cdrs, oneCallPassed, pbxCall, untilGroup, useIsdnRig } from './isdn.js';
import { sippUas } from './sipp.js';

const T = 60_000;
const rig = useIsdnRig(
  [
    { name: 'ni2-t1', prefix: '31', group: { driver: 'pri', side: 'user', switchType: 'ni2', spans: [{ span: 3, type: 'T1' }] }, peer: { node: 'net', switchType: 'ni2' } },
    { name: 'bri-ptp', prefix: '32', group: { driver: 'bri', side: 'user', bri: { mode: 'ptp' }, spans: [{ span: 4, type: 'BRI' }] }, peer: { node: 'net', bri: 'ptp' } },
    { name: 'bri-ptmp', prefix: '33', group: { driver: 'bri', side: 'network', bri: { mode: 'ptmp' }, spans: [{ span: 5, type: 'BRI' }] }, peer: { node: 'cpe', bri: 'ptmp', tes: 2 } },
  ],
  { timeout: T },
);
const peer = (name: string): PriPeer => rig.peer(name);

/** A PBX call to `called` (national, 0…) that `name`'s libpri answers; the PBX hangs up: cause 16 at libpri. */
async function answeredOut(name: string, called: string, layer1: number): Promise<void> {
  const call = pbxCall(rig.tandem, 'pbx-uac-answer.xml', called, '0301112222', ['-d', '300']);
  const ring = await peer(name).waitFor('ring', (e) => e.called === `49${called.slice(1)}`, 30_000);
  expect(ring).toMatchObject({ called_ton: 1, calling: '301112222', calling_ton: 2, calling_pres: 0, layer1 });
  peer(name).send(`alert ${String(ring.id)}`);
  peer(name).send(`answer ${String(ring.id)}`);
  oneCallPassed(await call);
  expect(await peer(name).waitFor('hangup', (e) => e.id === ring.id)).toMatchObject({ cause: 16, msg: 'disconnect' });
  await untilGroup(rig.tandem, name, allIdle, 'idle');
  const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', called);
  expect(more).toEqual([]);
  expect(cdr).toMatchObject({ direction: 'sipToPstn', disposition: 'answered', trunkGroup: name, cause: 16 });
}

/** `name`'s libpri calls 2001 on B-channel `channel`; the PBX answers; libpri hangs up with 16. */
async function answeredIn(name: string, called: string, channel: number): Promise<void> {
  const pbx = await sippUas({ scenario: 'pbx-uas-answer.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx });
  peer(name).send(`call 0 ${called} 301234567 ${channel} exclusive`);
  const id = (await peer(name).waitFor('calling')).id;
  await peer(name).waitFor('answer', (e) => e.id === id);
  peer(name).send(`hangup ${String(id)} 16`);
  oneCallPassed(await pbx.done);
  await peer(name).waitFor('hangup_ack', (e) => e.id === id);
  await untilGroup(rig.tandem, name, allIdle, 'idle');
  const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', called);
  expect(more).toEqual([]);
  expect(cdr).toMatchObject({ direction: 'pstnToSip', disposition: 'answered', trunkGroup: name, cause: 16 });
}

describe('NI2 on a T1 (Tandem user side)', () => {
  // The IAM's USI carries the law of the codec the PBX offered first (PCMA); the T1's SETUP says the
  // span's law, µ-law (docs/isdn-driver.md "Bearer").
  it('SIP → ISDN answered, µ-law on the T1; the PBX hangs up with 16', () => answeredOut('ni2-t1', '0311234560', 0x22), T);
  it('ISDN → SIP answered; libpri hangs up with 16', () => answeredIn('ni2-t1', '3101', 5), T);
});

describe('BRI point-to-point (Tandem user side)', () => {
  it('SIP → ISDN answered, A-law; the PBX hangs up with 16', () => answeredOut('bri-ptp', '0321234560', 0x23), T);
  it('ISDN → SIP answered; libpri hangs up with 16', () => answeredIn('bri-ptp', '3201', 2), T);
});

describe('BRI point-to-multipoint (Tandem NT, two libpri TEs)', () => {
  it('a SIP call rings both TEs; TE 0 answers, TE 1 is cleared with cause 26; SIPp gets 200', async () => {
    const bus = peer('bri-ptmp');
    await bus.waitFor('tei', (e) => e.te === 0);
    await bus.waitFor('tei', (e) => e.te === 1);
    const call = pbxCall(rig.tandem, 'pbx-uac-answer.xml', '0331234560', '0301112222', ['-d', '300']);
    const rings = [await bus.waitFor('ring', (e) => e.te === 0, 30_000), await bus.waitFor('ring', (e) => e.te === 1, 30_000)];
    for (const ring of rings) expect(ring).toMatchObject({ called: '49331234560', called_ton: 1, calling: '301112222', layer1: 0x23 });
    // every TE alerts before one answers (a TE that has sent nothing is unknown to the NT)
    for (const ring of rings) bus.send(`alert ${String(ring.id)}`);
    bus.send(`answer ${String(rings[0]?.id)}`);
    expect(await bus.waitFor('hangup', (e) => e.id === rings[1]?.id)).toMatchObject({ te: 1, cause: 26 });
    oneCallPassed(await call);
    expect(await bus.waitFor('hangup', (e) => e.id === rings[0]?.id)).toMatchObject({ te: 0, cause: 16 });
    await untilGroup(rig.tandem, 'bri-ptmp', allIdle, 'idle');
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '0331234560');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ disposition: 'answered', trunkGroup: 'bri-ptmp', cause: 16 });
  }, T);
});
