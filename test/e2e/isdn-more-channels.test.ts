// End to end, SIP ⇄ ISDN PRI (EuroISDN E1, Tandem user side, exclusive channels) when the channel
// Tandem asks for is taken: glare with libpri's own call on the same B-channel, resolved by the
// trunk-group manager (glare policy fixed, the network wins), and libpri rejecting the channel with
// cause 44, a failover cause of the route, so that call control tries the route's next group.
import { describe, expect, it } from 'vitest';
import type { PriPeer } from '../support/pri-peer.js';
import { allIdle, cdrs, groupView, oneCallPassed, pbxCall, untilGroup, useIsdnRig } from './isdn.js';
import { sippUas } from './sipp.js';

const T = 90_000;
const E1 = { driver: 'pri', side: 'user', switchType: 'euroIsdn', channelSelection: 'exclusive', hunting: { strategy: 'ascending' } };
const NET = { node: 'net', switchType: 'euroisdn_e1' } as const;
/** CIC of B-channel `channel` of span `span` (docs/configuration.md: span × 32 + channel on an E1) */
const cic = (span: number, channel: number): number => span * 32 + channel;

const rig = useIsdnRig(
  [
    { name: 'pri-glare', prefix: '36', group: { ...E1, spans: [{ span: 8, type: 'E1' }] }, peer: NET },
    { name: 'pri-44', prefix: '37', group: { ...E1, spans: [{ span: 9, type: 'E1' }] }, peer: NET },
    { name: 'pri-alt', prefix: '38', group: { ...E1, spans: [{ span: 10, type: 'E1' }] }, peer: NET },
  ],
  {
    // as trunks/routes.yaml's pbx-to-pstn: the next target after one of these causes
    routes: [{ name: 'pbx-failover', from: ['pbx'], match: '^(\\+49)?37[0-9]*$', to: ['pri-44', 'pri-alt'], failoverCauses: [34, 38, 41, 42, 44, 47] }],
    timeout: T,
  },
);
const peer = (name: string): PriPeer => rig.peer(name);

const idle = (name: string) => untilGroup(rig.tandem, name, allIdle, 'idle');

describe('glare on a B-channel (Tandem user side, hunting ascending, exclusive)', () => {
  it('libpri calls on the channel of Tandem’s unanswered SETUP: the network wins, the SIP call is re-attempted on the next channel and completes, the PSTN call reaches the PBX', async () => {
    const glare = peer('pri-glare');
    const pbx = await sippUas({ scenario: 'pbx-uas-answer.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx });
    const out = pbxCall(rig.tandem, 'pbx-uac-answer.xml', '0361234560', '0301112222', ['-d', '8000']);
    const first = await glare.waitFor('ring', (e) => e.called === '49361234560', 30_000);
    // the first channel ascending hunting picks, exclusive
    expect(first).toMatchObject({ channel: 1, exclusive: 1 });
    // libpri has not answered Tandem's SETUP (no CALL PROCEEDING): its own SETUP for channel 1 crosses it
    glare.send('call 0 3601 301234567 1 exclusive');
    const calling = await glare.waitFor('calling');
    expect(calling.rc).toBe(0);

    // Tandem's call yields channel 1 and comes again on channel 2
    const second = await glare.waitFor('ring', (e) => e.called === '49361234560', 30_000);
    expect(second).toMatchObject({ channel: 2, exclusive: 1, calling: '301112222' });
    glare.send(`alert ${String(second.id)}`);
    glare.send(`answer ${String(second.id)}`);

    // libpri's call keeps channel 1 and the PBX answers it
    expect(await glare.waitFor('answer', (e) => e.id === calling.id, 30_000)).toMatchObject({ channel: 1 });
    const view = await groupView(rig.tandem, 'pri-glare');
    expect(view.counts).toMatchObject({ outgoingBusy: 1, incomingBusy: 1 });
    expect(view.circuits.filter((c) => c.callState !== 'idle').map((c) => c.cic)).toEqual([cic(8, 1), cic(8, 2)]);
    glare.send(`hangup ${String(calling.id)} 16`);
    oneCallPassed(await pbx.done);
    await glare.waitFor('hangup_ack', (e) => e.id === calling.id);

    oneCallPassed(await out);
    expect(await glare.waitFor('hangup', (e) => e.id === second.id)).toMatchObject({ channel: 2, cause: 16, msg: 'disconnect' });
    await idle('pri-glare');

    // Tandem cleared its first SETUP (in U1) with DISCONNECT 44 on its call reference (docs/isdn-driver.md "Glare")
    const sent = rig.tandem.logs().filter((l) => l.mod === 'isdn' && l.group === 'pri-glare' && l.dir === 'out' && l.cr === first.cref);
    expect(sent.map((l) => l.type).slice(0, 2), JSON.stringify(sent)).toEqual(['SETUP', 'DISCONNECT']);
    // the cause IE: 08, length 2, coding/location, 0x80 | 44
    expect(sent[1]?.hex).toMatch(/0802[89][0-9a-f]ac/);

    // CDRs: the glare back-off on circuit 1, then the answered attempt on circuit 2; the incoming call answered
    const outCdrs = await cdrs(rig.tandem, 'calledIn', '0361234560', 2);
    expect(outCdrs.sort((a, b) => Number(a.attempt) - Number(b.attempt)).map((r) => [r.attempt, r.disposition, r.cic, r.channel])).toEqual([
      [1, 'glare', cic(8, 1), 1],
      [2, 'answered', cic(8, 2), 2],
    ]);
    const [inCdr, ...more] = await cdrs(rig.tandem, 'calledIn', '3601');
    expect(more).toEqual([]);
    expect(inCdr).toMatchObject({ direction: 'pstnToSip', disposition: 'answered', trunkGroup: 'pri-glare', cic: cic(8, 1), channel: 1, cause: 16 });
  }, T);
});

describe('channel rejected with cause 44 (requested circuit/channel not available)', () => {
  it('libpri rejects the exclusive channel with 44: call control fails over to the route’s next group, which answers; the SIP caller is connected', async () => {
    const call = pbxCall(rig.tandem, 'pbx-uac-answer.xml', '0371234560', '0301112222', ['-d', '300']);
    const rejected = await peer('pri-44').waitFor('ring', (e) => e.called === '49371234560', 30_000);
    expect(rejected).toMatchObject({ channel: 1, exclusive: 1 });
    peer('pri-44').send(`hangup ${String(rejected.id)} 44`);
    const ring = await peer('pri-alt').waitFor('ring', (e) => e.called === '49371234560', 30_000);
    expect(ring).toMatchObject({ channel: 1, exclusive: 1, calling: '301112222' });
    peer('pri-alt').send(`alert ${String(ring.id)}`);
    peer('pri-alt').send(`answer ${String(ring.id)}`);
    oneCallPassed(await call);
    expect(await peer('pri-alt').waitFor('hangup', (e) => e.id === ring.id)).toMatchObject({ cause: 16, msg: 'disconnect' });
    await idle('pri-44');
    await idle('pri-alt');
    // no second SETUP on the rejecting group
    expect(peer('pri-44').all('ring')).toHaveLength(1);
    const rows = await cdrs(rig.tandem, 'calledIn', '0371234560');
    expect(rows.map((r) => [r.trunkGroup, r.disposition])).toEqual([['pri-alt', 'answered']]);
    // the one attempt seized a channel of each group in the route's order
    const cdrLog = rig.tandem.logs().filter((l) => l.mod === 'cdr');
    const key = cdrLog.find((l) => l.type === 'attemptStarted' && l.called === '0371234560')?.callKey;
    expect(key).toBeDefined();
    const seized = cdrLog.filter((l) => l.callKey === key && l.type === 'circuitSeized');
    expect(seized.map((l) => [l.trunkGroup, l.circuit])).toEqual([
      ['pri-44', { cic: cic(9, 1), span: 9, channel: 1 }],
      ['pri-alt', { cic: cic(10, 1), span: 10, channel: 1 }],
    ]);
  }, T);
});
