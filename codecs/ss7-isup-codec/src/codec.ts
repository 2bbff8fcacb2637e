// Message decoder and encoder, Q.763 §1.3–§1.8 (format and pointer rules): type code,
// mandatory fixed part, one pointer per mandatory variable parameter and one to the optional
// part (when the message has one), the variable parameters (length + value), then the
// optional parameters (name + length + value) ended by a 0 octet.
// The decoder never throws on input: every failure is a DecodeError with a stable code.
import { DecodeContext, IsupEncodeError, encodeFail, type DecodeError, type EncodePlace, type Result } from './errors.js';
import type { IsupMessage, OptionalParam } from './types.js';
import { ITU, type MessageRow, type ParamRow, type Variant } from './variant.js';
import { Writer } from './writer.js';

export type Framing = 'body' | 'cic';

export interface DecodeOptions {
  /**
   * 'body' (default): the message starts at the type code, as in an application/isup body
   * (RFC 3204). 'cic': a 2-octet CIC precedes it, as after the MTP3 routing label.
   */
  framing?: Framing;
  /** strict: unknown message types and octets after the last parameter are errors */
  strict?: boolean;
  variant?: Variant;
}

export interface EncodeOptions {
  framing?: Framing;
  variant?: Variant;
}

type Mutable = { type: string; cic?: number; code?: number; params?: Record<string, unknown>; optional?: OptionalParam[]; body?: Uint8Array; trailing?: Uint8Array };

function error(code: DecodeError['code'], place: string[], offset: number, message: string): { ok: false; error: DecodeError } {
  return { ok: false, error: { code, place, offset, message } };
}

/** Decode one ISUP message. Never throws for any input octets. */
export function decode(bytes: Uint8Array, opts: DecodeOptions = {}): Result<IsupMessage, DecodeError> {
  const variant = opts.variant ?? ITU;
  const b = bytes;
  const end = b.length;
  let pos = 0;
  let cic: number | undefined;
  if (opts.framing === 'cic') {
    if (end < 2) return error('TRUNCATED', ['cic'], 0, 'input shorter than the 2-octet CIC');
    cic = ((b[0] as number) | ((b[1] as number) << 8)) & variant.cicMask;
    pos = 2;
  }
  if (pos >= end) return error('TRUNCATED', ['messageType'], pos, 'no message type code');
  const code = b[pos++] as number;
  const row = variant.messageByCode[code];
  if (row === undefined) {
    if (opts.strict === true) return error('UNKNOWN_MESSAGE', [`0x${code.toString(16).padStart(2, '0')}`], pos - 1, `message type 0x${code.toString(16)} is not in the ${variant.name} table`);
    const m: Mutable = { type: 'UNKNOWN', code, body: b.slice(pos, end) };
    if (cic !== undefined) m.cic = cic;
    return { ok: true, value: m as IsupMessage };
  }
  const m: Mutable = { type: row.name };
  if (cic !== undefined) m.cic = cic;
  if (row.opaque === true) {
    m.params = {};
    m.optional = [];
    m.body = b.slice(pos, end);
    return { ok: true, value: m as IsupMessage };
  }
  const r = decodeBody(b, pos, end, row, variant, m, opts.strict === true);
  return r === undefined ? { ok: true, value: m as IsupMessage } : { ok: false, error: r };
}

function decodeParam(p: ParamRow, b: Uint8Array, off: number, len: number, ctx: DecodeContext): unknown {
  ctx.param = p.name;
  ctx.base = off;
  if (p.len !== undefined && len !== p.len) return ctx.fail('BAD_LENGTH', `${p.title} has ${p.len} octet(s), got ${len}`);
  return p.codec.decode(b, off, len, ctx);
}

function decodeBody(b: Uint8Array, start: number, end: number, row: MessageRow, variant: Variant, m: Mutable, strict: boolean): DecodeError | undefined {
  const ctx = new DecodeContext();
  ctx.message = row.name;
  const params: Record<string, unknown> = {};
  const optional: OptionalParam[] = [];
  m.params = params;
  m.optional = optional;
  let pos = start;

  for (const p of row.fixedRows) {
    const len = p.len as number;
    if (pos + len > end) return { code: 'TRUNCATED', place: [row.name, p.name], offset: pos, message: `${p.title} needs ${len} octet(s)` };
    const v = decodeParam(p, b, pos, len, ctx);
    if (v === undefined) return ctx.error;
    params[p.name] = v;
    pos += len;
  }

  const nVar = row.variableRows.length;
  const ptrStart = pos;
  const ptrEnd = pos + nVar + (row.optional ? 1 : 0);
  if (ptrEnd > end) {
    const missing = end - ptrStart;
    const what = missing < nVar ? (row.variableRows[missing] as ParamRow).name : 'optionalPartPointer';
    return { code: 'TRUNCATED', place: [row.name, what], offset: end, message: 'pointer octets missing' };
  }
  let last = ptrEnd;
  for (let i = 0; i < nVar; i++) {
    const p = row.variableRows[i] as ParamRow;
    const at = ptrStart + i;
    const ptr = b[at] as number;
    const place = [row.name, p.name];
    if (ptr === 0) return { code: 'MANDATORY_MISSING', place, offset: at, message: `pointer to ${p.title} is 0` };
    const target = at + ptr;
    if (target < ptrEnd) return { code: 'BAD_POINTER', place, offset: at, message: `pointer ${ptr} points into the pointer octets` };
    if (target >= end) return { code: 'BAD_POINTER', place, offset: at, message: `pointer ${ptr} points past the end` };
    const len = b[target] as number;
    if (target + 1 + len > end) return { code: 'LENGTH_OVERFLOW', place, offset: target, message: `length ${len} runs past the end` };
    const v = decodeParam(p, b, target + 1, len, ctx);
    if (v === undefined) return ctx.error;
    params[p.name] = v;
    if (target + 1 + len > last) last = target + 1 + len;
  }

  if (row.optional) {
    const at = ptrStart + nVar;
    const ptr = b[at] as number;
    if (ptr !== 0) {
      let q = at + ptr;
      const place = [row.name, 'optionalPartPointer'];
      if (q < ptrEnd) return { code: 'BAD_POINTER', place, offset: at, message: `pointer ${ptr} points into the pointer octets` };
      if (q >= end) return { code: 'BAD_POINTER', place, offset: at, message: `pointer ${ptr} points past the end` };
      for (;;) {
        if (q >= end) return { code: 'TRUNCATED', place: [row.name, 'endOfOptionalParameters'], offset: q, message: 'optional part does not end with 0' };
        const name = b[q] as number;
        if (name === 0) {
          q++;
          break;
        }
        const p = variant.paramByCode[name];
        const pname = p?.name ?? `0x${name.toString(16).padStart(2, '0')}`;
        if (q + 1 >= end) return { code: 'TRUNCATED', place: [row.name, pname], offset: q, message: 'length octet missing' };
        const len = b[q + 1] as number;
        if (q + 2 + len > end) return { code: 'LENGTH_OVERFLOW', place: [row.name, pname], offset: q + 1, message: `length ${len} runs past the end` };
        if (p === undefined) optional.push({ name: 'unknown', code: name, value: b.slice(q + 2, q + 2 + len) });
        else {
          const v = decodeParam(p, b, q + 2, len, ctx);
          if (v === undefined) return ctx.error;
          optional.push({ name: p.name, value: v } as OptionalParam);
        }
        q += 2 + len;
      }
      if (q > last) last = q;
    }
  }

  if (last < end) {
    if (strict) return { code: 'TRAILING_BYTES', place: [row.name], offset: last, message: `${end - last} octet(s) after the last parameter` };
    m.trailing = b.slice(last, end);
  }
  return undefined;
}

const scratch = new Writer();

/** Encode a message; throws IsupEncodeError when the message object cannot be encoded. */
export function encode(msg: IsupMessage, opts: EncodeOptions = {}): Uint8Array {
  const variant = opts.variant ?? ITU;
  const w = scratch;
  w.reset();
  if (opts.framing === 'cic') {
    const cic = msg.cic;
    if (cic === undefined) encodeFail('MANDATORY_MISSING', ['cic'], "the 'cic' framing needs msg.cic");
    if (!Number.isInteger(cic) || cic < 0 || cic > variant.cicMask) encodeFail('BAD_VALUE', ['cic'], `${cic} does not fit the ${variant.name} CIC`);
    w.u8(cic);
    w.u8(cic >> 8);
  }
  if (msg.type === 'UNKNOWN') {
    if (!Number.isInteger(msg.code) || msg.code < 0 || msg.code > 255) encodeFail('BAD_VALUE', ['code'], `${msg.code} is not a message type code`);
    w.u8(msg.code);
    w.bytes(msg.body);
    return w.finish();
  }
  const row = variant.messageByName.get(msg.type);
  if (row === undefined) encodeFail('UNKNOWN_MESSAGE', [msg.type], `not in the ${variant.name} table`);
  w.u8(row.code);
  const m = msg as Mutable;
  if (row.opaque === true) {
    w.bytes(m.body ?? new Uint8Array(0));
    return w.finish();
  }
  const params = m.params ?? {};
  const place: EncodePlace = { message: row.name, param: '' };
  for (const p of row.fixedRows) {
    place.param = p.name;
    const v = params[p.name];
    if (v === undefined) encodeFail('MANDATORY_MISSING', [row.name, p.name], `${p.title} is mandatory`);
    const at = w.pos;
    p.codec.encode(v, w, place);
    if (w.pos - at !== p.len) encodeFail('BAD_VALUE', [row.name, p.name], `encoded ${w.pos - at} octets, the fixed part holds ${p.len}`);
  }
  const ptrStart = w.pos;
  const nPtr = row.variableRows.length + (row.optional ? 1 : 0);
  for (let i = 0; i < nPtr; i++) w.u8(0);
  for (let i = 0; i < row.variableRows.length; i++) {
    const p = row.variableRows[i] as ParamRow;
    const v = params[p.name];
    if (v === undefined) encodeFail('MANDATORY_MISSING', [row.name, p.name], `${p.title} is mandatory`);
    place.param = p.name;
    setPointer(w, ptrStart + i, place);
    writeLengthValue(p, v, w, place);
  }
  const opt = m.optional ?? [];
  if (opt.length > 0) {
    if (!row.optional) encodeFail('BAD_VALUE', [row.name, 'optional'], 'this message has no optional part');
    place.param = 'optionalPartPointer';
    setPointer(w, ptrStart + row.variableRows.length, place);
    for (const o of opt) {
      if (o.name === 'unknown') {
        if (!Number.isInteger(o.code) || o.code < 1 || o.code > 255) encodeFail('BAD_VALUE', [row.name, 'unknown'], `${o.code} is not a parameter name code`);
        w.u8(o.code);
        if (o.value.length > 255) encodeFail('LENGTH_OVERFLOW', [row.name, `0x${o.code.toString(16)}`], `${o.value.length} octets`);
        w.u8(o.value.length);
        w.bytes(o.value);
        continue;
      }
      const p = variant.paramByName.get(o.name);
      if (p === undefined) encodeFail('UNKNOWN_PARAMETER', [row.name, o.name], `not in the ${variant.name} table`);
      w.u8(p.code);
      place.param = p.name;
      writeLengthValue(p, o.value, w, place);
    }
    w.u8(0);
  }
  if (m.trailing !== undefined) w.bytes(m.trailing);
  return w.finish();
}

function setPointer(w: Writer, at: number, place: EncodePlace): void {
  const ptr = w.pos - at;
  if (ptr > 255) encodeFail('LENGTH_OVERFLOW', [place.message, place.param], `pointer ${ptr} exceeds 255`);
  w.patch(at, ptr);
}

function writeLengthValue(p: ParamRow, v: unknown, w: Writer, place: EncodePlace): void {
  const at = w.pos;
  w.u8(0);
  p.codec.encode(v, w, place);
  const len = w.pos - at - 1;
  if (len > 255) encodeFail('LENGTH_OVERFLOW', [place.message, place.param], `${len} octets exceed the 255 a length octet holds`);
  if (p.len !== undefined && len !== p.len) encodeFail('BAD_VALUE', [place.message, place.param], `encoded ${len} octets, ${p.title} has ${p.len}`);
  w.patch(at, len);
}

/** Like encode(), returning the error instead of throwing it. */
export function tryEncode(msg: IsupMessage, opts: EncodeOptions = {}): Result<Uint8Array, IsupEncodeError> {
  try {
    return { ok: true, value: encode(msg, opts) };
  } catch (e) {
    if (e instanceof IsupEncodeError) return { ok: false, error: e };
    throw e;
  }
}
