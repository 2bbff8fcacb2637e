// Cause (Q.931 §4.5.12 with the format of Q.850 §2), progress indicator (§4.5.23), restart
// indicator (§4.5.25), notification indicator (§4.5.22) and display (§4.5.16).
import { layout } from '../bitfield.js';
import { at, checkInt, encodeFail } from '../errors.js';
import { writeOctets, type IeCodec } from '../ie-codec.js';

/** Coding standard (octet 3 bits 7-6 of cause, progress indicator, bearer capability, ...). */
export const CodingStandard = { ITU_T: 0, ISO_IEC: 1, NATIONAL: 2, NETWORK_SPECIFIC: 3 } as const;
/** Location, Q.850 §2.2.3 (cause and progress indicator). */
export const Location = {
  USER: 0,
  PRIVATE_NETWORK_LOCAL: 1,
  PUBLIC_NETWORK_LOCAL: 2,
  TRANSIT_NETWORK: 3,
  PUBLIC_NETWORK_REMOTE: 4,
  PRIVATE_NETWORK_REMOTE: 5,
  INTERNATIONAL: 7,
  BEYOND_INTERWORKING_POINT: 10,
} as const;
/** Progress description, §4.5.23 octet 4. */
export const ProgressDescription = { NOT_END_TO_END_ISDN: 1, DESTINATION_NOT_ISDN: 2, ORIGINATION_NOT_ISDN: 3, RETURNED_TO_ISDN: 4, SERVICE_CHANGE: 5, INBAND_AVAILABLE: 8 } as const;
/** Restart class, §4.5.25 octet 3. */
export const RestartClass = { INDICATED_CHANNELS: 0, SINGLE_INTERFACE: 6, ALL_INTERFACES: 7 } as const;
/** Notification description, §4.5.22 octet 3 (Q.932 adds more). */
export const NotificationDescription = { USER_SUSPENDED: 0, USER_RESUMED: 1, BEARER_SERVICE_CHANGE: 2 } as const;

export interface Cause {
  codingStandard: number;
  location: number;
  /** octet 3a, present only when sent */
  recommendation?: number;
  /** Q.850 cause value 0..127 (16 normal call clearing) */
  causeValue: number;
  /** octets 5.. when present */
  diagnostics?: Uint8Array;
  /** bit 5 of octet 3 when a sender set it */
  spare?: number;
}

const EXT = 0x80;
const CAUSE_OCTET3 = layout(1, [['codingStandard', 5, 2, 'n'], ['location', 0, 4, 'n']], { own: EXT });

export const cause: IeCodec<Cause> = {
  decode(b, off, len, ctx) {
    if (len < 2) return ctx.fail('TRUNCATED', `octets 3 and 4 are mandatory, got ${len} octet(s)`);
    const o3 = b[off] as number;
    const v = CAUSE_OCTET3.read(o3) as Cause;
    let i = 1;
    if ((o3 & EXT) === 0) {
      const o3a = b[off + 1] as number;
      if ((o3a & EXT) === 0) return ctx.fail('BAD_VALUE', 'octet 3a does not end the extension', 1, 'recommendation');
      v.recommendation = o3a & 0x7f;
      i = 2;
      if (len < 3) return ctx.fail('TRUNCATED', 'cause value (octet 4) missing after octet 3a', 2, 'causeValue');
    }
    const o4 = b[off + i] as number;
    if ((o4 & EXT) === 0) return ctx.fail('BAD_VALUE', 'cause value octet without extension bit', i, 'causeValue');
    v.causeValue = o4 & 0x7f;
    if (len > i + 1) v.diagnostics = b.slice(off + i + 1, off + len);
    return v;
  },
  encode(v, w, place) {
    const o3 = CAUSE_OCTET3.write(v, place);
    if (v.recommendation === undefined) w.u8(EXT | o3);
    else {
      w.u8(o3);
      w.u8(EXT | checkInt(v.recommendation, 0x7f, place, 'recommendation'));
    }
    w.u8(EXT | checkInt(v.causeValue, 0x7f, place, 'causeValue'));
    if (v.diagnostics !== undefined) writeOctets(v.diagnostics, w, place, 'diagnostics');
  },
};

/** Octets 3 and 4 as one word: ext = 1, coding standard, spare, location; ext = 1, description. */
const PROGRESS = layout(2, [['codingStandard', 13, 2, 'n'], ['location', 8, 4, 'n'], ['description', 0, 7, 'n']], { fixed: [0x8080, 0x8080] });
export interface ProgressIndicator {
  codingStandard: number;
  location: number;
  description: number;
  /** bit 5 of octet 3 (0x1000 of the word) when a sender set it */
  spare?: number;
}

export const progressIndicator: IeCodec<ProgressIndicator> = {
  decode(b, off, len, ctx) {
    if (len !== 2) return ctx.fail('BAD_LENGTH', `the progress indicator has 2 octets of contents, got ${len}`);
    const word = PROGRESS.word(b, off);
    if (!PROGRESS.fixedOk(word)) return ctx.fail('BAD_VALUE', 'octets 3 and 4 must have their extension bit set', (word & 0x8000) === 0 ? 0 : 1, 'description');
    return PROGRESS.read(word);
  },
  encode(v, w, place) {
    const word = PROGRESS.write(v, place);
    w.u8(word >> 8);
    w.u8(word);
  },
};

/** Octet 3: ext = 1, spare, class. */
const RESTART = layout(1, [['restartClass', 0, 3, 'n']], { fixed: [EXT, EXT] });
export interface RestartIndicator {
  /** 0 indicated channels, 6 single interface, 7 all interfaces */
  restartClass: number;
  /** bits 7-4 of octet 3 when a sender set them */
  spare?: number;
}

export const restartIndicator: IeCodec<RestartIndicator> = {
  decode(b, off, len, ctx) {
    if (len !== 1) return ctx.fail('BAD_LENGTH', `the restart indicator has 1 octet of contents, got ${len}`);
    const o3 = b[off] as number;
    if (!RESTART.fixedOk(o3)) return ctx.fail('BAD_VALUE', 'octet 3 extension bit is 0', 0, 'restartClass');
    return RESTART.read(o3);
  },
  encode(v, w, place) {
    w.u8(RESTART.write(v, place));
  },
};

export interface NotificationIndicator {
  /** notification description, octet 3 bits 7-1 */
  description: number;
  /** octets after octet 3 (e.g. a Q.932 extension component), as sent */
  more?: Uint8Array;
}

export const notificationIndicator: IeCodec<NotificationIndicator> = {
  decode(b, off, len, ctx) {
    if (len < 1) return ctx.fail('TRUNCATED', 'octet 3 is mandatory');
    const o3 = b[off] as number;
    if ((o3 & EXT) === 0) return ctx.fail('BAD_VALUE', 'octet 3 extension bit is 0', 0, 'description');
    const v: NotificationIndicator = { description: o3 & 0x7f };
    if (len > 1) v.more = b.slice(off + 1, off + len);
    return v;
  },
  encode(v, w, place) {
    w.u8(EXT | checkInt(v.description, 0x7f, place, 'description'));
    if (v.more !== undefined) writeOctets(v.more, w, place, 'more');
  },
};

/** Display: IA5 text, one character per octet. Octets with bit 8 set are kept (as U+0080..U+00FF). */
export const display: IeCodec<string> = {
  decode: (b, off, len) => String.fromCharCode(...b.subarray(off, off + len)),
  encode(v, w, place) {
    if (typeof v !== 'string') encodeFail('BAD_VALUE', at(place), 'the display text must be a string');
    for (let k = 0; k < v.length; k++) {
      const c = v.charCodeAt(k);
      if (c > 0xff) encodeFail('BAD_VALUE', at(place), `'${v[k] ?? ''}' is not an octet character`);
      w.u8(c);
    }
  },
};
