// Shared by the SIP message tests: building wire text and unwrapping results.
import { assert } from 'vitest';
import type { Result } from '../../src/core/result.js';
import type { SipError } from '../../src/sip/message/index.js';

/** Octets of `text`, one per char (latin1), as a plain Uint8Array. */
export function octets(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** A message: the lines joined by CRLF, the empty line, then the body. */
export function wire(lines: readonly string[], body = ''): string {
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A minimal valid INVITE's lines; `extra` lines go before Content-Length. */
export function inviteLines(extra: readonly string[] = [], contentLength = 0): string[] {
  return [
    'INVITE sip:bob@biloxi.example.com SIP/2.0',
    'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds',
    'Max-Forwards: 70',
    'To: Bob <sip:bob@biloxi.example.com>',
    'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
    'CSeq: 314159 INVITE',
    ...extra,
    `Content-Length: ${contentLength}`,
  ];
}

/** The value of an ok result; fails the test with the error otherwise. */
export function valueOf<T>(result: Result<T, SipError>): T {
  if (!result.ok) assert.fail(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The error of a failed result; fails the test if it succeeded. */
export function errorOf<T>(result: Result<T, SipError>): SipError {
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}
