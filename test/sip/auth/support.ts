// Shared by the auth and registrar tests: requests as parsed from the wire, responses carrying
// challenges, and unwrapping results of any error type.
import { assert } from 'vitest';
import { GwError } from '../../../src/core/errors.js';
import type { Result } from '../../../src/core/result.js';
import { parseMessage, type HeaderField, type SipRequest, type SipResponse } from '../../../src/sip/message/index.js';
import { octets, wire } from '../helpers.js';

/** The value of an ok result; fails the test with the error (GwErrors by their message) otherwise. */
export function unwrap<T, E>(result: Result<T, E>): T {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.error, (_, v: unknown) => (v instanceof GwError ? v.message : v))}`);
  return result.value;
}

/** The error of a failed result; fails the test if it succeeded. */
export function failure<T, E>(result: Result<T, E>): E {
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A request as parseMessage gives it: `lines` are extra header lines (e.g. Authorization). */
export function request(method: string, uri: string, lines: readonly string[] = [], cseq = 1): SipRequest {
  const parsed = parseMessage(
    octets(
      wire([
        `${method} ${uri} SIP/2.0`,
        'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-test-' + String(cseq),
        'Max-Forwards: 70',
        'From: <sip:pbx1@gw.example.net>;tag=f1',
        'To: <sip:pbx1@gw.example.net>',
        'Call-ID: call-1@192.0.2.10',
        `CSeq: ${cseq} ${method}`,
        ...lines,
        'Content-Length: 0',
      ]),
    ),
  );
  if (!parsed.ok || parsed.value.kind !== 'request') return assert.fail(`test request does not parse: ${JSON.stringify(parsed)}`);
  return parsed.value;
}

/** `base` with `fields` added after its headers (e.g. the credentials of a retried request). */
export function withFields(base: SipRequest, fields: readonly HeaderField[]): SipRequest {
  return { ...base, headers: [...base.headers, ...fields] };
}

/** A response of `status` carrying `fields` (challenges). */
export function responseWith(status: number, fields: readonly HeaderField[]): SipResponse {
  return { kind: 'response', status, reason: '', headers: fields, body: new Uint8Array(0) };
}
