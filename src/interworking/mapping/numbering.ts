// Telephone numbers between SIP (E.164 with '+', or digits dialled with the trunk's prefixes) and
// ISUP addresses (nature of address indicator + digits, Q.763 §3.9).
// RFC 3398 §7.2.1.1 / §8.2.1.1 [mem]: '+' E.164 <-> NAI 4 international (digits without '+').
// National and subscriber forms follow the trunk's numbering plan (country code, national and
// international prefixes): a Tandem rule, as the RFC leaves them to configuration. A number that
// is not 1-15 decimal digits after its prefix is rejected: 484 toward SIP, cause 28 toward ISUP
// (RFC 3398 §8.2.6.1, verified).
import { NatureOfAddress } from 'ss7-isup-codec';
import { err, ok, type Result } from '../../core/result.js';
import type { MappingFailure, Source } from './source.js';

export interface NumberingPlan {
  /** E.164 country code of the trunk, e.g. `33`. */
  readonly countryCode: string;
  /** Prefix of national numbers, e.g. `0`; empty where there is none. */
  readonly nationalPrefix: string;
  /** Prefix of international numbers, e.g. `00`. */
  readonly internationalPrefix: string;
  /** Send E.164 numbers of the trunk's own country as national (NAI 3) instead of international. */
  readonly ownCountryAsNational?: boolean;
}

/** A number as SIP writes it: E.164 (`+` and digits) or local digits (no prefix). */
export type TelNumber = { readonly kind: 'global'; readonly digits: string } | { readonly kind: 'local'; readonly digits: string };

export interface IsupAddress {
  readonly natureOfAddress: number;
  readonly digits: string;
}

/** How a number is written on the SIP side. */
export type NumberForm = 'global' | 'national' | 'local';

export interface NatureOfAddressRow extends Source {
  readonly form: NumberForm;
  readonly natureOfAddress: number;
  readonly sip: string;
}

const GLOBAL: NatureOfAddressRow = { form: 'global', natureOfAddress: NatureOfAddress.INTERNATIONAL, sip: '+E.164, or international prefix + E.164', ref: 'RFC 3398 §7.2.1.1, §8.2.1.1', basis: 'mem' };
const NATIONAL: NatureOfAddressRow = {
  form: 'national',
  natureOfAddress: NatureOfAddress.NATIONAL,
  sip: 'national prefix + national number; +country code + national number toward SIP',
  ref: 'Tandem numbering plan',
  basis: 'project',
};
const LOCAL: NatureOfAddressRow = { form: 'local', natureOfAddress: NatureOfAddress.SUBSCRIBER, sip: 'digits without a prefix (tel local number with phone-context)', ref: 'Tandem numbering plan', basis: 'project' };

export const NATURE_OF_ADDRESS_ROWS: readonly NatureOfAddressRow[] = [GLOBAL, NATIONAL, LOCAL];
const BY_FORM: Readonly<Record<NumberForm, NatureOfAddressRow>> = { global: GLOBAL, national: NATIONAL, local: LOCAL };

/** Largest number of digits after the prefix (E.164 §6). */
export const MAX_DIGITS = 15;

const VISUAL = /[-.()]/g;

export function badNumber(message: string): MappingFailure {
  return { code: 'BAD_NUMBER', status: 484, cause: 28, message };
}

const isDigits = (s: string): boolean => s.length >= 1 && s.length <= MAX_DIGITS && /^[0-9]+$/.test(s);

/** Splits a dialled digit string by the plan's prefixes. */
function classify(digits: string, plan: NumberingPlan): { form: NumberForm; digits: string } {
  if (plan.internationalPrefix !== '' && digits.startsWith(plan.internationalPrefix)) return { form: 'global', digits: digits.slice(plan.internationalPrefix.length) };
  if (plan.nationalPrefix !== '' && digits.startsWith(plan.nationalPrefix)) return { form: 'national', digits: digits.slice(plan.nationalPrefix.length) };
  return { form: 'local', digits };
}

/** A SIP number (tel number or user part, visual separators allowed) -> the ISUP address. */
export function isupAddressFromSip(number: string, plan: NumberingPlan): Result<IsupAddress, MappingFailure> {
  const written = number.replace(VISUAL, '');
  const split = written.startsWith('+') ? { form: 'global' as const, digits: written.slice(1) } : classify(written, plan);
  if (!isDigits(split.digits)) return err(badNumber(`not 1-${MAX_DIGITS} decimal digits: ${JSON.stringify(number)}`));
  const ownCountry = split.form === 'global' && plan.ownCountryAsNational === true && split.digits.startsWith(plan.countryCode);
  if (ownCountry && split.digits.length > plan.countryCode.length) {
    return ok({ natureOfAddress: BY_FORM.national.natureOfAddress, digits: split.digits.slice(plan.countryCode.length) });
  }
  return ok({ natureOfAddress: BY_FORM[split.form].natureOfAddress, digits: split.digits });
}

/** An ISUP address -> the SIP number. An ST or filler digit at the end is dropped; NAIs without a row are read as dialled digits. */
export function telNumberFromIsup(address: IsupAddress, plan: NumberingPlan): Result<TelNumber, MappingFailure> {
  const digits = address.digits.replace(/F$/i, '');
  if (!isDigits(digits)) return err(badNumber(`ISUP digits are not 1-${MAX_DIGITS} decimal digits: ${JSON.stringify(address.digits)}`));
  const row = NATURE_OF_ADDRESS_ROWS.find((r) => r.natureOfAddress === address.natureOfAddress);
  const split = row === undefined ? classify(digits, plan) : { form: row.form, digits };
  if (split.digits === '') return err(badNumber(`only a prefix: ${JSON.stringify(address.digits)}`));
  switch (split.form) {
    case 'global':
      return ok({ kind: 'global', digits: split.digits });
    case 'national':
      return ok({ kind: 'global', digits: plan.countryCode + split.digits });
    case 'local':
      return ok({ kind: 'local', digits: split.digits });
  }
}

/** Reads back what formatTelNumber wrote. */
export function telNumberOf(text: string): TelNumber {
  return text.startsWith('+') ? { kind: 'global', digits: text.slice(1) } : { kind: 'local', digits: text };
}

/** `+digits` or `digits`. */
export function formatTelNumber(n: TelNumber): string {
  return n.kind === 'global' ? `+${n.digits}` : n.digits;
}
