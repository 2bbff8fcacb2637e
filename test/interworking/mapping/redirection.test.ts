// Redirection both ways: reason rows (Diversion token, History-Info cause), Diversion and
// History-Info chains with counters and privacy, the IAM parameters, and round trips.
import fc from 'fast-check';
import { NatureOfAddress, Presentation } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import {
  REDIRECTION_REASON_ROWS,
  chainFromDiversion,
  chainFromHistoryInfo,
  chainFromRedirection,
  diversionForReason,
  diversionFromChain,
  historyCauseForReason,
  historyInfoFromChain,
  reasonFromDiversion,
  reasonFromHistoryCause,
  redirectionFromChain,
  type DiversionStep,
  type NumberingPlan,
  type UriStyle,
} from '../../../src/interworking/mapping/index.js';
import { formatDiversion, formatHistoryInfo, parseDiversion, parseHistoryInfo, parseUri, type Diversion, type HistoryInfo } from '../../../src/sip/message/index.js';

const FR: NumberingPlan = { countryCode: '33', nationalPrefix: '0', internationalPrefix: '00' };
const SIP: UriStyle = { scheme: 'sip', host: 'gw.example', phoneContext: '+33' };
const diversion = (text: string): Diversion[] => {
  const r = parseDiversion(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const history = (text: string): HistoryInfo[] => {
  const r = parseHistoryInfo(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const step = (number: string, reason: number, count = 1, restricted = false): DiversionStep => ({ number, reason, count, restricted });

/** Reference §3 (Diversion reasons) and RFC 4458 causes as listed there, transcribed by hand. */
const EXPECTED_REASONS: readonly (readonly [number, string, number])[] = [
  [0, 'unknown', 404], [1, 'user-busy', 486], [2, 'no-answer', 408], [3, 'unconditional', 302], [4, 'deflection', 487], [5, 'deflection', 480], [6, 'unavailable', 503],
];

describe('redirecting reasons', () => {
  it.each(REDIRECTION_REASON_ROWS.map((r) => [r.reason, r.diversion, r.historyCause] as const))('reason %i <-> Diversion %s, History-Info cause %i', (reason, token, cause) => {
    expect(diversionForReason(reason)).toBe(token);
    expect(historyCauseForReason(reason)).toBe(cause);
    expect(reasonFromHistoryCause(cause)).toBe(reason);
    expect(reasonFromDiversion(token)).toBe(REDIRECTION_REASON_ROWS.find((r) => r.diversion === token)?.reason);
  });
  it('matches the hand-written list', () => {
    expect(REDIRECTION_REASON_ROWS.map((r) => [r.reason, r.diversion, r.historyCause])).toEqual(EXPECTED_REASONS);
  });
  it('reads unknown tokens and causes as unknown, and deflection as during alerting', () => {
    expect(reasonFromDiversion('time-of-day')).toBe(0);
    expect(reasonFromDiversion(undefined)).toBe(0);
    expect(reasonFromDiversion('User-Busy')).toBe(1);
    expect(reasonFromDiversion('deflection')).toBe(4);
    expect(reasonFromHistoryCause(404)).toBe(0);
    expect(reasonFromHistoryCause(599)).toBe(0);
    expect(diversionForReason(9)).toBe('unknown');
  });
});

describe('Diversion -> chain -> IAM', () => {
  it('one diversion: redirecting number, counter 1, no original called number', () => {
    const chain = chainFromDiversion(diversion('<tel:+33111>;reason=user-busy'));
    expect(chain).toEqual([step('+33111', 1)]);
    expect(redirectionFromChain(chain, FR)).toEqual({
      redirectingNumber: { natureOfAddress: NatureOfAddress.INTERNATIONAL, numberingPlan: 1, presentation: Presentation.ALLOWED, digits: '33111' },
      redirectionInformation: { redirectingIndicator: 3, originalRedirectionReason: 1, redirectionCounter: 1, redirectingReason: 1 },
    });
  });
  it('two entries (newest first) with counters: original called number from the oldest, counter summed', () => {
    const chain = chainFromDiversion(diversion('<sip:0222@pbx>;reason=no-answer;counter=2, <sip:+33111@gw;user=phone>;reason=unconditional;counter=1'));
    expect(chain).toEqual([step('+33111', 3, 1), step('0222', 2, 2)]);
    const r = redirectionFromChain(chain, FR);
    expect(r.originalCalledNumber?.digits).toBe('33111');
    expect(r.redirectingNumber).toMatchObject({ natureOfAddress: NatureOfAddress.NATIONAL, digits: '222' });
    expect(r.redirectionInformation).toEqual({ redirectingIndicator: 3, originalRedirectionReason: 3, redirectionCounter: 3, redirectingReason: 2 });
  });
  it('caps the counter at 5 and sends deflection as an unknown original reason', () => {
    const chain = chainFromDiversion(diversion('<tel:+332>;reason=user-busy;counter=9, <tel:+331>;reason=deflection'));
    expect(redirectionFromChain(chain, FR).redirectionInformation).toEqual({ redirectingIndicator: 3, originalRedirectionReason: 0, redirectionCounter: 5, redirectingReason: 1 });
  });
  it('privacy=full restricts both numbers and the indicator', () => {
    const r = redirectionFromChain(chainFromDiversion(diversion('<tel:+332>;privacy=full, <tel:+331>;privacy=off')), FR);
    expect(r.redirectingNumber?.presentation).toBe(Presentation.RESTRICTED);
    expect(r.originalCalledNumber?.presentation).toBe(Presentation.RESTRICTED);
    expect(r.redirectionInformation?.redirectingIndicator).toBe(4);
  });
  it('skips entries without a number and gives nothing when the last has a bad one', () => {
    expect(chainFromDiversion(diversion('<sip:alice@example.com>;reason=user-busy'))).toEqual([]);
    expect(redirectionFromChain([], FR)).toEqual({});
    expect(redirectionFromChain([step('+33x1', 1)], FR)).toEqual({});
  });
});

describe('History-Info -> chain', () => {
  it('cause entries name diversions from their mp entry, oldest first', () => {
    const hi = history(
      '<sip:+33111@a.example;user=phone>;index=1, <sip:+33222@a.example;user=phone;cause=486>;index=1.1;mp=1, <sip:+33333@b.example;user=phone;cause=408>;index=1.1.1;mp=1.1',
    );
    expect(chainFromHistoryInfo(hi, [])).toEqual([step('+33111', 1), step('+33222', 2)]);
  });
  it('without mp, the diverting party is the entry before; entries without cause are not diversions', () => {
    const hi = history('<tel:+33111>;index=1, <sip:x@proxy>;index=1.1;rc=1, <tel:+33333;cause=302>;index=1.2');
    expect(chainFromHistoryInfo(hi, [])).toEqual([]);
    const hi2 = history('<tel:+33111>;index=1, <tel:+33333;cause=302>;index=1.1');
    expect(chainFromHistoryInfo(hi2, [])).toEqual([step('+33111', 3)]);
  });
  it('privacy: a Privacy URI header or Privacy: history restricts', () => {
    const hi = history('<sip:+33111@a;user=phone?Privacy=history>;index=1, <tel:+33222;cause=486>;index=1.1;mp=1');
    expect(chainFromHistoryInfo(hi, [])).toEqual([step('+33111', 1, 1, true)]);
    expect(chainFromHistoryInfo(history('<tel:+33111>;index=1, <tel:+33222;cause=486>;index=1.1;mp=1'), ['history'])[0]?.restricted).toBe(true);
  });
  it('unknown cause values read as unknown', () => {
    expect(chainFromHistoryInfo(history('<tel:+33111>;index=1, <tel:+33222;cause=500>;index=1.1;mp=1'), [])).toEqual([step('+33111', 0)]);
  });
});

describe('IAM -> chain -> SIP headers', () => {
  const rn = (digits: string, presentation: number = Presentation.ALLOWED) => ({ natureOfAddress: NatureOfAddress.INTERNATIONAL, numberingPlan: 1, presentation, digits });
  it('counter 1: one Diversion entry', () => {
    const chain = chainFromRedirection({ redirectingNumber: rn('33111'), redirectionInformation: { redirectingIndicator: 3, originalRedirectionReason: 1, redirectionCounter: 1, redirectingReason: 1 } }, FR);
    expect(diversionFromChain(chain, SIP).map(formatDiversion)).toEqual(['<sip:+33111@gw.example;user=phone>;reason=user-busy;privacy=off;counter=1']);
  });
  it('counter 3 with an original called number: two entries, counters 2 and 1, newest first', () => {
    const chain = chainFromRedirection(
      { redirectingNumber: rn('33222'), originalCalledNumber: rn('33111'), redirectionInformation: { redirectingIndicator: 3, originalRedirectionReason: 3, redirectionCounter: 3, redirectingReason: 2 } },
      FR,
    );
    expect(chain).toEqual([step('+33111', 3, 1), step('+33222', 2, 2)]);
    expect(diversionFromChain(chain, SIP).map(formatDiversion)).toEqual([
      '<sip:+33222@gw.example;user=phone>;reason=no-answer;privacy=off;counter=2',
      '<sip:+33111@gw.example;user=phone>;reason=unconditional;privacy=off;counter=1',
    ]);
    const target = parseUri('sip:+33333@gw.example;user=phone');
    if (!target.ok) throw new Error('bad uri');
    expect(historyInfoFromChain(chain, target.value, SIP).map(formatHistoryInfo)).toEqual([
      '<sip:+33111@gw.example;user=phone>;index=1',
      '<sip:+33222@gw.example;user=phone;cause=302>;index=1.1;mp=1',
      '<sip:+33333@gw.example;user=phone;cause=408>;index=1.1.1;mp=1.1',
    ]);
  });
  it('no redirection information: counter 1, unknown reason; restricted numbers give privacy', () => {
    const chain = chainFromRedirection({ redirectingNumber: rn('33111', Presentation.RESTRICTED) }, FR);
    expect(chain).toEqual([step('+33111', 0, 1, true)]);
    expect(diversionFromChain(chain, SIP)[0]).toMatchObject({ privacy: 'full', reason: 'unknown' });
    const target = parseUri('tel:+33333');
    if (!target.ok) throw new Error('bad uri');
    expect(historyInfoFromChain(chain, target.value, SIP).map(formatHistoryInfo)).toEqual(['<sip:+33111@gw.example;user=phone?Privacy=history>;index=1', '<tel:+33333;cause=404>;index=1.1;mp=1']);
  });
  it('nothing without a usable redirecting number', () => {
    expect(chainFromRedirection({}, FR)).toEqual([]);
    expect(chainFromRedirection({ redirectingNumber: rn('3B') }, FR)).toEqual([]);
    expect(historyInfoFromChain([], { kind: 'tel', number: '+331', params: [] }, SIP)).toEqual([]);
  });
});

describe('round trips', () => {
  const digits = fc.stringMatching(/^[1-9][0-9]{4,12}$/);
  const reason = fc.constantFrom(0, 1, 2, 3);
  it('IAM -> Diversion -> IAM is the identity for canonical redirection parameters', () => {
    fc.assert(
      fc.property(digits, digits, reason, reason, fc.integer({ min: 1, max: 5 }), fc.boolean(), (a, b, orig, last, counter, restricted) => {
        const presentation = restricted ? Presentation.RESTRICTED : Presentation.ALLOWED;
        const num = (d: string) => ({ natureOfAddress: NatureOfAddress.INTERNATIONAL, numberingPlan: 1, presentation, digits: d });
        const isup = {
          redirectingNumber: num(b),
          ...(counter > 1 ? { originalCalledNumber: num(a) } : {}),
          redirectionInformation: { redirectingIndicator: restricted ? 4 : 3, originalRedirectionReason: counter > 1 ? orig : last, redirectionCounter: counter, redirectingReason: last },
        };
        const sip = diversionFromChain(chainFromRedirection(isup, FR), SIP).map(formatDiversion).join(', ');
        expect(redirectionFromChain(chainFromDiversion(diversion(sip)), FR)).toEqual(isup);
      }),
    );
  });
  it('IAM -> History-Info -> IAM keeps numbers and reasons when the counter is at most 2', () => {
    fc.assert(
      fc.property(digits, digits, reason, reason, fc.integer({ min: 1, max: 2 }), (a, b, orig, last, counter) => {
        const num = (d: string) => ({ natureOfAddress: NatureOfAddress.INTERNATIONAL, numberingPlan: 1, presentation: Presentation.ALLOWED, digits: d });
        const isup = {
          redirectingNumber: num(b),
          ...(counter > 1 ? { originalCalledNumber: num(a) } : {}),
          redirectionInformation: { redirectingIndicator: 3, originalRedirectionReason: counter > 1 ? orig : last, redirectionCounter: counter, redirectingReason: last },
        };
        const hi = historyInfoFromChain(chainFromRedirection(isup, FR), { kind: 'tel', number: '+33999', params: [] }, SIP).map(formatHistoryInfo).join(', ');
        expect(redirectionFromChain(chainFromHistoryInfo(history(hi), []), FR)).toEqual(isup);
      }),
    );
  });
});
