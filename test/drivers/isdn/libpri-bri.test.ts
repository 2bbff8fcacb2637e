// BRI scenarios of the ISDN driver against libpri (rig: libpri-rig.ts): point-to-multipoint with
// Tandem as NT (an S0 bus of two libpri TEs) and as TE, point-to-point network side, and EuroISDN
// T1 user side.
import { describe, expect, it } from 'vitest';
import { decodeFrame, decodeMessage } from 'q931-codec';
import { rel, rlc } from '../../../src/drivers/isup-messages.js';
import { B, T, bri, causeOf, dial, incomingAnswered, incomingUp, outgoingAnswered, pri, rig, type Rig } from './libpri-rig.js';
import { framesSentTo } from '../../support/isdn-sent-frames.js';

/** The Q.931 messages the driver sent, with the TEI and frame type that carried them. */
function sentMessages(r: Rig): { tei: number; frame: string; type: string }[] {
  return framesSentTo(r.peer).flatMap((octets) => {
    const f = decodeFrame(octets);
    const info = f.ok && 'info' in f.value ? f.value.info : undefined;
    if (!f.ok || info === undefined || f.value.sapi !== 0) return [];
    const m = decodeMessage(info);
    return m.ok ? [{ tei: f.value.tei, frame: f.value.type, type: m.value.type }] : [];
  });
}

describe('BRI point-to-multipoint against libpri', () => {
  it('Tandem as NT, a bus of two libpri TEs: TEIs ≥ 64, broadcast SETUP, one TE answers, the other is cleared with 26; a TE calls Tandem', async () => {
    const r = await rig(bri('network', 'ptmp'), { node: 'cpe', bri: 'ptmp', tes: 2, dump: true });
    const teis = await Promise.all([r.peer.waitFor('tei', (e) => e.te === 0), r.peer.waitFor('tei', (e) => e.te === 1)]);
    for (const t of teis) expect(t.tei).toBeGreaterThanOrEqual(64);
    expect(teis[0]?.tei).not.toBe(teis[1]?.tei);
    await r.linkUp();
    // both TEs' data links are up (UA from Tandem on each TEI) before the call
    for (const t of teis) await r.peer.waitFor('rx', (e) => String(e.hex).replace(/\s+/g, '').startsWith(`00${((Number(t.tei) << 1) | 1).toString(16)}73`));

    const cic = B + 1;
    const first = await dial(r, cic);
    const second = await r.peer.waitFor('ring', (e) => e.called === '4930123456' && e.te !== first.te);
    expect(new Set([first.te, second.te])).toEqual(new Set([0, 1]));
    const setups = sentMessages(r).filter((m) => m.type === 'SETUP');
    expect(setups).toEqual([{ tei: 127, frame: 'UI', type: 'SETUP' }]);
    r.peer.send(`alert ${String(first.id)}`);
    r.peer.send(`alert ${String(second.id)}`);
    await r.next('ACM', cic);
    r.peer.send(`answer ${String(second.id)}`);
    await r.next('ANM', cic);
    const loser = await r.peer.waitFor('hangup', (e) => e.id === first.id);
    expect(loser.cause).toBe(26);
    expect(r.messages('REL', cic)).toEqual([]);
    r.driver.send(rel(cic, 16, 0));
    const hangup = await r.peer.waitFor('hangup', (e) => e.id === second.id);
    expect(hangup.cause).toBe(16);
    await r.next('RLC', cic);
    await r.idle();

    // a TE calls Tandem on the bus
    await incomingAnswered(r, 2, 16, 1);
    await r.idle();
    expect(r.messages('REL').length).toBe(1);
  }, T);

  it('Tandem as NT: D-channel drop with a call up and reconnect: REL 41, the broadcast RESTART once a TE link is back, link up, a new call works', async () => {
    const r = await rig(bri('network', 'ptmp'), { node: 'cpe', bri: 'ptmp', tes: 2, dump: true });
    await Promise.all([r.peer.waitFor('tei', (e) => e.te === 0), r.peer.waitFor('tei', (e) => e.te === 1)]);
    await r.linkUp();
    const teis = r.peer.all('tei').map((e) => Number(e.tei));
    /** the UAs Tandem sent on each TE's TEI so far */
    const uas = (): number[] => teis.map((tei) => r.peer.all('rx').filter((e) => String(e.hex) === `00${((tei << 1) | 1).toString(16)}73`).length);
    const { cic } = await incomingUp(r, 1, 0);
    r.peer.send('drop');
    await r.linkDown();
    expect(causeOf(await r.next('REL', cic))).toBe(41);
    r.driver.send(rlc(cic));
    await r.idle();
    const before = r.peer.all('restart').length;
    // the TEs' data links survive the outage on their side: their first I frames after the reconnect
    // meet no data link here and are lost, so the RESTART must wait for a re-established link
    r.peer.send('reconnect');
    await r.linkUp();
    expect(r.peer.all('restart').length).toBeGreaterThan(before);
    // both TEs' data links are back (a second UA on each TEI) before the broadcast call
    await r.until(() => (uas().every((n) => n >= 2) ? true : undefined), 'UA to both TEs after the reconnect');
    const first = await dial(r, B + 2);
    const second = await r.peer.waitFor('ring', (e) => e.called === '4930123456' && e.te !== first.te);
    r.peer.send(`alert ${String(first.id)}`);
    r.peer.send(`alert ${String(second.id)}`);
    await r.next('ACM', B + 2);
    r.peer.send(`answer ${String(first.id)}`);
    await r.next('ANM', B + 2);
    expect((await r.peer.waitFor('hangup', (e) => e.id === second.id)).cause).toBe(26);
    r.driver.send(rel(B + 2, 16, 0));
    await r.next('RLC', B + 2);
    await r.idle();
    expect(r.messages('REL').length).toBe(1);
  }, T);

  it('Tandem as TE against a libpri NT: TEI assignment (≥ 64), calls both ways', async () => {
    const r = await rig(bri('user', 'ptmp'), { node: 'net', bri: 'ptmp', dump: true });
    await r.linkUp();
    // Tandem's TEI: the one the NT assigned (fe ff 03 0f Ri Ri 02 Ai: ID ASSIGNED on SAPI 63, TEI 127)
    const assigned = r.peer.all('tx').map((e) => String(e.hex).replace(/\s+/g, '')).find((h) => h.startsWith('feff030f') && h.slice(12, 14) === '02');
    expect(assigned, JSON.stringify(r.peer.events.slice(0, 12))).toBeDefined();
    const tei = parseInt(String(assigned).slice(14, 16), 16) >> 1;
    expect(tei).toBeGreaterThanOrEqual(64);
    await outgoingAnswered(r, B + 1);
    await incomingAnswered(r, 2);
    await r.idle();
    const teis = new Set(sentMessages(r).map((m) => m.tei));
    expect([...teis]).toEqual([tei]);
  }, T);
});

describe('BRI point-to-point network side and EuroISDN T1 against libpri', () => {
  it('BRI point-to-point, Tandem network side', async () => {
    const r = await rig(bri('network', 'ptp'), { node: 'cpe', bri: 'ptp' });
    await r.linkUp();
    await outgoingAnswered(r, B + 2);
    await incomingAnswered(r, 1, 31);
    await r.idle();
  }, T);

  it('EuroISDN T1, Tandem user side', async () => {
    const r = await rig(pri('user', 'T1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_t1' });
    await r.linkUp();
    await outgoingAnswered(r, B + 23);
    await incomingAnswered(r, 1);
    await r.idle();
  }, T);
});
