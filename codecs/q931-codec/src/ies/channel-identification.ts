// Channel identification, Q.931 §4.5.13 (Figure 4-18, Table 4-13).
// Octet 3: ext = 1, interface identifier present, interface type (0 basic, 1 other: primary
// rate), spare, preferred/exclusive, D-channel indicator, information channel selection.
// Octet 3.1 (with "interface identifier present"): the interface identifier, extended by bit 8.
// Octets 3.2 and 3.3 (interface types other than basic): ext = 1, coding standard, number/map,
// channel type; then channel numbers (one per octet, bit 8 = 1 on the last) or a slot map (the
// remaining octets). Octets the layout does not place are kept as sent in `more`.
import { layout } from '../bitfield.js';
import { at, checkInt, encodeFail } from '../errors.js';
import { chainEnd, writeChain, writeOctets, type IeCodec } from '../ie-codec.js';

/** Interface type, octet 3 bit 6. */
export const InterfaceType = { BASIC: 0, PRIMARY: 1 } as const;
/** Information channel selection, octet 3 bits 2-1 (basic: B1/B2; primary: as indicated in octet 3.3). */
export const ChannelSelection = { NO_CHANNEL: 0, B1: 1, B2: 2, AS_INDICATED: 1, ANY: 3 } as const;
/** Channel type / map element type, octet 3.2. */
export const ChannelType = { B: 3, H0: 6, H11: 8, H12: 9 } as const;

/** Octets 3.2 and 3.3: which channels of a primary rate (or other non-basic) interface. */
export interface ChannelIndication {
  codingStandard: number;
  channelType: number;
  /** octet 3.3 by number: the channel numbers, in order (several for a multi-channel call) */
  numbers?: number[];
  /** octet 3.3 as a slot map: the map octets as sent */
  slotMap?: Uint8Array;
}

export interface ChannelIdentification {
  interfaceType: number;
  /** true: only the indicated channel is acceptable; false: it is preferred */
  exclusive: boolean;
  /** the D-channel is indicated */
  dChannel: boolean;
  selection: number;
  /** octet 3.1 and its extension octets as sent, when the interface is identified explicitly */
  interfaceId?: Uint8Array;
  channel?: ChannelIndication;
  /** octets after those the layout places, as sent */
  more?: Uint8Array;
  /** bit 5 of octet 3 when a sender set it */
  spare?: number;
}

const INTERFACE_ID_PRESENT = 0x40;
const SLOT_MAP = 0x10;
const OCTET3 = layout(1, [['interfaceType', 5, 1, 'n'], ['exclusive', 3, 1, 'b'], ['dChannel', 2, 1, 'b'], ['selection', 0, 2, 'n']], { fixed: [0x80, 0x80], own: INTERFACE_ID_PRESENT });
const OCTET32 = layout(1, [['codingStandard', 5, 2, 'n'], ['channelType', 0, 4, 'n']], { fixed: [0x80, 0x80], own: SLOT_MAP });

export const channelIdentification: IeCodec<ChannelIdentification> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'octet 3 is mandatory');
    const o3 = b[off] as number;
    if (!OCTET3.fixedOk(o3)) return ctx.fail('BAD_VALUE', 'octet 3 extension bit is 0', 0, 'interfaceType');
    const v: ChannelIdentification = OCTET3.read(o3);
    const end = off + len;
    let i = off + 1;
    if ((o3 & INTERFACE_ID_PRESENT) !== 0) {
      const j = chainEnd(b, i, end);
      if (j < 0) return ctx.fail('TRUNCATED', 'interface identifier (octet 3.1) missing or not ended', i - off, 'interfaceId');
      v.interfaceId = b.slice(i, j);
      i = j;
    }
    if (v.interfaceType !== InterfaceType.BASIC && i < end) {
      const o32 = b[i] as number;
      if (!OCTET32.fixedOk(o32)) return ctx.fail('BAD_VALUE', 'octet 3.2 extension bit is 0', i - off, 'channel');
      const c: ChannelIndication = OCTET32.read(o32);
      i++;
      if ((o32 & SLOT_MAP) !== 0) {
        c.slotMap = b.slice(i, end);
        i = end;
      } else {
        const j = i === end ? end : chainEnd(b, i, end);
        if (j < 0) return ctx.fail('TRUNCATED', 'the channel number list (octet 3.3) does not end', i - off, 'channel');
        const numbers: number[] = [];
        for (let k = i; k < j; k++) numbers.push((b[k] as number) & 0x7f);
        c.numbers = numbers;
        i = j;
      }
      v.channel = c;
    }
    if (i < end) v.more = b.slice(i, end);
    return v;
  },
  encode(v, w, place) {
    w.u8(OCTET3.write(v, place) | (v.interfaceId === undefined ? 0 : INTERFACE_ID_PRESENT));
    if (v.interfaceId !== undefined) writeChain(v.interfaceId, w, place, 'interfaceId');
    const c = v.channel;
    const basic = v.interfaceType === InterfaceType.BASIC;
    if (c !== undefined) {
      if (basic) encodeFail('BAD_VALUE', at(place, 'channel'), 'octets 3.2 and 3.3 are not used on a basic interface');
      if ((c.numbers === undefined) === (c.slotMap === undefined)) encodeFail('BAD_VALUE', at(place, 'channel'), 'give either numbers or slotMap');
      w.u8(OCTET32.write(c, place) | (c.slotMap === undefined ? 0 : SLOT_MAP));
      if (c.slotMap !== undefined) writeOctets(c.slotMap, w, place, 'slotMap');
      else {
        const n = c.numbers ?? [];
        if (!Array.isArray(n)) encodeFail('BAD_VALUE', at(place, 'numbers'), 'expected an array of channel numbers');
        for (let k = 0; k < n.length; k++) w.u8((k === n.length - 1 ? 0x80 : 0) | checkInt(n[k], 0x7f, place, 'numbers'));
      }
    }
    if (v.more === undefined) return;
    // `more` must not read back as octets the layout places
    if (!basic && (c === undefined || c.slotMap !== undefined || c.numbers?.length === 0)) {
      encodeFail('BAD_VALUE', at(place, 'more'), 'these octets would decode as octet 3.2 or 3.3');
    }
    writeOctets(v.more, w, place, 'more');
  },
};
