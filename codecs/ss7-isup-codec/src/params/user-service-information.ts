// User service information, Q.763 §3.57 (and USI prime §3.58): the Q.931 bearer capability
// information element from octet 3 onward (Q.931 §4.5.5), without identifier and length.
// Octet 3 and 4 are typed; octet 4.1 (rate multiplier) when the rate is multirate; the
// layer 1 octet 5 when present; octets after it are kept as sent.
import { at, encodeFail } from '../errors.js';
import type { ParamCodec } from '../param-codec.js';

/** Information transfer capability, Q.931 §4.5.5 octet 3. */
export const TransferCapability = { SPEECH: 0x00, UNRESTRICTED_DIGITAL: 0x08, RESTRICTED_DIGITAL: 0x09, AUDIO_3K1: 0x10, UNRESTRICTED_DIGITAL_TONES: 0x11, VIDEO: 0x18 } as const;
/** User information layer 1 protocol, Q.931 §4.5.5 octet 5. */
export const Layer1Protocol = { V110: 0x01, G711_MU_LAW: 0x02, G711_A_LAW: 0x03, G721: 0x04, H221: 0x05, NON_ITU: 0x07, V120: 0x08, X31: 0x09 } as const;

export interface UserServiceInformation {
  codingStandard: number;
  transferCapability: number;
  transferMode: number;
  transferRate: number;
  /** octet 4.1, present exactly when the rate is multirate (0x18) */
  rateMultiplier?: number;
  /** octet 5 bits E-A when the octet is sent */
  layer1Protocol?: number;
  /** octets 5a..5d (the extension chain of octet 5), as sent */
  layer1More?: Uint8Array;
  /** octets after layer 1 (layer 2 and 3 identification, or an unknown octet 5), as sent */
  more?: Uint8Array;
}

const MULTIRATE = 0x18;

export const userServiceInformation: ParamCodec<UserServiceInformation> = {
  decode(b, off, len, ctx) {
    if (len < 2) return ctx.fail('TRUNCATED', `bearer capability needs octets 3 and 4, got ${len}`);
    const o3 = b[off] as number;
    const o4 = b[off + 1] as number;
    if ((o3 & 0x80) === 0) return ctx.fail('BAD_VALUE', 'octet 3a is not supported by Q.931 (1993) coding', 0, 'transferCapability');
    const v: UserServiceInformation = {
      codingStandard: (o3 >> 5) & 3,
      transferCapability: o3 & 0x1f,
      transferMode: (o4 >> 5) & 3,
      transferRate: o4 & 0x1f,
    };
    if ((o4 & 0x80) === 0) return ctx.fail('BAD_VALUE', 'octets 4a/4b are not supported by Q.931 (1993) coding', 1, 'transferRate');
    let i = 2;
    if (v.transferRate === MULTIRATE) {
      if (i >= len) return ctx.fail('TRUNCATED', 'rate multiplier octet 4.1 missing', i, 'rateMultiplier');
      const o41 = b[off + i] as number;
      if ((o41 & 0x80) === 0) return ctx.fail('BAD_VALUE', 'rate multiplier octet without extension bit', i, 'rateMultiplier');
      v.rateMultiplier = o41 & 0x7f;
      i++;
    }
    if (i < len) {
      const o5 = b[off + i] as number;
      if ((o5 & 0x60) !== 0x20) {
        v.more = b.slice(off + i, off + len);
        return v;
      }
      v.layer1Protocol = o5 & 0x1f;
      i++;
      if ((o5 & 0x80) === 0) {
        const start = i;
        while (i < len && ((b[off + i] as number) & 0x80) === 0) i++;
        if (i >= len) return ctx.fail('TRUNCATED', 'octet 5 extension chain does not end', start, 'layer1More');
        i++;
        v.layer1More = b.slice(off + start, off + i);
      }
      if (i < len) v.more = b.slice(off + i, off + len);
    }
    return v;
  },
  encode(v, w, place) {
    const f = (x: number, bits: number, name: string): number => {
      if (!Number.isInteger(x) || x < 0 || x >= 1 << bits) encodeFail('BAD_VALUE', at(place, name), `${x} does not fit ${bits} bits`);
      return x;
    };
    w.u8(0x80 | (f(v.codingStandard, 2, 'codingStandard') << 5) | f(v.transferCapability, 5, 'transferCapability'));
    const o4 = (f(v.transferMode, 2, 'transferMode') << 5) | f(v.transferRate, 5, 'transferRate');
    w.u8(0x80 | o4);
    if (v.rateMultiplier !== undefined) w.u8(0x80 | f(v.rateMultiplier, 7, 'rateMultiplier'));
    if (v.layer1Protocol !== undefined) {
      w.u8((v.layer1More !== undefined ? 0 : 0x80) | 0x20 | f(v.layer1Protocol, 5, 'layer1Protocol'));
      if (v.layer1More !== undefined) w.bytes(v.layer1More);
    }
    if (v.more !== undefined) w.bytes(v.more);
  },
};
