// Hop counter ⇄ Max-Forwards through call control (Q.1912.5 / TS 29.163; RFC 3261 §8.1.1.6;
// src/interworking/mapping/hop-counter.ts): P→S, the IAM's hop counter times the peer's ratio is
// the INVITE's Max-Forwards (70 without one, at most 255); S→P, the INVITE's Max-Forwards divided
// by the trunk group's ratio is the IAM's hop counter (at most 31).
import { findOptional } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import { iam } from '../../../src/drivers/isup-messages.js';
import { answerAfter } from '../../../src/drivers/sim/behaviour.js';
import { fieldValues } from '../../../src/sip/message/index.js';
import { gateway, SDP_PBX } from './harness.js';

describe('P→S: IAM hop counter → INVITE Max-Forwards', () => {
  it.each([
    [undefined, undefined, '70'],
    [20, undefined, '20'],
    [1, undefined, '1'],
    [5, 2, '10'],
    [31, 10, '255'],
  ])('hop counter %s, peer ratio %s → Max-Forwards: %s', async (hops, ratio, maxForwards) => {
    const g = gateway({ ...(ratio === undefined ? {} : { mapping: { byName: { pbx: { hopRatio: ratio } } } }) });
    g.pbx.on('invite', (c) => void c.reject(486));
    const m = iam(4, { called: '301234', calling: '5550100' });
    g.tap.inject({ ...m, optional: [...m.optional, ...(hops === undefined ? [] : [{ name: 'hopCounter' as const, value: { hops } }])] });
    await g.run(100);
    const invites = g.wire.sent.filter((s) => s.from === 'GW' && s.message.kind === 'request' && s.message.method === 'INVITE');
    expect(invites.map((s) => fieldValues(s.message.headers, 'Max-Forwards').join(','))).toEqual([maxForwards]);
  });
});

describe('S→P: INVITE Max-Forwards → IAM hop counter', () => {
  it.each([
    [70, undefined, 31],
    [20, undefined, 20],
    [0, undefined, 0],
    [20, 2, 10],
    [9, 2, 4],
  ])('Max-Forwards %s, trunk group ratio %s → hop counter %s', async (maxForwards, ratio, hops) => {
    const g = gateway({ sim: { defaultBehaviour: answerAfter(0) }, ...(ratio === undefined ? {} : { mapping: { byName: { e1: { hopRatio: ratio } } } }) });
    const placed = g.pbx.invite('sip:+4930100@192.0.2.1;user=phone', { from: '<sip:+4940111222@192.0.2.2;user=phone>', sdp: SDP_PBX, maxForwards });
    if (!placed.ok) throw placed.error;
    await g.run(100);
    const sent = g.tap.sent.find((m) => m.type === 'IAM');
    expect(sent?.type === 'IAM' ? findOptional(sent.optional, 'hopCounter') : undefined).toEqual({ hops });
  });
});
