// Backward messages both ways: ISUP ACM/CPG/ANM/CON -> SIP 180/181/183/200, and SIP responses ->
// ACM/CPG/ANM/CON, row by row against hand-written expectations; every built message encodes.
import { EventIndicator, encode, type IsupMessageOf, type ParamValues } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import { BACKWARD_ROWS, FORWARD_EVENT_ROWS, PROGRESS_ROWS, backwardForSip, statusForBackward, type BackwardMessage } from '../../../src/interworking/mapping/index.js';

const bci = (calledPartyStatus: number): ParamValues['backwardCallIndicators'] => ({
  charge: 2,
  calledPartyStatus,
  calledPartyCategory: 1,
  endToEndMethod: 0,
  interworking: false,
  endToEndInformation: false,
  isupAllTheWay: true,
  holding: false,
  isdnAccess: true,
  echoControlDevice: false,
  sccpMethod: 0,
});
const inband = { name: 'optionalBackwardCallIndicators', value: { inbandInformation: true, callDiversionMayOccur: false, simpleSegmentation: false, mlppUser: false } } as const;
const acm = (status: number, withInband = false): IsupMessageOf<'ACM'> => ({ type: 'ACM', params: { backwardCallIndicators: bci(status) }, optional: withInband ? [inband] : [] });
const cpg = (event: number, withInband = false): IsupMessageOf<'CPG'> => ({ type: 'CPG', params: { eventInformation: { event, presentationRestricted: false } }, optional: withInband ? [inband] : [] });

function sample(row: (typeof BACKWARD_ROWS)[number]): BackwardMessage {
  switch (row.message) {
    case 'ACM':
      return acm(row.calledPartyStatus ?? 2, row.inband === true);
    case 'CPG':
      return cpg(row.event ?? EventIndicator.ALERTING, row.inband === true);
    case 'ANM':
      return { type: 'ANM', params: {}, optional: [] };
    case 'CON':
      return { type: 'CON', params: { backwardCallIndicators: bci(0) }, optional: [] };
  }
}

describe('ISUP backward message -> SIP status', () => {
  it.each(BACKWARD_ROWS.map((r, i) => [i, r.message, r.status, r] as const))('row %i: %s -> %i', (_i, _m, status, row) => {
    expect(statusForBackward(sample(row))).toBe(status);
  });
  it.each([
    ['ACM subscriber free', acm(1), 180],
    ['ACM subscriber free with in-band information', acm(1, true), 183],
    ['ACM no indication', acm(0), 183],
    ['ACM no indication with in-band information (captured SIP-I 183)', acm(0, true), 183],
    ['ACM connect when free', acm(2), 183],
    ['CPG alerting', cpg(1), 180],
    ['CPG alerting with in-band information', cpg(1, true), 183],
    ['CPG progress', cpg(2), 183],
    ['CPG in-band information', cpg(3), 183],
    ['CPG forwarded on busy', cpg(4), 181],
    ['CPG forwarded on no reply', cpg(5), 181],
    ['CPG forwarded unconditional', cpg(6), 181],
    ['ANM', { type: 'ANM', params: {}, optional: [] }, 200],
    ['CON', { type: 'CON', params: { backwardCallIndicators: bci(0) }, optional: [] }, 200],
  ] as [string, BackwardMessage, number][])('reference: %s -> %i', (_what, msg, status) => {
    expect(statusForBackward(msg)).toBe(status);
  });
  it('maps a CPG with another event to nothing', () => {
    expect(statusForBackward(cpg(0x40))).toBeUndefined();
  });
});

describe('SIP response -> ISUP backward message', () => {
  const opts = { charge: 2 };
  const summary = (m: ReturnType<typeof backwardForSip>) => {
    if (m === undefined) return undefined;
    const o = m.optional[0];
    const flags = o?.name === 'optionalBackwardCallIndicators' ? [o.value.inbandInformation ? 'inband' : '', o.value.callDiversionMayOccur ? 'diversion' : ''].filter((f) => f !== '') : [];
    if (m.type === 'ACM') return ['ACM', m.params.backwardCallIndicators.calledPartyStatus, ...flags];
    if (m.type === 'CPG') return ['CPG', m.params.eventInformation.event, ...flags];
    return [m.type];
  };
  it.each(PROGRESS_ROWS.map((r, i) => [i, r.status, r.acmSent, r] as const))('row %i: %i (ACM sent: %s)', (_i, status, acmSent, row) => {
    const m = backwardForSip({ status, acmSent, sdp: row.sdp ?? false }, opts);
    expect(m?.type).toBe(row.send);
    if (m?.type === 'ACM') expect(m.params.backwardCallIndicators.calledPartyStatus).toBe(row.calledPartyStatus);
    if (m?.type === 'CPG' && typeof row.event === 'number') expect(m.params.eventInformation.event).toBe(row.event);
  });
  it.each([
    [180, false, false, ['ACM', 1]],
    [180, true, false, ['CPG', 1]],
    [180, false, true, ['ACM', 1]],
    [183, false, true, ['ACM', 0, 'inband']],
    [183, false, false, ['ACM', 0]],
    [183, true, true, ['CPG', 3, 'inband']],
    [183, true, false, ['CPG', 2]],
    [181, false, false, ['ACM', 0, 'diversion']],
    [181, true, false, ['CPG', 6]],
    [200, true, true, ['ANM']],
    [200, false, true, ['CON']],
    [100, false, false, undefined],
    [182, true, false, undefined],
  ])('reference: %i (ACM sent %s, SDP %s) -> %j', (status, acmSent, sdp, expected) => {
    expect(summary(backwardForSip({ status, acmSent, sdp }, opts))).toEqual(expected);
  });
  it.each(FORWARD_EVENT_ROWS.map((r) => [r.reason, r.event] as const))('181 after ACM for redirecting reason %i -> CPG event %i', (reason, event) => {
    expect(summary(backwardForSip({ status: 181, acmSent: true, sdp: false, redirectingReason: reason }, opts))).toEqual(['CPG', event]);
  });
  it('matches the hand-written forwarding events, and gives unconditional otherwise', () => {
    expect(FORWARD_EVENT_ROWS.map((r) => [r.reason, r.event])).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(summary(backwardForSip({ status: 181, acmSent: true, sdp: false, redirectingReason: 5 }, opts))).toEqual(['CPG', 6]);
  });
  it('sets the interworking backward call indicators and the charge from the trunk', () => {
    const m = backwardForSip({ status: 180, acmSent: false, sdp: false }, { charge: 1 });
    expect(m?.type === 'ACM' && m.params.backwardCallIndicators).toEqual({ ...bci(1), charge: 1, interworking: true, isupAllTheWay: false, isdnAccess: false });
  });
  it('builds messages the codec encodes', () => {
    for (const row of PROGRESS_ROWS) {
      const m = backwardForSip({ status: row.status, acmSent: row.acmSent, sdp: row.sdp ?? true }, opts);
      if (m === undefined) throw new Error('no message');
      expect(encode(m).length).toBeGreaterThan(0);
    }
  });
  it('round trip: what the PSTN caller gets for a SIP response maps back to it', () => {
    for (const [status, acmSent, sdp] of [[180, false, false], [180, true, false], [183, false, true], [183, true, true], [183, true, false], [181, true, false], [200, true, true], [200, false, true]] as const) {
      const m = backwardForSip({ status, acmSent, sdp }, opts);
      if (m === undefined) throw new Error('no message');
      expect(statusForBackward(m)).toBe(status);
    }
  });
});
