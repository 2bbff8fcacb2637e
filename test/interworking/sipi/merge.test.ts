// Which ISUP wins when an INVITE carries an IAM as well as SIP headers (Q.1912.5 profile C), and
// the backward messages a SIP-I peer encapsulates.
import { findOptional, type IsupMessageOf } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import { acm, anm, con, iam } from '../../../src/drivers/isup-messages.js';
import { mergeIam, preferEncapsulated } from '../../../src/interworking/sipi/index.js';

const UNKNOWN = { name: 'unknown' as const, code: 0xf2, value: Uint8Array.of(1, 2, 3) };

function encapsulatedIam(): IsupMessageOf<'IAM'> {
  const m = iam(0, { called: '301111', calling: '5550100' });
  return { type: 'IAM', params: m.params, optional: [...m.optional, { name: 'hopCounter', value: { hops: 20 } }, UNKNOWN] };
}

describe('mergeIam', () => {
  const mapped = iam(0, { called: '4930100', calling: '4940111222' });
  const merged = mergeIam(encapsulatedIam(), { ...mapped, optional: [...mapped.optional, { name: 'hopCounter', value: { hops: 30 } }, { name: 'userServiceInformation', value: { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 16 } }] });

  it('takes the called number from the Request-URI and the hop counter from Max-Forwards', () => {
    expect(merged.params.calledPartyNumber.digits).toBe('4930100');
    expect(findOptional(merged.optional, 'hopCounter')).toEqual({ hops: 30 });
  });

  it('keeps every other parameter of the encapsulated IAM, unknown ones unchanged and in order, and adds what only the mapping has', () => {
    expect(findOptional(merged.optional, 'callingPartyNumber')?.digits).toBe('5550100');
    expect(merged.optional.map((p) => p.name)).toEqual(['callingPartyNumber', 'unknown', 'hopCounter', 'userServiceInformation']);
    expect(merged.optional[1]).toEqual(UNKNOWN);
  });
});

describe('preferEncapsulated', () => {
  it('sends the encapsulated message when it is of the mapped type, else the mapped one', () => {
    const carried = acm(0, 'noIndication', true);
    expect(preferEncapsulated(acm(0, 'free'), carried)).toBe(carried);
    const mapped = con(0);
    expect(preferEncapsulated(mapped, anm(0))).toBe(mapped);
    expect(preferEncapsulated(mapped, undefined)).toBe(mapped);
  });
});
