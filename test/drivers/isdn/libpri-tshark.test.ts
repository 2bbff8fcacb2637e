// tshark agreement on what Tandem really sends: several driver scenarios run against libpri with
// --dump, every frame the driver SENT (the peer's `rx` events) is collected, dissected by ONE
// tshark run (test/support/tshark-q931.ts) and compared field by field with our decode of the same
// octets (test/support/q931-compare.ts, the comparator of test/q931-oracle.test.ts). tshark must be
// installed (`npm test` installs it); without it the test fails.
import { describe, expect, it } from 'vitest';
import { rel, rlc } from '../../../src/drivers/isup-messages.js';
import { framesSentTo, ourDecode as ours, tsharkDisagreements } from '../../support/isdn-sent-frames.js';
import { B, bri, dial, incomingAnswered, incomingUp, outgoingAnswered, pri, rig } from './libpri-rig.js';

describe('tshark agrees with our codec on the frames Tandem sends to libpri', () => {
  it('PRI user and network side, BRI PTMP TE and NT, RESTART, clearing both ways, D-channel drop and reconnect', async () => {
    const frames: Uint8Array[] = [];

    // EuroISDN E1 user side: RESTART, RESTART ACKNOWLEDGE of one channel, calls both ways, a rejection, drop and reconnect (SABME again)
    const user = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1', dump: true });
    await user.linkUp();
    user.peer.send('restart 6');
    await user.peer.waitFor('restart_ack', (e) => e.channel === 6);
    await outgoingAnswered(user, B + 5);
    await incomingAnswered(user, 7);
    user.peer.send('drop');
    await user.linkDown();
    user.peer.send('reconnect');
    await user.linkUp();
    await outgoingAnswered(user, B + 1);
    frames.push(...framesSentTo(user.peer));

    // EuroISDN E1 network side: RESTART from the network, a user SETUP refused with RELEASE COMPLETE,
    // the user clearing first (RELEASE from Tandem)
    const net = await rig(pri('network', 'E1', 'euroIsdn'), { node: 'cpe', switchType: 'euroisdn_e1', dump: true });
    await net.linkUp();
    await dial(net, B + 3);
    net.peer.send('call 0 2001 4930999 3 exclusive');
    const refused = await net.peer.waitFor('calling');
    expect((await net.peer.waitFor('hangup', (e) => e.cause === 44)).id).toBe(refused.id);
    const ring = net.peer.all('ring')[0];
    net.peer.send(`answer ${String(ring?.id)}`);
    await net.next('CON', B + 3);
    net.peer.send(`hangup ${String(ring?.id)} 16`);
    await net.next('REL', B + 3);
    net.driver.send(rlc(B + 3));
    await net.peer.waitFor('hangup_ack');
    const up = await incomingUp(net, 4);
    net.driver.send(rel(up.cic, 31, 0));
    await net.next('RLC', up.cic);
    await net.idle();
    frames.push(...framesSentTo(net.peer));

    // BRI point-to-multipoint, Tandem as TE: TEI management
    const te = await rig(bri('user', 'ptmp'), { node: 'net', bri: 'ptmp', dump: true });
    await te.linkUp();
    await outgoingAnswered(te, B + 2);
    frames.push(...framesSentTo(te.peer));

    // BRI point-to-multipoint, Tandem as NT on a bus of two TEs: TEI assignment, broadcast SETUP in UI
    const nt = await rig(bri('network', 'ptmp'), { node: 'cpe', bri: 'ptmp', tes: 2, dump: true });
    await Promise.all([nt.peer.waitFor('tei', (e) => e.te === 0), nt.peer.waitFor('tei', (e) => e.te === 1)]);
    await nt.linkUp();
    const rings = [await dial(nt, B + 1), await nt.peer.waitFor('ring')];
    for (const x of rings) nt.peer.send(`alert ${String(x.id)}`);
    await nt.next('ACM', B + 1);
    nt.peer.send(`answer ${String(rings[0]?.id)}`);
    await nt.next('ANM', B + 1);
    await nt.peer.waitFor('hangup', (e) => e.id === rings[1]?.id && e.cause === 26);
    nt.driver.send(rel(B + 1, 16, 0));
    await nt.next('RLC', B + 1);
    frames.push(...framesSentTo(nt.peer));

    const decoded = frames.map(ours);
    // the frames cover what the brief asks for
    const kinds = new Set(decoded.map((d) => d.message?.type ?? (d.tei === undefined ? d.frame.type : `TEI ${d.tei.type}`)));
    for (const k of ['SETUP', 'CALL_PROCEEDING', 'ALERTING', 'CONNECT', 'CONNECT_ACKNOWLEDGE', 'DISCONNECT', 'RELEASE', 'RELEASE_COMPLETE', 'RESTART', 'RESTART_ACKNOWLEDGE', 'SABME', 'UA', 'RR', 'TEI IDENTITY_REQUEST', 'TEI IDENTITY_ASSIGNED'])
      expect([...kinds], k).toContain(k);
    expect(decoded.some((d) => d.frame.type === 'I')).toBe(true);
    expect(decoded.some((d) => d.frame.type === 'UI' && d.frame.tei === 127 && d.message?.type === 'SETUP')).toBe(true);

    const { checks, disagreements } = tsharkDisagreements(frames);
    console.log(`libpri tshark: ${frames.length} frames Tandem sent, ${checks} field comparisons`);
    expect(checks).toBeGreaterThan(10 * frames.length);
    expect(disagreements, disagreements.join('\n')).toEqual([]);
  }, 180_000);
});
