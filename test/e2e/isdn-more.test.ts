// End to end, SIP ⇄ ISDN PRI (EuroISDN E1) in the modes isdn.test.ts does not use, one Tandem with
// a group per mode, each facing its own libpri peer: the D-channel with a real HDLC FCS (`fcs: true`
// against `--fcs`), and Tandem as the network side of the PRI (`side: network`, libpri `--node cpe`).
// Glare and channel rejections are in isdn-more-channels.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriPeer } from '../support/pri-peer.js';
import { allIdle, cdrs, oneCallPassed, pbxCall, startIsdn, untilGroup, type IsdnRig } from './isdn.js';
import { sippUas } from './sipp.js';

const T = 60_000;
let rig: IsdnRig;
const peer = (name: string): PriPeer => rig.peers.get(name) as PriPeer;
beforeAll(async () => {
  rig = await startIsdn([
    {
      name: 'pri-fcs',
      prefix: '34',
      group: { driver: 'pri', side: 'user', switchType: 'euroIsdn', fcs: true, spans: [{ span: 6, type: 'E1' }] },
      peer: { node: 'net', switchType: 'euroisdn_e1', fcs: true },
    },
    {
      name: 'pri-net',
      prefix: '35',
      group: { driver: 'pri', side: 'network', switchType: 'euroIsdn', spans: [{ span: 7, type: 'E1' }] },
      peer: { node: 'cpe', switchType: 'euroisdn_e1' },
    },
  ]);
}, T);
afterAll(async () => {
  await rig.close();
}, T);

/** A PBX call to `called` (national, 0…) that `name`'s libpri alerts and answers; the PBX hangs up: cause 16 at libpri. */
async function answeredOut(name: string, called: string): Promise<void> {
  const call = pbxCall(rig.tandem, 'pbx-uac-answer.xml', called, '0301112222', ['-d', '300']);
  const ring = await peer(name).waitFor('ring', (e) => e.called === `49${called.slice(1)}`, 30_000);
  expect(ring).toMatchObject({ called_ton: 1, called_plan: 1, calling: '301112222', calling_ton: 2, calling_pres: 0, complete: 1, layer1: 0x23 });
  peer(name).send(`alert ${String(ring.id)}`);
  peer(name).send(`answer ${String(ring.id)}`);
  oneCallPassed(await call);
  expect(await peer(name).waitFor('hangup', (e) => e.id === ring.id)).toMatchObject({ cause: 16, msg: 'disconnect' });
  await untilGroup(rig.tandem, name, allIdle, 'idle');
  const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', called);
  expect(more).toEqual([]);
  expect(cdr).toMatchObject({ direction: 'sipToPstn', disposition: 'answered', trunkGroup: name, cause: 16, releaseSide: 'sip' });
}

/** `name`'s libpri calls `called` on B-channel `channel`; the PBX answers; libpri hangs up with 16. */
async function answeredIn(name: string, called: string, channel: number): Promise<void> {
  const pbx = await sippUas({ scenario: 'pbx-uas-answer.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx });
  peer(name).send(`call 0 ${called} 301234567 ${String(channel)} exclusive`);
  const calling = await peer(name).waitFor('calling');
  expect(calling.rc).toBe(0);
  const id = calling.id;
  expect(await peer(name).waitFor('alerting', (e) => e.id === id)).toMatchObject({ channel });
  expect(await peer(name).waitFor('answer', (e) => e.id === id)).toMatchObject({ channel });
  peer(name).send(`hangup ${String(id)} 16`);
  oneCallPassed(await pbx.done);
  await peer(name).waitFor('hangup_ack', (e) => e.id === id);
  await untilGroup(rig.tandem, name, allIdle, 'idle');
  const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', called);
  expect(more).toEqual([]);
  expect(cdr).toMatchObject({ direction: 'pstnToSip', disposition: 'answered', trunkGroup: name, cause: 16, releaseSide: 'pstn' });
}

describe('FCS on the D-channel (fcs: true, libpri --fcs)', () => {
  it('SIP → ISDN answered; the PBX hangs up with 16; no frame failed its FCS at either end', async () => {
    await answeredOut('pri-fcs', '0341234560');
    expect(peer('pri-fcs').all('fcs_error')).toEqual([]);
    // libpri only saw frames whose FCS it checked: the exchange above needed every one of them
    expect(peer('pri-fcs').all('rx').length).toBeGreaterThan(0);
    expect(rig.tandem.logs().filter((l) => l.mod === 'isdn' && /fcs/i.test(l.msg))).toEqual([]);
  }, T);
});

describe('PRI with Tandem as the network side (side: network, libpri --node cpe)', () => {
  it('SIP → ISDN answered; the PBX hangs up with 16', () => answeredOut('pri-net', '0351234560'), T);
  it('ISDN → SIP answered on the channel libpri asked for; libpri hangs up with 16', () => answeredIn('pri-net', '3501', 7), T);
});
