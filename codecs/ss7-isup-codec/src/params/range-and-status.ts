// Range and status, Q.763 §3.43: octet 1 range R (R + 1 circuits from the message's CIC),
// then one status bit per circuit (bit A of the first status octet = the message's CIC).
// GRS and CQM send the range octet only.
import { at, encodeFail } from '../errors.js';
import type { ParamCodec } from '../param-codec.js';

export interface RangeAndStatus {
  range: number;
  /**
   * One entry per circuit when the status octets match the range exactly; otherwise one entry
   * per bit of every status octet sent (so nothing a sender put there is lost).
   */
  status?: boolean[];
}

/** Number of circuits a range value covers. */
export const circuitsInRange = (range: number): number => range + 1;

export const rangeAndStatus: ParamCodec<RangeAndStatus> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'range octet missing');
    const range = b[off] as number;
    if (len === 1) return { range };
    const octets = len - 1;
    let bits = 8 * octets;
    if (octets === (range + 8) >> 3) {
      // every bit beyond the range must be 0 for the short form
      const last = b[off + len - 1] as number;
      const used = (range + 1) % 8;
      if (used === 0 || last >> used === 0) bits = range + 1;
    }
    const status = new Array<boolean>(bits);
    for (let i = 0; i < bits; i++) status[i] = (((b[off + 1 + (i >> 3)] as number) >> (i & 7)) & 1) === 1;
    return { range, status };
  },
  encode(v, w, place) {
    if (!Number.isInteger(v.range) || v.range < 0 || v.range > 255) encodeFail('BAD_VALUE', at(place, 'range'), `${v.range} is not an octet`);
    w.u8(v.range);
    if (v.status === undefined) return;
    const s = v.status;
    if (s.length === 0 || s.length > 254 * 8) encodeFail('BAD_VALUE', at(place, 'status'), `${s.length} status bits`);
    for (let o = 0; o < s.length; o += 8) {
      let x = 0;
      for (let i = 0; i < 8 && o + i < s.length; i++) if (s[o + i] === true) x |= 1 << i;
      w.u8(x);
    }
  },
};
