// Releases with the per-peer cause policy: table choice by profile, overrides from config,
// Reason precedence (RFC 3326, RFC 8606 location), 487 after CANCEL, BYE/CANCEL -> 16.
import fc from 'fast-check';
import { CauseLocation, CodingStandard } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import type { PeerConfig } from '../../../src/config/index.js';
import {
  DEFAULT_CAUSE_TABLES,
  REASON_LOCATIONS,
  causeIndicators,
  causePolicy,
  q850FromReasons,
  reasonFor,
  reasonForCause,
  releaseForRequest,
  releaseForResponse,
  responseForRelease,
} from '../../../src/interworking/mapping/index.js';
import { formatReason, parseReason, type Reason } from '../../../src/sip/message/index.js';

type PeerCauses = Pick<PeerConfig, 'profile' | 'causeMap' | 'reasonHeader'>;
const peer = (over: Partial<PeerCauses> = {}): PeerCauses => ({ profile: 'plain', causeMap: { toSip: {}, fromSip: {} }, reasonHeader: true, ...over });
const reasons = (text: string): Reason[] => {
  const r = parseReason(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const BI = CauseLocation.BEYOND_INTERWORKING_POINT;

describe('causePolicy', () => {
  it.each(DEFAULT_CAUSE_TABLES.map((r) => [r.profile, r.table] as const))('profile %s uses %s by default', (profile, table) => {
    expect(causePolicy(peer({ profile })).table).toBe(table);
  });
  it('takes the hand-written defaults: plain and sipt RFC 3398, sipi Q.1912.5', () => {
    expect(['plain', 'sipt', 'sipi'].map((p) => causePolicy(peer({ profile: p as PeerCauses['profile'] })).table)).toEqual(['rfc3398', 'rfc3398', 'q1912.5']);
  });
  it('lets a chosen table win over the profile, and carries overrides and the Reason switch', () => {
    const p = causePolicy(peer({ profile: 'sipi', causeMap: { toSip: { 17: 600 }, fromSip: { 480: 19 } }, reasonHeader: false }), 'rfc3398');
    expect(p).toEqual({ table: 'rfc3398', toSip: { 17: 600 }, fromSip: { 480: 19 }, reasonHeader: false });
  });
});

describe('REL before answer -> final response', () => {
  const rel = (cause: number, location: number = CauseLocation.PUBLIC_NETWORK_LOCAL) => causeIndicators(cause, location);
  it('maps by the chosen table, with a Reason', () => {
    expect(responseForRelease(rel(17), causePolicy(peer()), false)).toEqual({
      status: 486,
      reason: { protocol: 'Q.850', cause: 17, text: 'User busy', params: [{ name: 'location', value: 'LN' }] },
    });
    expect(responseForRelease(rel(18), causePolicy(peer()), false).status).toBe(408);
    expect(responseForRelease(rel(18), causePolicy(peer({ profile: 'sipi' })), false).status).toBe(480);
  });
  it('answers 487 once the caller cancelled, whatever the cause', () => {
    expect(responseForRelease(rel(17), causePolicy(peer()), true).status).toBe(487);
    expect(responseForRelease(rel(16), causePolicy(peer({ reasonHeader: false })), true)).toEqual({ status: 487 });
  });
  it('applies the peer override and leaves the Reason out when the switch is off', () => {
    const p = causePolicy(peer({ causeMap: { toSip: { 17: 600 }, fromSip: {} }, reasonHeader: false }));
    expect(responseForRelease(rel(17), p, false)).toEqual({ status: 600 });
  });
  it('gives 603 for call rejected by the user (RFC 3398)', () => {
    expect(responseForRelease(rel(21, CauseLocation.USER), causePolicy(peer()), false).status).toBe(603);
    expect(responseForRelease(rel(21), causePolicy(peer()), false).status).toBe(403);
  });
  it('formats the Reason as RFC 3326 text', () => {
    const r = reasonFor(rel(16, BI), causePolicy(peer()));
    expect(r && formatReason(r)).toBe('Q.850;cause=16;text="Normal call clearing";location=BI');
  });
});

describe('4xx-6xx -> REL', () => {
  const p = causePolicy(peer({ causeMap: { toSip: {}, fromSip: { 480: 19 } } }));
  it('maps by the table with its location', () => {
    expect(releaseForResponse(486, [], p)).toEqual({ codingStandard: CodingStandard.ITU_T, location: BI, causeValue: 17 });
    expect(releaseForResponse(603, [], p)).toEqual({ codingStandard: CodingStandard.ITU_T, location: CauseLocation.USER, causeValue: 21 });
  });
  it('lets a Q.850 Reason win over the table and the override', () => {
    expect(releaseForResponse(486, reasons('Q.850;cause=34'), p).causeValue).toBe(34);
    expect(releaseForResponse(480, reasons('Q.850;cause=18'), p).causeValue).toBe(18);
    expect(releaseForResponse(480, [], p).causeValue).toBe(19);
  });
  it('takes the Reason location when present, else the table one', () => {
    expect(releaseForResponse(486, reasons('Q.850;cause=17;location=RLN'), p).location).toBe(CauseLocation.PUBLIC_NETWORK_REMOTE);
    expect(releaseForResponse(486, reasons('Q.850;cause=17;location=XYZ'), p).location).toBe(BI);
  });
  it('ignores SIP reasons and unusable Q.850 causes, using the first usable one', () => {
    expect(releaseForResponse(486, reasons('SIP;cause=486, Q.850;cause=0, Q.850;cause=200, q.850;cause=41, Q.850;cause=42'), p).causeValue).toBe(41);
    expect(releaseForResponse(486, reasons('SIP;cause=600;text="Busy"'), p).causeValue).toBe(17);
    expect(releaseForResponse(486, reasons('Q.850;text="no cause"'), p).causeValue).toBe(17);
  });
});

describe('BYE and CANCEL -> REL', () => {
  it('gives 16 without a Reason, the Reason cause with one', () => {
    expect(releaseForRequest([])).toEqual({ codingStandard: CodingStandard.ITU_T, location: BI, causeValue: 16 });
    expect(releaseForRequest(reasons('Q.850;cause=31;text="Normal, unspecified"'))).toMatchObject({ causeValue: 31, location: BI });
    expect(releaseForRequest(reasons('SIP;cause=200;text="Call completed elsewhere"'))).toMatchObject({ causeValue: 16 });
  });
});

describe('Reason location tokens (RFC 8606)', () => {
  it.each(REASON_LOCATIONS.map((r) => [r.token, r.location] as const))('%s <-> %i', (token, location) => {
    expect(q850FromReasons(reasons(`Q.850;cause=16;location=${token}`))).toEqual({ cause: 16, location });
    expect(reasonForCause({ causeValue: 16, location }).params).toEqual([{ name: 'location', value: token }]);
  });
  it('matches the hand-written token list', () => {
    expect(Object.fromEntries(REASON_LOCATIONS.map((r) => [r.token, r.location]))).toEqual({ U: 0, LPN: 1, LN: 2, TN: 3, RLN: 4, RPN: 5, INTL: 7, BI: 10 });
  });
  it('round-trips any cause and known location through the header text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 127 }), fc.constantFrom(...REASON_LOCATIONS.map((r) => r.location)), (cause, location) => {
        expect(q850FromReasons(reasons(formatReason(reasonForCause({ causeValue: cause, location }))))).toEqual({ cause, location });
      }),
    );
  });
  it('writes no location token for a location without one', () => {
    expect(reasonForCause({ causeValue: 16, location: 6 }).params).toEqual([]);
  });
});
