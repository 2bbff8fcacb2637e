// Bearer capability, Q.931 §4.5.5 (Figure 4-11, Table 4-6).
// Octet 3: ext = 1, coding standard, information transfer capability; octet 4: ext = 1, transfer
// mode, information transfer rate; octet 4.1: rate multiplier, present exactly when the rate is
// multirate; then the octet groups of layer 1 (5, 5a..5d), layer 2 (6, 6a) and layer 3
// (7, 7a, 7b), each named by bits 7-6 of its first octet (01, 10, 11) and ended by an octet with
// bit 8 = 1. Octets 3a, 4a and 4b were withdrawn from Q.931 and are BAD_VALUE.
// With a coding standard other than ITU-T, the octets after 4 are kept as sent (`more`): their
// layout is not Q.931's.
import { layout } from '../bitfield.js';
import { at, checkInt, encodeFail } from '../errors.js';
import { chainEnd, writeChain, writeOctets, type IeCodec } from '../ie-codec.js';

/** Information transfer capability, Q.931 §4.5.5 octet 3. */
export const TransferCapability = { SPEECH: 0x00, UNRESTRICTED_DIGITAL: 0x08, RESTRICTED_DIGITAL: 0x09, AUDIO_3K1: 0x10, UNRESTRICTED_DIGITAL_TONES: 0x11, VIDEO: 0x18 } as const;
/** Information transfer rate, octet 4 (0x00 with packet mode). */
export const TransferRate = { PACKET: 0x00, KBIT_64: 0x10, KBIT_2X64: 0x11, KBIT_384: 0x13, KBIT_1536: 0x15, KBIT_1920: 0x17, MULTIRATE: 0x18 } as const;
/** User information layer 1 protocol, octet 5. */
export const Layer1Protocol = { V110: 0x01, G711_MU_LAW: 0x02, G711_A_LAW: 0x03, G721: 0x04, H221: 0x05, H223: 0x06, NON_ITU: 0x07, V120: 0x08, X31: 0x09 } as const;

/** One layer's octet group: the protocol (bits 5-1 of its first octet) and the extension octets as sent. */
export interface LayerInformation {
  protocol: number;
  /** octets 5a.., 6a or 7a.. (bit 8 = 0 on all but the last), present when the first octet's bit 8 is 0 */
  more?: Uint8Array;
}

export interface BearerCapability {
  codingStandard: number;
  transferCapability: number;
  transferMode: number;
  transferRate: number;
  /** octet 4.1, present exactly when the transfer rate is multirate (0x18) */
  rateMultiplier?: number;
  layer1?: LayerInformation;
  layer2?: LayerInformation;
  layer3?: LayerInformation;
  /** octets after the last group the layout defines (or after octet 4 with a non-ITU coding), as sent */
  more?: Uint8Array;
}

/** Octets 3 and 4 as one word: ext = 1, coding standard, capability; ext = 1, mode, rate. */
const OCTETS34 = layout(2, [['codingStandard', 13, 2, 'n'], ['transferCapability', 8, 5, 'n'], ['transferMode', 5, 2, 'n'], ['transferRate', 0, 5, 'n']], { fixed: [0x8080, 0x8080] });
const LAYERS = ['layer1', 'layer2', 'layer3'] as const;

export const bearerCapability: IeCodec<BearerCapability> = {
  decode(b, off, len, ctx) {
    if (len < 2) return ctx.fail('TRUNCATED', `octets 3 and 4 are mandatory, got ${len} octet(s)`);
    const word = OCTETS34.word(b, off);
    if ((word & 0x8000) === 0) return ctx.fail('BAD_VALUE', 'octet 3 extension bit is 0 (octet 3a is not used)', 0, 'transferCapability');
    if ((word & 0x80) === 0) return ctx.fail('BAD_VALUE', 'octet 4 extension bit is 0 (octets 4a and 4b are not used)', 1, 'transferRate');
    const v: BearerCapability = OCTETS34.read(word);
    const end = off + len;
    let i = off + 2;
    if (v.transferRate === TransferRate.MULTIRATE) {
      if (i >= end) return ctx.fail('TRUNCATED', 'rate multiplier octet 4.1 missing', 2, 'rateMultiplier');
      const o41 = b[i] as number;
      if ((o41 & 0x80) === 0) return ctx.fail('BAD_VALUE', 'rate multiplier octet 4.1 without extension bit', 2, 'rateMultiplier');
      v.rateMultiplier = o41 & 0x7f;
      i++;
    }
    let last = 0;
    while (v.codingStandard === 0 && i < end) {
      const id = ((b[i] as number) >> 5) & 3;
      if (id <= last) break;
      const j = chainEnd(b, i, end);
      const field = LAYERS[id - 1] as (typeof LAYERS)[number];
      if (j < 0) return ctx.fail('TRUNCATED', `the layer ${id} octet group does not end`, i - off, field);
      const layer: LayerInformation = { protocol: (b[i] as number) & 0x1f };
      if (j > i + 1) layer.more = b.slice(i + 1, j);
      v[field] = layer;
      last = id;
      i = j;
    }
    if (i < end) v.more = b.slice(i, end);
    return v;
  },
  encode(v, w, place) {
    const word = OCTETS34.write(v, place);
    w.u8(word >> 8);
    w.u8(word);
    const multirate = v.transferRate === TransferRate.MULTIRATE;
    if (multirate !== (v.rateMultiplier !== undefined)) encodeFail('BAD_VALUE', at(place, 'rateMultiplier'), 'octet 4.1 is present exactly when the transfer rate is multirate (0x18)');
    if (v.rateMultiplier !== undefined) w.u8(0x80 | checkInt(v.rateMultiplier, 0x7f, place, 'rateMultiplier'));
    let last = 0;
    for (let k = 0; k < LAYERS.length; k++) {
      const field = LAYERS[k] as (typeof LAYERS)[number];
      const layer = v[field];
      if (layer === undefined) continue;
      if (v.codingStandard !== 0) encodeFail('BAD_VALUE', at(place, field), 'layer octets are typed with the ITU-T coding standard only (else use `more`)');
      const p = checkInt(layer.protocol, 0x1f, place, field);
      w.u8((layer.more === undefined ? 0x80 : 0) | ((k + 1) << 5) | p);
      if (layer.more !== undefined) writeChain(layer.more, w, place, field);
      last = k + 1;
    }
    if (v.more === undefined) return;
    const first = v.more[0];
    if (v.codingStandard === 0 && first !== undefined && ((first >> 5) & 3) > last) {
      encodeFail('BAD_VALUE', at(place, 'more'), `octet 0x${first.toString(16)} would decode as a layer ${(first >> 5) & 3} group`);
    }
    writeOctets(v.more, w, place, 'more');
  },
};
