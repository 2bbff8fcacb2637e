// Per-element tests: each typed information element decoded from contents composed from its
// Q.931 figure, checked field by field, and re-encoded to the same octets. Elements are carried
// in a RELEASE COMPLETE (no mandatory elements), call reference 1.
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, findAllIes, findIe, type IeName, type InformationElement } from '../src/index.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16)));
const HEADER = '08 01 01 5a';

/** The elements of a RELEASE COMPLETE whose elements are `ies` (hex), after checking it re-encodes exactly. */
function ies(h: string): InformationElement[] {
  const b = hex(`${HEADER} ${h}`);
  const r = decodeMessage(b);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.error.place.join('.')}: ${r.error.message}`);
  expect(encodeMessage(r.value)).toEqual(b);
  return r.value.type === 'UNKNOWN' ? [] : r.value.ies;
}
/** The value of the single element `name` in `h`. */
const one = (name: IeName, h: string): unknown => findIe(ies(h), name);

describe('bearer capability (§4.5.5)', () => {
  it.each([
    ['speech, G.711 A-law (reference)', '04 03 80 90 a3', { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 3 } }],
    ['speech, G.711 µ-law (reference)', '04 03 80 90 a2', { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 2 } }],
    ['3.1 kHz audio (reference)', '04 03 90 90 a3', { codingStandard: 0, transferCapability: 0x10, transferMode: 0, transferRate: 0x10, layer1: { protocol: 3 } }],
    ['64 kbit/s unrestricted, octets 3 and 4 only (reference)', '04 02 88 90', { codingStandard: 0, transferCapability: 8, transferMode: 0, transferRate: 0x10 }],
    ['multirate, rate multiplier 6 (octet 4.1)', '04 03 88 98 86', { codingStandard: 0, transferCapability: 8, transferMode: 0, transferRate: 0x18, rateMultiplier: 6 }],
    [
      'V.110 with octets 5a and 5b (extension chain kept)',
      '04 05 88 90 21 42 bb',
      { codingStandard: 0, transferCapability: 8, transferMode: 0, transferRate: 0x10, layer1: { protocol: 1, more: hex('42 bb') } },
    ],
    [
      'packet mode: layer 2 Q.921 and layer 3 X.25 groups',
      '04 04 88 c0 c2 e6',
      { codingStandard: 0, transferCapability: 8, transferMode: 2, transferRate: 0, layer2: { protocol: 2 }, layer3: { protocol: 6 } },
    ],
    ['national coding: octets after 4 kept as sent', '04 04 c8 90 a3 01', { codingStandard: 2, transferCapability: 8, transferMode: 0, transferRate: 0x10, more: hex('a3 01') }],
    ['a layer group out of order ends the typed part', '04 04 88 90 c2 a3', { codingStandard: 0, transferCapability: 8, transferMode: 0, transferRate: 0x10, layer2: { protocol: 2 }, more: hex('a3') }],
  ])('%s', (_name, h, value) => expect(one('bearerCapability', h)).toEqual(value));
});

describe('channel identification (§4.5.13)', () => {
  const bri = (exclusive: boolean, selection: number): object => ({ interfaceType: 0, exclusive, dChannel: false, selection });
  it.each([
    ['BRI, B1 exclusive (reference)', '18 01 89', bri(true, 1)],
    ['BRI, any channel preferred (reference)', '18 01 83', bri(false, 3)],
    ['BRI, B2 preferred', '18 01 82', bri(false, 2)],
    ['BRI, D-channel, no B-channel', '18 01 8c', { interfaceType: 0, exclusive: true, dChannel: true, selection: 0 }],
    ['PRI, any channel, no octet 3.2 (reference)', '18 01 a3', { interfaceType: 1, exclusive: false, dChannel: false, selection: 3 }],
    ['PRI, B-channel 1 exclusive (reference)', '18 03 a9 83 81', { interfaceType: 1, exclusive: true, dChannel: false, selection: 1, channel: { codingStandard: 0, channelType: 3, numbers: [1] } }],
    [
      'PRI, explicit interface 1 (octet 3.1), channel 10',
      '18 04 e9 81 83 8a',
      { interfaceType: 1, exclusive: true, dChannel: false, selection: 1, interfaceId: hex('81'), channel: { codingStandard: 0, channelType: 3, numbers: [10] } },
    ],
    [
      'PRI, channels 1, 2, 3 (bit 8 extends the list)',
      '18 05 a9 83 01 02 83',
      { interfaceType: 1, exclusive: true, dChannel: false, selection: 1, channel: { codingStandard: 0, channelType: 3, numbers: [1, 2, 3] } },
    ],
    [
      'PRI, slot map of three octets',
      '18 05 a1 93 ff 00 00',
      { interfaceType: 1, exclusive: false, dChannel: false, selection: 1, channel: { codingStandard: 0, channelType: 3, slotMap: hex('ff 00 00') } },
    ],
    ['PRI, H0 channel 2 (channel type 6)', '18 03 a9 86 82', { interfaceType: 1, exclusive: true, dChannel: false, selection: 1, channel: { codingStandard: 0, channelType: 6, numbers: [2] } }],
    ['BRI with a two-octet interface identifier', '18 03 c1 05 85', { interfaceType: 0, exclusive: false, dChannel: false, selection: 1, interfaceId: hex('05 85') }],
    ['spare bit 5 kept', '18 01 99', { ...bri(true, 1), spare: 0x10 }],
    ['BRI with octets after octet 3 kept as sent', '18 02 89 85', { ...bri(true, 1), more: hex('85') }],
    [
      'PRI, octets after the channel number kept as sent',
      '18 04 a9 83 81 00',
      { interfaceType: 1, exclusive: true, dChannel: false, selection: 1, channel: { codingStandard: 0, channelType: 3, numbers: [1] }, more: hex('00') },
    ],
  ])('%s', (_name, h, value) => expect(one('channelIdentification', h)).toEqual(value));
});

describe('party numbers (§4.5.8, §4.5.10, Q.951)', () => {
  it('called party number: type of number, numbering plan, IA5 digits with * and #', () => {
    expect(one('calledPartyNumber', '70 06 c1 2a 33 31 23 30')).toEqual({ typeOfNumber: 4, numberingPlan: 1, digits: '*31#0' });
  });
  it('called party number with no digits', () => expect(one('calledPartyNumber', '70 01 91')).toEqual({ typeOfNumber: 1, numberingPlan: 1, digits: '' }));
  it('calling party number with octet 3a, unknown plan (reference 6c 03 00 80 30)', () => {
    expect(one('callingPartyNumber', '6c 03 00 80 30')).toEqual({ typeOfNumber: 0, numberingPlan: 0, presentation: 0, screening: 0, digits: '0' });
  });
  it('calling party number without octet 3a', () => expect(one('callingPartyNumber', '6c 03 a1 34 35')).toEqual({ typeOfNumber: 2, numberingPlan: 1, digits: '45' }));
  it('calling party number, presentation restricted, network provided, spare bits of 3a kept', () => {
    expect(one('callingPartyNumber', '6c 04 11 bf 31 32')).toEqual({ typeOfNumber: 1, numberingPlan: 1, presentation: 1, screening: 3, spare: 0x1c, digits: '12' });
  });
  it('calling party number, number not available: no digits', () => {
    expect(one('callingPartyNumber', '6c 02 00 c0')).toEqual({ typeOfNumber: 0, numberingPlan: 0, presentation: 2, screening: 0, digits: '' });
  });
  it('connected number uses the calling party number layout', () => {
    expect(one('connectedNumber', '4c 05 21 a3 31 32 33')).toEqual({ typeOfNumber: 2, numberingPlan: 1, presentation: 1, screening: 3, digits: '123' });
  });
  it('redirecting number with octets 3a and 3b: call forwarding unconditional', () => {
    expect(one('redirectingNumber', '74 06 21 03 8f 31 32 33')).toEqual({ typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, reason: 15, digits: '123' });
  });
  it('redirecting number with octet 3a only: no reason', () => {
    expect(one('redirectingNumber', '74 03 11 a0 39')).toEqual({ typeOfNumber: 1, numberingPlan: 1, presentation: 1, screening: 0, digits: '9' });
  });
  it('redirecting number with octet 3 only', () => expect(one('redirectingNumber', '74 02 c1 35')).toEqual({ typeOfNumber: 4, numberingPlan: 1, digits: '5' }));
  it('redirecting number: spare bits of octets 3a and 3b kept, no digits', () => {
    expect(one('redirectingNumber', '74 03 00 1c f1')).toEqual({ typeOfNumber: 0, numberingPlan: 0, presentation: 0, screening: 0, spare: 0x1c, reason: 1, reasonSpare: 0x70, digits: '' });
  });
});

describe('cause (§4.5.12, Q.850)', () => {
  it.each([
    ['normal call clearing from the user (reference)', '08 02 80 90', { codingStandard: 0, location: 0, causeValue: 16 }],
    ['normal unspecified, public network (reference)', '08 02 82 9f', { codingStandard: 0, location: 2, causeValue: 31 }],
    ['recommendation Q.931 (octet 3a) and a diagnostic', '08 04 02 80 a2 2a', { codingStandard: 0, location: 2, recommendation: 0, causeValue: 34, diagnostics: hex('2a') }],
    ['network-specific coding, spare bit 5 set', '08 02 f2 90', { codingStandard: 3, location: 2, spare: 0x10, causeValue: 16 }],
  ])('%s', (_name, h, value) => expect(one('cause', h)).toEqual(value));
});

describe('progress indicator (§4.5.23), restart indicator (§4.5.25), notification (§4.5.22)', () => {
  it('two progress indicators in one message, read in order', () => {
    expect(findAllIes(ies('1e 02 82 88 1e 02 80 81'), 'progressIndicator')).toEqual([
      { codingStandard: 0, location: 2, description: 8 },
      { codingStandard: 0, location: 0, description: 1 },
    ]);
  });
  it('progress indicator with the spare bit of octet 3 set', () => expect(one('progressIndicator', '1e 02 92 88')).toEqual({ codingStandard: 0, location: 2, description: 8, spare: 0x1000 }));
  it.each([
    ['indicated channels', '79 01 80', { restartClass: 0 }],
    ['single interface', '79 01 86', { restartClass: 6 }],
    ['all interfaces, spare bits set', '79 01 ff', { restartClass: 7, spare: 0x78 }],
  ])('restart indicator: %s', (_name, h, value) => expect(one('restartIndicator', h)).toEqual(value));
  it('notification indicator: user resumed', () => expect(one('notificationIndicator', '27 01 81')).toEqual({ description: 1 }));
  it('notification indicator with an extension component kept as sent', () => {
    expect(one('notificationIndicator', '27 03 c0 a1 00')).toEqual({ description: 0x40, more: hex('a1 00') });
  });
});

describe('display (§4.5.16), raw elements, single-octet elements and shifts', () => {
  it('display is IA5 text; an octet with bit 8 set is kept', () => {
    expect(one('display', '28 05 41 4c 49 43 45')).toEqual('ALICE');
    expect(one('display', '28 03 b1 41 42')).toEqual('\u00b1AB');
    expect(one('display', '28 00')).toEqual('');
  });
  it.each([
    ['calledPartySubaddress', '71 04 80 50 31 32'],
    ['callingPartySubaddress', '6d 03 80 50 30'],
    ['highLayerCompatibility', '7d 02 91 81'],
    ['lowLayerCompatibility', '7c 03 88 90 a3'],
    ['userUser', '7e 03 04 41 42'],
    ['dateTime', '29 05 18 03 04 0c 1e'],
    ['facility', '1c 03 91 a1 00'],
  ] as const)('%s is kept as its contents', (name, h) => expect(one(name, h)).toEqual(hex(h).subarray(2)));

  it('sending complete and unknown single-octet elements (more data, congestion level)', () => {
    expect(ies('a1 a0 b1')).toEqual([{ name: 'sendingComplete' }, { name: 'unknown', codeset: 0, id: 0xa0 }, { name: 'unknown', codeset: 0, id: 0xb1 }]);
  });
  it('an identifier the table does not name is kept with its contents', () => {
    expect(ies('32 01 41')).toEqual([{ name: 'unknown', codeset: 0, id: 0x32, contents: hex('41') }]);
  });
  it('a locking shift changes the codeset of every later element; typed elements are codeset 0 only', () => {
    expect(ies('95 08 02 11 22 a1 96 1e 00')).toEqual([
      { name: 'shift', locking: true, codeset: 5 },
      { name: 'unknown', codeset: 5, id: 0x08, contents: hex('11 22') },
      { name: 'unknown', codeset: 5, id: 0xa1 },
      { name: 'shift', locking: true, codeset: 6 },
      { name: 'unknown', codeset: 6, id: 0x1e, contents: hex('') },
    ]);
  });
  it('a non-locking shift covers the next element only', () => {
    expect(ies('9e 08 01 00 08 02 80 90 98 27 01 80')).toEqual([
      { name: 'shift', locking: false, codeset: 6 },
      { name: 'unknown', codeset: 6, id: 0x08, contents: hex('00') },
      { name: 'cause', value: { codingStandard: 0, location: 0, causeValue: 16 } },
      { name: 'shift', locking: false, codeset: 0 },
      { name: 'notificationIndicator', value: { description: 0 } },
    ]);
  });
});
