// The Q.699 tables row by row, both directions, and the message mappings built on them. Expected
// values are spelled from Q.763 / Q.931 code points, not read back from the tables.
import { describe, expect, it } from 'vitest';
import { encode, decode, findOptional, type OptionalParam } from 'ss7-isup-codec';
import { acm, cpg, iam, rel } from '../../../src/drivers/isup-messages.js';
import {
  NAI_TON,
  NUMBERING_PLAN,
  PRESENTATION,
  PROGRESS_FLAGS,
  REDIRECTION_REASON,
  SCREENING,
  TMR_CAPABILITY,
  backwardToIsdn,
  backwardToIsup,
  bearerToIsdn,
  bearerToIsup,
  calledToIsdn,
  calledToIsup,
  callingToIsdn,
  callingToIsup,
  causeToIsdn,
  causeToIsup,
  flagsOfBackward,
  flagsOfProgress,
  iamFromSetup,
  inbandParam,
  progressOfFlags,
  redirectingToIsdn,
  redirectingToIsup,
  setupFromIam,
  type PathFlags,
} from '../../../src/drivers/isdn/q699.js';

const pi = (description: number, location = 2) => ({ codingStandard: 0, location, description });
const flags = (f: Partial<PathFlags>): PathFlags => ({ inband: false, interworking: false, nonIsdn: false, ...f });

describe('number tables', () => {
  // [ISUP nature of address, Q.931 type of number, direction]
  const NAI: [number, number, 'both' | 'toIsup'][] = [
    [1, 4, 'both'], // subscriber
    [2, 0, 'both'], // unknown
    [3, 2, 'both'], // national
    [4, 1, 'both'], // international
    [5, 3, 'both'], // network specific
    [2, 6, 'toIsup'], // abbreviated → unknown
  ];
  it.each(NAI)('NAI %i ⇄ TON %i (%s)', (nai, ton, dir) => {
    expect(calledToIsup({ typeOfNumber: ton, numberingPlan: 1, digits: '1' }, false).natureOfAddress).toBe(nai);
    if (dir === 'both') expect(calledToIsdn({ natureOfAddress: nai, inn: false, numberingPlan: 1, digits: '1' }).called.typeOfNumber).toBe(ton);
  });
  it('NAI table has exactly these rows', () => expect(NAI_TON.length).toBe(NAI.length));

  const NPI: [number, number, 'both' | 'toIsup'][] = [
    [1, 1, 'both'],
    [3, 3, 'both'],
    [4, 4, 'both'],
    [5, 9, 'both'], // private
    [1, 0, 'toIsup'], // unknown → E.164
    [1, 8, 'toIsup'], // national → E.164
  ];
  it.each(NPI)('ISUP numbering plan %i ⇄ Q.931 plan %i (%s)', (isup, isdn, dir) => {
    expect(calledToIsup({ typeOfNumber: 2, numberingPlan: isdn, digits: '1' }, false).numberingPlan).toBe(isup);
    if (dir === 'both') expect(calledToIsdn({ natureOfAddress: 3, inn: false, numberingPlan: isup, digits: '1' }).called.numberingPlan).toBe(isdn);
  });
  it('plan table has exactly these rows', () => expect(NUMBERING_PLAN.length).toBe(NPI.length));

  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
  ])('presentation ISUP %i ⇄ Q.931 %i', (isup, isdn) => {
    const c = callingToIsdn({ natureOfAddress: 3, numberIncomplete: false, numberingPlan: 1, presentation: isup, screening: 3, digits: isup === 2 ? '' : '5550100' });
    expect(c.presentation).toBe(isdn);
    expect(callingToIsup({ typeOfNumber: 2, numberingPlan: 1, presentation: isdn, screening: 3, digits: '1' }, false).presentation).toBe(isup);
    expect(PRESENTATION.find((r) => r.isup === isup)?.isdn).toBe(isdn);
  });

  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
  ])('screening ISUP %i ⇄ Q.931 %i (user side passes through)', (isup, isdn) => {
    expect(callingToIsdn({ natureOfAddress: 3, numberIncomplete: false, numberingPlan: 1, presentation: 0, screening: isup, digits: '1' }).screening).toBe(isdn);
    expect(callingToIsup({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: isdn, digits: '1' }, false).screening).toBe(isup);
    expect(SCREENING.find((r) => r.isup === isup)?.isdn).toBe(isdn);
  });

  it('the network side screens a user-provided unscreened number: Q.931 screening 0 → ISUP 1; others unchanged', () => {
    expect(callingToIsup({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 0, digits: '1' }, true).screening).toBe(1);
    expect(callingToIsup({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, digits: '1' }, true).screening).toBe(3);
  });

  it('a calling number without octet 3a maps to presentation allowed, user provided not verified', () => {
    expect(callingToIsup({ typeOfNumber: 2, numberingPlan: 1, digits: '5550100' }, false)).toEqual({
      natureOfAddress: 3,
      numberIncomplete: false,
      numberingPlan: 1,
      presentation: 0,
      screening: 0,
      digits: '5550100',
    });
  });

  it('"address not available" carries no digits toward DSS1', () => {
    expect(callingToIsdn({ natureOfAddress: 3, numberIncomplete: false, numberingPlan: 1, presentation: 2, screening: 3, digits: '' })).toEqual({
      typeOfNumber: 2,
      numberingPlan: 1,
      presentation: 2,
      screening: 3,
      digits: '',
    });
  });

  it('en-bloc: ST ⇄ sending complete', () => {
    expect(calledToIsdn({ natureOfAddress: 3, inn: false, numberingPlan: 1, digits: '4930123F' })).toEqual({ called: { typeOfNumber: 2, numberingPlan: 1, digits: '4930123' }, sendingComplete: true });
    expect(calledToIsdn({ natureOfAddress: 3, inn: false, numberingPlan: 1, digits: '4930123' }).sendingComplete).toBe(false);
    expect(calledToIsup({ typeOfNumber: 2, numberingPlan: 1, digits: '4930123' }, true).digits).toBe('4930123F');
    expect(calledToIsup({ typeOfNumber: 2, numberingPlan: 1, digits: '4930123' }, false).digits).toBe('4930123');
  });
});

describe('bearer: TMR / USI ⇄ bearer capability', () => {
  // [TMR, transfer capability, layer 1 on E1/BRI, layer 1 on T1]
  const ROWS: [number, number, number | undefined, number | undefined][] = [
    [0, 0x00, 0x03, 0x02], // speech, G.711 A-law / µ-law
    [3, 0x10, 0x03, 0x02], // 3.1 kHz audio
    [2, 0x08, undefined, undefined], // 64 kbit/s unrestricted: no layer 1
  ];
  it.each(ROWS)('TMR %i → capability 0x%s', (tmr, cap, e1, t1) => {
    for (const [kind, law] of [
      ['E1', e1],
      ['BRI', e1],
      ['T1', t1],
    ] as const) {
      const bc = bearerToIsdn(tmr, undefined, kind);
      expect(bc).toEqual({ codingStandard: 0, transferCapability: cap, transferMode: 0, transferRate: 0x10, ...(law === undefined ? {} : { layer1: { protocol: law } }) });
      expect(bearerToIsup(bc as NonNullable<typeof bc>)?.tmr).toBe(tmr);
    }
  });
  it('table rows', () => expect(TMR_CAPABILITY.map((r) => [r.isup, r.isdn, r.dir])).toEqual([[0, 0, undefined], [3, 0x10, undefined], [2, 0x08, undefined], [2, 0x11, 'toIsup']]));

  it('a USI in the IAM is the bearer capability, octet for octet, but a G.711 law becomes the span law', () => {
    const usi = { codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1Protocol: 0x02 };
    expect(bearerToIsdn(0, usi, 'E1')).toEqual({ codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x03 } });
    expect(bearerToIsdn(0, usi, 'T1')).toEqual({ codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x02 } });
    expect(bearerToIsdn(0, { ...usi, layer1Protocol: 0x03 }, 'T1')).toEqual({ codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x02 } });
    // other layer 1 protocols (here V.110) go through unchanged
    expect(bearerToIsdn(0, { ...usi, layer1Protocol: 0x01 }, 'T1')).toEqual({ codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x01 } });
    expect(bearerToIsup({ codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x02 } })).toEqual({ tmr: 3, usi });
  });
  it('video, restricted digital and multirate bearers have no ISUP mapping here', () => {
    expect(bearerToIsup({ codingStandard: 0, transferCapability: 0x18, transferMode: 0, transferRate: 0x10 })).toBeUndefined();
    expect(bearerToIsup({ codingStandard: 0, transferCapability: 0x09, transferMode: 0, transferRate: 0x10 })).toBeUndefined();
    expect(bearerToIsup({ codingStandard: 0, transferCapability: 0x08, transferMode: 0, transferRate: 0x18, rateMultiplier: 2 })).toBeUndefined();
    expect(bearerToIsdn(7, undefined, 'E1')).toBeUndefined();
  });
});

describe('cause: Q.850 value and location unchanged both ways', () => {
  it.each([
    [16, 0],
    [17, 1],
    [34, 2],
    [38, 3],
    [44, 4],
    [127, 5],
    [21, 7],
    [31, 10],
  ])('cause %i at location %i', (causeValue, location) => {
    const isup = rel(1, causeValue, location).params.causeIndicators;
    const isdn = causeToIsdn(isup);
    expect([isdn.causeValue, isdn.location, isdn.codingStandard]).toEqual([causeValue, location, 0]);
    expect(causeToIsup(isdn)).toEqual(isup);
  });
  it('keeps diagnostics and recommendation', () => {
    const c = { codingStandard: 0, location: 4, recommendation: 0, causeValue: 1, diagnostics: new Uint8Array([0x81]) };
    expect(causeToIsup(causeToIsdn(c))).toEqual(c);
  });
});

describe('progress indicators ⇄ call indicators', () => {
  it.each([
    [1, 'interworking'],
    [2, 'nonIsdn'],
    [3, 'nonIsdn'],
    [8, 'inband'],
  ] as const)('PI #%i → %s', (description, flag) => {
    expect(flagsOfProgress([pi(description)])).toEqual(flags({ [flag]: true }));
  });
  it('PI #4 (returned to ISDN) and unknown descriptions set nothing', () => {
    expect(flagsOfProgress([pi(4), pi(0x20)])).toEqual(flags({}));
  });
  it.each([
    ['interworking', 'backward', [1]],
    ['nonIsdn', 'backward', [2]],
    ['nonIsdn', 'forward', [3]],
    ['inband', 'backward', [8]],
  ] as const)('%s (%s) → PI %j', (flag, direction, descriptions) => {
    expect(progressOfFlags(flags({ [flag]: true }), direction, 4)).toEqual(descriptions.map((d) => pi(d, 4)));
  });
  it('table rows', () => expect(PROGRESS_FLAGS.map((r) => [r.isup, r.isdn])).toEqual([['interworking', 1], ['nonIsdn', 2], ['nonIsdn', 3], ['inband', 8]]));
  it('backward ISUP indicators: OBCI in-band, BCI interworking, BCI ISDN access', () => {
    expect(flagsOfBackward(acm(1, 'free').params.backwardCallIndicators, [inbandParam()])).toEqual(flags({ inband: true }));
    expect(flagsOfBackward({ ...acm(1, 'free').params.backwardCallIndicators, interworking: true, isdnAccess: false }, [])).toEqual(flags({ interworking: true, nonIsdn: true }));
  });
});

describe('backward messages', () => {
  const none = { proceeding: false, alerting: false };
  const ACM = (status: 'free' | 'noIndication', inband = false) => {
    const m = acm(1, status, inband);
    return { type: 'ACM' as const, bci: m.params.backwardCallIndicators, optional: m.optional };
  };
  const CPG = (event: 'alerting' | 'progress' | 'inband') => {
    const m = cpg(1, event);
    return { type: 'CPG' as const, event: m.params.eventInformation.event, optional: m.optional };
  };
  it.each([
    ['ACM free', ACM('free'), none, { send: 'alerting', progress: [] }],
    ['ACM free + in-band', ACM('free', true), none, { send: 'alerting', progress: [pi(8)] }],
    ['ACM no indication', ACM('noIndication'), none, { send: 'proceeding', progress: [] }],
    ['ACM no indication + in-band', ACM('noIndication', true), none, { send: 'proceeding', progress: [pi(8)] }],
    ['ACM no indication + in-band after proceeding', ACM('noIndication', true), { proceeding: true, alerting: false }, { send: 'progress', progress: [pi(8)] }],
    ['ACM no indication after proceeding', ACM('noIndication'), { proceeding: true, alerting: false }, { send: 'nothing' }],
    ['CPG alerting', CPG('alerting'), { proceeding: true, alerting: false }, { send: 'alerting', progress: [] }],
    ['CPG alerting once alerted', CPG('alerting'), { proceeding: true, alerting: true }, { send: 'nothing' }],
    ['CPG in-band', CPG('inband'), { proceeding: true, alerting: true }, { send: 'progress', progress: [pi(8)] }],
    ['CPG progress without indicator', CPG('progress'), { proceeding: true, alerting: true }, { send: 'nothing' }],
    ['ANM', { type: 'ANM' as const, optional: [] as OptionalParam[] }, { proceeding: true, alerting: true }, { send: 'connect' }],
    ['CON', { type: 'CON' as const, optional: [] as OptionalParam[] }, none, { send: 'connect' }],
  ])('ISUP → DSS1: %s', (_, m, sent, expected) => {
    expect(backwardToIsdn(m, sent, 2)).toEqual(expected);
  });

  it.each([
    ['proceeding', [], false, { type: 'none' }],
    ['proceeding', [pi(8)], false, { type: 'ACM', status: 'noIndication', flags: flags({ inband: true }) }],
    ['proceeding', [pi(1)], false, { type: 'ACM', status: 'noIndication', flags: flags({ interworking: true }) }],
    ['alerting', [], false, { type: 'ACM', status: 'free', flags: flags({}) }],
    ['alerting', [pi(8)], false, { type: 'ACM', status: 'free', flags: flags({ inband: true }) }],
    ['alerting', [], true, { type: 'CPG', event: 1, flags: flags({}) }],
    ['progress', [pi(8)], false, { type: 'ACM', status: 'noIndication', flags: flags({ inband: true }) }],
    ['progress', [pi(8)], true, { type: 'CPG', event: 3, flags: flags({ inband: true }) }],
    ['progress', [pi(2)], true, { type: 'CPG', event: 2, flags: flags({ nonIsdn: true }) }],
    ['progress', [], true, { type: 'none' }],
    ['connect', [], true, { type: 'ANM' }],
    ['connect', [], false, { type: 'CON' }],
  ] as const)('DSS1 → ISUP: %s %j (ACM sent: %s)', (kind, progress, acmSent, expected) => {
    expect(backwardToIsup(kind, progress, acmSent)).toEqual(expected);
  });
});

describe('redirecting number ⇄ redirecting number + redirection information', () => {
  // [ISUP redirecting reason (Q.763 §3.45), Q.931 reason for redirection (octet 3b), direction]
  const REASONS: [number, number, 'both' | 'toIsdn' | 'toIsup'][] = [
    [0, 0, 'both'], // unknown
    [1, 1, 'both'], // busy
    [2, 2, 'both'], // no reply
    [3, 15, 'both'], // unconditional
    [4, 4, 'both'], // deflection during alerting / call deflection
    [5, 4, 'toIsdn'], // deflection immediate response
    [6, 0, 'toIsdn'], // mobile subscriber not reachable
    [0, 9, 'toIsup'], // called DTE out of order
    [0, 10, 'toIsup'], // call forwarding by the called DTE
  ];
  const isupNumber = { natureOfAddress: 3, numberingPlan: 1, presentation: 0, digits: '4940111' };
  const info = (redirectingReason: number, redirectingIndicator = 3) => ({ redirectingIndicator, originalRedirectionReason: 0, redirectionCounter: 1, redirectingReason });
  it('the table has exactly these rows', () => {
    expect(REDIRECTION_REASON.map((r) => [r.isup, r.isdn, r.dir ?? 'both'])).toEqual(REASONS);
  });
  it.each(REASONS.filter((r) => r[2] !== 'toIsup'))('ISUP reason %i → Q.931 reason %i', (isup, isdn) => {
    expect(redirectingToIsdn(isupNumber, info(isup)).reason).toBe(isdn);
  });
  it.each(REASONS.filter((r) => r[2] !== 'toIsdn'))('Q.931 reason %i ← ISUP reason %i', (isup, isdn) => {
    const r = redirectingToIsup({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, reason: isdn, digits: '1' });
    expect(r.redirectionInformation.redirectingReason).toBe(isup);
  });
  it('IAM → SETUP: national number, APRI allowed, network provided, reason from redirection information', () => {
    expect(redirectingToIsdn(isupNumber, info(1))).toEqual({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, reason: 1, digits: '4940111' });
  });
  it('IAM → SETUP: no redirection information, no octet 3b', () => {
    expect(redirectingToIsdn({ ...isupNumber, natureOfAddress: 4 }, undefined)).toEqual({ typeOfNumber: 1, numberingPlan: 1, presentation: 0, screening: 3, digits: '4940111' });
  });
  it('IAM → SETUP: APRI restricted, or all redirection information restricted, gives presentation restricted', () => {
    expect(redirectingToIsdn({ ...isupNumber, presentation: 1 }, info(3)).presentation).toBe(1);
    expect(redirectingToIsdn(isupNumber, info(3, 4)).presentation).toBe(1);
  });
  it('IAM → SETUP: address not available carries no digits', () => {
    expect(redirectingToIsdn({ ...isupNumber, presentation: 2 }, info(0))).toMatchObject({ presentation: 2, digits: '' });
  });
  it('SETUP → IAM: call diverted, counter 1, reason and original reason', () => {
    expect(redirectingToIsup({ typeOfNumber: 1, numberingPlan: 1, presentation: 1, screening: 0, reason: 15, digits: '4930555' })).toEqual({
      redirectingNumber: { natureOfAddress: 4, numberingPlan: 1, presentation: 1, digits: '4930555' },
      redirectionInformation: { redirectingIndicator: 3, originalRedirectionReason: 3, redirectionCounter: 1, redirectingReason: 3 },
    });
  });
  it('SETUP → IAM: deflection has no original redirection reason code (unknown), no octet 3a means allowed and unknown reason', () => {
    expect(redirectingToIsup({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 0, reason: 4, digits: '1' }).redirectionInformation).toEqual({
      redirectingIndicator: 3,
      originalRedirectionReason: 0,
      redirectionCounter: 1,
      redirectingReason: 4,
    });
    expect(redirectingToIsup({ typeOfNumber: 0, numberingPlan: 0, digits: '55' })).toEqual({
      redirectingNumber: { natureOfAddress: 2, numberingPlan: 1, presentation: 0, digits: '55' },
      redirectionInformation: { redirectingIndicator: 3, originalRedirectionReason: 0, redirectionCounter: 1, redirectingReason: 0 },
    });
  });
});

describe('IAM ⇄ SETUP', () => {
  it('IAM → SETUP: numbers, bearer by span law, en-bloc', () => {
    const m = iam(5, { called: '4930123456', calling: '4940999' });
    expect(setupFromIam(m, 'E1', false)).toEqual({
      bearer: { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x03 } },
      called: { typeOfNumber: 2, numberingPlan: 1, digits: '4930123456' },
      calling: { typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, digits: '4940999' },
      sendingComplete: false,
    });
    expect(setupFromIam(m, 'T1', true)?.bearer.layer1).toEqual({ protocol: 0x02 });
    expect(setupFromIam(m, 'T1', true)?.sendingComplete).toBe(true);
  });
  it('IAM from a non-ISDN origin → SETUP with PI #1 and #3', () => {
    const m = iam(5, { called: '1' });
    m.params.forwardCallIndicators = { ...m.params.forwardCallIndicators, interworking: true, isdnAccess: false };
    expect(setupFromIam(m, 'E1', true)?.progress).toEqual([pi(1), pi(3)]);
  });
  it('SETUP → IAM encodes with the ISUP codec and decodes back to the same numbers, USI and ST', () => {
    const r = iamFromSetup(
      7,
      {
        bearer: { codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x03 } },
        called: { typeOfNumber: 1, numberingPlan: 1, digits: '4930123456' },
        calling: { typeOfNumber: 2, numberingPlan: 1, presentation: 1, screening: 0, digits: '4940999' },
        sendingComplete: true,
        progress: [pi(3)],
      },
      true,
    );
    if (!r.ok) throw new Error('rejected');
    const back = decode(encode(r.iam, { framing: 'cic' }), { framing: 'cic' });
    if (!back.ok || back.value.type !== 'IAM') throw new Error('decode failed');
    expect(back.value.params.calledPartyNumber).toMatchObject({ natureOfAddress: 4, numberingPlan: 1, digits: '4930123456F' });
    expect(back.value.params.transmissionMediumRequirement).toBe(3);
    expect(back.value.params.forwardCallIndicators).toMatchObject({ isdnAccess: false, interworking: false });
    expect(findOptional(back.value.optional, 'callingPartyNumber')).toMatchObject({ natureOfAddress: 3, presentation: 1, screening: 1, digits: '4940999' });
    expect(findOptional(back.value.optional, 'userServiceInformation')).toMatchObject({ transferCapability: 0x10, layer1Protocol: 0x03 });
  });
  it('IAM with a redirecting number and redirection information → SETUP redirecting number', () => {
    const m = iam(5, { called: '4930123456' });
    m.optional = [
      { name: 'redirectingNumber', value: { natureOfAddress: 3, numberingPlan: 1, presentation: 0, digits: '4940111' } },
      { name: 'redirectionInformation', value: { redirectingIndicator: 3, originalRedirectionReason: 2, redirectionCounter: 1, redirectingReason: 2 } },
    ];
    expect(setupFromIam(m, 'E1', true)?.redirecting).toEqual({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, reason: 2, digits: '4940111' });
    expect(setupFromIam(iam(5, { called: '1' }), 'E1', true)?.redirecting).toBeUndefined();
  });
  it('SETUP with a redirecting number → IAM redirecting number and redirection information, through the ISUP codec', () => {
    const r = iamFromSetup(
      7,
      {
        bearer: { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x03 } },
        called: { typeOfNumber: 2, numberingPlan: 1, digits: '4930123456' },
        redirecting: { typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, reason: 1, digits: '4940111' },
        sendingComplete: true,
      },
      true,
    );
    if (!r.ok) throw new Error('rejected');
    const back = decode(encode(r.iam, { framing: 'cic' }), { framing: 'cic' });
    if (!back.ok || back.value.type !== 'IAM') throw new Error('decode failed');
    expect(findOptional(back.value.optional, 'redirectingNumber')).toMatchObject({ natureOfAddress: 3, numberingPlan: 1, presentation: 0, digits: '4940111' });
    expect(findOptional(back.value.optional, 'redirectionInformation')).toEqual({ redirectingIndicator: 3, originalRedirectionReason: 1, redirectionCounter: 1, redirectingReason: 1 });
  });
  it('SETUP with a video bearer is rejected with cause 65', () => {
    expect(iamFromSetup(1, { bearer: { codingStandard: 0, transferCapability: 0x18, transferMode: 0, transferRate: 0x10 }, sendingComplete: true }, false)).toEqual({ ok: false, cause: 65 });
  });
});
