// The answer to a request that does not parse (RFC 3261 §8.2.2 + §8.2.6, §18.2.1): read what
// can be read of Via, From, To, Call-ID and CSeq, and answer 400 (505 for a SIP version other
// than 2.0, 513 for a message too large) with a reason naming the problem. Without a readable
// Via there is nowhere to send it, and a response is never answered.
import { randomBytes } from 'node:crypto';
import { badRequestReason, headerKey, parseVia, readList, type HeaderField, type SipError, type SipResponse } from '../message/index.js';
import type { Endpoint } from './types.js';
import { serverVia, withTopVia } from './via-rules.js';

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

/** The header lines worth copying, unfolded, as far as they can be read. */
function salvageFields(lines: readonly string[]): HeaderField[] {
  const fields: { name: string; value: string }[] = [];
  let last: { name: string; value: string } | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      if (last !== undefined) last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).trim();
    last = colon > 0 && TOKEN.test(name) && COPIED.has(headerKey(name)) ? { name, value: line.slice(colon + 1).trim() } : undefined;
    if (last !== undefined) fields.push(last);
  }
  return fields;
}

function statusFor(error: SipError): number {
  if (error.code === 'SIP_BAD_VERSION') return 505;
  return error.code === 'SIP_MESSAGE_TOO_LARGE' ? 513 : 400;
}

/**
 * The response to the unparsable `data` received from `source`, its top Via stamped with received
 * and rport as for any request, or undefined when it must be dropped silently.
 */
export function badRequestResponse(data: Uint8Array, error: SipError, source: Endpoint): SipResponse | undefined {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1').replace(/^(?:\r\n)+/, '');
  const end = text.indexOf('\r\n\r\n');
  const [startLine = '', ...lines] = (end < 0 ? text : text.slice(0, end)).split(/\r\n|\r|\n/);
  if (startLine.trim() === '' || /^SIP\//i.test(startLine)) return undefined;
  const fields = salvageFields(lines);
  const vias = readList(fields, 'Via', parseVia);
  const [top] = vias.ok ? vias.value : [];
  if (top === undefined) return undefined;
  const headers = withTopVia(fields, serverVia(top, source)).map((h) =>
    headerKey(h.name) === 'to' && !/;\s*tag\s*=/i.test(h.value) ? { name: h.name, value: `${h.value};tag=${randomBytes(6).toString('hex')}` } : h,
  );
  return { kind: 'response', status: statusFor(error), reason: badRequestReason(error), headers, body: new Uint8Array(0) };
}
