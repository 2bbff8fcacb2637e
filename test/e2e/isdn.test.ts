// End to end, SIP ⇄ ISDN PRI: SIPp as the PBX, a started Tandem, and libpri (pri-peer, the
// network side of a EuroISDN E1; Tandem is the user side) on the trunk group's D-channel. Each test
// checks what SIPp saw (status, Reason) and what libpri saw (SETUP contents, clearing causes), the
// group's circuits idle again in GET /circuits, and the CDR of the attempt.
// Variants (NI2 T1, BRI) are in isdn-variants.test.ts, D-channel loss in isdn-dchannel.test.ts.
import { describe, expect, it } from 'vitest';
import type { PriPeer } from '../support/pri-peer.js';
import { allIdle, cdrs, oneCallPassed, pbxCall, untilGroup, EURO_E1_USER, useIsdnRig } from './isdn.js';
import { sippUas } from './sipp.js';

const T = 60_000;
const GROUP = 'pri-e1';
const rig = useIsdnRig([EURO_E1_USER], { timeout: T });
const peer = (): PriPeer => rig.peer(GROUP);

const idle = () => untilGroup(rig.tandem, GROUP, allIdle, 'idle');

/** libpri's SETUP for the number it sees as `called`; `then` runs on it. */
async function ringOf(called: string): Promise<{ id: string; [k: string]: unknown }> {
  const ring = await peer().waitFor('ring', (e) => e.called === called, 30_000);
  return { ...ring, id: String(ring.id) };
}

describe('SIP → ISDN PRI (EuroISDN E1, Tandem user side)', () => {
  it('answered, the SIP caller hangs up: libpri sees the SETUP numbers and DISCONNECT cause 16', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-answer.xml', '0391234560', '0301112222', ['-d', '300']);
    const ring = await ringOf('49391234560');
    // The PBX's rule makes 0391234560 +49391234560: international (1), E.164 (1); the calling
    // number 0301112222 is national (2) without its prefix, presentation allowed (0).
    expect(ring).toMatchObject({ called_ton: 1, called_plan: 1, calling: '301112222', calling_ton: 2, calling_pres: 0, complete: 1, layer1: 0x23 });
    peer().send(`alert ${ring.id}`);
    peer().send(`answer ${ring.id}`);
    oneCallPassed(await call);
    const hangup = await peer().waitFor('hangup', (e) => String(e.id) === ring.id);
    expect(hangup).toMatchObject({ cause: 16, msg: 'disconnect' });
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '0391234560');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ direction: 'sipToPstn', disposition: 'answered', trunkGroup: GROUP, sipPeer: 'pbx', cause: 16, releaseSide: 'sip' });
  }, T);

  it('answered, libpri hangs up: BYE with Reason Q.850 cause 16', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-far-hangup.xml', '0391234516', '0301112222');
    const ring = await ringOf('49391234516');
    peer().send(`alert ${ring.id}`);
    peer().send(`answer ${ring.id}`);
    await peer().waitFor('connect_ack', (e) => String(e.id) === ring.id);
    peer().send(`hangup ${ring.id} 16`);
    oneCallPassed(await call);
    expect(await peer().waitFor('hangup_ack', (e) => String(e.id) === ring.id)).toBeDefined();
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '0391234516');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ disposition: 'answered', trunkGroup: GROUP, cause: 16, releaseSide: 'pstn' });
  }, T);

  it('busy: libpri rejects with cause 17, SIPp gets 486 with Reason cause 17', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-486.xml', '0391234517', '0301112222');
    const ring = await ringOf('49391234517');
    peer().send(`hangup ${ring.id} 17`);
    oneCallPassed(await call);
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '0391234517');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ disposition: 'busy', trunkGroup: GROUP, cause: 17, sipStatus: 486 });
  }, T);

  it('unallocated number: libpri rejects with cause 1, SIPp gets 404 with Reason cause 1', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-404.xml', '0391234501', '0301112222');
    const ring = await ringOf('49391234501');
    peer().send(`hangup ${ring.id} 1`);
    oneCallPassed(await call);
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '0391234501');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ trunkGroup: GROUP, cause: 1, sipStatus: 404 });
  }, T);

  it('congestion: libpri rejects with cause 34, SIPp gets 503 with Reason cause 34', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-503.xml', '0391234534', '0301112222');
    const ring = await ringOf('49391234534');
    peer().send(`hangup ${ring.id} 34`);
    oneCallPassed(await call);
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '0391234534');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ trunkGroup: GROUP, cause: 34, sipStatus: 503 });
  }, T);

  it('Privacy: id gives presentation restricted; a number without the national prefix goes as a subscriber number', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-answer-privacy.xml', '3955501', '0301112222', ['-d', '100']);
    const ring = await ringOf('3955501');
    // subscriber number (4) in E.164 (1); calling number restricted (1)
    expect(ring).toMatchObject({ called_ton: 4, called_plan: 1, calling_pres: 1 });
    peer().send(`answer ${ring.id}`);
    oneCallPassed(await call);
    expect(await peer().waitFor('hangup', (e) => String(e.id) === ring.id)).toMatchObject({ cause: 16 });
    await idle();
  }, T);
});

describe('ISDN PRI → SIP', () => {
  it('answered by the PBX; libpri hangs up: ALERTING, CONNECT at libpri, BYE with Reason cause 16', async () => {
    const pbx = await sippUas({ scenario: 'pbx-uas-answer.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx });
    peer().send('call 0 2001 301234567 1 exclusive');
    const calling = await peer().waitFor('calling');
    expect(calling.rc).toBe(0);
    const id = String(calling.id);
    await peer().waitFor('alerting', (e) => String(e.id) === id);
    await peer().waitFor('answer', (e) => String(e.id) === id);
    peer().send(`hangup ${id} 16`);
    oneCallPassed(await pbx.done);
    await peer().waitFor('hangup_ack', (e) => String(e.id) === id);
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '2001');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ direction: 'pstnToSip', disposition: 'answered', trunkGroup: GROUP, cause: 16, releaseSide: 'pstn' });
  }, T);

  it('rejected by the PBX with 486: libpri sees the call cleared with cause 17', async () => {
    const pbx = await sippUas({ scenario: 'pbx-uas-486.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx });
    peer().send('call 0 2002 301234567 2 exclusive');
    const calling = await peer().waitFor('calling');
    const id = String(calling.id);
    oneCallPassed(await pbx.done);
    expect(await peer().waitFor('hangup', (e) => String(e.id) === id)).toMatchObject({ cause: 17 });
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '2002');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ direction: 'pstnToSip', disposition: 'busy', trunkGroup: GROUP, cause: 17, sipStatus: 486 });
  }, T);
});
