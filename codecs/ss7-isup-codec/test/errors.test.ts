// Every DecodeErrorCode, each from a minimal input, with the exact code, place and offset.
import { describe, expect, it } from 'vitest';
import { decode, encode, tryEncode, IsupEncodeError, type DecodeOptions, type IsupMessage } from '../src/index.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16)));

const CASES: [what: string, hex: string, opts: DecodeOptions, code: string, place: string[], offset: number][] = [
  ['empty input', '', {}, 'TRUNCATED', ['messageType'], 0],
  ['CIC framing, one octet', '0c', { framing: 'cic' }, 'TRUNCATED', ['cic'], 0],
  ['CIC framing, CIC only', '0c 0b', { framing: 'cic' }, 'TRUNCATED', ['messageType'], 2],
  ['IAM cut inside the forward call indicators', '01 00 20', {}, 'TRUNCATED', ['IAM', 'forwardCallIndicators'], 2],
  ['IAM without pointers', '01 00 20 01 0a 00', {}, 'TRUNCATED', ['IAM', 'calledPartyNumber'], 6],
  ['REL without the optional part pointer', '0c 02', {}, 'TRUNCATED', ['REL', 'optionalPartPointer'], 2],
  ['REL pointer 0 to the mandatory cause', '0c 00 00', {}, 'MANDATORY_MISSING', ['REL', 'causeIndicators'], 1],
  ['CFN pointer into the pointer octets (jss7_cnf shape)', '2f 01 02 80 90', {}, 'BAD_POINTER', ['CFN', 'causeIndicators'], 1],
  ['REL pointer past the end', '0c 05 00', {}, 'BAD_POINTER', ['REL', 'causeIndicators'], 1],
  ['REL cause length past the end', '0c 02 00 05 80 90', {}, 'LENGTH_OVERFLOW', ['REL', 'causeIndicators'], 3],
  ['REL cause of one octet', '0c 02 00 01 80', {}, 'TRUNCATED', ['REL', 'causeIndicators'], 4],
  ['ANM optional pointer past the end', '09 04', {}, 'BAD_POINTER', ['ANM', 'optionalPartPointer'], 1],
  ['ANM optional part without the end octet', '09 01 3d 01 1e', {}, 'TRUNCATED', ['ANM', 'endOfOptionalParameters'], 5],
  ['ANM optional parameter without a length octet', '09 01 3d', {}, 'TRUNCATED', ['ANM', 'hopCounter'], 2],
  ['ANM unknown optional parameter running past the end', '09 01 fe 09 00 00', {}, 'LENGTH_OVERFLOW', ['ANM', '0xfe'], 3],
  ['ANM hop counter of 2 octets', '09 01 3d 02 1e 00 00', {}, 'BAD_LENGTH', ['ANM', 'hopCounter'], 4],
  ['IAM called number with spare code 0xA', '01 00 20 01 0a 00 02 00 03 03 10 a1', {}, 'BAD_DIGIT', ['IAM', 'calledPartyNumber', 'digits'], 11],
  ['IAM called number with ST before the last signal', '01 00 20 01 0a 00 02 00 04 03 10 f1 02', {}, 'BAD_DIGIT', ['IAM', 'calledPartyNumber', 'digits'], 11],
  ['ANM calling number with ST', '09 01 0a 03 03 13 1f 00', {}, 'BAD_DIGIT', ['ANM', 'callingPartyNumber', 'digits'], 6],
  ['cause value octet without extension bit', '0c 02 00 02 80 10', {}, 'BAD_VALUE', ['REL', 'causeIndicators', 'causeValue'], 5],
  ['APM application transport without information (jss7_apm shape)', '41 01 78 04 05 02 45 86 00', {}, 'TRUNCATED', ['APM', 'applicationTransport', 'information'], 8],
  ['strict: unknown message type', 'e9 01', { strict: true }, 'UNKNOWN_MESSAGE', ['0xe9'], 0],
  ['strict: octets after the last parameter', '10 00 ff', { strict: true }, 'TRAILING_BYTES', ['RLC'], 2],
];

describe('decode errors', () => {
  it.each(CASES)('%s', (_what, h, opts, code, place, offset) => {
    const r = decode(hex(h), opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect({ code: r.error.code, place: r.error.place, offset: r.error.offset }).toEqual({ code, place, offset });
    expect(r.error.message.length).toBeGreaterThan(0);
  });

  it('lenient decoding keeps trailing octets and unknown message types', () => {
    expect(decode(hex('10 00 ff'))).toEqual({ ok: true, value: { type: 'RLC', params: {}, optional: [], trailing: hex('ff') } });
    expect(decode(hex('e9 01'))).toEqual({ ok: true, value: { type: 'UNKNOWN', code: 0xe9, body: hex('01') } });
  });
});

describe('encode errors', () => {
  const rel = (causeValue: number): IsupMessage => ({ type: 'REL', params: { causeIndicators: { codingStandard: 0, location: 0, causeValue } }, optional: [] });

  it('a field out of range is BAD_VALUE with its place', () => {
    const r = tryEncode(rel(200));
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.place]).toEqual(['BAD_VALUE', ['REL', 'causeIndicators', 'causeValue']]);
    expect(() => encode(rel(200))).toThrow(IsupEncodeError);
  });

  it('a digit that is not an address signal is BAD_DIGIT, never coerced', () => {
    const m = {
      type: 'SAM',
      params: { subsequentNumber: { digits: '12X' } },
      optional: [],
    } as IsupMessage;
    const r = tryEncode(m);
    expect(r.ok ? null : [r.error.code, r.error.place]).toEqual(['BAD_DIGIT', ['SAM', 'subsequentNumber', 'digits']]);
  });

  it('ST in a calling party number is BAD_DIGIT', () => {
    const m: IsupMessage = {
      type: 'ANM',
      params: {},
      optional: [{ name: 'callingPartyNumber', value: { natureOfAddress: 3, numberIncomplete: false, numberingPlan: 1, presentation: 0, screening: 3, digits: '12F' } }],
    };
    expect(tryEncode(m).ok).toBe(false);
  });

  it('a missing mandatory parameter is MANDATORY_MISSING', () => {
    const m = { type: 'REL', params: {}, optional: [] } as unknown as IsupMessage;
    const r = tryEncode(m);
    expect(r.ok ? null : [r.error.code, r.error.place]).toEqual(['MANDATORY_MISSING', ['REL', 'causeIndicators']]);
  });

  it('the CIC framing needs a CIC that fits 12 bits', () => {
    const m: IsupMessage = { type: 'BLO', params: {}, optional: [] };
    expect(tryEncode(m, { framing: 'cic' }).ok).toBe(false);
    expect(tryEncode({ ...m, cic: 4096 }, { framing: 'cic' }).ok).toBe(false);
    expect(encode({ ...m, cic: 4095 }, { framing: 'cic' })).toEqual(hex('ff 0f 13'));
  });

  it('a parameter longer than 255 octets is LENGTH_OVERFLOW', () => {
    const m: IsupMessage = { type: 'ANM', params: {}, optional: [{ name: 'displayInformation', value: new Uint8Array(256) }] };
    const r = tryEncode(m);
    expect(r.ok ? null : r.error.code).toBe('LENGTH_OVERFLOW');
  });

  it('optional parameters on a message without an optional part are BAD_VALUE', () => {
    const m = { type: 'BLO', params: {}, optional: [{ name: 'hopCounter', value: { hops: 1 } }] } as IsupMessage;
    expect(tryEncode(m).ok).toBe(false);
  });
});
