import { decode, encode } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import { acm, anm, calledDigits, circuitsOf, con, cpg, gra, group, grs, iam, rel, rlc, simple, supervisionKind } from '../../src/drivers/isup-messages.js';
import type { PortMessage } from '../../src/drivers/port.js';

const messages: [string, PortMessage][] = [
  ['IAM', iam(5, { called: '4021234567', calling: '4027654321' })],
  ['IAM without calling number', iam(5, { called: '112F' })],
  ['ACM', acm(5, 'free')],
  ['ACM with in-band information', acm(5, 'noIndication', true)],
  ['CPG', cpg(5, 'inband')],
  ['CON', con(5)],
  ['ANM', anm(5)],
  ['REL', rel(5, 17)],
  ['RLC', rlc(5)],
  ['BLO', simple('BLO', 5)],
  ['RSC', simple('RSC', 5)],
  ['GRS', grs(5, 4)],
  ['GRA', gra(5, [true, false, false, true])],
  ['CGB', group('CGB', 5, 'hardware', [true, false, true])],
  ['CGUA', group('CGUA', 5, 'maintenance', [false, true])],
];

describe('port message builders', () => {
  it.each(messages)('%s is valid ISUP: it encodes and decodes back to itself', (_, m) => {
    const r = decode(encode(m, { framing: 'cic' }), { framing: 'cic', strict: true });
    expect(r).toEqual({ ok: true, value: m });
  });

  it('sets the values the names promise', () => {
    expect(acm(1, 'free').params.backwardCallIndicators.calledPartyStatus).toBe(1);
    expect(acm(1, 'noIndication').params.backwardCallIndicators.calledPartyStatus).toBe(0);
    expect(cpg(1, 'alerting').params.eventInformation.event).toBe(1);
    expect(cpg(1, 'progress').params.eventInformation.event).toBe(2);
    expect(rel(1, 34).params.causeIndicators).toMatchObject({ causeValue: 34, location: 2, codingStandard: 0 });
    expect(group('CGB', 1, 'hardware', [true, true]).params.circuitGroupSupervisionMessageType.type).toBe(1);
    expect(grs(1, 2).params.rangeAndStatus).toEqual({ range: 1 });
  });

  it('reads called digits without ST, the supervision kind, and the circuits of a group message', () => {
    expect(calledDigits(iam(1, { called: '123F' }))).toBe('123');
    expect([0, 1, 2].map(supervisionKind)).toEqual(['maintenance', 'hardware', undefined]);
    expect(circuitsOf(group('CGB', 10, 'maintenance', [true, false, true]))).toEqual([10, 12]);
    expect(circuitsOf(grs(10, 3))).toEqual([10, 11, 12]);
  });
});
