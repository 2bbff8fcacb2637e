// Every DecodeErrorCode, each from a minimal input, with the exact code, place and offset; and
// the encode errors, thrown by the encoders and returned by the tryEncode functions.
import { describe, expect, it } from 'vitest';
import {
  Q931EncodeError,
  decodeFrame,
  decodeMessage,
  decodeTeiMessage,
  encodeMessage,
  tryEncodeFrame,
  tryEncodeMessage,
  tryEncodeTeiMessage,
  type DecodeError,
  type LapdFrame,
  type Q931Message,
  type Result,
  type TeiMessage,
} from '../src/index.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16)));

type Decoder = (b: Uint8Array, opts: { strict?: boolean }) => Result<unknown, DecodeError>;
const CASES: [what: string, decode: Decoder, hex: string, strict: boolean, code: string, place: string[], offset: number][] = [
  ['frame: empty', decodeFrame, '', false, 'TRUNCATED', ['address'], 0],
  ['frame: one address octet', decodeFrame, '00', false, 'TRUNCATED', ['address'], 1],
  ['frame: EA bit of octet 1 set', decodeFrame, '01 01 7f', false, 'BAD_VALUE', ['address', 'ea'], 0],
  ['frame: EA bit of octet 2 clear (tshark decodes it anyway)', decodeFrame, '00 8c 7f', false, 'BAD_VALUE', ['address', 'ea'], 1],
  ['frame: no control field', decodeFrame, '00 01', false, 'TRUNCATED', ['control'], 2],
  ['frame: I frame with one control octet', decodeFrame, '00 01 00', false, 'TRUNCATED', ['control'], 3],
  ['frame: S frame with one control octet', decodeFrame, '00 01 01', false, 'TRUNCATED', ['control'], 3],
  ['frame, strict: unknown U modifier', decodeFrame, '00 01 8b', true, 'UNKNOWN_MESSAGE', ['control'], 2],
  ['frame, strict: fourth supervisory function (SREJ)', decodeFrame, '00 01 0d 00', true, 'UNKNOWN_MESSAGE', ['control'], 2],
  ['frame, strict: octets after a SABME', decodeFrame, '00 01 7f 00', true, 'TRAILING_BYTES', ['info'], 3],
  ['frame, strict: octets after an RR', decodeFrame, '00 01 01 01 ff', true, 'TRAILING_BYTES', ['info'], 4],
  ['TEI: cut inside the reference number', decodeTeiMessage, '0f 12', false, 'TRUNCATED', ['teiManagement', 'ri'], 2],
  ['TEI: no action indicator', decodeTeiMessage, '0f 12 34 01', false, 'TRUNCATED', ['teiManagement', 'ai'], 4],
  ['TEI: management entity not 0x0F', decodeTeiMessage, '0e 12 34 01 ff', false, 'UNKNOWN_PROTOCOL', ['teiManagement', 'entity'], 0],
  ['TEI: extended action indicator (E = 0)', decodeTeiMessage, '0f 12 34 01 fe', false, 'BAD_VALUE', ['IDENTITY_REQUEST', 'ai'], 4],
  ['TEI, strict: message type 9', decodeTeiMessage, '0f 12 34 09 ff', true, 'UNKNOWN_MESSAGE', ['teiManagement', 'messageType'], 3],
  ['TEI, strict: octets after Ai', decodeTeiMessage, '0f 12 34 01 ff 00', true, 'TRAILING_BYTES', ['IDENTITY_REQUEST'], 5],
  ['Q.931: empty', decodeMessage, '', false, 'TRUNCATED', ['protocolDiscriminator'], 0],
  ['Q.931: protocol discriminator 0x09 (Q.2931)', decodeMessage, '09 01 01 05', false, 'UNKNOWN_PROTOCOL', ['protocolDiscriminator'], 0],
  ['Q.931: no call reference', decodeMessage, '08', false, 'TRUNCATED', ['callReference'], 1],
  ['Q.931: call reference value cut short', decodeMessage, '08 02 00', false, 'TRUNCATED', ['callReference'], 3],
  ['Q.931: call reference of 5 octets', decodeMessage, '08 05 01 02 03 04 05 45', false, 'BAD_LENGTH', ['callReference'], 1],
  ['Q.931: no message type', decodeMessage, '08 01 01', false, 'TRUNCATED', ['messageType'], 3],
  ['Q.931: element without its length octet', decodeMessage, '08 01 01 45 08', false, 'TRUNCATED', ['DISCONNECT', 'cause'], 5],
  ['Q.931: unknown element running past the end', decodeMessage, '08 01 01 45 32 04 00', false, 'LENGTH_OVERFLOW', ['DISCONNECT', '0x32'], 5],
  ['Q.931: cause of one octet', decodeMessage, '08 01 01 45 08 01 80', false, 'TRUNCATED', ['DISCONNECT', 'cause'], 6],
  ['Q.931: cause value without extension bit', decodeMessage, '08 01 01 45 08 02 80 10', false, 'BAD_VALUE', ['DISCONNECT', 'cause', 'causeValue'], 7],
  ['Q.931: cause octet 3a without extension bit', decodeMessage, '08 01 01 45 08 03 00 00 90', false, 'BAD_VALUE', ['DISCONNECT', 'cause', 'recommendation'], 7],
  ['Q.931: restart indicator of 2 octets', decodeMessage, '08 02 00 00 46 79 02 80 01', false, 'BAD_LENGTH', ['RESTART', 'restartIndicator'], 7],
  ['Q.931: progress indicator of 3 octets', decodeMessage, '08 01 01 03 1e 03 82 88 00', false, 'BAD_LENGTH', ['PROGRESS', 'progressIndicator'], 6],
  ['Q.931: progress description without extension bit', decodeMessage, '08 01 01 03 1e 02 82 08', false, 'BAD_VALUE', ['PROGRESS', 'progressIndicator', 'description'], 7],
  ['Q.931: called party number with an octet 3a', decodeMessage, '08 01 01 05 70 02 01 80', false, 'BAD_VALUE', ['SETUP', 'calledPartyNumber', 'typeOfNumber'], 6],
  ['Q.931: called party digit with bit 8 set', decodeMessage, '08 01 01 05 70 03 81 31 b2', false, 'BAD_DIGIT', ['SETUP', 'calledPartyNumber', 'digits'], 8],
  ['Q.931: calling party number, octet 3a missing', decodeMessage, '08 01 01 05 6c 01 01', false, 'TRUNCATED', ['SETUP', 'callingPartyNumber', 'presentation'], 7],
  ['Q.931: calling party number with an octet 3b', decodeMessage, '08 01 01 05 6c 03 01 00 80', false, 'BAD_VALUE', ['SETUP', 'callingPartyNumber', 'presentation'], 7],
  ['Q.931: redirecting number, octet 3b missing', decodeMessage, '08 01 01 05 74 02 01 00', false, 'TRUNCATED', ['SETUP', 'redirectingNumber', 'reason'], 8],
  ['Q.931: redirecting number, octet 3b without extension bit', decodeMessage, '08 01 01 05 74 04 01 00 0f 31', false, 'BAD_VALUE', ['SETUP', 'redirectingNumber', 'reason'], 8],
  ['Q.931: bearer capability with octet 3a', decodeMessage, '08 01 01 05 04 03 00 80 90', false, 'BAD_VALUE', ['SETUP', 'bearerCapability', 'transferCapability'], 6],
  ['Q.931: multirate bearer without octet 4.1', decodeMessage, '08 01 01 05 04 02 88 98', false, 'TRUNCATED', ['SETUP', 'bearerCapability', 'rateMultiplier'], 8],
  ['Q.931: layer 1 group that never ends', decodeMessage, '08 01 01 05 04 04 88 90 21 42', false, 'TRUNCATED', ['SETUP', 'bearerCapability', 'layer1'], 8],
  ['Q.931: channel identification octet 3 without extension bit', decodeMessage, '08 01 81 02 18 01 09', false, 'BAD_VALUE', ['CALL_PROCEEDING', 'channelIdentification', 'interfaceType'], 6],
  ['Q.931: interface identifier missing', decodeMessage, '08 01 81 02 18 01 c1', false, 'TRUNCATED', ['CALL_PROCEEDING', 'channelIdentification', 'interfaceId'], 7],
  ['Q.931: octet 3.2 without extension bit', decodeMessage, '08 02 80 01 02 18 03 a9 03 81', false, 'BAD_VALUE', ['CALL_PROCEEDING', 'channelIdentification', 'channel'], 8],
  ['Q.931: channel number list that never ends', decodeMessage, '08 02 80 01 02 18 03 a9 83 01', false, 'TRUNCATED', ['CALL_PROCEEDING', 'channelIdentification', 'channel'], 9],
  ['Q.931: notification octet 3 without extension bit', decodeMessage, '08 01 01 6e 27 01 00', false, 'BAD_VALUE', ['NOTIFY', 'notificationIndicator', 'description'], 6],
  ['Q.931, strict: unknown message type', decodeMessage, '08 01 01 79', true, 'UNKNOWN_MESSAGE', ['0x79'], 3],
  ['Q.931, strict: SETUP without bearer capability', decodeMessage, '08 01 01 05 18 01 83', true, 'MANDATORY_MISSING', ['SETUP', 'bearerCapability'], 7],
  ['Q.931, strict: STATUS without call state', decodeMessage, '08 01 01 7d 08 02 80 90', true, 'MANDATORY_MISSING', ['STATUS', 'callState'], 8],
];

describe('decode errors', () => {
  it.each(CASES)('%s', (_what, decode, h, strict, code, place, offset) => {
    const r = decode(hex(h), { strict });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect({ code: r.error.code, place: r.error.place, offset: r.error.offset }).toEqual({ code, place, offset });
    expect(r.error.message.length).toBeGreaterThan(0);
  });

  it('lenient decoding keeps what strict decoding refuses', () => {
    expect(decodeFrame(hex('00 01 7f 00'))).toEqual({ ok: true, value: { sapi: 0, cr: false, tei: 0, type: 'SABME', pf: true, info: hex('00') } });
    expect(decodeFrame(hex('00 01 8b 01'))).toEqual({ ok: true, value: { sapi: 0, cr: false, tei: 0, type: 'UNKNOWN', control: hex('8b'), info: hex('01') } });
    expect(decodeTeiMessage(hex('0f 00 01 09 ff 00'))).toEqual({ ok: true, value: { type: 'UNKNOWN', code: 9, ri: 1, ai: 127, trailing: hex('00') } });
    expect(decodeMessage(hex('08 01 01 05'))).toEqual({ ok: true, value: { type: 'SETUP', callReference: { length: 1, flag: false, value: 1 }, ies: [] } });
  });
});

const fail = (r: Result<Uint8Array, Q931EncodeError>): unknown => (r.ok ? 'encoded' : [r.error.code, r.error.place]);
const cr = { length: 1, flag: false, value: 1 };
const msg = (ies: unknown[], type = 'RELEASE_COMPLETE'): Q931Message => ({ type, callReference: cr, ies }) as Q931Message;

describe('encode errors', () => {
  it('a field out of range is BAD_VALUE with its place, thrown by encode and returned by tryEncode', () => {
    const m = msg([{ name: 'cause', value: { codingStandard: 0, location: 0, causeValue: 200 } }]);
    expect(fail(tryEncodeMessage(m))).toEqual(['BAD_VALUE', ['RELEASE_COMPLETE', 'cause', 'causeValue']]);
    expect(() => encodeMessage(m)).toThrow(Q931EncodeError);
    expect(fail(tryEncodeMessage(msg([{ name: 'channelIdentification', value: { interfaceType: 2, exclusive: true, dChannel: false, selection: 1 } }])))).toEqual([
      'BAD_VALUE',
      ['RELEASE_COMPLETE', 'channelIdentification', 'interfaceType'],
    ]);
  });

  it('call reference: length, value width and the dummy flag', () => {
    expect(fail(tryEncodeMessage({ ...msg([]), callReference: { length: 5, flag: false, value: 0 } }))).toEqual(['BAD_VALUE', ['RELEASE_COMPLETE', 'callReference', 'length']]);
    expect(fail(tryEncodeMessage({ ...msg([]), callReference: { length: 1, flag: false, value: 128 } }))).toEqual(['BAD_VALUE', ['RELEASE_COMPLETE', 'callReference', 'value']]);
    expect(fail(tryEncodeMessage({ ...msg([]), callReference: { length: 0, flag: true, value: 0 } }))).toEqual(['BAD_VALUE', ['RELEASE_COMPLETE', 'callReference', 'flag']]);
  });

  it('a digit that is not IA5 is BAD_DIGIT, never coerced', () => {
    const m = msg([{ name: 'calledPartyNumber', value: { typeOfNumber: 0, numberingPlan: 1, digits: '12\u00e9' } }], 'SETUP');
    expect(fail(tryEncodeMessage(m))).toEqual(['BAD_DIGIT', ['SETUP', 'calledPartyNumber', 'digits']]);
  });

  it('an element longer than 255 octets is LENGTH_OVERFLOW', () => {
    expect(fail(tryEncodeMessage(msg([{ name: 'userUser', value: new Uint8Array(256) }])))).toEqual(['LENGTH_OVERFLOW', ['RELEASE_COMPLETE', 'userUser']]);
  });

  it('unknown names are UNKNOWN_MESSAGE and UNKNOWN_IE', () => {
    expect(fail(tryEncodeMessage({ ...msg([]), type: 'HOLD' } as unknown as Q931Message))).toEqual(['UNKNOWN_MESSAGE', ['HOLD']]);
    expect(fail(tryEncodeMessage(msg([{ name: 'keypad', value: hex('31') }])))).toEqual(['UNKNOWN_IE', ['RELEASE_COMPLETE', 'keypad']]);
  });

  it('what would decode differently is refused (so decode(encode(x)) = x)', () => {
    const refusals: [unknown[], string[]][] = [
      [[{ name: 'unknown', codeset: 0, id: 0x08, contents: hex('80 90') }], ['RELEASE_COMPLETE', '0x08', 'id']],
      [[{ name: 'unknown', codeset: 0, id: 0x95 }], ['RELEASE_COMPLETE', '0x95', 'id']],
      [[{ name: 'unknown', codeset: 5, id: 0x20, contents: hex('') }], ['RELEASE_COMPLETE', '0x20', 'codeset']],
      [[{ name: 'shift', locking: true, codeset: 5 }, { name: 'display', value: 'X' }], ['RELEASE_COMPLETE', 'display']],
      [[{ name: 'unknown', codeset: 0, id: 0xa0, contents: hex('00') }], ['RELEASE_COMPLETE', '0xa0', 'contents']],
      [[{ name: 'bearerCapability', value: { codingStandard: 0, transferCapability: 8, transferMode: 0, transferRate: 0x10, rateMultiplier: 2 } }], ['RELEASE_COMPLETE', 'bearerCapability', 'rateMultiplier']],
      [[{ name: 'bearerCapability', value: { codingStandard: 0, transferCapability: 8, transferMode: 0, transferRate: 0x10, more: hex('a3') } }], ['RELEASE_COMPLETE', 'bearerCapability', 'more']],
      [[{ name: 'channelIdentification', value: { interfaceType: 0, exclusive: true, dChannel: false, selection: 1, channel: { codingStandard: 0, channelType: 3, numbers: [1] } } }], ['RELEASE_COMPLETE', 'channelIdentification', 'channel']],
      [[{ name: 'channelIdentification', value: { interfaceType: 1, exclusive: true, dChannel: false, selection: 3, more: hex('83') } }], ['RELEASE_COMPLETE', 'channelIdentification', 'more']],
      [[{ name: 'channelIdentification', value: { interfaceType: 0, exclusive: true, dChannel: false, selection: 1, interfaceId: hex('01') } }], ['RELEASE_COMPLETE', 'channelIdentification', 'interfaceId']],
      [[{ name: 'callingPartyNumber', value: { typeOfNumber: 0, numberingPlan: 1, presentation: 1, digits: '1' } }], ['RELEASE_COMPLETE', 'callingPartyNumber', 'presentation']],
      [[{ name: 'redirectingNumber', value: { typeOfNumber: 0, numberingPlan: 1, reason: 1, digits: '1' } }], ['RELEASE_COMPLETE', 'redirectingNumber', 'presentation']],
      [[{ name: 'redirectingNumber', value: { typeOfNumber: 0, numberingPlan: 1, presentation: 0, screening: 0, reason: 16, digits: '1' } }], ['RELEASE_COMPLETE', 'redirectingNumber', 'reason']],
      [[{ name: 'redirectingNumber', value: { typeOfNumber: 0, numberingPlan: 1, presentation: 0, screening: 0, reasonSpare: 0x70, digits: '1' } }], ['RELEASE_COMPLETE', 'redirectingNumber', 'reason']],
    ];
    for (const [ies, place] of refusals) expect(fail(tryEncodeMessage(msg(ies))), JSON.stringify(ies)).toEqual(['BAD_VALUE', place]);
    expect(fail(tryEncodeMessage({ type: 'UNKNOWN', code: 0x05, callReference: cr, body: hex('') }))).toEqual(['BAD_VALUE', ['UNKNOWN', 'code']]);
  });

  it('frames: ranges, the information field and unknown control fields', () => {
    const a = { sapi: 0, cr: false, tei: 0 };
    expect(fail(tryEncodeFrame({ ...a, sapi: 64, type: 'SABME', pf: true }))).toEqual(['BAD_VALUE', ['SABME', 'address', 'sapi']]);
    expect(fail(tryEncodeFrame({ ...a, type: 'I', ns: 128, nr: 0, p: false, info: hex('') }))).toEqual(['BAD_VALUE', ['I', 'control', 'ns']]);
    expect(fail(tryEncodeFrame({ ...a, type: 'UI', pf: false } as unknown as LapdFrame))).toEqual(['BAD_VALUE', ['UI', 'info']]);
    expect(fail(tryEncodeFrame({ ...a, type: 'UNKNOWN', control: hex('7f'), info: hex('') }))).toEqual(['BAD_VALUE', ['UNKNOWN', 'control']]);
    expect(fail(tryEncodeFrame({ ...a, type: 'UNKNOWN', control: hex('0d'), info: hex('') }))).toEqual(['BAD_VALUE', ['UNKNOWN', 'control']]);
    expect(fail(tryEncodeFrame({ ...a, type: 'SREJ', nr: 0, pf: false } as unknown as LapdFrame))).toEqual(['UNKNOWN_MESSAGE', ['SREJ']]);
  });

  it('TEI management: ranges and known codes', () => {
    const m: TeiMessage = { type: 'IDENTITY_REQUEST', ri: 0x10000, ai: 127 };
    expect(fail(tryEncodeTeiMessage(m))).toEqual(['BAD_VALUE', ['IDENTITY_REQUEST', 'ri']]);
    expect(fail(tryEncodeTeiMessage({ type: 'IDENTITY_REQUEST', ri: 1, ai: 128 }))).toEqual(['BAD_VALUE', ['IDENTITY_REQUEST', 'ai']]);
    expect(fail(tryEncodeTeiMessage({ type: 'UNKNOWN', code: 1, ri: 1, ai: 1 }))).toEqual(['BAD_VALUE', ['UNKNOWN', 'code']]);
  });
});
