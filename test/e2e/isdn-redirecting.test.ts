// End to end, the redirecting number over ISDN PRI (EuroISDN E1, Tandem user side, libpri the
// network): a PBX INVITE with Diversion reaches libpri as a SETUP with a redirecting number
// (0x74) and its reason for redirection; a libpri SETUP with a redirecting number reaches the PBX
// as an INVITE with Diversion. Rig as in isdn.test.ts.
import { describe, expect, it } from 'vitest';
import type { PriPeer } from '../support/pri-peer.js';
import { allIdle, cdrs, oneCallPassed, pbxCall, untilGroup, EURO_E1_USER, useIsdnRig } from './isdn.js';
import { sippUas } from './sipp.js';

const T = 60_000;
const GROUP = 'pri-e1';
const rig = useIsdnRig([EURO_E1_USER], { timeout: T });
const peer = (): PriPeer => rig.peer(GROUP);

const idle = () => untilGroup(rig.tandem, GROUP, allIdle, 'idle');

describe('redirecting number over ISDN PRI', () => {
  it('SIP → ISDN: Diversion (0301115555, user-busy) gives libpri a redirecting number, national, reason call forwarding busy', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-diversion.xml', '0391234570', '0301112222', ['-d', '100']);
    const ring = await peer().waitFor('ring', (e) => e.called === '49391234570', 30_000);
    // as the calling number: national (TON 2) without the national prefix, E.164; Diversion
    // user-busy → ISUP redirecting reason 1 → Q.931 reason 1 (call forwarding busy)
    expect(ring).toMatchObject({ redirecting: '301115555', redirecting_ton: 2, redirecting_plan: 1, redirecting_reason: 1 });
    peer().send(`answer ${String(ring.id)}`);
    oneCallPassed(await call);
    expect(await peer().waitFor('hangup', (e) => e.id === ring.id)).toMatchObject({ cause: 16 });
    await idle();
  }, T);

  it('ISDN → SIP: a SETUP with a redirecting number (reason 1) reaches the PBX with Diversion reason user-busy', async () => {
    const pbx = await sippUas({ scenario: 'pbx-uas-diversion.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx });
    peer().send('call 0 2071 301234567 1 exclusive redirecting=301115555,1');
    const calling = await peer().waitFor('calling');
    expect(calling.rc).toBe(0);
    const id = calling.id;
    await peer().waitFor('answer', (e) => e.id === id);
    peer().send(`hangup ${String(id)} 16`);
    oneCallPassed(await pbx.done);
    await peer().waitFor('hangup_ack', (e) => e.id === id);
    await idle();
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '2071');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ direction: 'pstnToSip', disposition: 'answered', trunkGroup: GROUP });
  }, T);
});
