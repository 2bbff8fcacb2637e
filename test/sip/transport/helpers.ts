// Shared by the transport tests: SIP text builders, waiting for events (always with a bound),
// and the IPv6 loopback probe.
import { createSocket } from 'node:dgram';
import { expect } from 'vitest';
import { parseMessage, type SipMessage, type SipRequest, type SipResponse } from '../../../src/sip/message/index.js';
import { octets, valueOf } from '../helpers.js';

/** How long any test waits for a socket event before failing (under vitest's 5 s test timeout). */
export const WAIT_MS = 3000;

/** An OPTIONS request; `via` is the top Via value, `extra` more header lines. */
export function optionsText(via: string, extra: readonly string[] = [], body = ''): string {
  return [
    'OPTIONS sip:gw@example.net SIP/2.0',
    `Via: ${via}`,
    'Max-Forwards: 70',
    'To: <sip:gw@example.net>',
    'From: <sip:tester@example.com>;tag=t1',
    'Call-ID: call-1@example.com',
    'CSeq: 1 OPTIONS',
    ...extra,
    `Content-Length: ${Buffer.byteLength(body, 'latin1')}`,
    '',
    body,
  ].join('\r\n');
}

export function optionsBytes(via: string, extra: readonly string[] = [], body = ''): Uint8Array {
  return octets(optionsText(via, extra, body));
}

export function parsed(data: Uint8Array, framing: 'datagram' | 'stream' = 'datagram'): SipMessage {
  return valueOf(parseMessage(data, { framing }));
}

/** A 200 to `request` as a UAS builds it: Via, From, To (tagged), Call-ID and CSeq copied. */
export function ok200(request: SipRequest): SipResponse {
  const headers = request.headers
    .filter((h) => ['via', 'from', 'to', 'call-id', 'cseq'].includes(h.name.toLowerCase()))
    .map((h) => (h.name.toLowerCase() === 'to' ? { name: h.name, value: `${h.value};tag=gw1` } : h));
  return { kind: 'response', status: 200, reason: 'OK', headers, body: new Uint8Array(0) };
}

interface Subscribable<E> {
  on<K extends keyof E>(event: K, listener: (value: E[K]) => void): () => void;
}

/** Every `event` from now on, in order. */
export function collect<E, K extends keyof E>(source: Subscribable<E>, event: K): E[K][] {
  const seen: E[K][] = [];
  source.on(event, (value) => seen.push(value));
  return seen;
}

/** The next `event` (that `accept`s), or a failure after WAIT_MS. */
export function next<E, K extends keyof E>(source: Subscribable<E>, event: K, accept: (value: E[K]) => boolean = () => true): Promise<E[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} within ${WAIT_MS} ms`));
    }, WAIT_MS);
    const off = source.on(event, (value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

/** Resolves once `condition()` holds, checking after each turn of the event loop; fails after WAIT_MS. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Whether a UDP socket can bind ::1 here, and the error if not. */
export function probeIpv6(): Promise<{ readonly available: boolean; readonly error?: string }> {
  return new Promise((resolve) => {
    const socket = createSocket('udp6');
    socket.once('error', (error) => {
      socket.close();
      resolve({ available: false, error: error.message });
    });
    socket.bind(0, '::1', () => socket.close(() => resolve({ available: true })));
  });
}
