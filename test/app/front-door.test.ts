// The front door: stateless refusals with a stable To tag, CDR events for refused INVITEs, the
// admission of INVITE retransmissions without a second check, 503 while draining, strangers
// dropped when so configured, and refusal log lines limited per source (CDR events never).
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FrontDoor, type FrontDoorOptions } from '../../src/app/front-door.js';
import { SUMMARY_MSG } from '../../src/app/refusal-log.js';
import { PeerAccess } from '../../src/app/peer-access.js';
import type { CallEvent } from '../../src/cdr/events.js';
import { DigestClient } from '../../src/sip/auth/index.js';
import { validateConfig } from '../../src/config/index.js';
import { FakeClock } from '../../src/core/clock.js';
import { fieldValues, type SipMessage, type SipResponse } from '../../src/sip/message/index.js';
import type { TxTarget } from '../../src/sip/transaction/message.js';
import { request, withFields } from '../sip/auth/support.js';

const CONFIG = [
  { path: 'g.yaml', text: 'gateway:\n  nodeId: gw1\n  sip: { listen: { udp: [127.0.0.1:5060] } }\n  cdr: { spoolDir: cdr }\n' },
  { path: 'p.yaml', text: 'peers:\n  pbx: { address: 127.0.0.1, acl: [127.0.0.1/32] }\n  secure: { address: 192.0.2.7, acl: [192.0.2.7], auth: { inbound: { username: alice, password: x } } }\n' },
];

function setup(options: Pick<FrontDoorOptions, 'strangers' | 'refusalLog'> = {}) {
  const result = validateConfig(CONFIG);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const clock = new FakeClock(1_000_000);
  const sent: SipResponse[] = [];
  const events: CallEvent[] = [];
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const door = new FrontDoor({
    access: new PeerAccess({ peers: result.config.peers, clock }),
    clock,
    send: (m: SipMessage) => void (m.kind === 'response' && sent.push(m)),
    log,
    onCallEvent: (e) => events.push(e),
    monotonic: () => 42,
    retryAfterSeconds: 30,
    ...options,
  });
  return { door, clock, sent, events, lines };
}

const from = (host: string): TxTarget => ({ transport: 'UDP', host, port: 5070, reliable: false });
const toTag = (r: SipResponse | undefined) => /tag=([^;]+)/.exec(fieldValues(r?.headers ?? [], 'To')[0] ?? '')?.[1];

describe('FrontDoor', () => {
  it('lets in a request from a peer and remembers which peer', () => {
    const { door, sent } = setup();
    const invite = request('INVITE', 'sip:+4930123@gw1');
    expect(door.admit(invite, from('127.0.0.1'))).toBe(true);
    expect(door.admissionOf(invite)).toMatchObject({ peer: { name: 'pbx' }, at: 42 });
    expect(sent).toEqual([]);
  });

  it('answers a refused INVITE itself, the same To tag for each retransmission, logs it and reports it to the CDR hook', () => {
    const { door, sent, events, lines } = setup();
    const invite = request('INVITE', 'sip:+4930123@gw1');
    expect(door.admit(invite, from('203.0.113.9'))).toBe(false);
    expect(door.admit(invite, from('203.0.113.9'))).toBe(false);
    expect(sent.map((r) => r.status)).toEqual([403, 403]);
    expect(toTag(sent[0])).toBe(toTag(sent[1]));
    expect(events.map((e) => e.type)).toEqual(['attemptStarted', 'refused', 'attemptStarted', 'refused']);
    expect(events[1]).toMatchObject({ by: 'acl', sipStatus: 403 });
    expect(events[0]).toMatchObject({ direction: 'sipToPstn', called: '+4930123', callId: 'call-1@192.0.2.10' });
    expect(lines[0]).toMatchObject({ msg: 'request refused', refusedBy: 'acl', status: 403, callId: 'call-1@192.0.2.10', method: 'INVITE' });
  });

  it('passes ACK, CANCEL, responses and requests within a dialog without a check', () => {
    const { door } = setup();
    const elsewhere = from('203.0.113.9');
    expect(door.admit(request('ACK', 'sip:x@gw1'), elsewhere)).toBe(true);
    expect(door.admit(request('CANCEL', 'sip:x@gw1'), elsewhere)).toBe(true);
    const bye = request('BYE', 'sip:x@gw1');
    expect(door.admit({ ...bye, headers: bye.headers.map((h) => (h.name === 'To' ? { ...h, value: `${h.value};tag=abc` } : h)) }, elsewhere)).toBe(true);
  });

  it('lets a retransmitted INVITE in again without a second digest check (its nonce count is not new)', () => {
    const { door, sent } = setup();
    const first = request('INVITE', 'sip:+4930123@gw1');
    expect(door.admit(first, from('192.0.2.7'))).toBe(false);
    const client = new DigestClient({ credentials: () => ({ username: 'alice', password: 'x' }) });
    const fields = client.answer(first, sent[0] as SipResponse);
    if (!fields.ok) throw new Error(fields.error.message);
    const authenticated = withFields(request('INVITE', 'sip:+4930123@gw1', [], 2), fields.value);
    expect(door.admit(authenticated, from('192.0.2.7'))).toBe(true);
    expect(door.admit(authenticated, from('192.0.2.7'))).toBe(true);
    expect(door.admissionOf(authenticated)).toMatchObject({ peer: { name: 'secure' }, username: 'alice' });
    expect(sent.map((r) => r.status)).toEqual([401]);
  });

  it('while draining: 503 with Retry-After to new INVITEs and OPTIONS, retransmissions of admitted INVITEs still in', () => {
    const { door, sent, events } = setup();
    const admitted = request('INVITE', 'sip:+4930123@gw1');
    expect(door.admit(admitted, from('127.0.0.1'))).toBe(true);
    door.drain();
    expect(door.admit(admitted, from('127.0.0.1'))).toBe(true);
    expect(door.admit(request('INVITE', 'sip:+4930124@gw1', [], 7), from('127.0.0.1'))).toBe(false);
    expect(door.admit(request('OPTIONS', 'sip:gw1'), from('127.0.0.1'))).toBe(false);
    expect(sent.map((r) => [r.status, fieldValues(r.headers, 'Retry-After')[0]])).toEqual([
      [503, '30'],
      [503, '30'],
    ]);
    expect(events.filter((e) => e.type === 'refused')).toMatchObject([{ by: 'draining', sipStatus: 503 }]);
  });

  it('forgets admitted INVITEs after 64*T1', () => {
    const { door, clock, sent } = setup();
    const admitted = request('INVITE', 'sip:+4930123@gw1');
    door.admit(admitted, from('127.0.0.1'));
    door.drain();
    clock.advance(32_000);
    expect(door.admit(admitted, from('127.0.0.1'))).toBe(false);
    expect(sent.map((r) => r.status)).toEqual([503]);
  });

  it('strangers: drop sends nothing to a source no peer admits, still logs it and reports a refused INVITE to the CDR hook', () => {
    const { door, sent, events, lines } = setup({ strangers: 'drop' });
    expect(door.admit(request('INVITE', 'sip:+4930123@gw1'), from('203.0.113.9'))).toBe(false);
    expect(door.admit(request('OPTIONS', 'sip:gw1'), from('203.0.113.9'))).toBe(false);
    expect(door.admit(request('REGISTER', 'sip:gw1'), from('203.0.113.9'))).toBe(false);
    expect(sent).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['attemptStarted', 'refused']);
    expect(events[1]).toEqual(expect.objectContaining({ by: 'acl' }));
    expect(events[1]).not.toHaveProperty('sipStatus');
    expect(lines.map((l) => [l.msg, l.method, l.refusedBy, l.dropped, l.status])).toEqual([
      ['request refused', 'INVITE', 'acl', true, undefined],
      ['request refused', 'OPTIONS', 'acl', true, undefined],
      ['request refused', 'REGISTER', 'acl', true, undefined],
    ]);
  });

  it('strangers: drop still answers a source some peer admits: the challenge, and 503 while draining', () => {
    const { door, sent } = setup({ strangers: 'drop' });
    expect(door.admit(request('INVITE', 'sip:+4930123@gw1'), from('192.0.2.7'))).toBe(false);
    door.drain();
    expect(door.admit(request('OPTIONS', 'sip:gw1'), from('127.0.0.1'))).toBe(false);
    expect(sent.map((r) => r.status)).toEqual([401, 503]);
  });

  it('strangers: reject (the default) answers each stranger 403', () => {
    const { door, sent } = setup({ strangers: 'reject' });
    expect(door.admit(request('REGISTER', 'sip:gw1'), from('203.0.113.9'))).toBe(false);
    expect(door.admit(request('OPTIONS', 'sip:gw1'), from('203.0.113.9'))).toBe(false);
    expect(sent.map((r) => r.status)).toEqual([403, 403]);
  });

  it('logs the first refusals of a source one by one and the rest in one summary per window, while every one is answered and every refused INVITE reported', () => {
    const { door, clock, sent, events, lines } = setup({ refusalLog: { perSource: 2, windowMs: 60_000 } });
    for (let i = 1; i <= 6; i++) expect(door.admit(request('INVITE', `sip:+49301${i}@gw1`, [], i), from('203.0.113.9'))).toBe(false);
    expect(door.admit(request('OPTIONS', 'sip:gw1'), from('198.51.100.1'))).toBe(false);
    expect(sent).toHaveLength(7);
    expect(events.filter((e) => e.type === 'refused')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'attemptStarted').map((e) => e.type === 'attemptStarted' && e.called)).toEqual(['+493011', '+493012', '+493013', '+493014', '+493015', '+493016']);
    expect(lines.filter((l) => l.msg === 'request refused').map((l) => l.source)).toEqual(['UDP 203.0.113.9:5070', 'UDP 203.0.113.9:5070', 'UDP 198.51.100.1:5070']);
    expect(lines.filter((l) => l.msg === SUMMARY_MSG)).toEqual([]);
    clock.advance(60_000);
    expect(lines.filter((l) => l.msg === SUMMARY_MSG)).toMatchObject([{ source: '203.0.113.9', count: 4, windowMs: 60_000 }]);
  });

  it('close() logs the summaries of windows still open', () => {
    const { door, clock, lines } = setup({ refusalLog: { perSource: 1 } });
    for (let i = 0; i < 3; i++) door.admit(request('REGISTER', 'sip:gw1', [], i + 1), from('203.0.113.9'));
    door.close();
    expect(lines.filter((l) => l.msg === SUMMARY_MSG)).toMatchObject([{ source: '203.0.113.9', count: 2 }]);
    expect(clock.pending()).toBe(0);
  });
});
