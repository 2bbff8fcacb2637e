// End to end, D-channel loss on a PRI (EuroISDN E1, Tandem user side) facing libpri: the peer
// closes the D-channel socket during an answered SIP call. The call is released toward SIP with
// cause 41 (docs/isdn-driver.md "D-channel loss"), GET /circuits shows the group's link down with
// no circuit available, and once the peer accepts again Tandem redials, restarts the interface and
// a new call completes.
import { describe, expect, it } from 'vitest';
import type { PriPeer } from '../support/pri-peer.js';
import { allIdle, cdrs, groupView, oneCallPassed, pbxCall, untilGroup, EURO_E1_USER, useIsdnRig } from './isdn.js';

const T = 90_000;
const GROUP = 'pri-e1';
const rig = useIsdnRig([EURO_E1_USER], { timeout: T });
const peer = (): PriPeer => rig.peer(GROUP);

/** A PBX call libpri answers; resolves with the ring once the call is answered, and SIPp's run. */
async function answered(scenario: string, called: string, args: readonly string[] = []) {
  const run = pbxCall(rig.tandem, scenario, called, '0301112222', args);
  const ring = await peer().waitFor('ring', (e) => e.called === `49${called.slice(1)}`, 30_000);
  peer().send(`answer ${String(ring.id)}`);
  await peer().waitFor('connect_ack', (e) => e.id === ring.id);
  return { ring, run };
}

describe('D-channel loss during an answered SIP call', () => {
  it('BYE with Reason cause 41; the circuits are unavailable while the link is down, idle after; a new call completes', async () => {
    const { run } = await answered('pbx-uac-far-hangup-41.xml', '0391234541');
    expect((await groupView(rig.tandem, GROUP)).counts.outgoingBusy).toBe(1);
    peer().send('drop');
    oneCallPassed(await run);
    const down = await untilGroup(rig.tandem, GROUP, (g) => g.link === 'down', 'down');
    expect(down.counts.available).toBe(0);
    await rig.tandem.waitForLog((l) => l.mod === 'circuits' && l.msg === 'link' && l.group === GROUP && l.state === 'down');
    // the D-channel's own log lines (module isdn): the transport loss at warn, the Q.931 messages at debug
    await rig.tandem.waitForLog((l) => l.mod === 'isdn' && l.msg === 'D-channel down' && l.group === GROUP && l.level === 'warn');
    expect(rig.tandem.logs().some((l) => l.mod === 'isdn' && l.msg === 'Q.931' && l.dir === 'out' && l.type === 'SETUP' && l.group === GROUP)).toBe(true);
    const [cdr, ...more] = await cdrs(rig.tandem, 'calledIn', '0391234541');
    expect(more).toEqual([]);
    expect(cdr).toMatchObject({ disposition: 'answered', trunkGroup: GROUP, cause: 41 });

    // A call while the link is down is refused (no circuit): 503 toward the PBX, nothing at libpri.
    const refused = await pbxCall(rig.tandem, 'pbx-uac-503.xml', '0391234542', '0301112222');
    expect(refused.code, refused.diagnostics).toBe(0);
    expect(peer().all('ring').filter((e) => e.called === '49391234542')).toEqual([]);
    expect((await cdrs(rig.tandem, 'calledIn', '0391234542'))[0]).toMatchObject({ disposition: 'refused', refusedBy: 'noCircuit', cause: 34 });

    peer().send('reconnect');
    await untilGroup(rig.tandem, GROUP, allIdle, 'up with every circuit idle', 60_000);
    const again = await answered('pbx-uac-answer.xml', '0391234543', ['-d', '200']);
    oneCallPassed(await again.run);
    expect(await peer().waitFor('hangup', (e) => e.id === again.ring.id)).toMatchObject({ cause: 16 });
    await untilGroup(rig.tandem, GROUP, allIdle, 'idle');
  }, T);
});
