// RESTART, glare and D-channel loss scenarios of the ISDN driver against libpri (rig:
// libpri-rig.ts).
import { describe, expect, it } from 'vitest';
import { acm, anm, iam, rel, rlc } from '../../../src/drivers/isup-messages.js';
import { findIe, type Q931Message } from 'q931-codec';
import type { PriPeerOptions } from '../../support/pri-peer.js';
import { B, T, bri, causeOf, decodedFrames, dial, incomingUp, outgoingAnswered, pri, rig, type Rig } from './libpri-rig.js';

/** The RESTARTs / RESTART ACKNOWLEDGEs of the whole interface (restart class 7, EuroISDN) the driver sent (`rx`) or received (`tx`) */
const restartsAll = (r: Rig, ev: 'rx' | 'tx', type: 'RESTART' | 'RESTART_ACKNOWLEDGE'): number =>
  decodedFrames(r.peer, ev).filter(({ message: m }) => m?.type === type && m.callReference.value === 0 && findIe(m.ies, 'restartIndicator')?.restartClass === 7 && findIe(m.ies, 'channelIdentification') === undefined).length;

/** An outgoing call from Tandem on `cic`, answered by the peer and left up; the peer's call id. */
async function outgoingUp(r: Rig, cic: number): Promise<unknown> {
  const ring = await dial(r, cic);
  r.peer.send(`alert ${String(ring.id)}`);
  await r.next('ACM', cic);
  r.peer.send(`answer ${String(ring.id)}`);
  await r.next('ANM', cic);
  return ring.id;
}

describe('RESTART against libpri', () => {
  it('the whole-interface RESTART at D-channel up is acknowledged by libpri, and only then is the link up', async () => {
    const r = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1', dump: true });
    await r.linkUp();
    expect(restartsAll(r, 'rx', 'RESTART')).toBe(1);
    expect(restartsAll(r, 'tx', 'RESTART_ACKNOWLEDGE')).toBe(1);
    // libpri reports it as a restart of every channel
    expect(r.peer.all('restart').map((e) => e.channel)).toEqual([-1]);
    // one link event: up, once the acknowledgement was in
    expect(r.events.filter((e) => e.kind === 'link').map((e) => e.kind === 'link' && e.state)).toEqual(['up']);
  }, T);

  it('a RESTART of one channel from the peer clears the call on it upward and leaves the channel idle', async () => {
    const r = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1' });
    await r.linkUp();
    const { cic } = await incomingUp(r, 5);
    await outgoingUp(r, B + 6);
    expect(r.driver.channels().find((c) => c.cic === cic)?.state).toBe('busy');
    r.peer.send('restart 5');
    await r.peer.waitFor('restart_ack', (e) => e.channel === 5);
    const released = await r.next('REL', cic);
    expect(causeOf(released)).toBe(41);
    r.driver.send(rlc(cic));
    await r.until(() => (r.driver.channels().find((c) => c.cic === cic)?.state === 'idle' ? true : undefined), 'channel 5 idle');
    // the other call is untouched; the restarted channel takes a new call
    expect(r.messages('REL', B + 6)).toEqual([]);
    expect(r.driver.channels().find((c) => c.cic === B + 6)?.state).toBe('busy');
    r.driver.send(rel(B + 6, 16, 0));
    await r.next('RLC', B + 6);
    await outgoingAnswered(r, cic);
    await r.idle();
    expect(r.messages('REL', cic).length).toBe(1);
  }, T);
});

describe('glare on one B-channel against libpri', () => {
  it('Tandem user side: the network SETUP for the channel of our unanswered SETUP wins; ours is cleared with 44, the IAM goes up on the same CIC', async () => {
    const r = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1', dump: true });
    await r.linkUp();
    const cic = B + 3;
    expect(r.driver.seize(cic).ok).toBe(true);
    expect(r.driver.send(iam(cic, { called: '4930123456', calling: '4940999' })).ok).toBe(true);
    r.peer.send('call 0 2001 4930999 3 exclusive');
    const ours = await r.peer.waitFor('ring', (e) => e.called === '4930123456');
    const theirs = await r.peer.waitFor('calling');
    // the manager sees the dual seizure as an IAM on the CIC it seized (no REL for our call)
    const m = await r.next('IAM', cic);
    expect(m.cic).toBe(cic);
    // ours is cleared with 44 (DISCONNECT in U1) and libpri completes it with RELEASE COMPLETE; libpri 1.6
    // reports no hangup event for a call it had not answered yet, so this is read from the wire
    const onOurs = (ev: 'rx' | 'tx'): Q931Message[] =>
      decodedFrames(r.peer, ev).flatMap(({ message: x }) => (x !== undefined && x.callReference.value === ours.cref && x.callReference.flag === (ev === 'tx') ? [x] : []));
    await r.until(() => (onOurs('tx').some((x) => x.type === 'RELEASE_COMPLETE') ? true : undefined), 'RELEASE COMPLETE of our call');
    const clearing = onOurs('rx').filter((x) => x.type !== 'SETUP');
    expect(clearing.map((x) => x.type)).toEqual(['DISCONNECT']);
    expect(clearing.map((x) => (x.type === 'UNKNOWN' ? undefined : findIe(x.ies, 'cause')?.causeValue))).toEqual([44]);
    expect(r.driver.counters().glareLost).toBe(1);
    r.driver.send(acm(cic, 'free'));
    await r.peer.waitFor('alerting', (e) => e.id === theirs.id);
    r.driver.send(anm(cic));
    await r.peer.waitFor('answer', (e) => e.id === theirs.id);
    r.peer.send(`hangup ${String(theirs.id)} 16`);
    expect(causeOf(await r.next('REL', cic))).toBe(16);
    r.driver.send(rlc(cic));
    await r.peer.waitFor('hangup_ack', (e) => e.id === theirs.id);
    await r.idle();
    expect(r.messages().filter((x) => x.cic === cic).map((x) => x.type)).toEqual(['IAM', 'REL']);
  }, T);

  it('Tandem network side: our call keeps the channel, the user SETUP for it is refused with 44', async () => {
    const r = await rig(pri('network', 'E1', 'euroIsdn'), { node: 'cpe', switchType: 'euroisdn_e1' });
    await r.linkUp();
    const cic = B + 3;
    expect(r.driver.seize(cic).ok).toBe(true);
    expect(r.driver.send(iam(cic, { called: '4930123456', calling: '4940999' })).ok).toBe(true);
    r.peer.send('call 0 2001 4930999 3 exclusive');
    const ring = await r.peer.waitFor('ring', (e) => e.called === '4930123456');
    const theirs = await r.peer.waitFor('calling');
    const refused = await r.peer.waitFor('hangup', (e) => e.id === theirs.id);
    expect(refused.cause).toBe(44);
    r.peer.send(`alert ${String(ring.id)}`);
    await r.next('ACM', cic);
    r.peer.send(`answer ${String(ring.id)}`);
    await r.next('ANM', cic);
    r.driver.send(rel(cic, 16, 0));
    await r.peer.waitFor('hangup', (e) => e.id === ring.id);
    await r.next('RLC', cic);
    await r.idle();
    expect(r.messages('IAM')).toEqual([]);
  }, T);
});

describe('D-channel loss against libpri', () => {
  it('drop with calls up: REL 41 once per call, link down; reconnect: RESTART, link up, channels idle, a new call works', async () => {
    const r = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1', dump: true });
    await r.linkUp();
    const incoming = await incomingUp(r, 4);
    await outgoingUp(r, B + 8);
    const restartsBefore = restartsAll(r, 'rx', 'RESTART');
    r.peer.send('drop');
    await r.linkDown();
    const rels = [await r.next('REL', incoming.cic), await r.next('REL', B + 8)];
    expect(rels.map(causeOf)).toEqual([41, 41]);
    r.driver.send(rlc(incoming.cic));
    r.driver.send(rlc(B + 8));
    await r.idle();
    r.peer.send('reconnect');
    await r.linkUp();
    await r.until(() => (restartsAll(r, 'rx', 'RESTART') > restartsBefore && restartsAll(r, 'tx', 'RESTART_ACKNOWLEDGE') > restartsBefore ? true : undefined), 'RESTART after reconnect');
    // The peer prints its event on its own pipe: it may come in after the frames (seen under load).
    await r.until(() => (r.peer.all('restart').length >= 2 ? true : undefined), "the peer's restart event after reconnect");
    expect(r.peer.all('restart').length).toBe(2);
    await r.idle();
    expect(r.messages('REL').length).toBe(2);
    await outgoingAnswered(r, B + 8);
    await outgoingAnswered(r, incoming.cic);
    await r.idle();
  }, T);

  it('link loss with fast hang-ups from above (REL as the link drops, RLC during the outage): no B-channel stays stuck', async () => {
    const r = await rig(pri('user', 'E1', 'euroIsdn'), { node: 'net', switchType: 'euroisdn_e1' });
    await r.linkUp();
    const a = await incomingUp(r, 2);
    await outgoingUp(r, B + 3);
    const c = await incomingUp(r, 9);
    // call control hangs up A and B right as the link drops
    expect(r.driver.send(rel(a.cic, 16, 0)).ok).toBe(true);
    r.peer.send('drop');
    expect(r.driver.send(rel(B + 3, 16, 0)).ok).toBe(true);
    await r.linkDown();
    await r.next('RLC', a.cic);
    await r.next('RLC', B + 3);
    // C: the driver's REL 41 crosses call control's own REL, then call control's RLC comes during the outage
    expect(r.driver.send(rel(c.cic, 16, 0)).ok).toBe(true);
    await r.next('REL', c.cic);
    r.driver.send(rlc(c.cic));
    await r.idle();
    r.peer.send('reconnect');
    await r.linkUp();
    expect(r.driver.channels().filter((x) => x.state !== 'idle')).toEqual([]);
    // every channel works again
    for (const cic of [a.cic, B + 3, c.cic]) await outgoingAnswered(r, cic);
    await r.idle();
    expect(r.messages().filter((m) => m.type === 'REL' && m.cic !== c.cic).map((m) => m.cic)).toEqual([]);
  }, T);
});

describe('D-channel drop and reconnect on every interface type against libpri', () => {
  const cases: [string, (port: number) => string, PriPeerOptions][] = [
    ['EuroISDN E1, Tandem network side', pri('network', 'E1', 'euroIsdn'), { node: 'cpe', switchType: 'euroisdn_e1' }],
    ['NI2 T1, Tandem user side (restart class 6)', pri('user', 'T1', 'ni2'), { node: 'net', switchType: 'ni2' }],
    ['BRI point-to-point, Tandem user side', bri('user', 'ptp'), { node: 'net', bri: 'ptp' }],
    ['BRI point-to-point, Tandem network side', bri('network', 'ptp'), { node: 'cpe', bri: 'ptp' }],
    ['BRI point-to-multipoint, Tandem as TE (keeps or regains its TEI)', bri('user', 'ptmp'), { node: 'net', bri: 'ptmp' }],
  ];
  for (const [name, group, options] of cases) {
    it(`${name}: REL 41, link down, RESTART at reconnect, link up, calls work`, async () => {
      const r = await rig(group, options);
      await r.linkUp();
      const a = await incomingUp(r, 1);
      r.peer.send('drop');
      await r.linkDown();
      expect(causeOf(await r.next('REL', a.cic))).toBe(41);
      r.driver.send(rlc(a.cic));
      await r.idle();
      r.peer.send('reconnect');
      await r.linkUp();
      expect(r.peer.all('restart').map((e) => e.channel)).toEqual([-1, -1]);
      await outgoingAnswered(r, B + 1);
      await outgoingAnswered(r, B + 2);
      await r.idle();
      expect(r.messages('REL').length).toBe(1);
    }, T);
  }
});
