// End to end, SIP ⇄ ISDN PRI (EuroISDN E1) in the modes isdn.test.ts does not use, one Tandem with
// a group per mode, each facing its own libpri peer: the D-channel with a real HDLC FCS (`fcs: true`
// against `--fcs`), Tandem as the network side of the PRI (`side: network`, libpri `--node cpe`),
// and overlap receiving from libpri (`--overlap`) collected by call control per the group's
// `overlap` rule into one INVITE.
// Glare and channel rejections are in isdn-more-channels.test.ts.
import { describe, expect, it } from 'vitest';
import type { PriPeer } from '../support/pri-peer.js';
import { allIdle, cdrs, oneCallPassed, pbxCall, untilGroup, useIsdnRig } from './isdn.js';
import { sippUas } from './sipp.js';
import type { LogLine } from './tandem.js';

const T = 60_000;
const rig = useIsdnRig(
  [
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
    {
      name: 'pri-overlap',
      prefix: '39',
      // complete at 3901 and four more digits; otherwise 6 digits are enough on T35 (15 s), which
      // Q.931's T302 must outlast (a configuration check)
      group: { driver: 'pri', side: 'user', switchType: 'euroIsdn', spans: [{ span: 11, type: 'E1' }], overlap: { minDigits: 6, complete: '3901[0-9]{4}' }, q931Timers: { T302: 20_000 } },
      peer: { node: 'net', switchType: 'euroisdn_e1', overlap: true },
    },
    {
      name: 'pri-enbloc',
      prefix: '38',
      // no overlap rule: call control is en bloc for this group
      group: { driver: 'pri', side: 'user', switchType: 'euroIsdn', spans: [{ span: 12, type: 'E1' }] },
      peer: { node: 'net', switchType: 'euroisdn_e1', overlap: true },
    },
  ],
  { timeout: T },
);
const peer = (name: string): PriPeer => rig.peer(name);

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

/** The call-control log lines of the PSTN → SIP call whose IAM came on `cic` (the latest such call). */
function callLines(cic: number): { key: unknown; lines: LogLine[] } {
  const logs = rig.tandem.logs();
  const key = logs.filter((l) => l.mod === 'call' && l.direction === 'pstnToSip' && l.cic === cic && l.event === 'IAM').at(-1)?.callKey;
  return { key, lines: logs.filter((l) => key !== undefined && l.callKey === key) };
}

/**
 * libpri calls `first` with complete=0 on B-channel 1; Tandem acknowledges (SETUP ACKNOWLEDGE) and
 * call control collects; `more` goes as INFORMATION (a digit each). The PBX gets one INVITE, for
 * `expected`, and answers; libpri hangs up with 16. Resolves with the call's call-control log lines.
 */
async function overlapIn(first: string, more: string, expected: string): Promise<LogLine[]> {
  const ovl = peer('pri-overlap');
  const pbx = await sippUas({ scenario: 'pbx-uas-answer-uri.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx, args: ['-trace_logs'], timeoutS: 60 });
  ovl.send(`call 0 ${first} 301234567 1 exclusive complete=0`);
  const calling = await ovl.waitFor('calling');
  expect(calling.rc).toBe(0);
  const id = calling.id;
  expect(await ovl.waitFor('setup_ack', (e) => e.id === id)).toMatchObject({ channel: 1 });
  // call control holds the IAM's number: it is not complete yet
  await rig.tandem.waitForLog((l) => l.mod === 'call' && l.cic === CIC_OVERLAP && l.event === 'IAM' && l.to === 'CollectingAddress', 10_000);
  ovl.send(`info ${String(id)} ${more}`);
  await ovl.waitFor('alerting', (e) => e.id === id, 40_000);
  await ovl.waitFor('answer', (e) => e.id === id);
  ovl.send(`hangup ${String(id)} 16`);
  const run = await pbx.done;
  oneCallPassed(run);
  // one INVITE, with the whole number (national: +49…)
  expect(run.logs.match(/^request-uri .*$/gm), run.logs).toEqual([expect.stringMatching(new RegExp(`^request-uri (sip|tel):\\${expected}[@;]`))]);
  await ovl.waitFor('hangup_ack', (e) => e.id === id);
  await untilGroup(rig.tandem, 'pri-overlap', allIdle, 'idle');
  const { key, lines } = callLines(CIC_OVERLAP);
  const sent = rig.tandem.logs().filter((l) => l.mod === 'cdr' && l.callKey === key && l.type === 'setupSent');
  expect(sent.map((l) => l.called)).toEqual([expected]);
  const [cdr, ...others] = await cdrs(rig.tandem, 'calledOut', expected);
  expect(others).toEqual([]);
  expect(cdr).toMatchObject({ direction: 'pstnToSip', disposition: 'answered', trunkGroup: 'pri-overlap', cause: 16 });
  return lines;
}

/** span 11, B-channel 1 */
const CIC_OVERLAP = 11 * 32 + 1;

describe('overlap receiving from the PSTN (libpri --overlap, complete=0; the group has an overlap rule)', () => {
  it('SETUP 3901, INFORMATION 2345: complete by the rule’s pattern; one INVITE for +4939012345, answered', async () => {
    const lines = await overlapIn('3901', '2345', '+4939012345');
    const events = lines.filter((l) => l.fsm === 'p2s').map((l) => l.event);
    expect(events.slice(0, 6)).toEqual(['IAM', 'SAM', 'SAM', 'SAM', 'SAM', 'complete']);
    expect(events).not.toContain('timerT35');
  }, T);

  it('SETUP 3902, INFORMATION 12: not complete; on T35 its 6 digits are enough; one INVITE for +49390212, answered', async () => {
    const lines = await overlapIn('3902', '12', '+49390212');
    const events = lines.filter((l) => l.fsm === 'p2s').map((l) => l.event);
    expect(events.slice(0, 5)).toEqual(['IAM', 'SAM', 'SAM', 'timerT35', 'complete']);
  }, T);
});

describe('a SETUP without sending complete on a group without an overlap rule (call control en bloc)', () => {
  it('CALL PROCEEDING at once (no SETUP ACKNOWLEDGE, so T302 never runs); one INVITE for the number as received, answered', async () => {
    const ovl = peer('pri-enbloc');
    const pbx = await sippUas({ scenario: 'pbx-uas-answer-uri.xml', ip: '127.0.0.1', port: rig.tandem.ports.pbx, args: ['-trace_logs'], timeoutS: 60 });
    ovl.send('call 0 3801234 301234567 1 exclusive complete=0');
    const calling = await ovl.waitFor('calling');
    expect(calling.rc).toBe(0);
    const id = calling.id;
    expect(await ovl.waitFor('proceeding', (e) => e.id === id)).toMatchObject({ channel: 1 });
    await ovl.waitFor('answer', (e) => e.id === id, 40_000);
    expect(ovl.all('setup_ack').filter((e) => e.id === id)).toEqual([]);
    ovl.send(`hangup ${String(id)} 16`);
    const run = await pbx.done;
    oneCallPassed(run);
    expect(run.logs.match(/^request-uri .*$/gm), run.logs).toEqual([expect.stringMatching(/^request-uri (sip|tel):\+493801234[@;]/)]);
    await ovl.waitFor('hangup_ack', (e) => e.id === id);
    await untilGroup(rig.tandem, 'pri-enbloc', allIdle, 'idle');
  }, T);
});
