// Parameters with formats of their own: closed user group interlock code (Q.763 §3.15),
// transit network selection (§3.53), call reference (§3.8), propagation delay counter (§3.42)
// and application transport (§3.82).
import { decodeBcdHighFirst, decodeDigits, encodeDigits } from '../digits.js';
import { at, encodeFail, type EncodePlace } from '../errors.js';
import type { ParamCodec } from '../param-codec.js';

function int(x: number, max: number, place: EncodePlace, name: string): number {
  if (!Number.isInteger(x) || x < 0 || x > max) encodeFail('BAD_VALUE', at(place, name), `${x} is outside 0..${max}`);
  return x;
}

export interface ClosedUserGroupInterlockCode {
  /** network identity: 4 BCD digits, first digit in bits H-E of octet 1 */
  networkIdentity: string;
  /** 16-bit binary code, octet 3 most significant */
  binaryCode: number;
}

export const closedUserGroupInterlockCode: ParamCodec<ClosedUserGroupInterlockCode> = {
  decode(b, off, len, ctx) {
    if (len !== 4) return ctx.fail('BAD_LENGTH', `expected 4 octets, got ${len}`);
    const ni = decodeBcdHighFirst(b, off, 2, ctx, 'networkIdentity');
    if (ni === undefined) return undefined;
    return { networkIdentity: ni, binaryCode: ((b[off + 2] as number) << 8) | (b[off + 3] as number) };
  },
  encode(v, w, place) {
    if (!/^[0-9]{4}$/.test(v.networkIdentity)) encodeFail('BAD_DIGIT', at(place, 'networkIdentity'), 'four BCD digits expected');
    const d = (i: number): number => v.networkIdentity.charCodeAt(i) - 48;
    w.u8((d(0) << 4) | d(1));
    w.u8((d(2) << 4) | d(3));
    const c = int(v.binaryCode, 0xffff, place, 'binaryCode');
    w.u8(c >> 8);
    w.u8(c);
  },
};

export interface TransitNetworkSelection {
  /** bits G-E: 0 ITU-T standardized identification, 2 national network identification */
  typeOfNetworkIdentification: number;
  /** bits D-A: e.g. 3 DNIC (X.121), 6 MNIC (E.212) */
  networkIdentificationPlan: number;
  /** network identification digits, coded as address signals */
  networkIdentification: string;
  filler?: number;
}

export const transitNetworkSelection: ParamCodec<TransitNetworkSelection> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'transit network selection needs its first octet');
    const o1 = b[off] as number;
    const d = decodeDigits(b, off + 1, len - 1, (o1 & 0x80) !== 0, false, ctx, 1);
    if (d === undefined) return undefined;
    const v: TransitNetworkSelection = { typeOfNetworkIdentification: (o1 >> 4) & 7, networkIdentificationPlan: o1 & 0x0f, networkIdentification: d.digits };
    if (d.filler !== undefined) v.filler = d.filler;
    return v;
  },
  encode(v, w, place) {
    const start = w.pos;
    const o1 = (int(v.typeOfNetworkIdentification, 7, place, 'typeOfNetworkIdentification') << 4) | int(v.networkIdentificationPlan, 15, place, 'networkIdentificationPlan');
    w.u8(o1);
    if (encodeDigits(v.networkIdentification, w, false, place, v.filler, 'networkIdentification')) w.patch(start, o1 | 0x80);
  },
};

export interface CallReference {
  /** 24-bit call identity, octet 1 most significant */
  callIdentity: number;
  /** 14-bit point code of the exchange that allocated it (octet 4 = bits 1-8) */
  signallingPointCode: number;
  /** bits H-G of octet 5 when set */
  spare?: number;
}

export const callReference: ParamCodec<CallReference> = {
  decode(b, off, len, ctx) {
    if (len !== 5) return ctx.fail('BAD_LENGTH', `expected 5 octets, got ${len}`);
    const o5 = b[off + 4] as number;
    const v: CallReference = {
      callIdentity: ((b[off] as number) << 16) | ((b[off + 1] as number) << 8) | (b[off + 2] as number),
      signallingPointCode: (b[off + 3] as number) | ((o5 & 0x3f) << 8),
    };
    if (o5 >> 6 !== 0) v.spare = o5 >> 6;
    return v;
  },
  encode(v, w, place) {
    const id = int(v.callIdentity, 0xffffff, place, 'callIdentity');
    const pc = int(v.signallingPointCode, 0x3fff, place, 'signallingPointCode');
    w.u8(id >> 16);
    w.u8(id >> 8);
    w.u8(id);
    w.u8(pc);
    w.u8((pc >> 8) | (int(v.spare ?? 0, 3, place, 'spare') << 6));
  },
};

export interface PropagationDelayCounter {
  /** accumulated propagation delay in milliseconds */
  delayMs: number;
}

export const propagationDelayCounter: ParamCodec<PropagationDelayCounter> = {
  decode(b, off, len, ctx) {
    if (len !== 2) return ctx.fail('BAD_LENGTH', `expected 2 octets, got ${len}`);
    return { delayMs: ((b[off] as number) << 8) | (b[off + 1] as number) };
  },
  encode(v, w, place) {
    const d = int(v.delayMs, 0xffff, place, 'delayMs');
    w.u8(d >> 8);
    w.u8(d);
  },
};

/** Application context identifiers, Q.763 §3.82. */
export const ApplicationContext = { UCEH: 0, PSS1: 1, CHARGING: 3, GAT: 4, BAT: 5, ENHANCED_UCEH: 6 } as const;

export interface ApplicationTransport {
  /** octet 1 bits G-A */
  applicationContextId: number;
  /** octet 1a as sent (present when octet 1's extension bit is 0) */
  applicationContextIdOctet1a?: number;
  /** octet 2 bit A */
  releaseCall: boolean;
  /** octet 2 bit B */
  sendNotification: boolean;
  /** octet 2 bits H-C when they are not the usual 1000 00 (extension bit set, spare 0) */
  instructionBits?: number;
  /** octet 3 bit G: 1 = first segment */
  firstSegment: boolean;
  /** octet 3 bits F-A: 0 final segment, 1..9 number of following segments */
  segmentation: number;
  /** octet 3a as sent (present when octet 3's extension bit is 0) */
  segmentationLocalReference?: number;
  /** octets 4..n: the encapsulated application information (APM-user information) */
  information: Uint8Array;
}

export const applicationTransport: ParamCodec<ApplicationTransport> = {
  decode(b, off, len, ctx) {
    let i = 0;
    const need = (field: string): boolean => {
      if (i < len) return true;
      ctx.fail('TRUNCATED', `${field} missing`, i, field);
      return false;
    };
    if (!need('applicationContextId')) return undefined;
    const o1 = b[off + i++] as number;
    let o1a: number | undefined;
    if ((o1 & 0x80) === 0) {
      if (!need('applicationContextIdOctet1a')) return undefined;
      o1a = b[off + i++];
    }
    if (!need('instructionIndicators')) return undefined;
    const o2 = b[off + i++] as number;
    if (!need('segmentation')) return undefined;
    const o3 = b[off + i++] as number;
    let o3a: number | undefined;
    if ((o3 & 0x80) === 0) {
      if (!need('segmentationLocalReference')) return undefined;
      o3a = b[off + i++];
    }
    if (!need('information')) return undefined;
    const v: ApplicationTransport = {
      applicationContextId: o1 & 0x7f,
      releaseCall: (o2 & 1) === 1,
      sendNotification: (o2 & 2) === 2,
      firstSegment: (o3 & 0x40) !== 0,
      segmentation: o3 & 0x3f,
      information: b.slice(off + i, off + len),
    };
    if (o1a !== undefined) v.applicationContextIdOctet1a = o1a;
    if ((o2 & 0xfc) !== 0x80) v.instructionBits = o2 & 0xfc;
    if (o3a !== undefined) v.segmentationLocalReference = o3a;
    return v;
  },
  encode(v, w, place) {
    if (v.information.length === 0) encodeFail('BAD_VALUE', at(place, 'information'), 'encapsulated application information is empty');
    const aci = int(v.applicationContextId, 127, place, 'applicationContextId');
    if (v.applicationContextIdOctet1a === undefined) w.u8(0x80 | aci);
    else {
      w.u8(aci);
      w.u8(int(v.applicationContextIdOctet1a, 255, place, 'applicationContextIdOctet1a'));
    }
    const ib = v.instructionBits ?? 0x80;
    if ((ib & 3) !== 0) encodeFail('BAD_VALUE', at(place, 'instructionBits'), 'bits B A belong to sendNotification and releaseCall');
    w.u8(int(ib, 0xfc, place, 'instructionBits') | (v.sendNotification ? 2 : 0) | (v.releaseCall ? 1 : 0));
    const o3 = (v.firstSegment ? 0x40 : 0) | int(v.segmentation, 63, place, 'segmentation');
    if (v.segmentationLocalReference === undefined) w.u8(0x80 | o3);
    else {
      w.u8(o3);
      w.u8(int(v.segmentationLocalReference, 255, place, 'segmentationLocalReference'));
    }
    w.bytes(v.information);
  },
};
