// `tandem isup decode`: decode ISUP octets given as hex (as an operator copies them from a
// trace or a SIP-I body) and print the typed message as JSON, or the DecodeError.
import { decode, type Framing } from 'ss7-isup-codec';

export interface IsupDecodeOptions {
  framing: Framing;
  strict: boolean;
}

export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Hex octets: tokens separated by spaces, colons or dashes, each an even run of hex digits with an optional 0x. */
export function parseHex(text: string): Uint8Array | string {
  const tokens = text.split(/[\s:-]+/).filter((t) => t !== '');
  if (tokens.length === 0) return 'no octets given';
  const out: number[] = [];
  for (const t of tokens) {
    const digits = t.replace(/^0x/i, '');
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(digits)) return `not hex octets: ${t}`;
    for (let i = 0; i < digits.length; i += 2) out.push(parseInt(digits.slice(i, i + 2), 16));
  }
  return Uint8Array.from(out);
}

/** JSON with octet strings shown as spaced hex. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex').replace(/(..)(?!$)/g, '$1 ') : v), 2);
}

export function isupDecode(hexText: string, opts: IsupDecodeOptions): CommandOutput {
  const bytes = parseHex(hexText);
  if (typeof bytes === 'string') return { exitCode: 2, stdout: '', stderr: `tandem isup decode: ${bytes}\n` };
  const r = decode(bytes, { framing: opts.framing, strict: opts.strict });
  if (r.ok) return { exitCode: 0, stdout: `${toJson(r.value)}\n`, stderr: '' };
  const e = r.error;
  return { exitCode: 1, stdout: '', stderr: `${e.code} at ${e.place.join('.')} (octet ${e.offset}): ${e.message}\n` };
}
