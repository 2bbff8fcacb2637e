// SETUP contents ⇄ CallInfo: the redirecting number is a field of its own, in identifier order.
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from 'q931-codec';
import { callInfoOf, setupIes } from '../../../src/isdn/q931/ies.js';
import type { CallInfo } from '../../../src/isdn/q931/service.js';

const info: CallInfo = {
  bearer: { codingStandard: 0, transferCapability: 0, transferMode: 0, transferRate: 0x10, layer1: { protocol: 0x03 } },
  channel: { channel: 3, exclusive: true },
  calling: { typeOfNumber: 2, numberingPlan: 1, presentation: 0, screening: 3, digits: '4940999' },
  called: { typeOfNumber: 2, numberingPlan: 1, digits: '4930123456' },
  redirecting: { typeOfNumber: 2, numberingPlan: 1, presentation: 1, screening: 3, reason: 15, digits: '4940111' },
  sendingComplete: true,
};

describe('SETUP information elements', () => {
  it('the redirecting number (0x74) goes after the called party number and comes back as `redirecting`', () => {
    const ies = setupIes(info, 'E1');
    if (ies === undefined) throw new Error('no channel');
    expect(ies.map((ie) => ie.name)).toEqual(['bearerCapability', 'channelIdentification', 'callingPartyNumber', 'calledPartyNumber', 'redirectingNumber', 'sendingComplete']);
    const octets = encodeMessage({ type: 'SETUP', callReference: { length: 2, flag: false, value: 1 }, ies });
    expect(Buffer.from(octets).toString('hex')).toContain('74 0a 21 23 8f 34 39 34 30 31 31 31'.replace(/ /g, ''));
    const m = decodeMessage(octets);
    if (!m.ok || m.value.type !== 'SETUP') throw new Error('decode failed');
    const back = callInfoOf(m.value, 'E1');
    expect(back?.redirecting).toEqual(info.redirecting);
    expect(back?.others).toBeUndefined();
  });
});
