// Parameters that carry Q.931 material end to end:
// access transport, Q.763 §3.3 (a sequence of complete Q.931 information elements), and
// user-to-user information, Q.763 §3.61 (the Q.931 user-user IE from octet 3 on).
import { at, encodeFail } from '../errors.js';
import type { ParamCodec } from '../param-codec.js';

/** One Q.931 information element. Single-octet IEs (bit 8 set) have no contents. */
export interface InformationElement {
  id: number;
  contents?: Uint8Array;
}

export const accessTransport: ParamCodec<InformationElement[]> = {
  decode(b, off, len, ctx) {
    const out: InformationElement[] = [];
    let i = 0;
    while (i < len) {
      const id = b[off + i] as number;
      if ((id & 0x80) !== 0) {
        out.push({ id });
        i += 1;
        continue;
      }
      if (i + 1 >= len) return ctx.fail('TRUNCATED', `information element 0x${id.toString(16)} has no length octet`, i, 'informationElements');
      const l = b[off + i + 1] as number;
      if (i + 2 + l > len) return ctx.fail('LENGTH_OVERFLOW', `information element 0x${id.toString(16)} claims ${l} octets`, i + 1, 'informationElements');
      out.push({ id, contents: b.slice(off + i + 2, off + i + 2 + l) });
      i += 2 + l;
    }
    return out;
  },
  encode(ies, w, place) {
    for (const ie of ies) {
      if (!Number.isInteger(ie.id) || ie.id < 0 || ie.id > 255) encodeFail('BAD_VALUE', at(place, 'id'), `${ie.id} is not an IE identifier`);
      w.u8(ie.id);
      if ((ie.id & 0x80) !== 0) {
        if (ie.contents !== undefined) encodeFail('BAD_VALUE', at(place, 'contents'), 'single-octet IE with contents');
        continue;
      }
      const c = ie.contents ?? new Uint8Array(0);
      if (c.length > 255) encodeFail('LENGTH_OVERFLOW', at(place, 'contents'), `IE contents of ${c.length} octets`);
      w.u8(c.length);
      w.bytes(c);
    }
  },
};

export interface UserToUserInformation {
  /** Q.931 user-user protocol discriminator (e.g. 0x04 IA5 characters) */
  protocolDiscriminator: number;
  information: Uint8Array;
}

export const userToUserInformation: ParamCodec<UserToUserInformation> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'user-to-user information needs a protocol discriminator');
    return { protocolDiscriminator: b[off] as number, information: b.slice(off + 1, off + len) };
  },
  encode(v, w, place) {
    if (!Number.isInteger(v.protocolDiscriminator) || v.protocolDiscriminator < 0 || v.protocolDiscriminator > 255) {
      encodeFail('BAD_VALUE', at(place, 'protocolDiscriminator'), `${v.protocolDiscriminator} is not an octet`);
    }
    w.u8(v.protocolDiscriminator);
    w.bytes(v.information);
  },
};
