// TEI management messages, Q.921 §5.3: the information field of UI frames on SAPI 63, TEI 127.
// Octet 1: management entity identifier 0x0F; octets 2-3: reference number Ri (octet 2 most
// significant); octet 4: message type (Q.921 Table 8); octet 5: action indicator Ai (bits 8-2)
// and the extension bit E = 1 (an extended Ai is reserved).
import { layout } from './bitfield.js';
import { Q931EncodeError, checkInt, encodeFail, failure, type DecodeError, type Result } from './errors.js';
import { Writer } from './writer.js';

export interface TeiMessageDescriptor {
  readonly code: number;
  readonly title: string;
  readonly ref: string;
}

export const TEI_MESSAGES = {
  IDENTITY_REQUEST: { code: 1, title: 'Identity request', ref: 'Q.921 §5.3.2' },
  IDENTITY_ASSIGNED: { code: 2, title: 'Identity assigned', ref: 'Q.921 §5.3.2' },
  IDENTITY_DENIED: { code: 3, title: 'Identity denied', ref: 'Q.921 §5.3.2' },
  IDENTITY_CHECK_REQUEST: { code: 4, title: 'Identity check request', ref: 'Q.921 §5.3.3' },
  IDENTITY_CHECK_RESPONSE: { code: 5, title: 'Identity check response', ref: 'Q.921 §5.3.3' },
  IDENTITY_REMOVE: { code: 6, title: 'Identity remove', ref: 'Q.921 §5.3.4' },
  IDENTITY_VERIFY: { code: 7, title: 'Identity verify', ref: 'Q.921 §5.3.5' },
} as const satisfies Record<string, TeiMessageDescriptor>;

export type TeiMessageName = keyof typeof TEI_MESSAGES;

/** Management entity identifier of the layer management TEI procedures, Q.921 §5.3.1. */
export const TEI_MANAGEMENT_ENTITY = 0x0f;
/** Ai = 127: "any TEI value acceptable" in a request, "all TEIs" in check request and remove. */
export const AI_GROUP = 127;

interface TeiBase {
  /** reference number, 0..65535 (random in an identity request, 0 where unused) */
  ri: number;
  /** action indicator, 0..127 */
  ai: number;
  /** octets after the action indicator (lenient decoding only); re-encoded as they were */
  trailing?: Uint8Array;
}

export type TeiMessage = (TeiBase & { type: TeiMessageName }) | (TeiBase & { type: 'UNKNOWN'; code: number });

export interface TeiDecodeOptions {
  /** strict: an unknown message type is UNKNOWN_MESSAGE and octets after Ai are TRAILING_BYTES */
  strict?: boolean;
}

const AI = layout(1, [['ai', 1, 7, 'n']], { fixed: [0x01, 0x01] });
const BY_CODE: (TeiMessageName | undefined)[] = Array.from({ length: 256 }, (_, c) =>
  (Object.keys(TEI_MESSAGES) as TeiMessageName[]).find((n) => TEI_MESSAGES[n].code === c),
);
const FIELDS = ['entity', 'ri', 'ri', 'messageType', 'ai'];
const ROOT = 'teiManagement';

/** Decode the information field of a TEI management UI frame. Never throws. */
export function decodeTeiMessage(b: Uint8Array, opts: TeiDecodeOptions = {}): Result<TeiMessage, DecodeError> {
  if (b.length < 5) return failure('TRUNCATED', [ROOT, FIELDS[b.length] as string], b.length, 'a TEI management message has 5 octets');
  if (b[0] !== TEI_MANAGEMENT_ENTITY) return failure('UNKNOWN_PROTOCOL', [ROOT, 'entity'], 0, `management entity 0x${(b[0] as number).toString(16)} is not TEI management (0x0f)`);
  const code = b[3] as number;
  const name = BY_CODE[code];
  const root = name ?? ROOT;
  if (name === undefined && opts.strict === true) return failure('UNKNOWN_MESSAGE', [ROOT, 'messageType'], 3, `TEI management message type ${code} is not in Q.921 Table 8`);
  const o5 = b[4] as number;
  if (!AI.fixedOk(o5)) return failure('BAD_VALUE', [root, 'ai'], 4, 'extension bit E is 0: extended action indicators are reserved');
  if (b.length > 5 && opts.strict === true) return failure('TRAILING_BYTES', [root], 5, `${b.length - 5} octet(s) after the action indicator`);
  const ri = ((b[1] as number) << 8) | (b[2] as number);
  const m = (name === undefined ? { type: 'UNKNOWN', code, ri, ai: AI.read(o5).ai } : { type: name, ri, ai: AI.read(o5).ai }) as TeiMessage;
  if (b.length > 5) m.trailing = b.slice(5);
  return { ok: true, value: m };
}

const scratch = new Writer();

/** Encode a TEI management message (the UI frame's information field); throws Q931EncodeError. */
export function encodeTeiMessage(m: TeiMessage): Uint8Array {
  const w = scratch;
  w.reset();
  const type = String(m.type);
  let code: number;
  if (m.type === 'UNKNOWN') {
    code = checkInt(m.code, 255, { message: type, ie: 'code' });
    if (BY_CODE[code] !== undefined) encodeFail('BAD_VALUE', [type, 'code'], `${code} is ${BY_CODE[code]}; use that type`);
  } else {
    const d = (TEI_MESSAGES as Record<string, TeiMessageDescriptor | undefined>)[type];
    if (d === undefined) encodeFail('UNKNOWN_MESSAGE', [type], 'not a message of TEI_MESSAGES');
    code = d.code;
  }
  const ri = checkInt(m.ri, 0xffff, { message: type, ie: 'ri' });
  w.u8(TEI_MANAGEMENT_ENTITY);
  w.u8(ri >> 8);
  w.u8(ri);
  w.u8(code);
  w.u8((checkInt(m.ai, 127, { message: type, ie: 'ai' }) << 1) | 1);
  if (m.trailing !== undefined) w.bytes(m.trailing);
  return w.take();
}

/** Like encodeTeiMessage(), returning the error instead of throwing it. */
export function tryEncodeTeiMessage(m: TeiMessage): Result<Uint8Array, Q931EncodeError> {
  try {
    return { ok: true, value: encodeTeiMessage(m) };
  } catch (e) {
    if (e instanceof Q931EncodeError) return { ok: false, error: e };
    throw e;
  }
}
