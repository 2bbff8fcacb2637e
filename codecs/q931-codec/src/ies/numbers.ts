// Party numbers: called party number (Q.931 §4.5.8, Figure 4-14), calling party number
// (§4.5.10, Figure 4-16), connected number (Q.951, the calling party number layout) and
// redirecting number (identifier 0x74 in Q.931 Table 4-3; layout in Q.952 and ETSI EN 300 207-1:
// the calling party number layout plus an optional octet 3b after octet 3a).
// Octet 3: ext, type of number, numbering plan identification; octet 3a (calling and connected
// numbers, present when octet 3's ext is 0): ext = 1, presentation indicator, spare, screening
// indicator (ext = 0 in a redirecting number when octet 3b follows: ext = 1, spare, reason for
// redirection in bits 4-1); then the number digits, one IA5 character per octet (bit 8 = 0).
import { layout } from '../bitfield.js';
import { at, encodeFail, type DecodeContext, type EncodePlace } from '../errors.js';
import type { IeCodec } from '../ie-codec.js';
import type { Writer } from '../writer.js';

/** Type of number, octet 3 bits 7-5. */
export const TypeOfNumber = { UNKNOWN: 0, INTERNATIONAL: 1, NATIONAL: 2, NETWORK_SPECIFIC: 3, SUBSCRIBER: 4, ABBREVIATED: 6 } as const;
/** Numbering plan identification, octet 3 bits 4-1. */
export const NumberingPlan = { UNKNOWN: 0, ISDN_E164: 1, DATA_X121: 3, TELEX_F69: 4, NATIONAL: 8, PRIVATE: 9 } as const;
/** Presentation indicator, octet 3a bits 7-6. */
export const Presentation = { ALLOWED: 0, RESTRICTED: 1, NOT_AVAILABLE: 2 } as const;
/** Screening indicator, octet 3a bits 2-1. */
export const Screening = { USER_PROVIDED_NOT_SCREENED: 0, USER_PROVIDED_VERIFIED_PASSED: 1, USER_PROVIDED_VERIFIED_FAILED: 2, NETWORK_PROVIDED: 3 } as const;

export interface CalledPartyNumber {
  typeOfNumber: number;
  numberingPlan: number;
  /** IA5 characters: digits 0-9, '*', '#' (any 7-bit character is kept) */
  digits: string;
}

/** Calling party number and connected number. */
export interface CallingPartyNumber extends CalledPartyNumber {
  /** octet 3a: presentation and screening, both present or both absent */
  presentation?: number;
  screening?: number;
  /** bits 5-3 of octet 3a when a sender set them */
  spare?: number;
}

/** Reason for redirection, octet 3b bits 4-1 of the redirecting number. */
export const RedirectionReason = {
  UNKNOWN: 0,
  CALL_FORWARDING_BUSY: 1,
  CALL_FORWARDING_NO_REPLY: 2,
  CALL_DEFLECTION: 4,
  CALLED_DTE_OUT_OF_ORDER: 9,
  CALL_FORWARDING_BY_CALLED_DTE: 10,
  CALL_FORWARDING_UNCONDITIONAL: 15,
} as const;

/** Redirecting number: the calling party number with an optional octet 3b. */
export interface RedirectingNumber extends CallingPartyNumber {
  /** octet 3b: reason for redirection (needs octet 3a) */
  reason?: number;
  /** bits 7-5 of octet 3b when a sender set them */
  reasonSpare?: number;
}

const EXT = 0x80;
const OCTET3 = layout(1, [['typeOfNumber', 4, 3, 'n'], ['numberingPlan', 0, 4, 'n']], { own: EXT });
const OCTET3A = layout(1, [['presentation', 5, 2, 'n'], ['screening', 0, 2, 'n']], { fixed: [EXT, EXT] });
/** octet 3a of the redirecting number: its ext bit says whether octet 3b follows */
const OCTET3A_R = layout(1, [['presentation', 5, 2, 'n'], ['screening', 0, 2, 'n']], { own: EXT });
const OCTET3B = layout(1, [['reason', 0, 4, 'n']], { fixed: [EXT, EXT] });

function decodeDigits(b: Uint8Array, i: number, end: number, off: number, ctx: DecodeContext): string | undefined {
  let s = '';
  for (let k = i; k < end; k++) {
    const o = b[k] as number;
    if (o > 0x7f) return ctx.fail('BAD_DIGIT', `digit octet 0x${o.toString(16)} has bit 8 set (digits are IA5 characters)`, k - off, 'digits');
    s += String.fromCharCode(o);
  }
  return s;
}

function encodeDigits(digits: unknown, w: Writer, place: EncodePlace): void {
  if (typeof digits !== 'string') encodeFail('BAD_DIGIT', at(place, 'digits'), 'digits must be a string');
  for (let k = 0; k < digits.length; k++) {
    const c = digits.charCodeAt(k);
    if (c > 0x7f) encodeFail('BAD_DIGIT', at(place, 'digits'), `'${digits[k] ?? ''}' is not an IA5 character`);
    w.u8(c);
  }
}

export const calledPartyNumber: IeCodec<CalledPartyNumber> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'octet 3 is mandatory');
    const o3 = b[off] as number;
    if ((o3 & EXT) === 0) return ctx.fail('BAD_VALUE', 'octet 3 extension bit is 0: the called party number has no octet 3a', 0, 'typeOfNumber');
    const digits = decodeDigits(b, off + 1, off + len, off, ctx);
    if (digits === undefined) return undefined;
    const v = OCTET3.read(o3) as CalledPartyNumber;
    v.digits = digits;
    return v;
  },
  encode(v, w, place) {
    w.u8(EXT | OCTET3.write(v, place));
    encodeDigits(v.digits, w, place);
  },
};

/** Calling party number (and connected number). */
export const callingPartyNumber: IeCodec<CallingPartyNumber> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'octet 3 is mandatory');
    const o3 = b[off] as number;
    const v = OCTET3.read(o3) as CallingPartyNumber;
    let i = off + 1;
    if ((o3 & EXT) === 0) {
      if (len < 2) return ctx.fail('TRUNCATED', 'octet 3a missing (octet 3 extension bit is 0)', 1, 'presentation');
      const o3a = b[i] as number;
      if (!OCTET3A.fixedOk(o3a)) return ctx.fail('BAD_VALUE', 'octet 3a extension bit is 0 (octet 3b belongs to the redirecting number)', 1, 'presentation');
      const a = OCTET3A.read(o3a);
      v.presentation = a.presentation;
      v.screening = a.screening;
      if (a.spare !== undefined) v.spare = a.spare;
      i++;
    }
    const digits = decodeDigits(b, i, off + len, off, ctx);
    if (digits === undefined) return undefined;
    v.digits = digits;
    return v;
  },
  encode(v, w, place) {
    const has3a = v.presentation !== undefined || v.screening !== undefined || v.spare !== undefined;
    // `spare` belongs to octet 3a, so octet 3 gets its two fields only
    w.u8((has3a ? 0 : EXT) | OCTET3.write({ typeOfNumber: v.typeOfNumber, numberingPlan: v.numberingPlan }, place));
    if (has3a) {
      if (v.presentation === undefined || v.screening === undefined) encodeFail('BAD_VALUE', at(place, 'presentation'), 'octet 3a needs both presentation and screening');
      w.u8(OCTET3A.write(v as Required<CallingPartyNumber>, place));
    }
    encodeDigits(v.digits, w, place);
  },
};

/** Redirecting number (identifier 0x74). */
export const redirectingNumber: IeCodec<RedirectingNumber> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'octet 3 is mandatory');
    const o3 = b[off] as number;
    const v = OCTET3.read(o3) as RedirectingNumber;
    let i = off + 1;
    if ((o3 & EXT) === 0) {
      if (len < 2) return ctx.fail('TRUNCATED', 'octet 3a missing (octet 3 extension bit is 0)', 1, 'presentation');
      const o3a = b[i] as number;
      const a = OCTET3A_R.read(o3a);
      v.presentation = a.presentation;
      v.screening = a.screening;
      if (a.spare !== undefined) v.spare = a.spare;
      i++;
      if ((o3a & EXT) === 0) {
        if (len < 3) return ctx.fail('TRUNCATED', 'octet 3b missing (octet 3a extension bit is 0)', 2, 'reason');
        const o3b = b[i] as number;
        if (!OCTET3B.fixedOk(o3b)) return ctx.fail('BAD_VALUE', 'octet 3b extension bit is 0 (no further octet 3 is defined)', 2, 'reason');
        const r = OCTET3B.read(o3b);
        v.reason = r.reason;
        if (r.spare !== undefined) v.reasonSpare = r.spare;
        i++;
      }
    }
    const digits = decodeDigits(b, i, off + len, off, ctx);
    if (digits === undefined) return undefined;
    v.digits = digits;
    return v;
  },
  encode(v, w, place) {
    const has3b = v.reason !== undefined || v.reasonSpare !== undefined;
    const has3a = has3b || v.presentation !== undefined || v.screening !== undefined || v.spare !== undefined;
    w.u8((has3a ? 0 : EXT) | OCTET3.write({ typeOfNumber: v.typeOfNumber, numberingPlan: v.numberingPlan }, place));
    if (has3a) {
      if (v.presentation === undefined || v.screening === undefined) encodeFail('BAD_VALUE', at(place, 'presentation'), 'octet 3a needs both presentation and screening');
      w.u8((has3b ? 0 : EXT) | OCTET3A_R.write({ presentation: v.presentation, screening: v.screening, spare: v.spare }, place));
    }
    if (has3b) {
      if (v.reason === undefined) encodeFail('BAD_VALUE', at(place, 'reason'), 'octet 3b needs the reason for redirection');
      w.u8(OCTET3B.write({ reason: v.reason, spare: v.reasonSpare }, place));
    }
    encodeDigits(v.digits, w, place);
  },
};
