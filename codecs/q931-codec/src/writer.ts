// A growable octet buffer for the encoders. Each encoder reuses one scratch instance (encoding is
// synchronous and never re-entered), so an encode allocates only the copy it returns.

export class Writer {
  private buf = new Uint8Array(256);
  /** octets written so far */
  pos = 0;

  reset(): void {
    this.pos = 0;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Rewrite an octet already written (length octets are filled in this way). */
  patch(index: number, v: number): void {
    this.buf[index] = v & 0xff;
  }

  /** A copy of the octets written since `from`. */
  take(from = 0): Uint8Array {
    return this.buf.slice(from, this.pos);
  }
}
