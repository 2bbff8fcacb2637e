// Number normalisation: the nature-of-address rows both ways, the trunk plan cases (+33..., 0...,
// 00..., subscriber), digit validation (484 / cause 28), telephone numbers in URIs, round trips.
import fc from 'fast-check';
import { NatureOfAddress } from 'ss7-isup-codec';
import { describe, expect, it } from 'vitest';
import {
  NATURE_OF_ADDRESS_ROWS,
  formatTelNumber,
  isupAddressFromSip,
  telNumberFromIsup,
  telephoneSubscriberOf,
  uriForNumber,
  type NumberingPlan,
  type TelNumber,
  type UriStyle,
} from '../../../src/interworking/mapping/index.js';
import { formatUri, parseUri, type Uri } from '../../../src/sip/message/index.js';

const FR: NumberingPlan = { countryCode: '33', nationalPrefix: '0', internationalPrefix: '00' };
const FR_NATIONAL: NumberingPlan = { ...FR, ownCountryAsNational: true };
const NANP: NumberingPlan = { countryCode: '1', nationalPrefix: '1', internationalPrefix: '011' };
const uri = (text: string): Uri => {
  const u = parseUri(text);
  if (!u.ok) throw new Error(u.error.message);
  return u.value;
};
const sipToIsup = (n: string, plan = FR) => {
  const r = isupAddressFromSip(n, plan);
  return r.ok ? r.value : r.error;
};
const isupToSip = (natureOfAddress: number, digits: string, plan = FR) => {
  const r = telNumberFromIsup({ natureOfAddress, digits }, plan);
  return r.ok ? formatTelNumber(r.value) : r.error;
};

describe('nature of address rows', () => {
  const sample: Record<string, string> = { global: '+33123456789', national: '0123456789', local: '123456' };
  it.each(NATURE_OF_ADDRESS_ROWS.map((r) => [r.form, r.natureOfAddress] as const))('%s numbers <-> NAI %i', (form, nai) => {
    expect(sipToIsup(sample[form] as string)).toMatchObject({ natureOfAddress: nai });
    const back = telNumberFromIsup({ natureOfAddress: nai, digits: '123456789' }, FR);
    expect(back.ok && back.value.kind).toBe(form === 'local' ? 'local' : 'global');
  });
  it('has the hand-written rows: global 4, national 3, local 1', () => {
    expect(NATURE_OF_ADDRESS_ROWS.map((r) => [r.form, r.natureOfAddress])).toEqual([['global', 4], ['national', 3], ['local', 1]]);
  });
});

describe('SIP -> ISUP (France: 33, prefixes 0 and 00)', () => {
  it.each([
    ['+33123456789', NatureOfAddress.INTERNATIONAL, '33123456789'],
    ['+33-1-23.45.67.89', NatureOfAddress.INTERNATIONAL, '33123456789'],
    ['+4930123456', NatureOfAddress.INTERNATIONAL, '4930123456'],
    ['0033123456789', NatureOfAddress.INTERNATIONAL, '33123456789'],
    ['0123456789', NatureOfAddress.NATIONAL, '123456789'],
    ['(01)23', NatureOfAddress.NATIONAL, '123'],
    ['123456', NatureOfAddress.SUBSCRIBER, '123456'],
  ])('%s -> NAI %i %s', (n, nai, digits) => {
    expect(sipToIsup(n)).toEqual({ natureOfAddress: nai, digits });
  });
  it('sends own-country E.164 as national when the trunk asks', () => {
    expect(sipToIsup('+33123456789', FR_NATIONAL)).toEqual({ natureOfAddress: NatureOfAddress.NATIONAL, digits: '123456789' });
    expect(sipToIsup('0033123456789', FR_NATIONAL)).toEqual({ natureOfAddress: NatureOfAddress.NATIONAL, digits: '123456789' });
    expect(sipToIsup('+4930123456', FR_NATIONAL)).toEqual({ natureOfAddress: NatureOfAddress.INTERNATIONAL, digits: '4930123456' });
    expect(sipToIsup('+33', FR_NATIONAL)).toEqual({ natureOfAddress: NatureOfAddress.INTERNATIONAL, digits: '33' });
  });
  it('checks the longer international prefix before the national one (NANP 011 / 1)', () => {
    expect(sipToIsup('01144201234567', NANP)).toEqual({ natureOfAddress: NatureOfAddress.INTERNATIONAL, digits: '44201234567' });
    expect(sipToIsup('12125551234', NANP)).toEqual({ natureOfAddress: NatureOfAddress.NATIONAL, digits: '2125551234' });
  });
  it.each(['', '+', '00', '0', '+33abc', '12*34', '#31#', '+1234567890123456', 'sip'])('refuses %j with 484 / cause 28', (n) => {
    expect(sipToIsup(n)).toMatchObject({ code: 'BAD_NUMBER', status: 484, cause: 28 });
  });
});

describe('ISUP -> SIP', () => {
  it.each([
    [NatureOfAddress.INTERNATIONAL, '33123456789', '+33123456789'],
    [NatureOfAddress.INTERNATIONAL, '4930123456F', '+4930123456'],
    [NatureOfAddress.NATIONAL, '123456789', '+33123456789'],
    [NatureOfAddress.SUBSCRIBER, '123456', '123456'],
    [NatureOfAddress.UNKNOWN, '0123456789', '+33123456789'],
    [NatureOfAddress.UNKNOWN, '0044201234567', '+44201234567'],
    [NatureOfAddress.UNKNOWN, '123456', '123456'],
    [NatureOfAddress.NETWORK_SPECIFIC, '0123', '+33123'],
  ])('NAI %i %s -> %s', (nai, digits, sip) => {
    expect(isupToSip(nai, digits)).toBe(sip);
  });
  it.each([
    [NatureOfAddress.INTERNATIONAL, ''],
    [NatureOfAddress.INTERNATIONAL, 'F'],
    [NatureOfAddress.NATIONAL, '12B4'],
    [NatureOfAddress.NATIONAL, '12C4'],
    [NatureOfAddress.UNKNOWN, '00'],
    [NatureOfAddress.INTERNATIONAL, '1234567890123456'],
  ])('refuses NAI %i %j with cause 28', (nai, digits) => {
    expect(isupToSip(nai, digits)).toMatchObject({ code: 'BAD_NUMBER', cause: 28, status: 484 });
  });
});

describe('telephone numbers in URIs', () => {
  it.each([
    ['tel:+33-1-23-45-67-89', '+33-1-23-45-67-89'],
    ['tel:1234;phone-context=+33', '1234'],
    ['sip:+33123456789@gw.example;user=phone', '+33123456789'],
    ['sip:+33123456789;cpc=payphone@gw.example;user=phone', '+33123456789'],
    ['sip:0123456789@pbx.example', '0123456789'],
    ['sip:alice@example.com;user=phone', 'alice'],
  ])('%s names %s', (text, number) => {
    expect(telephoneSubscriberOf(uri(text))?.number).toBe(number);
  });
  it.each(['sip:alice@example.com', 'sip:example.com', 'mailto:a@example.com'])('%s names no number', (text) => {
    expect(telephoneSubscriberOf(uri(text))).toBeUndefined();
  });
  it('returns the number parameters', () => {
    expect(telephoneSubscriberOf(uri('sip:+331;cpc=test;npdi@h;user=phone'))?.params).toEqual([{ name: 'cpc', value: 'test' }, { name: 'npdi' }]);
  });
  const tel: UriStyle = { scheme: 'tel', host: 'gw.example', phoneContext: '+33' };
  const sip: UriStyle = { scheme: 'sip', host: 'gw.example', phoneContext: '+33' };
  it.each([
    [{ kind: 'global', digits: '33123' }, tel, 'tel:+33123'],
    [{ kind: 'local', digits: '123' }, tel, 'tel:123;phone-context=+33'],
    [{ kind: 'global', digits: '33123' }, sip, 'sip:+33123@gw.example;user=phone'],
    [{ kind: 'local', digits: '123' }, sip, 'sip:123;phone-context=+33@gw.example;user=phone'],
  ] as const)('writes %j as %s', (n, style, text) => {
    expect(formatUri(uriForNumber(n, style))).toBe(text);
    expect(parseUri(text).ok).toBe(true);
  });
});

describe('round trips', () => {
  const e164 = fc.stringMatching(/^[1-9][0-9]{1,14}$/);
  const plans = fc.constantFrom(FR, FR_NATIONAL, NANP);
  const styles = fc.constantFrom<UriStyle>({ scheme: 'tel', host: 'h.example', phoneContext: '+33' }, { scheme: 'sip', host: 'h.example', phoneContext: '+33' });
  it('E.164 SIP -> ISUP -> SIP is the identity', () => {
    fc.assert(
      fc.property(e164, plans, (digits, plan) => {
        const a = isupAddressFromSip(`+${digits}`, plan);
        if (!a.ok) throw new Error(a.error.message);
        expect(telNumberFromIsup(a.value, plan)).toEqual({ ok: true, value: { kind: 'global', digits } });
      }),
    );
  });
  it('ISUP international and subscriber -> SIP -> ISUP is the identity (without ownCountryAsNational)', () => {
    fc.assert(
      fc.property(e164, fc.constantFrom(NatureOfAddress.INTERNATIONAL, NatureOfAddress.SUBSCRIBER), (digits, nai) => {
        fc.pre(nai === NatureOfAddress.INTERNATIONAL || (!digits.startsWith('0') && !digits.startsWith(FR.nationalPrefix)));
        const n = telNumberFromIsup({ natureOfAddress: nai, digits }, FR);
        if (!n.ok) throw new Error(n.error.message);
        expect(isupAddressFromSip(formatTelNumber(n.value), FR)).toEqual({ ok: true, value: { natureOfAddress: nai, digits } });
      }),
    );
  });
  it('ISUP national -> SIP -> ISUP is the identity with ownCountryAsNational', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9][0-9]{0,12}$/), (digits) => {
        const n = telNumberFromIsup({ natureOfAddress: NatureOfAddress.NATIONAL, digits }, FR_NATIONAL);
        if (!n.ok) throw new Error(n.error.message);
        expect(isupAddressFromSip(formatTelNumber(n.value), FR_NATIONAL)).toEqual({ ok: true, value: { natureOfAddress: NatureOfAddress.NATIONAL, digits } });
      }),
    );
  });
  it('a number written in a URI reads back the same', () => {
    fc.assert(
      fc.property(e164, fc.boolean(), styles, (digits, global, style) => {
        const n: TelNumber = global ? { kind: 'global', digits } : { kind: 'local', digits };
        const back = telephoneSubscriberOf(uri(formatUri(uriForNumber(n, style))));
        expect(back?.number).toBe(formatTelNumber(n));
      }),
    );
  });
});
