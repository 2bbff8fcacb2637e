// Q.931 message header and element walking (§4.1-§4.5) for what decodeMessage() cannot tell
// when it fails: the call reference and message type of an undecodable message, and which
// element holds the invalid contents, so that §5.8.6/§5.8.7 can act on the rest of the message.
import { decodeMessage, type DecodeError, type Q931Message } from 'q931-codec';

export interface Header {
  readonly crLength: number;
  readonly flag: boolean;
  readonly crValue: number;
  readonly type: number;
  /** offset of the first information element */
  readonly body: number;
}

export function parseHeader(b: Uint8Array): Header | undefined {
  if (b.length < 3 || b[0] !== 0x08) return undefined;
  const crLength = (b[1] as number) & 0x0f;
  if (crLength > 2 || b.length < 3 + crLength) return undefined;
  let crValue = 0;
  for (let k = 0; k < crLength; k++) crValue = crValue * 256 + ((b[2 + k] as number) & (k === 0 ? 0x7f : 0xff));
  const flag = crLength > 0 && ((b[2] as number) & 0x80) !== 0;
  return { crLength, flag, crValue, type: b[2 + crLength] as number, body: 3 + crLength };
}

/** [start, end, identifier] of each element from `from`, single-octet ones included. */
function elements(b: Uint8Array, from: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  let pos = from;
  while (pos < b.length) {
    const id = b[pos] as number;
    if ((id & 0x80) !== 0) {
      out.push([pos, pos + 1, id]);
      pos++;
      continue;
    }
    const len = b[pos + 1];
    if (len === undefined) break;
    out.push([pos, Math.min(b.length, pos + 2 + len), id]);
    pos += 2 + len;
  }
  return out;
}

export type Decoded =
  | { readonly ok: true; readonly message: Q931Message; readonly invalid?: number }
  | { readonly ok: false; readonly error: DecodeError };

/**
 * decodeMessage(), and when one element's contents are invalid, the message without that element
 * and the element's identifier in `invalid` (§5.8.6.2, §5.8.7.2). Never throws.
 */
export function decodeLenient(b: Uint8Array, header: Header): Decoded {
  const first = decodeMessage(b);
  if (first.ok) return { ok: true, message: first.value };
  const bad = elements(b, header.body).find(([s, e]) => first.error.offset >= s && first.error.offset < Math.max(e, s + 2));
  if (bad === undefined) return { ok: false, error: first.error };
  const [s, e, id] = bad;
  const stripped = new Uint8Array(b.length - (e - s));
  stripped.set(b.subarray(0, s));
  stripped.set(b.subarray(e), s);
  const second = decodeMessage(stripped);
  if (!second.ok) return { ok: false, error: first.error };
  return { ok: true, message: second.value, invalid: id };
}
