// Octets in and out: Buffer views of Uint8Arrays (no copy) for indexOf and latin1 text, and the
// plain Uint8Arrays the layer hands out (parsed bodies, serialized messages).
//
// Those are cut from shared slabs, as Node's Buffer pool does for Buffer.from: allocating an
// ArrayBuffer per message costs more than parsing most headers. Like that pool's, a slab is not
// zero-filled (Buffer.allocUnsafeSlow: the fill was 3 % of a parse+serialize round trip), and
// every array cut from it is written whole before it is handed out. Each one owns its octets
// (nothing else writes them, and they are not a view of the caller's input), but its `.buffer`
// is the slab, whose other octets belong to other messages or were never written: use it
// through the Uint8Array (or Buffer.from(a.buffer, a.byteOffset, a.byteLength)), never through
// `.buffer` alone. A small array keeps its slab alive.

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

/** A Buffer over the same memory as `bytes` (no copy), for indexOf and toString. */
export function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Index of the first CRLF CRLF at or after `from`, or -1. */
export function findEmptyLine(bytes: Uint8Array, from: number): number {
  return bufferView(bytes).indexOf(CRLFCRLF, from);
}

/** Octets `start` to `end` as a latin1 string. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return bufferView(bytes).toString('latin1', start, end);
}

const SLAB_SIZE = 16 * 1024;
/** Larger arrays get an ArrayBuffer of their own. */
const MAX_POOLED = SLAB_SIZE / 4;
let slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
/** slab.buffer and slab.byteOffset, read once per slab (each read is a call to a getter). */
let slabBuffer = slab.buffer;
let slabOffset = slab.byteOffset;
let used = 0;

/** Reserves `length` octets of the slab (a new slab when full); returns their offset. */
function reserve(length: number): number {
  if (used + length > SLAB_SIZE) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    slabBuffer = slab.buffer;
    slabOffset = slab.byteOffset;
    used = 0;
  }
  const at = used;
  used = (used + length + 7) & ~7;
  return at;
}

function slabView(at: number, length: number): Uint8Array {
  return new Uint8Array(slabBuffer, slabOffset + at, length);
}

/** A copy of `bytes[start, end)` as a plain Uint8Array. */
export function copyOctets(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const length = end - start;
  if (length > MAX_POOLED) return new Uint8Array(bytes.subarray(start, end));
  const at = reserve(length);
  // A whole Uint8Array is copied without making a Buffer view of it first.
  if (start === 0 && end === bytes.length) slab.set(bytes, at);
  else bufferView(bytes).copy(slab, at, start, end);
  return slabView(at, length);
}

/** `head` written as latin1 (one octet per char: the caller ensures none is above U+00FF), then `tail`. */
export function latin1Then(head: string, tail: Uint8Array): Uint8Array {
  const length = head.length + tail.length;
  if (length > MAX_POOLED) {
    const out = new Uint8Array(length);
    bufferView(out).write(head, 0, 'latin1');
    out.set(tail, head.length);
    return out;
  }
  const at = reserve(length);
  slab.write(head, at, 'latin1');
  slab.set(tail, at + head.length);
  return slabView(at, length);
}
