// Q.931 message decoder and encoder, Q.931 §4: protocol discriminator (§4.2), call reference
// (§4.3), message type (§4.4), then the information elements (§4.5): single-octet elements
// (bit 8 = 1) and variable-length ones (identifier, length, contents), with codeset shifts
// (§4.5.3 locking, §4.5.4 non-locking) followed as they stand.
// The decoder never throws on input: every failure is a DecodeError with a stable code.
import { DecodeContext, Q931EncodeError, at, checkInt, encodeFail, failure, type DecodeError, type EncodePlace, type Result } from './errors.js';
import type { AnyIeDescriptor } from './ie-codec.js';
import { IES, SENDING_COMPLETE, type IeName } from './ies/table.js';
import { MESSAGES, PROTOCOL_DISCRIMINATOR, type MessageDescriptor, type MessageName } from './messages.js';
import type { CallReference, InformationElement, Q931Message } from './types.js';
import { Writer } from './writer.js';

export interface MessageDecodeOptions {
  /** strict: an unknown message type is UNKNOWN_MESSAGE and a missing mandatory element MANDATORY_MISSING */
  strict?: boolean;
}

type IeRow = AnyIeDescriptor & { name: IeName };
type MessageRow = MessageDescriptor & { name: MessageName };

const IE_BY_ID: (IeRow | undefined)[] = new Array<IeRow | undefined>(128).fill(undefined);
const IE_BY_NAME = new Map<string, IeRow>();
for (const [name, d] of Object.entries(IES)) {
  if (IE_BY_ID[d.id] !== undefined) throw new Error(`IES: identifier 0x${d.id.toString(16)} used twice`);
  const row = { ...d, name: name as IeName };
  IE_BY_ID[d.id] = row;
  IE_BY_NAME.set(name, row);
}
const MESSAGE_BY_CODE: (MessageRow | undefined)[] = new Array<MessageRow | undefined>(256).fill(undefined);
const MESSAGE_BY_NAME = new Map<string, MessageRow>();
for (const [name, d] of Object.entries(MESSAGES)) {
  if (MESSAGE_BY_CODE[d.code] !== undefined) throw new Error(`MESSAGES: code 0x${d.code.toString(16)} used twice`);
  const row = { ...d, name: name as MessageName };
  MESSAGE_BY_CODE[d.code] = row;
  MESSAGE_BY_NAME.set(name, row);
}

const SHIFT = 0x90;
const NON_LOCKING = 0x08;
/** The call reference values this codec reads as numbers: up to 4 octets (31 bits). */
const MAX_CR_OCTETS = 4;
/** The largest value of a call reference of each length (bit 8 of the first octet is the flag). */
const MAX_CR_VALUE = [0, 0x7f, 0x7fff, 0x7fffff, 0x7fffffff];
const hex2 = (x: number): string => `0x${x.toString(16).padStart(2, '0')}`;

/** Decode one Q.931 message (a LAPD I or UI frame's information field). Never throws. */
export function decodeMessage(b: Uint8Array, opts: MessageDecodeOptions = {}): Result<Q931Message, DecodeError> {
  const end = b.length;
  if (end < 1) return failure('TRUNCATED', ['protocolDiscriminator'], 0, 'empty message');
  if (b[0] !== PROTOCOL_DISCRIMINATOR) return failure('UNKNOWN_PROTOCOL', ['protocolDiscriminator'], 0, `protocol discriminator ${hex2(b[0] as number)} is not Q.931 (0x08)`);
  if (end < 2) return failure('TRUNCATED', ['callReference'], 1, 'no call reference');
  const lo = b[1] as number;
  const length = lo & 0x0f;
  if (length > MAX_CR_OCTETS) return failure('BAD_LENGTH', ['callReference'], 1, `a call reference value of ${length} octets (Q.931 uses 1 or 2; this codec reads up to 4)`);
  if (2 + length > end) return failure('TRUNCATED', ['callReference'], end, `the call reference value has ${length} octet(s)`);
  const cr: CallReference = { length, flag: length > 0 && ((b[2] as number) & 0x80) !== 0, value: 0 };
  for (let k = 0; k < length; k++) cr.value = cr.value * 256 + ((b[2 + k] as number) & (k === 0 ? 0x7f : 0xff));
  if (lo >> 4 !== 0) cr.spare = lo >> 4;
  let pos = 2 + length;
  if (pos >= end) return failure('TRUNCATED', ['messageType'], pos, 'no message type');
  const code = b[pos++] as number;
  const row = MESSAGE_BY_CODE[code];
  if (row === undefined) {
    if (opts.strict === true) return failure('UNKNOWN_MESSAGE', [hex2(code)], pos - 1, `message type ${hex2(code)} is not in the table`);
    return { ok: true, value: { type: 'UNKNOWN', code, callReference: cr, body: b.slice(pos) } };
  }
  const ctx = new DecodeContext();
  ctx.message = row.name;
  const ies: InformationElement[] = [];
  let locked = 0;
  let active = 0;
  while (pos < end) {
    const id = b[pos] as number;
    if ((id & 0x80) !== 0) {
      if ((id & 0xf0) === SHIFT) {
        const locking = (id & NON_LOCKING) === 0;
        active = id & 7;
        if (locking) locked = active;
        ies.push({ name: 'shift', locking, codeset: active });
        pos++;
        continue;
      }
      ies.push(active === 0 && id === SENDING_COMPLETE ? { name: 'sendingComplete' } : { name: 'unknown', codeset: active, id });
      pos++;
      active = locked;
      continue;
    }
    const d = active === 0 ? IE_BY_ID[id] : undefined;
    const ieName = d?.name ?? hex2(id);
    if (pos + 1 >= end) return failure('TRUNCATED', [row.name, ieName], pos + 1, 'length octet missing');
    const len = b[pos + 1] as number;
    const start = pos + 2;
    if (start + len > end) return failure('LENGTH_OVERFLOW', [row.name, ieName], pos + 1, `length ${len} runs past the end`);
    if (d === undefined) ies.push({ name: 'unknown', codeset: active, id, contents: b.slice(start, start + len) });
    else {
      ctx.ie = d.name;
      ctx.base = start;
      const v: unknown = d.codec.decode(b, start, len, ctx);
      if (v === undefined) return { ok: false, error: ctx.error as DecodeError };
      ies.push({ name: d.name, value: v } as InformationElement);
    }
    pos = start + len;
    active = locked;
  }
  if (opts.strict === true) {
    for (const name of row.mandatory) {
      if (!ies.some((ie) => ie.name === name)) return failure('MANDATORY_MISSING', [row.name, name], end, `${IES[name].title} is mandatory in ${row.name}`);
    }
  }
  return { ok: true, value: { type: row.name, callReference: cr, ies } as Q931Message };
}

const scratch = new Writer();

function writeCallReference(cr: CallReference, w: Writer, type: string): void {
  const place: EncodePlace = { message: type, ie: 'callReference' };
  if (cr === null || typeof cr !== 'object') encodeFail('BAD_VALUE', at(place), 'callReference is required');
  const length = checkInt(cr.length, MAX_CR_OCTETS, place, 'length');
  w.u8((checkInt(cr.spare ?? 0, 15, place, 'spare') << 4) | length);
  const value = checkInt(cr.value, MAX_CR_VALUE[length] as number, place, 'value');
  if (typeof cr.flag !== 'boolean' || (length === 0 && cr.flag)) encodeFail('BAD_VALUE', at(place, 'flag'), 'the flag is a boolean, false in the dummy call reference');
  for (let k = length - 1; k >= 0; k--) {
    const o = (value >>> (8 * k)) & 0xff;
    w.u8(k === length - 1 && cr.flag ? o | 0x80 : o);
  }
}

/** Encode a Q.931 message; throws Q931EncodeError when the object cannot be encoded. */
export function encodeMessage(m: Q931Message): Uint8Array {
  const w = scratch;
  w.reset();
  const type = String(m.type);
  w.u8(PROTOCOL_DISCRIMINATOR);
  writeCallReference(m.callReference, w, type);
  if (m.type === 'UNKNOWN') {
    const code = checkInt(m.code, 255, { message: type, ie: 'code' });
    if (MESSAGE_BY_CODE[code] !== undefined) encodeFail('BAD_VALUE', [type, 'code'], `${hex2(code)} is ${MESSAGE_BY_CODE[code]?.name}; use that type`);
    w.u8(code);
    if (!(m.body instanceof Uint8Array)) encodeFail('BAD_VALUE', [type, 'body'], 'body must be a Uint8Array');
    w.bytes(m.body);
    return w.take();
  }
  const row = MESSAGE_BY_NAME.get(type);
  if (row === undefined) encodeFail('UNKNOWN_MESSAGE', [type], 'not a message of MESSAGES');
  w.u8(row.code);
  if (!Array.isArray(m.ies)) encodeFail('BAD_VALUE', [type, 'ies'], 'ies must be an array');
  const place: EncodePlace = { message: type, ie: '' };
  let locked = 0;
  let active = 0;
  for (const ie of m.ies) {
    place.ie = String(ie.name);
    if (ie.name === 'shift') {
      const cs = checkInt(ie.codeset, 7, place, 'codeset');
      if (typeof ie.locking !== 'boolean') encodeFail('BAD_VALUE', at(place, 'locking'), 'locking must be a boolean');
      w.u8(SHIFT | (ie.locking ? 0 : NON_LOCKING) | cs);
      active = cs;
      if (ie.locking) locked = cs;
      continue;
    }
    if (ie.name === 'unknown') writeUnknown(ie.id, ie.codeset, ie.contents, active, w, place);
    else {
      if (active !== 0) encodeFail('BAD_VALUE', at(place), `named elements are in codeset 0, but codeset ${active} is in force here`);
      if (ie.name === 'sendingComplete') w.u8(SENDING_COMPLETE);
      else {
        const d = IE_BY_NAME.get(place.ie);
        if (d === undefined) encodeFail('UNKNOWN_IE', at(place), 'not an element of IES');
        w.u8(d.id);
        const lenAt = w.pos;
        w.u8(0);
        d.codec.encode(ie.value, w, place);
        const len = w.pos - lenAt - 1;
        if (len > 255) encodeFail('LENGTH_OVERFLOW', at(place), `${len} octets exceed the 255 a length octet holds`);
        w.patch(lenAt, len);
      }
    }
    active = locked;
  }
  return w.take();
}

/** An `unknown` element, refused where decoding would read it as something else. */
function writeUnknown(id: number, codeset: number, contents: Uint8Array | undefined, active: number, w: Writer, place: EncodePlace): void {
  place.ie = hex2(checkInt(id, 255, place, 'id'));
  if (codeset !== active) encodeFail('BAD_VALUE', at(place, 'codeset'), `codeset ${codeset} is not the one in force here (${active})`);
  if ((id & 0xf0) === SHIFT) encodeFail('BAD_VALUE', at(place, 'id'), 'a shift is a `shift` element');
  if (active === 0 && (id === SENDING_COMPLETE || IE_BY_ID[id] !== undefined)) {
    encodeFail('BAD_VALUE', at(place, 'id'), `${hex2(id)} is ${IE_BY_ID[id]?.name ?? 'sendingComplete'}; use that name`);
  }
  w.u8(id);
  if ((id & 0x80) !== 0) {
    if (contents !== undefined) encodeFail('BAD_VALUE', at(place, 'contents'), 'a single-octet element has no contents');
    return;
  }
  if (!(contents instanceof Uint8Array)) encodeFail('BAD_VALUE', at(place, 'contents'), 'a variable-length element needs its contents');
  if (contents.length > 255) encodeFail('LENGTH_OVERFLOW', at(place, 'contents'), `${contents.length} octets exceed the 255 a length octet holds`);
  w.u8(contents.length);
  w.bytes(contents);
}

/** Like encodeMessage(), returning the error instead of throwing it. */
export function tryEncodeMessage(m: Q931Message): Result<Uint8Array, Q931EncodeError> {
  try {
    return { ok: true, value: encodeMessage(m) };
  } catch (e) {
    if (e instanceof Q931EncodeError) return { ok: false, error: e };
    throw e;
  }
}
