// User ⇄ network back to back on a fake data link: complete calls both ways (en-bloc and
// overlap), rejections, clearing from each side, clearing collisions, STATUS ENQUIRY, RESTART.
import { describe, expect, it } from 'vitest';
import { SPEECH_ALAW, allCleared, cause, pair, type Side } from './harness.js';

const called = (digits: string) => ({ typeOfNumber: 2, numberingPlan: 1, digits });
const idOf = (s: Side, kind: 'setup' = 'setup'): number => s.of(kind).at(-1)?.id ?? -1;
const states = (s: Side): number[] => s.q.calls().map((c) => c.state);

describe('complete calls', () => {
  it('user → network en-bloc, cleared by the user', () => {
    const { user, net } = pair();
    const r = user.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 5, exclusive: true }, called: called('123'), sendingComplete: true });
    const uid = r.ok ? r.value : -1;
    const nid = idOf(net);
    expect(net.of('setup')[0]?.info.channel).toEqual({ channel: 5, exclusive: true });
    expect(states(net)).toEqual([1]);
    net.q.proceeding(nid);
    net.q.alerting(nid);
    expect(states(user)).toEqual([4]);
    net.q.connect(nid);
    expect(states(user)).toEqual([10]);
    expect(net.of('connectAck')).toHaveLength(1);
    user.q.disconnect(uid, cause(16));
    expect(net.of('disconnect')[0]?.cause?.causeValue).toBe(16);
    expect(states(net)).toEqual([11]);
    expect(net.q.release(nid).ok).toBe(true);
    expect(allCleared(user) && allCleared(net)).toBe(true);
    expect(user.of('cleared')[0]?.channel).toBe(5);
    expect(net.of('cleared')[0]?.channel).toBe(5);
  });

  it('network → user en-bloc, cleared by the network', () => {
    const { user, net } = pair();
    const r = net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 7, exclusive: true }, called: called('9'), sendingComplete: true });
    const nid = r.ok ? r.value : -1;
    const uid = idOf(user);
    user.q.proceeding(uid);
    expect(states(net)).toEqual([9]);
    user.q.alerting(uid);
    expect(states(net)).toEqual([7]);
    user.q.connect(uid);
    expect(states(user)).toEqual([10]);
    expect(user.of('connectAck')).toHaveLength(1);
    expect(net.of('connect')).toHaveLength(1);
    net.q.disconnect(nid, cause(16, 2));
    expect(states(net)).toEqual([12]);
    expect(user.q.release(uid).ok).toBe(true);
    expect(allCleared(user) && allCleared(net)).toBe(true);
  });

  it('overlap sending user → network (SETUP ACK, INFORMATION, CALL PROCEEDING)', () => {
    const { user, net } = pair();
    const r = user.q.setup({ bearer: SPEECH_ALAW, called: called('49'), sendingComplete: false });
    const uid = r.ok ? r.value : -1;
    const nid = idOf(net);
    expect(net.of('setup')[0]?.info.channel).toEqual({ channel: 1, exclusive: true });
    net.q.setupAck(nid);
    expect(states(user)).toEqual([2]);
    expect(user.of('setupAck')[0]?.channel).toEqual({ channel: 1, exclusive: true });
    user.q.information(uid, '30', false);
    user.q.information(uid, '1', true);
    expect(net.of('information').map((e) => [e.digits, e.sendingComplete])).toEqual([['30', false], ['1', true]]);
    net.q.proceeding(nid);
    net.q.connect(nid);
    expect(states(user)).toEqual([10]);
    net.q.disconnect(nid, cause(16, 2));
    user.q.release(uid);
    expect(allCleared(user) && allCleared(net)).toBe(true);
  });

  it('overlap receiving network → user', () => {
    const { user, net } = pair();
    const r = net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 2, exclusive: true }, called: called('1'), sendingComplete: false });
    const nid = r.ok ? r.value : -1;
    const uid = idOf(user);
    user.q.setupAck(uid);
    expect(states(net)).toEqual([25]);
    expect(states(user)).toEqual([25]);
    net.q.information(nid, '23', true);
    expect(user.of('information')[0]).toMatchObject({ digits: '23', sendingComplete: true });
    user.q.alerting(uid);
    user.q.connect(uid);
    user.q.disconnect(uid, cause(16));
    net.q.release(nid);
    expect(allCleared(user) && allCleared(net)).toBe(true);
  });
});

describe('rejections', () => {
  for (const value of [17, 1, 34]) {
    it(`user rejects an incoming SETUP with cause ${value} (RELEASE COMPLETE)`, () => {
      const { user, net } = pair();
      net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 1, exclusive: true }, sendingComplete: true });
      expect(user.q.disconnect(idOf(user), cause(value)).ok).toBe(true);
      expect(net.of('cleared')[0]?.cause?.causeValue).toBe(value);
      expect(net.of('disconnect')).toEqual([]);
      expect(allCleared(user) && allCleared(net)).toBe(true);
    });
    it(`network rejects a user SETUP with cause ${value}`, () => {
      const { user, net } = pair();
      user.q.setup({ bearer: SPEECH_ALAW, sendingComplete: true });
      net.q.disconnect(idOf(net), cause(value, 2));
      expect(user.of('cleared')[0]?.cause?.causeValue).toBe(value);
      expect(allCleared(user) && allCleared(net)).toBe(true);
    });
  }

  it('network rejects after CALL PROCEEDING with DISCONNECT cause 17', () => {
    const { user, net } = pair();
    const r = user.q.setup({ bearer: SPEECH_ALAW, sendingComplete: true });
    const nid = idOf(net);
    net.q.proceeding(nid);
    net.q.disconnect(nid, cause(17, 2));
    expect(user.of('disconnect')[0]?.cause?.causeValue).toBe(17);
    user.q.release(r.ok ? r.value : -1);
    expect(user.of('cleared')[0]?.cause?.causeValue).toBe(17);
    expect(allCleared(user) && allCleared(net)).toBe(true);
  });

  it('an unavailable exclusive channel is refused with cause 44, a preferred one moved', () => {
    const { user, net } = pair({ channelAvailable: (c) => c !== 4 });
    user.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 4, exclusive: true }, sendingComplete: true });
    expect(user.of('cleared')[0]?.cause?.causeValue).toBe(44);
    expect(net.of('setup')).toEqual([]);
    user.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 4, exclusive: false }, sendingComplete: true });
    expect(net.of('setup')[0]?.info.channel).toEqual({ channel: 1, exclusive: true });
    net.q.proceeding(idOf(net));
    expect(user.q.calls()[0]?.channel).toBe(1);
  });
});

describe('clearing', () => {
  it('clearing collision: both sides send DISCONNECT at once', () => {
    const { user, net } = pair();
    const r = user.q.setup({ bearer: SPEECH_ALAW, sendingComplete: true });
    const uid = r.ok ? r.value : -1;
    const nid = idOf(net);
    net.q.connect(nid);
    user.l2.hold = true;
    net.l2.hold = true;
    user.q.disconnect(uid, cause(16));
    net.q.disconnect(nid, cause(16, 2));
    user.l2.hold = false;
    net.l2.hold = false;
    const u = user.l2.sent.splice(0);
    const n = net.l2.sent.splice(0);
    for (const s of u) net.l2.indicate({ kind: 'data', tei: 0, info: s.info });
    for (const s of n) user.l2.indicate({ kind: 'data', tei: 0, info: s.info });
    expect(allCleared(user) && allCleared(net)).toBe(true);
    expect(user.of('disconnect')).toEqual([]);
    expect(net.of('disconnect')).toEqual([]);
  });

  it('release() is refused before the far end disconnects', () => {
    const { user } = pair();
    const r = user.q.setup({ bearer: SPEECH_ALAW, sendingComplete: true });
    const res = user.q.release(r.ok ? r.value : -1);
    expect(res.ok ? '' : res.error.code).toBe('GW_ERR_Q931_CALL_STATE');
    const unknown = user.q.connect(99);
    expect(unknown.ok ? '' : unknown.error.code).toBe('GW_ERR_Q931_UNKNOWN_CALL');
  });
});

describe('STATUS ENQUIRY and RESTART', () => {
  it('STATUS ENQUIRY is answered with STATUS cause 30 and the call state', () => {
    const { user, net } = pair();
    const r = user.q.setup({ bearer: SPEECH_ALAW, sendingComplete: true });
    net.q.proceeding(idOf(net));
    user.q.statusEnquiry(r.ok ? r.value : -1);
    expect(user.of('status')).toEqual([{ kind: 'status', id: r.ok ? r.value : -1, callState: 3, cause: cause(30, 2) }]);
  });

  it('RESTART of one channel clears the call on it on both sides', () => {
    const { user, net } = pair();
    user.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 9, exclusive: true }, sendingComplete: true });
    user.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 10, exclusive: true }, sendingComplete: true });
    net.q.connect(net.of('setup')[0]?.id ?? -1);
    expect(net.q.restart([9]).ok).toBe(true);
    expect(user.of('restart')).toEqual([{ kind: 'restart', channels: [9] }]);
    expect(net.of('restartAck')).toEqual([{ kind: 'restartAck', channels: [9], acknowledged: true }]);
    expect(user.of('cleared').map((e) => e.channel)).toEqual([9]);
    expect(net.of('cleared').map((e) => e.channel)).toEqual([9]);
    expect(states(user)).toEqual([1]);
  });

  it('RESTART all from the user side clears every call', () => {
    const { user, net } = pair();
    net.q.setup({ bearer: SPEECH_ALAW, channel: { channel: 3, exclusive: true }, sendingComplete: true });
    expect(user.q.restart('all').ok).toBe(true);
    expect(net.of('restart')).toEqual([{ kind: 'restart', channels: 'all' }]);
    expect(user.of('restartAck')[0]?.acknowledged).toBe(true);
    expect(allCleared(user) && allCleared(net)).toBe(true);
    expect(user.q.restart([16]).ok).toBe(false);
  });
});
