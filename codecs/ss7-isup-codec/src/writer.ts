// A growable octet writer used by the encoder. One scratch instance is reused per encode
// (the codec is synchronous and not re-entrant), so encoding allocates only the result copy.

export class Writer {
  buf: Uint8Array;
  pos = 0;

  constructor(size = 512) {
    this.buf = new Uint8Array(size);
  }

  reset(): void {
    this.pos = 0;
  }

  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = v & 0xff;
  }

  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Overwrite an octet already written (pointers and length octets are patched this way). */
  patch(at: number, v: number): void {
    this.buf[at] = v & 0xff;
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
