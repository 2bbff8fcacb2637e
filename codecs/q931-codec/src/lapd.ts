// Q.921 frame decoder and encoder: the address field (§3.2, §3.3), the control field (§3.4,
// modulo 128), and the information field kept as octets. Flags, bit stuffing and the FCS belong
// to the HDLC controller and are not part of the octets handled here.
// The decoder never throws on input: every failure is a DecodeError with a stable code.
import { layout } from './bitfield.js';
import { Q931EncodeError, encodeFail, failure, type DecodeError, type EncodePlace, type Result } from './errors.js';
import { FRAMES, type FrameDescriptor, type FrameName, type LapdFrame, type SFrame } from './frames.js';
import { Writer } from './writer.js';

export interface FrameDecodeOptions {
  /**
   * strict: an unknown control field is UNKNOWN_MESSAGE, and octets after the control field of a
   * frame type without an information field are TRAILING_BYTES. Lenient (default): both are kept.
   */
  strict?: boolean;
}

/** Octet 1: SAPI (bits 8-3), C/R (bit 2), EA = 0; octet 2: TEI (bits 8-2), EA = 1. */
const ADDRESS = layout(2, [['sapi', 10, 6, 'n'], ['cr', 9, 1, 'b'], ['tei', 1, 7, 'n']], { fixed: [0x0101, 0x0001] });
/** I format: octet 1 N(S) and bit 1 = 0; octet 2 N(R) and P. */
const I_CONTROL = layout(2, [['ns', 9, 7, 'n'], ['nr', 1, 7, 'n'], ['p', 0, 1, 'b']], { fixed: [0x0100, 0] });
/** S format: octet 1 names the function (own); octet 2 N(R) and P/F. */
const S_CONTROL = layout(2, [['nr', 1, 7, 'n'], ['pf', 0, 1, 'b']], { own: 0xff00 });
const PF = 0x10;

type Row = FrameDescriptor & { name: FrameName };
const rows: Row[] = Object.entries(FRAMES).map(([name, d]) => ({ ...d, name: name as FrameName }));
/** S rows by octet 1, U rows by control octet without P/F. */
const S_BY_OCTET: (Row | undefined)[] = Array.from({ length: 256 }, (_, o) => rows.find((r) => r.format === 'S' && r.code === o));
const U_BY_OCTET: (Row | undefined)[] = Array.from({ length: 256 }, (_, o) => rows.find((r) => r.format === 'U' && r.code === o));
const I_ROW: Row = { ...FRAMES.I, name: 'I' };

type Mutable = Record<string, unknown>;

/** Decode one LAPD frame (address, control, information; no flags or FCS). Never throws. */
export function decodeFrame(b: Uint8Array, opts: FrameDecodeOptions = {}): Result<LapdFrame, DecodeError> {
  if (b.length < 2) return failure('TRUNCATED', ['address'], b.length, 'the address field has 2 octets');
  const aw = ADDRESS.word(b, 0);
  if (!ADDRESS.fixedOk(aw)) {
    return ((b[0] as number) & 1) !== 0
      ? failure('BAD_VALUE', ['address', 'ea'], 0, 'EA bit of octet 1 is 1: LAPD addresses have 2 octets')
      : failure('BAD_VALUE', ['address', 'ea'], 1, 'EA bit of octet 2 is 0: LAPD addresses have 2 octets');
  }
  const f = ADDRESS.read(aw) as Mutable;
  if (b.length < 3) return failure('TRUNCATED', ['control'], 2, 'no control field');
  const c1 = b[2] as number;
  const strict = opts.strict === true;
  let row: Row | undefined;
  let infoAt: number;
  if ((c1 & 3) === 3) {
    row = U_BY_OCTET[c1 & ~PF];
    infoAt = 3;
    if (row !== undefined) {
      f.type = row.name;
      f.pf = (c1 & PF) !== 0;
    }
  } else {
    if (b.length < 4) return failure('TRUNCATED', ['control'], 3, 'I and S frames have a 2-octet control field');
    const cw = I_CONTROL.word(b, 2);
    infoAt = 4;
    if ((c1 & 1) === 0) {
      row = I_ROW;
      Object.assign(f, { type: 'I' }, I_CONTROL.read(cw));
    } else {
      row = S_BY_OCTET[c1];
      if (row !== undefined) Object.assign(f, { type: row.name }, S_CONTROL.read(cw));
    }
  }
  if (row === undefined) {
    if (strict) return failure('UNKNOWN_MESSAGE', ['control'], 2, `control field 0x${c1.toString(16).padStart(2, '0')} is not a Q.921 frame type`);
    f.type = 'UNKNOWN';
    f.control = b.slice(2, infoAt);
    f.info = b.slice(infoAt);
  } else if (row.info) f.info = b.slice(infoAt);
  else if (infoAt < b.length) {
    if (strict) return failure('TRAILING_BYTES', ['info'], infoAt, `${row.name} frames have no information field`);
    f.info = b.slice(infoAt);
  }
  return { ok: true, value: f as unknown as LapdFrame };
}

const scratch = new Writer();

/** Encode a LAPD frame; throws Q931EncodeError when the object cannot be encoded. */
export function encodeFrame(frame: LapdFrame): Uint8Array {
  const w = scratch;
  w.reset();
  const type = frame.type;
  const place: EncodePlace = { message: String(type), ie: 'address' };
  const a = ADDRESS.write(frame, place);
  w.u8(a >> 8);
  w.u8(a);
  place.ie = 'control';
  const row = type === 'UNKNOWN' ? undefined : (FRAMES as Record<string, FrameDescriptor | undefined>)[type];
  if (type === 'UNKNOWN') unknownControl(frame.control, w);
  else if (row === undefined) encodeFail('UNKNOWN_MESSAGE', [String(type)], 'not a frame type of FRAMES');
  else if (frame.type === 'I') {
    const c = I_CONTROL.write(frame, place);
    w.u8(c >> 8);
    w.u8(c);
  } else if (row.format === 'S') {
    w.u8(row.code);
    w.u8(S_CONTROL.write(frame as SFrame, place));
  } else {
    const pf = (frame as { pf: unknown }).pf;
    if (typeof pf !== 'boolean') encodeFail('BAD_VALUE', [type, 'pf'], 'P/F must be a boolean');
    w.u8(row.code | (pf ? PF : 0));
  }
  const info = frame.info;
  if (info !== undefined) {
    if (!(info instanceof Uint8Array)) encodeFail('BAD_VALUE', [type, 'info'], 'the information field must be a Uint8Array');
    w.bytes(info);
  } else if (row === undefined || row.info) encodeFail('BAD_VALUE', [type, 'info'], `${type} frames carry an information field`);
  return w.take();
}

/** The octets of an UNKNOWN frame's control field, refused when they name a known frame type. */
function unknownControl(control: Uint8Array, w: Writer): void {
  const c1 = control[0];
  const path = ['UNKNOWN', 'control'];
  if (!(control instanceof Uint8Array) || c1 === undefined) encodeFail('BAD_VALUE', path, 'control must be a non-empty Uint8Array');
  const size = (c1 & 3) === 3 ? 1 : 2;
  if ((c1 & 1) === 0) encodeFail('BAD_VALUE', path, 'an I-format control field is an I frame');
  if (control.length !== size) encodeFail('BAD_VALUE', path, `a control field starting 0x${c1.toString(16)} has ${size} octet(s)`);
  const known = size === 1 ? U_BY_OCTET[c1 & ~PF] : S_BY_OCTET[c1];
  if (known !== undefined) encodeFail('BAD_VALUE', path, `0x${c1.toString(16)} is ${known.name}; use that type`);
  w.bytes(control);
}

/** Like encodeFrame(), returning the error instead of throwing it. */
export function tryEncodeFrame(frame: LapdFrame): Result<Uint8Array, Q931EncodeError> {
  try {
    return { ok: true, value: encodeFrame(frame) };
  } catch (e) {
    if (e instanceof Q931EncodeError) return { ok: false, error: e };
    throw e;
  }
}
