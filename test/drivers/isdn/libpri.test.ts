// The ISDN driver with the real stack (TcpDChannel → createL2 → createQ931Interface → IsdnDriver)
// against libpri (test/peers/build/pri-peer) over TCP: the driver side of the PRI/BRI scenarios,
// without SIP (rig: libpri-rig.ts). More scenarios are in the sibling libpri-*.test.ts files; the
// SIP ⇄ ISDN end-to-end runs are in test/e2e/isdn.test.ts.
import { describe, expect, it } from 'vitest';
import { iam, rlc } from '../../../src/drivers/isup-messages.js';
import { B, T, bri, causeOf, incomingAnswered, outgoingAnswered, pri, rig } from './libpri-rig.js';

describe('PRI against libpri', () => {
  it('EuroISDN E1, Tandem user side: RESTART at start, calls both ways, rejection with cause 17', async () => {
    const r = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1' });
    await r.linkUp();
    await outgoingAnswered(r, B + 5);
    await incomingAnswered(r, 7);
    r.driver.seize(B + 9);
    r.driver.send(iam(B + 9, { called: '17' }));
    const ring = await r.peer.waitFor('ring');
    r.peer.send(`proceeding ${String(ring.id)}`);
    r.peer.send(`hangup ${String(ring.id)} 17`);
    const refused = await r.next('REL', B + 9);
    expect(causeOf(refused)).toBe(17);
    r.driver.send(rlc(B + 9));
    await r.idle();
  }, T);

  it('EuroISDN E1, Tandem network side', async () => {
    const r = await rig(pri('network', 'E1', 'euroIsdn'), { node: 'cpe', switchType: 'euroisdn_e1' });
    await r.linkUp();
    await outgoingAnswered(r, B + 3);
    await incomingAnswered(r, 4, 31);
    await r.idle();
  }, T);

  it('NI2 T1, Tandem user side', async () => {
    const r = await rig(pri('user', 'T1', 'ni2'), { node: 'net', switchType: 'ni2' });
    await r.linkUp();
    await outgoingAnswered(r, B + 2);
    await incomingAnswered(r, 6);
    await r.idle();
  }, T);
});

describe('BRI against libpri', () => {
  it('point-to-point, Tandem user side', async () => {
    const r = await rig(bri('user', 'ptp'), { node: 'net', bri: 'ptp' });
    await r.linkUp();
    await outgoingAnswered(r, B + 1);
    await incomingAnswered(r, 2);
    await r.idle();
  }, T);
});
