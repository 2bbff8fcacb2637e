// multipart/mixed bodies (RFC 2046 §5.1, RFC 5621) with binary parts, e.g. SDP plus an ISUP
// message (RFC 3204). Parts are octets: nothing is decoded or re-encoded, and a built body
// uses a boundary that occurs nowhere in its parts.
//
//   body := [preamble CRLF] "--" boundary *LWSP CRLF part *(CRLF "--" boundary *LWSP CRLF part)
//           CRLF "--" boundary "--" [epilogue]
//   part := headers [CRLF body-octets]

import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../core/result.js';
import { sipError, type SipError } from './errors.js';
import { formatFields, parseFieldLines } from './header-section.js';
import { bufferView, findEmptyLine, latin1 } from './octets.js';
import type { HeaderField } from './headers.js';

export interface BodyPart {
  /** Content-Type, Content-Disposition, ... read them with readOne like message headers */
  readonly headers: readonly HeaderField[];
  readonly body: Uint8Array;
}

/** boundary := 0*69<bchars> bcharsnospace; bchars = DIGIT / ALPHA / ' ( ) + _ , - . / : = ? / SP */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const CRLF = Buffer.from('\r\n', 'latin1');

export function isValidBoundary(boundary: string): boolean {
  return BOUNDARY.test(boundary);
}

const bad = (message: string, offset?: number): Result<never, SipError> => err(sipError('SIP_BAD_MULTIPART', message, offset));

interface Delimiter {
  /** where the delimiter starts (its leading CRLF, if any) */
  readonly start: number;
  /** just after its line: where the next part starts */
  readonly next: number;
  readonly close: boolean;
}

/** Where a delimiter whose "--" is at `dash` ends, if it is one: "--" (close) or *LWSP CRLF. */
function delimiterEnd(body: Buffer, dash: number, dashBoundary: Buffer): { next: number; close: boolean } | undefined {
  let i = dash + dashBoundary.length;
  if (body[i] === DASH && body[i + 1] === DASH) return { next: i + 2, close: true };
  while (body[i] === 0x20 || body[i] === 0x09) i++;
  return body[i] === CR && body[i + 1] === LF ? { next: i + 2, close: false } : undefined;
}

/**
 * The first delimiter at or after `from`: CRLF "--boundary", or, when `from` is 0, "--boundary"
 * at the very start (no preamble). An occurrence followed by anything but "--" or transport
 * padding and CRLF is part content, not a delimiter.
 */
function findDelimiter(body: Buffer, dashBoundary: Buffer, from: number): Delimiter | undefined {
  if (from === 0 && body.subarray(0, dashBoundary.length).equals(dashBoundary)) {
    const end = delimiterEnd(body, 0, dashBoundary);
    if (end !== undefined) return { start: 0, ...end };
  }
  const crlfDash = Buffer.concat([CRLF, dashBoundary]);
  for (let at = body.indexOf(crlfDash, from); at >= 0; at = body.indexOf(crlfDash, at + 1)) {
    const end = delimiterEnd(body, at + 2, dashBoundary);
    if (end !== undefined) return { start: at, ...end };
  }
  return undefined;
}

/**
 * Where a part's headers end and its body starts. A part starting with CRLF has no headers;
 * one without an empty line is all headers, its final CRLF (if any) ending them.
 */
function splitPart(part: Buffer): { headerEnd: number; bodyStart: number } {
  if (part[0] === CR && part[1] === LF) return { headerEnd: 0, bodyStart: 2 };
  const emptyLine = findEmptyLine(part, 0);
  if (emptyLine >= 0) return { headerEnd: emptyLine, bodyStart: emptyLine + 4 };
  const n = part.length;
  return { headerEnd: part[n - 2] === CR && part[n - 1] === LF ? n - 2 : n, bodyStart: n };
}

function parsePart(body: Buffer, start: number, end: number): Result<BodyPart, SipError> {
  const part = body.subarray(start, end);
  const { headerEnd, bodyStart } = splitPart(part);
  const headers = parseFieldLines(latin1(part, 0, headerEnd), start);
  if (!headers.ok) return bad(`part headers: ${headers.error.message}`, headers.error.offset);
  return ok({ headers: headers.value, body: new Uint8Array(part.subarray(bodyStart)) });
}

/** Parses a multipart body whose Content-Type has `boundary` (unquoted). */
export function parseMultipart(body: Uint8Array, boundary: string): Result<BodyPart[], SipError> {
  if (!isValidBoundary(boundary)) return bad(`invalid boundary ${JSON.stringify(boundary)}`);
  const bytes = bufferView(body);
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  let delimiter = findDelimiter(bytes, dashBoundary, 0);
  if (delimiter === undefined) return bad('no boundary delimiter line');
  const parts: BodyPart[] = [];
  while (!delimiter.close) {
    const next = findDelimiter(bytes, dashBoundary, delimiter.next);
    if (next === undefined) return bad('no close delimiter', body.length);
    const part = parsePart(bytes, delimiter.next, next.start);
    if (!part.ok) return part;
    parts.push(part.value);
    delimiter = next;
  }
  return parts.length === 0 ? bad('no body part before the close delimiter') : ok(parts);
}

/** 32 random hex digits. */
export function randomBoundary(): string {
  return randomBytes(16).toString('hex');
}

const MAX_ATTEMPTS = 8;

/**
 * Builds a multipart body from `parts`, with a boundary from `newBoundary` that occurs in no
 * part's octets (headers or body): a boundary that does is replaced by a fresh one. Throws
 * RangeError if `newBoundary` gives no usable boundary in 8 attempts, and (as the serializer
 * does) for header names or values no peer could parse.
 */
export function buildMultipart(
  parts: readonly BodyPart[],
  newBoundary: () => string = randomBoundary,
): { readonly boundary: string; readonly body: Uint8Array } {
  if (parts.length === 0) throw new RangeError('a multipart body needs at least one part');
  const encoded = parts.map((p) => [Buffer.from(`${formatFields(p.headers)}\r\n`, 'latin1'), p.body] as const);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const boundary = newBoundary();
    if (!isValidBoundary(boundary)) continue;
    const needle = Buffer.from(boundary, 'latin1');
    if (encoded.some(([head, octets]) => head.includes(needle) || bufferView(octets).includes(needle))) continue;
    const chunks: Uint8Array[] = [];
    for (const [head, octets] of encoded) chunks.push(Buffer.from(`--${boundary}\r\n`, 'latin1'), head, octets, Buffer.from('\r\n'));
    chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
    return { boundary, body: new Uint8Array(Buffer.concat(chunks)) };
  }
  throw new RangeError(`no boundary absent from the parts after ${MAX_ATTEMPTS} attempts`);
}
