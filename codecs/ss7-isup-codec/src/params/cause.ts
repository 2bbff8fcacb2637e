// Cause indicators, Q.763 §3.12 with the format of Q.850 §2.1.
// Octet 1: H ext, G F coding standard, E spare, D-A location; octet 1a (when octet 1's ext
// is 0): H ext, G-A recommendation; octet 2: H ext, G-A cause value; octets 3..: diagnostics.
import { at, encodeFail } from '../errors.js';
import type { ParamCodec } from '../param-codec.js';

/** Location, Q.850 §2.2.3. */
export const CauseLocation = {
  USER: 0,
  PRIVATE_NETWORK_LOCAL: 1,
  PUBLIC_NETWORK_LOCAL: 2,
  TRANSIT_NETWORK: 3,
  PUBLIC_NETWORK_REMOTE: 4,
  PRIVATE_NETWORK_REMOTE: 5,
  INTERNATIONAL: 7,
  BEYOND_INTERWORKING_POINT: 10,
} as const;

/** Coding standard, Q.850 §2.2.2. */
export const CodingStandard = { ITU_T: 0, ISO_IEC: 1, NATIONAL: 2, LOCATION_SPECIFIC: 3 } as const;

export interface CauseIndicators {
  codingStandard: number;
  location: number;
  /** octet 1a, present only when sent */
  recommendation?: number;
  /** Q.850 cause value 0..127 (e.g. 16 normal call clearing) */
  causeValue: number;
  /** octets 3.. when present */
  diagnostics?: Uint8Array;
  /** bit E of octet 1 when set */
  spare?: number;
}

export const causeIndicators: ParamCodec<CauseIndicators> = {
  decode(b, off, len, ctx) {
    if (len < 2) return ctx.fail('TRUNCATED', `cause indicators need at least 2 octets, got ${len}`);
    const o1 = b[off] as number;
    let i = 1;
    const v: CauseIndicators = { codingStandard: (o1 >> 5) & 3, location: o1 & 0x0f, causeValue: 0 };
    if ((o1 & 0x10) !== 0) v.spare = 1;
    if ((o1 & 0x80) === 0) {
      const o1a = b[off + 1] as number;
      if ((o1a & 0x80) === 0) return ctx.fail('BAD_VALUE', 'octet 1a does not end the extension', 1, 'recommendation');
      v.recommendation = o1a & 0x7f;
      i = 2;
      if (len < 3) return ctx.fail('TRUNCATED', 'cause value missing after octet 1a', 2, 'causeValue');
    }
    const o2 = b[off + i] as number;
    if ((o2 & 0x80) === 0) return ctx.fail('BAD_VALUE', 'cause value octet without extension bit', i, 'causeValue');
    v.causeValue = o2 & 0x7f;
    if (len > i + 1) v.diagnostics = b.slice(off + i + 1, off + len);
    return v;
  },
  encode(v, w, place) {
    const check = (x: number | undefined, bits: number, name: string): number => {
      const n = x ?? 0;
      if (!Number.isInteger(n) || n < 0 || n >= 1 << bits) encodeFail('BAD_VALUE', at(place, name), `${n} does not fit ${bits} bits`);
      return n;
    };
    const o1 = (check(v.codingStandard, 2, 'codingStandard') << 5) | (check(v.spare, 1, 'spare') << 4) | check(v.location, 4, 'location');
    if (v.recommendation === undefined) w.u8(0x80 | o1);
    else {
      w.u8(o1);
      w.u8(0x80 | check(v.recommendation, 7, 'recommendation'));
    }
    w.u8(0x80 | check(v.causeValue, 7, 'causeValue'));
    if (v.diagnostics !== undefined) w.bytes(v.diagnostics);
  },
};
