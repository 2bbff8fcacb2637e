// The HDLC frame check sequence of the D-channel transport's FCS mode: CRC-16/X.25 (ISO/IEC
// 13239, as used by Q.921 §2.7): polynomial x^16 + x^12 + x^5 + 1 processed reflected (0x8408),
// initial value 0xFFFF, final XOR 0xFFFF, sent low byte first. Check value of "123456789": 0x906E.

const TABLE = ((): Uint16Array => {
  const t = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-16/X.25 of `bytes`. */
export function crc16x25(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) crc = (crc >>> 8) ^ (TABLE[(crc ^ b) & 0xff] as number);
  return (crc ^ 0xffff) & 0xffff;
}

/** `frame` followed by its FCS, low byte first. */
export function appendFcs(frame: Uint8Array): Uint8Array {
  const out = new Uint8Array(frame.length + 2);
  out.set(frame);
  const fcs = crc16x25(frame);
  out[frame.length] = fcs & 0xff;
  out[frame.length + 1] = fcs >>> 8;
  return out;
}

/** The frame without its FCS when the FCS is right, undefined otherwise (or when too short to carry one). */
export function checkFcs(frameWithFcs: Uint8Array): Uint8Array | undefined {
  if (frameWithFcs.length < 3) return undefined;
  const frame = frameWithFcs.subarray(0, frameWithFcs.length - 2);
  const fcs = (frameWithFcs[frameWithFcs.length - 2] as number) | ((frameWithFcs[frameWithFcs.length - 1] as number) << 8);
  return crc16x25(frame) === fcs ? frame : undefined;
}
