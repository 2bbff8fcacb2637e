// IsdnDriver over recording fakes of Q.931, Q.921 and the D-channel: link bring-up with RESTART,
// calls both ways, rejection, clearing both ways, D-channel loss in every call state, glare,
// resets, media. Every path must leave every B-channel idle.
import { describe, expect, it } from 'vitest';
import type { Cause } from 'q931-codec';
import { FakeClock } from '../../../src/core/clock.js';
import { IsdnDriver, type IsdnDriverOptions } from '../../../src/drivers/isdn/isdn-driver.js';
import { acm, anm, cpg, grs, iam, rel, rlc, simple, group } from '../../../src/drivers/isup-messages.js';
import type { DriverEvent, PortMessage } from '../../../src/drivers/port.js';
import type { RtpEchoFactory } from '../../../src/drivers/sim/media.js';
import { FakeL2, FakeQ931, FakeTransport } from './fakes.js';

const BEARER_A_LAW = { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x03 } };
const cause = (causeValue: number, location = 4): Cause => ({ codingStandard: 0, location, causeValue });

function harness(o: Partial<IsdnDriverOptions> = {}) {
  const clock = new FakeClock();
  const q931 = new FakeQ931();
  const l2 = new FakeL2();
  const transport = new FakeTransport();
  const opened: number[] = [];
  const media: RtpEchoFactory = {
    open: (pt) => {
      opened.push(pt);
      return Promise.resolve({ address: '127.0.0.1', port: 40000 + opened.length * 2, close: () => opened.push(-pt) });
    },
  };
  const driver = new IsdnDriver({
    name: 'pri-a',
    side: 'user',
    kind: 'E1',
    ptmp: false,
    // span 1, channels 1-4 → CICs 33-36 (span * 32 + channel)
    channels: [1, 2, 3, 4].map((channel) => ({ channel, cic: 32 + channel })),
    clock,
    channelSelection: 'exclusive',
    media,
    q931,
    l2,
    transport,
    ...o,
  });
  const events: DriverEvent[] = [];
  driver.subscribe((e) => events.push(e));
  const messages = (): PortMessage[] => events.flatMap((e) => (e.kind === 'message' ? [e.message] : []));
  /** the messages up since the last call, as `TYPE cic [cause]` */
  let seen = 0;
  const up = (): string[] => {
    clock.advance(0);
    const all = messages();
    const out = all.slice(seen).map((m) => (m.type === 'REL' ? `REL ${m.cic} ${m.params.causeIndicators.causeValue}/${m.params.causeIndicators.location}` : `${m.type} ${m.cic}`));
    seen = all.length;
    return out;
  };
  const links = (): string[] => events.flatMap((e) => (e.kind === 'link' ? [e.state] : []));
  const bringUp = (): void => {
    driver.start();
    transport.emit({ kind: 'up' });
    l2.emit({ kind: 'established', tei: 0 });
    q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    clock.advance(0);
    q931.take();
  };
  const states = () => driver.channels().map((c) => `${c.cic}:${c.state}`);
  const allIdle = ['33:idle', '34:idle', '35:idle', '36:idle'];
  return { clock, q931, l2, transport, driver, events, messages, up, links, bringUp, states, allIdle, opened };
}

describe('link bring-up', () => {
  it('is up only after the data link is established and RESTART of the whole interface is acknowledged', () => {
    const h = harness();
    h.driver.start();
    expect(h.transport.started).toBe(1);
    h.transport.emit({ kind: 'up' });
    expect(h.l2.calls).toEqual(['physical(true)']);
    expect(h.q931.take()).toEqual([]);
    h.l2.emit({ kind: 'established', tei: 0 });
    expect(h.q931.take()).toEqual([{ op: 'restart', channels: 'all' }]);
    h.clock.advance(0);
    expect([h.driver.link, h.links()]).toEqual(['down', []]);
    expect(h.driver.seize(33).ok).toBe(false);
    h.q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    expect(h.links()).toEqual([]); // asynchronous
    h.clock.advance(0);
    expect([h.driver.link, h.links()]).toEqual(['up', ['up']]);
  });

  it('repeats an unacknowledged RESTART after restartRetryMs and stays down meanwhile', () => {
    const h = harness({ restartRetryMs: 5000 });
    h.driver.start();
    h.transport.emit({ kind: 'up' });
    h.l2.emit({ kind: 'established', tei: 0 });
    h.q931.take();
    h.q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: false });
    h.clock.advance(4999);
    expect([h.driver.link, h.q931.take()]).toEqual(['down', []]);
    h.clock.advance(1);
    expect(h.q931.take()).toEqual([{ op: 'restart', channels: 'all' }]);
    h.q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    h.clock.advance(0);
    expect(h.links()).toEqual(['up']);
  });

  it('frames go to layer 2; FCS errors are counted', () => {
    const h = harness();
    h.bringUp();
    h.transport.emit({ kind: 'frame', frame: new Uint8Array([2, 1, 0x7f]) });
    h.transport.emit({ kind: 'fcsError', count: 1, length: 5 });
    expect(h.l2.received).toEqual([new Uint8Array([2, 1, 0x7f])]);
    expect(h.driver.counters().fcsErrors).toBe(1);
  });

  it('BRI point-to-multipoint, network side: the broadcast RESTART waits for the first TE data link (its ACK comes in an I frame); TE links coming and going do not take it down', () => {
    const h = harness({ kind: 'BRI', ptmp: true, side: 'network', channels: [{ channel: 1, cic: 33 }, { channel: 2, cic: 34 }] });
    h.driver.start();
    h.transport.emit({ kind: 'up' });
    expect(h.q931.take()).toEqual([]);
    h.l2.emit({ kind: 'established', tei: 64 });
    expect(h.q931.take()).toEqual([{ op: 'restart', channels: 'all' }]);
    h.q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    h.clock.advance(0);
    expect(h.links()).toEqual(['up']);
    // a TE's data link coming and going does not take the interface down, nor restarts it again
    h.l2.emit({ kind: 'established', tei: 65 });
    h.l2.emit({ kind: 'released', tei: 64 });
    h.l2.emit({ kind: 'released', tei: 65 });
    expect(h.q931.take()).toEqual([]);
    h.clock.advance(0);
    expect(h.links()).toEqual(['up']);
    h.transport.emit({ kind: 'down', reason: 'x' });
    h.clock.advance(0);
    expect(h.links()).toEqual(['up', 'down']);
  });

  it('BRI point-to-multipoint, user side: down only when the last data link is released', () => {
    const h = harness({ kind: 'BRI', ptmp: true, side: 'user', channels: [{ channel: 1, cic: 33 }, { channel: 2, cic: 34 }] });
    h.driver.start();
    h.transport.emit({ kind: 'up' });
    h.l2.emit({ kind: 'established', tei: 70 });
    h.l2.emit({ kind: 'established', tei: 71 });
    h.q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    h.l2.emit({ kind: 'released', tei: 70 });
    h.clock.advance(0);
    expect(h.links()).toEqual(['up']);
    h.l2.emit({ kind: 'released', tei: 71 });
    h.clock.advance(0);
    expect(h.links()).toEqual(['up', 'down']);
  });

  it('restarts again when the data link comes back after a loss', () => {
    const h = harness();
    h.bringUp();
    h.l2.emit({ kind: 'released', tei: 0 });
    h.l2.emit({ kind: 'established', tei: 0 });
    expect(h.q931.take()).toEqual([{ op: 'restart', channels: 'all' }]);
    h.q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    h.clock.advance(0);
    expect(h.links()).toEqual(['up', 'down', 'up']);
  });
});

describe('outgoing calls', () => {
  it('seize reserves the B-channel; IAM → SETUP on it; ALERTING → ACM; CONNECT → ANM; REL → DISCONNECT; cleared → RLC', () => {
    const h = harness();
    h.bringUp();
    expect(h.driver.seize(35).ok).toBe(true);
    expect(h.driver.seize(35)).toMatchObject({ ok: false, error: { code: 'GW_ERR_ISDN_CHANNEL_BUSY' } });
    expect(h.states()).toEqual(['33:idle', '34:idle', '35:seized', '36:idle']);
    expect(h.driver.send(iam(35, { called: '4930123456', calling: '4940999' })).ok).toBe(true);
    expect(h.q931.take()).toEqual([
      {
        op: 'setup',
        id: 1,
        info: {
          bearer: BEARER_A_LAW,
          channel: { channel: 3, exclusive: true },
          called: { typeOfNumber: 2, numberingPlan: 1, digits: '4930123456' },
          calling: { typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, digits: '4940999' },
          sendingComplete: true,
        },
      },
    ]);
    h.q931.emit({ kind: 'proceeding', id: 1, channel: { channel: 3, exclusive: true } });
    expect(h.up()).toEqual([]);
    h.q931.emit({ kind: 'alerting', id: 1 });
    h.q931.emit({ kind: 'connect', id: 1 });
    const got = h.up();
    expect(got).toEqual(['ACM 35', 'ANM 35']);
    const acmUp = h.messages().find((m) => m.type === 'ACM');
    expect(acmUp?.type === 'ACM' && acmUp.params.backwardCallIndicators.calledPartyStatus).toBe(1);
    expect(h.driver.send(rel(35, 16, 0)).ok).toBe(true);
    expect(h.q931.take()).toEqual([{ op: 'disconnect', id: 1, cause: { codingStandard: 0, location: 0, causeValue: 16 } }]);
    expect(h.states()[2]).toBe('35:busy');
    h.q931.emit({ kind: 'cleared', id: 1, cause: cause(16) });
    expect(h.up()).toEqual(['RLC 35']);
    expect(h.states()).toEqual(h.allIdle);
  });

  it('a rejection (RELEASE COMPLETE cause 17) goes up as REL with the same cause and location; RLC frees the channel', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '17' }));
    h.q931.emit({ kind: 'cleared', id: 1, cause: cause(17, 4), channel: 1 });
    expect(h.up()).toEqual(['REL 33 17/4']);
    expect(h.states()[0]).toBe('33:busy');
    h.driver.send(rlc(33));
    expect(h.q931.take().filter((r) => r.op !== 'setup')).toEqual([]);
    expect(h.states()).toEqual(h.allIdle);
  });

  it('far-end clearing: DISCONNECT → REL; RLC → RELEASE; cleared → idle', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(34);
    h.driver.send(iam(34, { called: '1' }));
    h.q931.emit({ kind: 'connect', id: 1 });
    h.q931.emit({ kind: 'disconnect', id: 1, cause: cause(16, 2) });
    expect(h.up()).toEqual(['CON 34', 'REL 34 16/2']);
    h.q931.take();
    h.driver.send(rlc(34));
    expect(h.q931.take()).toEqual([{ op: 'release', id: 1 }]);
    expect(h.states()[1]).toBe('34:busy');
    h.q931.emit({ kind: 'cleared', id: 1 });
    expect(h.up()).toEqual([]);
    expect(h.states()).toEqual(h.allIdle);
  });

  it('PROGRESS with PI #8 before alerting → ACM no indication + in-band; ALERTING after it → CPG alerting', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.emit({ kind: 'progress', id: 1, progress: [{ codingStandard: 0, location: 2, description: 8 }] });
    h.q931.emit({ kind: 'alerting', id: 1 });
    expect(h.up()).toEqual(['ACM 33', 'CPG 33']);
  });

  it('preferred: the network may move the call to another free channel, which is then busy', () => {
    const h = harness({ channelSelection: 'preferred' });
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    expect(h.q931.take()[0]).toMatchObject({ info: { channel: { channel: 1, exclusive: false } } });
    h.q931.emit({ kind: 'proceeding', id: 1, channel: { channel: 4, exclusive: true } });
    expect(h.states()).toEqual(['33:busy', '34:idle', '35:idle', '36:busy']);
    expect(h.driver.seize(36).ok).toBe(false);
    h.q931.emit({ kind: 'disconnect', id: 1, cause: cause(16) });
    h.driver.send(rlc(33));
    h.q931.emit({ kind: 'cleared', id: 1 });
    expect(h.states()).toEqual(h.allIdle);
  });

  it('overlap sending: SETUP ACKNOWLEDGE settles the channel; SAM → INFORMATION', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '12' }));
    h.q931.emit({ kind: 'setupAck', id: 1, channel: { channel: 1, exclusive: true } });
    h.driver.send({ type: 'SAM', cic: 33, params: { subsequentNumber: { digits: '34F' } }, optional: [] });
    expect(h.q931.take().slice(1)).toEqual([{ op: 'information', id: 1, digits: '34', sendingComplete: true }]);
    // answered by the network: its SETUP for channel 1 is no glare any more
    h.q931.emit({ kind: 'setup', id: 700, tei: 0, info: { bearer: BEARER_A_LAW, channel: { channel: 1, exclusive: true }, sendingComplete: true } });
    expect(h.q931.take()).toEqual([{ op: 'disconnect', id: 700, cause: { codingStandard: 0, location: 0, causeValue: 44 } }]);
  });

  it('events Q.931 emits from inside setup() (before the id is known) are handled once the id is', () => {
    const h = harness();
    h.bringUp();
    const setup = h.q931.setup.bind(h.q931);
    h.q931.setup = (info) => {
      const r = setup(info);
      if (r.ok) h.q931.emit({ kind: 'cleared', id: r.value, cause: cause(27, 2) });
      return r;
    };
    h.driver.seize(33);
    expect(h.driver.send(iam(33, { called: '1' })).ok).toBe(true);
    expect(h.up()).toEqual(['REL 33 27/2']);
    h.driver.send(rlc(33));
    expect(h.states()).toEqual(h.allIdle);
  });

  it('a clearing request Q.931 refuses (call unknown there) still frees the channel', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.driver.seize(34);
    h.driver.send(iam(34, { called: '2' }));
    h.q931.emit({ kind: 'disconnect', id: 2, cause: cause(16) });
    h.up();
    h.q931.refuse = true;
    expect(h.driver.send(rel(33, 16)).ok).toBe(true);
    expect(h.driver.send(rlc(34)).ok).toBe(true);
    expect(h.up()).toEqual(['RLC 33']);
    expect(h.states()).toEqual(h.allIdle);
    expect(h.driver.counters().q931Errors).toBe(2);
  });

  it('a refused SETUP is an error and leaves the channel free', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(33);
    h.q931.refuse = true;
    expect(h.driver.send(iam(33, { called: '1' }))).toMatchObject({ ok: false, error: { code: 'GW_ERR_ISDN_Q931_REFUSED' } });
    expect(h.states()).toEqual(h.allIdle);
  });
});

describe('incoming calls', () => {
  const setup = (channel?: { channel: number | 'any'; exclusive: boolean }, sendingComplete = true) => ({
    bearer: BEARER_A_LAW,
    ...(channel ? { channel } : {}),
    called: { typeOfNumber: 2, numberingPlan: 1, digits: '2000' },
    calling: { typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 0, digits: '5550100' },
    sendingComplete,
  });

  it('SETUP → CALL PROCEEDING + IAM; ACM → ALERTING; ANM → CONNECT; far-end DISCONNECT → REL; RLC → RELEASE', () => {
    const h = harness({ side: 'network' });
    h.bringUp();
    h.q931.emit({ kind: 'setup', id: 77, tei: 0, info: setup({ channel: 'any', exclusive: false }) });
    expect(h.q931.take()).toEqual([{ op: 'proceeding', id: 77, channel: { channel: 1, exclusive: true } }]);
    expect(h.up()).toEqual(['IAM 33']);
    const m = h.messages()[0];
    if (m?.type !== 'IAM') throw new Error('no IAM');
    expect(m.params.calledPartyNumber.digits).toBe('2000F');
    // the network side screened the user-provided number
    expect(m.optional.find((p) => p.name === 'callingPartyNumber')?.value).toMatchObject({ digits: '5550100', screening: 1 });
    h.driver.send(acm(33, 'free'));
    h.driver.send(anm(33));
    expect(h.q931.take()).toEqual([
      { op: 'alerting', id: 77 },
      { op: 'connect', id: 77 },
    ]);
    h.q931.emit({ kind: 'disconnect', id: 77, cause: cause(16, 0) });
    expect(h.up()).toEqual(['REL 33 16/0']);
    h.driver.send(rlc(33));
    expect(h.q931.take()).toEqual([{ op: 'release', id: 77 }]);
    h.q931.emit({ kind: 'cleared', id: 77 });
    expect(h.states()).toEqual(h.allIdle);
  });

  it('ACM with in-band information after CALL PROCEEDING → PROGRESS #8; CPG in-band → PROGRESS #8', () => {
    const h = harness({ side: 'network' });
    h.bringUp();
    h.q931.emit({ kind: 'setup', id: 5, tei: 0, info: setup({ channel: 2, exclusive: true }) });
    h.q931.take();
    h.driver.send(acm(34, 'noIndication', true));
    h.driver.send(cpg(34, 'inband'));
    const pi8 = [{ codingStandard: 0, location: 2, description: 8 }];
    expect(h.q931.take()).toEqual([
      { op: 'progress', id: 5, progress: pi8 },
      { op: 'progress', id: 5, progress: pi8 },
    ]);
  });

  it('overlap: SETUP without sending complete → SETUP ACKNOWLEDGE, IAM without ST, INFORMATION → SAM', () => {
    const h = harness({ side: 'network' });
    h.bringUp();
    h.q931.emit({ kind: 'setup', id: 5, tei: 0, info: setup(undefined, false) });
    expect(h.q931.take()).toEqual([{ op: 'setupAck', id: 5, channel: { channel: 1, exclusive: true } }]);
    h.q931.emit({ kind: 'information', id: 5, digits: '12', sendingComplete: true });
    expect(h.up()).toEqual(['IAM 33', 'SAM 33']);
    const sam = h.messages()[1];
    expect(sam?.type === 'SAM' && sam.params.subsequentNumber.digits).toBe('12F');
  });

  it('overlap receiving off (a group call control runs en bloc): SETUP without sending complete → CALL PROCEEDING at once, IAM up', () => {
    const h = harness({ side: 'network', overlapReceiving: false });
    h.bringUp();
    h.q931.emit({ kind: 'setup', id: 5, tei: 0, info: setup(undefined, false) });
    expect(h.q931.take()).toEqual([{ op: 'proceeding', id: 5, channel: { channel: 1, exclusive: true } }]);
    expect(h.up()).toEqual(['IAM 33']);
  });

  it('network side: an exclusive SETUP for a busy channel is rejected with cause 44; preferred gets another; a channel outside the group 82; none free 34', () => {
    const h = harness({ side: 'network' });
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.take();
    h.q931.emit({ kind: 'setup', id: 50, tei: 0, info: setup({ channel: 1, exclusive: true }) });
    expect(h.q931.take()).toEqual([{ op: 'disconnect', id: 50, cause: { codingStandard: 0, location: 2, causeValue: 44 } }]);
    h.q931.emit({ kind: 'setup', id: 51, tei: 0, info: setup({ channel: 1, exclusive: false }) });
    expect(h.q931.take()).toEqual([{ op: 'proceeding', id: 51, channel: { channel: 2, exclusive: true } }]);
    h.q931.emit({ kind: 'setup', id: 52, tei: 0, info: setup({ channel: 9, exclusive: true }) });
    expect(h.q931.take()).toEqual([{ op: 'disconnect', id: 52, cause: { codingStandard: 0, location: 2, causeValue: 82 } }]);
    h.q931.emit({ kind: 'setup', id: 53, tei: 0, info: setup({ channel: 'any', exclusive: false }) });
    h.q931.emit({ kind: 'setup', id: 54, tei: 0, info: setup({ channel: 'any', exclusive: false }) });
    h.q931.emit({ kind: 'setup', id: 55, tei: 0, info: setup({ channel: 'any', exclusive: false }) });
    expect(h.q931.take().map((r) => (r.op === 'disconnect' ? `${r.id} ${r.cause.causeValue}` : r.op === 'restart' ? r.op : `${r.id} ${r.op}`))).toEqual(['53 proceeding', '54 proceeding', '55 34']);
    expect(h.up()).toEqual(['IAM 34', 'IAM 35', 'IAM 36']);
    // the rejected calls' clearing is not reported up
    h.q931.emit({ kind: 'cleared', id: 50, cause: cause(44, 2) });
    h.q931.emit({ kind: 'cleared', id: 55, cause: cause(34, 2) });
    expect(h.up()).toEqual([]);
    expect(h.driver.counters().rejected).toBe(3);
  });

  it('a SETUP with a bearer ISUP cannot carry is rejected with cause 65', () => {
    const h = harness({ side: 'network' });
    h.bringUp();
    h.q931.emit({ kind: 'setup', id: 9, tei: 0, info: { ...setup(), bearer: { codingStandard: 0, transferCapability: 0x18, transferMode: 0, transferRate: 0x10 } } });
    expect(h.q931.take()).toEqual([{ op: 'disconnect', id: 9, cause: { codingStandard: 0, location: 2, causeValue: 65 } }]);
    expect(h.states()).toEqual(h.allIdle);
  });
});

describe('glare on the same channel: the network side chooses', () => {
  const info = (channel: number) => ({ bearer: BEARER_A_LAW, channel: { channel, exclusive: true }, called: { typeOfNumber: 2, numberingPlan: 1, digits: '1' }, sendingComplete: true });

  it('user side: the network SETUP takes the channel; our unanswered call backs off without REL upward', () => {
    const h = harness({ side: 'user' });
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.take();
    h.q931.emit({ kind: 'setup', id: 900, tei: 0, info: info(1) });
    expect(h.q931.take()).toEqual([
      { op: 'disconnect', id: 1, cause: { codingStandard: 0, location: 0, causeValue: 44 } },
      { op: 'proceeding', id: 900, channel: { channel: 1, exclusive: true } },
    ]);
    expect(h.up()).toEqual(['IAM 33']);
    // our call's clearing completes below, unseen above
    h.q931.emit({ kind: 'disconnect', id: 1, cause: cause(44) });
    expect(h.q931.take()).toEqual([{ op: 'release', id: 1 }]);
    h.q931.emit({ kind: 'cleared', id: 1 });
    expect(h.up()).toEqual([]);
    expect(h.driver.counters().glareLost).toBe(1);
    h.driver.send(rel(33, 16));
    h.q931.emit({ kind: 'cleared', id: 900 });
    expect(h.up()).toEqual(['RLC 33']);
    expect(h.states()).toEqual(h.allIdle);
  });

  it('user side: a REL from above that crosses the glare IAM is for the lost call: RLC ahead of the IAM, the new call kept', () => {
    const h = harness({ side: 'user' });
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.emit({ kind: 'setup', id: 900, tei: 0, info: info(1) });
    h.q931.take();
    // call control gives up on its call before it sees the network's IAM
    expect(h.driver.send(rel(33, 16)).ok).toBe(true);
    expect(h.driver.send(acm(33, 'free')).ok).toBe(true);
    expect(h.q931.take()).toEqual([]);
    expect(h.up()).toEqual(['RLC 33', 'IAM 33']);
    // from now on the CIC is the new call's
    h.driver.send(acm(33, 'free'));
    expect(h.q931.take()).toEqual([{ op: 'alerting', id: 900 }]);
  });

  it('user side: a channel only seized (no IAM yet) is given to the network call too', () => {
    const h = harness({ side: 'user' });
    h.bringUp();
    h.driver.seize(34);
    h.q931.emit({ kind: 'setup', id: 901, tei: 0, info: info(2) });
    expect(h.up()).toEqual(['IAM 34']);
    expect(h.driver.send(iam(34, { called: '1' }))).toMatchObject({ ok: false, error: { code: 'GW_ERR_ISDN_CHANNEL_BUSY' } });
  });

  it('user side: once the network answered our SETUP the channel is ours; its SETUP for it gets 44', () => {
    const h = harness({ side: 'user' });
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.emit({ kind: 'proceeding', id: 1, channel: { channel: 1, exclusive: true } });
    h.q931.take();
    h.q931.emit({ kind: 'setup', id: 902, tei: 0, info: info(1) });
    expect(h.q931.take()).toEqual([{ op: 'disconnect', id: 902, cause: { codingStandard: 0, location: 0, causeValue: 44 } }]);
  });

  it('network side: our call keeps the channel; the user SETUP for it is rejected with 44', () => {
    const h = harness({ side: 'network' });
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.take();
    h.q931.emit({ kind: 'setup', id: 903, tei: 0, info: info(1) });
    expect(h.q931.take()).toEqual([{ op: 'disconnect', id: 903, cause: { codingStandard: 0, location: 2, causeValue: 44 } }]);
    h.q931.emit({ kind: 'alerting', id: 1 });
    expect(h.up()).toEqual(['ACM 33']);
  });
});

describe('D-channel loss', () => {
  /** Calls in every state: 33 seized only, 34 outgoing SETUP sent, 35 incoming active, 36 released from above (awaiting clearing). */
  function everyState(h: ReturnType<typeof harness>) {
    h.bringUp();
    h.driver.seize(33);
    h.driver.seize(34);
    h.driver.send(iam(34, { called: '1' })); // id 1
    h.q931.emit({ kind: 'setup', id: 500, tei: 0, info: { bearer: BEARER_A_LAW, channel: { channel: 3, exclusive: true }, sendingComplete: true } });
    h.driver.send(anm(35));
    h.driver.seize(36);
    h.driver.send(iam(36, { called: '2' })); // id 2
    h.q931.emit({ kind: 'alerting', id: 2 });
    h.driver.send(rel(36, 16));
    expect(h.up()).toEqual(['IAM 35', 'ACM 36']);
    h.q931.take();
  }

  for (const how of ['transport down', 'L2 released'] as const) {
    it(`${how}: REL 41 up exactly once per open call, RLC for the one released from above, link down, every channel freed`, () => {
      const h = harness();
      everyState(h);
      if (how === 'transport down') h.transport.emit({ kind: 'down', reason: 'peer closed' });
      else h.l2.emit({ kind: 'released', tei: 0 });
      expect(h.up().sort()).toEqual(['CGB 33', 'REL 34 41/0', 'REL 35 41/0', 'RLC 36']);
      expect(h.links()).toEqual(['up', 'down']);
      expect(h.driver.seize(33).ok).toBe(false);
      // late Q.931 events for the abandoned calls change nothing above
      h.q931.emit({ kind: 'disconnect', id: 500, cause: cause(41) });
      h.q931.emit({ kind: 'cleared', id: 1, cause: cause(41) });
      h.q931.emit({ kind: 'cleared', id: 2, cause: cause(41) });
      h.q931.emit({ kind: 'cleared', id: 500, cause: cause(41) });
      expect(h.up()).toEqual([]);
      h.driver.send(rlc(34));
      h.driver.send(rlc(35));
      expect(h.states()).toEqual(h.allIdle);
      // a second loss indication reports nothing again
      h.transport.emit({ kind: 'down', reason: 'again' });
      expect(h.up()).toEqual([]);
      expect(h.driver.counters().linkLosses).toBe(1);
    });
  }

  it('the span is reported hardware-blocked (CGB, hardware) while the D-channel is down and unblocked (CGU) once the RESTART is acknowledged', () => {
    const h = harness();
    h.bringUp();
    h.transport.emit({ kind: 'down', reason: 'x' });
    h.clock.advance(0);
    const blocks = h.messages().filter((m) => m.type === 'CGB' || m.type === 'CGU');
    expect(blocks.map((m) => [m.type, m.cic, m.params.circuitGroupSupervisionMessageType.type, m.params.rangeAndStatus.status])).toEqual([['CGB', 33, 1, [true, true, true, true]]]);
    h.transport.emit({ kind: 'up' });
    h.l2.emit({ kind: 'established', tei: 0 });
    h.q931.emit({ kind: 'restartAck', channels: 'all', acknowledged: true });
    h.clock.advance(0);
    const after = h.messages().filter((m) => m.type === 'CGB' || m.type === 'CGU');
    expect(after.map((m) => [m.type, m.cic])).toEqual([['CGB', 33], ['CGU', 33]]);
    expect(h.links()).toEqual(['up', 'down', 'up']);
  });

  it('fast hang-up race: the REL from above crosses our REL 41; one RLC each way, no second REL, channel freed', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.emit({ kind: 'connect', id: 1 });
    h.up();
    h.transport.emit({ kind: 'down', reason: 'x' });
    // before our REL is delivered, call control hangs up: accepted with the link down, answered by RLC
    expect(h.driver.send(rel(33, 16)).ok).toBe(true);
    expect(h.up()).toEqual(['REL 33 41/0', 'CGB 33', 'RLC 33']);
    expect(h.states()).toEqual(h.allIdle);
    // call control's late RLC to our REL changes nothing; the channel is not seizable until the link is back
    expect(h.driver.send(rlc(33)).ok).toBe(true);
    expect(h.up()).toEqual([]);
    expect(h.driver.seize(33)).toMatchObject({ ok: false, error: { code: 'GW_ERR_DRIVER_LINK_DOWN' } });
  });

  it('race while up: the far end disconnects as call control releases; both complete, the channel is freed once cleared', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.q931.emit({ kind: 'connect', id: 1 });
    h.q931.emit({ kind: 'disconnect', id: 1, cause: cause(16) }); // REL up is queued
    h.driver.send(rel(33, 16)); // crosses it
    expect(h.q931.take()).toEqual([
      { op: 'setup', id: 1, info: expect.anything() as unknown },
      { op: 'release', id: 1 },
    ]);
    expect(h.up()).toEqual(['CON 33', 'REL 33 16/4', 'RLC 33']);
    h.driver.send(rlc(33)); // call control answers our REL late: nothing happens
    expect(h.states()[0]).toBe('33:busy');
    h.q931.emit({ kind: 'cleared', id: 1 });
    expect(h.up()).toEqual([]);
    expect(h.states()).toEqual(h.allIdle);
  });

  it('stop(): calls cleared up, link down, transport stopped, media closed', async () => {
    const h = harness();
    h.bringUp();
    const s = await h.driver.openMedia(33, 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 8 0\r\n');
    expect(s.ok && s.value.answer).toContain('m=audio 40002 RTP/AVP 8');
    h.driver.seize(33);
    h.driver.send(iam(33, { called: '1' }));
    h.driver.stop();
    expect(h.up()).toEqual(['REL 33 41/0', 'CGB 33']);
    expect([h.links(), h.transport.stopped, h.opened]).toEqual([['up', 'down'], 1, [8, -8]]);
  });
});

describe('circuit supervision from above', () => {
  it('RSC → RESTART of the channel → RLC; the call on it is cleared without REL', () => {
    const h = harness();
    h.bringUp();
    h.driver.seize(34);
    h.driver.send(iam(34, { called: '1' }));
    h.q931.take();
    h.driver.send(simple('RSC', 34));
    expect(h.q931.take()).toEqual([{ op: 'restart', channels: [2] }]);
    expect(h.states()[1]).toBe('34:restarting');
    h.q931.emit({ kind: 'cleared', id: 1, cause: cause(41) });
    h.q931.emit({ kind: 'restartAck', channels: [2], acknowledged: true });
    expect(h.up()).toEqual(['RLC 34']);
    expect(h.states()).toEqual(h.allIdle);
  });

  it('GRS → RESTART of the channels → GRA; BLO, UBL, CGB, CGU acknowledged locally', () => {
    const h = harness();
    h.bringUp();
    h.driver.send(grs(33, 4));
    expect(h.q931.take()).toEqual([{ op: 'restart', channels: [1, 2, 3, 4] }]);
    h.q931.emit({ kind: 'restartAck', channels: [1, 2, 3, 4], acknowledged: true });
    h.driver.send(simple('BLO', 35));
    h.driver.send(simple('UBL', 35));
    h.driver.send(group('CGB', 33, 'hardware', [true, false, true]));
    h.driver.send(group('CGU', 33, 'maintenance', [true, true]));
    expect(h.up()).toEqual(['GRA 33', 'BLA 35', 'UBA 35', 'CGBA 33', 'CGUA 33']);
    const cgba = h.messages()[3];
    expect(cgba?.type === 'CGBA' && cgba.params).toEqual({ circuitGroupSupervisionMessageType: { type: 1 }, rangeAndStatus: { range: 2, status: [true, false, true] } });
  });

  it('REL on an idle circuit is answered by RLC; unknown CICs and a down link are errors', () => {
    const h = harness();
    expect(h.driver.send(acm(33, 'free'))).toMatchObject({ ok: false, error: { code: 'GW_ERR_DRIVER_LINK_DOWN' } });
    h.bringUp();
    h.driver.send(rel(33, 16));
    expect(h.up()).toEqual(['RLC 33']);
    expect(h.driver.seize(99)).toMatchObject({ ok: false, error: { code: 'GW_ERR_DRIVER_UNKNOWN_CIC' } });
    expect(h.driver.send(acm(33, 'free'))).toMatchObject({ ok: false, error: { code: 'GW_ERR_ISDN_NO_CALL' } });
  });
});
