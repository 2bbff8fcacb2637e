// Number parameters, Q.763 §3.9 (called party number) and the formats built on it:
// §3.10 calling party number, §3.26 generic number, §3.30 location number, §3.35 connected
// number, §3.38 original called number, §3.44 redirecting number, §3.46 redirection number,
// §3.51 subsequent number, §3.73 called IN number.
// Octet 1: H odd/even, G-A nature of address; octet 2 differs per parameter (rows below);
// then the address signals (digits.ts).
import { bitfieldCodec, type FieldRow, type Fields } from '../bitfield.js';
import { decodeDigits, encodeDigits } from '../digits.js';
import { at, encodeFail } from '../errors.js';
import type { ParamCodec } from '../param-codec.js';

/** Nature of address indicator values, Q.763 §3.9 a). Others are spare or national. */
export const NatureOfAddress = {
  SUBSCRIBER: 1,
  UNKNOWN: 2,
  NATIONAL: 3,
  INTERNATIONAL: 4,
  NETWORK_SPECIFIC: 5,
  NETWORK_ROUTING_NATIONAL: 6,
  NETWORK_ROUTING_NETWORK_SPECIFIC: 7,
  NETWORK_ROUTING_WITH_CALLED_DIRECTORY_NUMBER: 8,
} as const;

/** Numbering plan indicator, Q.763 §3.9 c). */
export const NumberingPlan = { ISDN_E164: 1, DATA_X121: 3, TELEX_F69: 4, PRIVATE: 5 } as const;

/** Address presentation restricted indicator, Q.763 §3.10 e). */
export const Presentation = { ALLOWED: 0, RESTRICTED: 1, NOT_AVAILABLE: 2, RESERVED: 3 } as const;

/** Screening indicator, Q.763 §3.10 f) and §3.26. */
export const Screening = { USER_PROVIDED_NOT_VERIFIED: 0, USER_PROVIDED_VERIFIED_PASSED: 1, USER_PROVIDED_VERIFIED_FAILED: 2, NETWORK_PROVIDED: 3 } as const;

// Octet 2 layouts (bit 0 = bit A).
const CALLED_OCTET2 = [['inn', 7, 1, 'b'], ['numberingPlan', 4, 3, 'n']] as const satisfies readonly FieldRow[];
const CALLING_OCTET2 = [
  ['numberIncomplete', 7, 1, 'b'],
  ['numberingPlan', 4, 3, 'n'],
  ['presentation', 2, 2, 'n'],
  ['screening', 0, 2, 'n'],
] as const satisfies readonly FieldRow[];
const LOCATION_OCTET2 = [
  ['inn', 7, 1, 'b'],
  ['numberingPlan', 4, 3, 'n'],
  ['presentation', 2, 2, 'n'],
  ['screening', 0, 2, 'n'],
] as const satisfies readonly FieldRow[];
const CONNECTED_OCTET2 = [
  ['numberingPlan', 4, 3, 'n'],
  ['presentation', 2, 2, 'n'],
  ['screening', 0, 2, 'n'],
] as const satisfies readonly FieldRow[];
const REDIRECTING_OCTET2 = [['numberingPlan', 4, 3, 'n'], ['presentation', 2, 2, 'n']] as const satisfies readonly FieldRow[];

type NumberValue<Rows extends readonly FieldRow[]> = { natureOfAddress: number; digits: string; filler?: number } & Fields<Rows>;

function numberCodec<const Rows extends readonly FieldRow[]>(rows: Rows, allowST: boolean): ParamCodec<NumberValue<Rows>> {
  const octet2 = bitfieldCodec(1, rows);
  return {
    decode(b, off, len, ctx) {
      if (len < 2) return ctx.fail('TRUNCATED', `number needs at least 2 octets, got ${len}`);
      const o1 = b[off] as number;
      const d = decodeDigits(b, off + 2, len - 2, (o1 & 0x80) !== 0, allowST, ctx, 2);
      if (d === undefined) return undefined;
      const v = octet2.fromWord(b[off + 1] as number) as NumberValue<Rows>;
      v.natureOfAddress = o1 & 0x7f;
      v.digits = d.digits;
      if (d.filler !== undefined) v.filler = d.filler;
      return v;
    },
    encode(v, w, place) {
      const nai = v.natureOfAddress;
      if (!Number.isInteger(nai) || nai < 0 || nai > 127) encodeFail('BAD_VALUE', at(place, 'natureOfAddress'), `${nai} does not fit 7 bits`);
      const start = w.pos;
      w.u8(nai);
      w.u8(octet2.toWord(v, place));
      if (encodeDigits(v.digits, w, allowST, place, v.filler)) w.patch(start, nai | 0x80);
    },
  };
}

export const calledPartyNumber = numberCodec(CALLED_OCTET2, true);
export const redirectionNumber = numberCodec(CALLED_OCTET2, false);
export const callingPartyNumber = numberCodec(CALLING_OCTET2, false);
export const locationNumber = numberCodec(LOCATION_OCTET2, false);
export const connectedNumber = numberCodec(CONNECTED_OCTET2, false);
export const redirectingNumber = numberCodec(REDIRECTING_OCTET2, false);
export const originalCalledNumber = redirectingNumber;
export const calledINNumber = redirectingNumber;

export type CalledPartyNumber = NumberValue<typeof CALLED_OCTET2>;
export type RedirectionNumber = CalledPartyNumber;
export type CallingPartyNumber = NumberValue<typeof CALLING_OCTET2>;
export type LocationNumber = NumberValue<typeof LOCATION_OCTET2>;
export type ConnectedNumber = NumberValue<typeof CONNECTED_OCTET2>;
export type RedirectingNumber = NumberValue<typeof REDIRECTING_OCTET2>;
export type OriginalCalledNumber = RedirectingNumber;

/** Generic number qualifier, Q.763 §3.26 (values in use; others reserved or national). */
export const NumberQualifier = { ADDITIONAL_CALLED: 0x01, ADDITIONAL_CONNECTED: 0x05, ADDITIONAL_CALLING: 0x06 } as const;

/** Generic number, Q.763 §3.26: number qualifier octet, then the calling party number layout. */
export type GenericNumber = { numberQualifier: number } & CallingPartyNumber;

export const genericNumber: ParamCodec<GenericNumber> = {
  decode(b, off, len, ctx) {
    if (len < 3) return ctx.fail('TRUNCATED', `generic number needs at least 3 octets, got ${len}`);
    ctx.base += 1;
    const n = callingPartyNumber.decode(b, off + 1, len - 1, ctx);
    ctx.base -= 1;
    return n === undefined ? undefined : { numberQualifier: b[off] as number, ...n };
  },
  encode(v, w, place) {
    if (!Number.isInteger(v.numberQualifier) || v.numberQualifier < 0 || v.numberQualifier > 255) {
      encodeFail('BAD_VALUE', at(place, 'numberQualifier'), `${v.numberQualifier} is not an octet`);
    }
    w.u8(v.numberQualifier);
    callingPartyNumber.encode(v, w, place);
  },
};

/** Subsequent number, Q.763 §3.51: octet 1 H odd/even, G-A spare; then signals (ST allowed). */
export interface SubsequentNumber {
  digits: string;
  filler?: number;
  spare?: number;
}

export const subsequentNumber: ParamCodec<SubsequentNumber> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'subsequent number needs at least 1 octet');
    const o1 = b[off] as number;
    const d = decodeDigits(b, off + 1, len - 1, (o1 & 0x80) !== 0, true, ctx, 1);
    if (d === undefined) return undefined;
    const v: SubsequentNumber = { digits: d.digits };
    if (d.filler !== undefined) v.filler = d.filler;
    if ((o1 & 0x7f) !== 0) v.spare = o1 & 0x7f;
    return v;
  },
  encode(v, w, place) {
    const spare = v.spare ?? 0;
    if (!Number.isInteger(spare) || spare < 0 || spare > 127) encodeFail('BAD_VALUE', at(place, 'spare'), `${spare} does not fit 7 bits`);
    const start = w.pos;
    w.u8(spare);
    if (encodeDigits(v.digits, w, true, place, v.filler)) w.patch(start, spare | 0x80);
  },
};
