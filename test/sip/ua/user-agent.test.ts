// What the UA core answers by itself (RFC 3261 §8.2, §11): OPTIONS with its capabilities, 420
// for an unsupported Require, 415 for a body type it does not accept, 400 for a body that does
// not parse, 480 when nobody takes calls, 405 (or the layer above) for other methods; and what
// invite() refuses.
import { describe, expect, it } from 'vitest';
import { fieldValues, type SipMessage } from '../../../src/sip/message/index.js';
import { Wire } from './wire.js';

const header = (m: SipMessage | undefined, name: string): string => fieldValues(m?.headers ?? [], name).join(', ');
const status = (m: SipMessage | undefined): number | undefined => (m?.kind === 'response' ? m.status : undefined);

function request(method: string, extra: string[] = [], callId = `${method}-1`): string[] {
  return [
    `${method} sip:b@192.0.2.1 SIP/2.0`,
    `Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-${callId}`,
    'From: <sip:p@192.0.2.2>;tag=p1',
    'To: <sip:b@192.0.2.1>',
    `Call-ID: ${callId}`,
    `CSeq: 1 ${method}`,
    'Contact: <sip:p@192.0.2.2>',
    'Max-Forwards: 70',
    ...extra,
  ];
}

describe('the UA core answers', () => {
  it('OPTIONS with Allow, Accept (with what the layer above added), Accept-Encoding and Supported', async () => {
    const wire = new Wire();
    wire.ua('B', { accept: ['application/isup'] });
    const peer = wire.peer('P');
    peer.send('B', request('OPTIONS'));
    await wire.run(20);
    const [answer] = peer.inbox;
    expect(status(answer)).toBe(200);
    expect(['Allow', 'Accept', 'Accept-Encoding', 'Supported'].map((h) => header(answer, h))).toEqual([
      'INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO',
      'application/sdp, multipart/mixed, application/isup',
      'identity',
      '100rel, timer',
    ]);
    expect(header(answer, 'To')).toBe('<sip:b@192.0.2.1>;tag=b1');
    expect(header(answer, 'Server')).toBe('Tandem');
  });

  it('420 with Unsupported, 415 with Accept, 400 for a broken multipart body, 480 without invite listeners', async () => {
    const wire = new Wire();
    wire.ua('B');
    const peer = wire.peer('P');
    peer.send('B', request('INVITE', ['Require: 100rel, foo, bar'], 'i1'));
    peer.send('B', request('INVITE', ['Content-Type: application/isup'], 'i2'), 'isup');
    peer.send('B', request('INVITE', ['Content-Type: multipart/mixed;boundary=xyz'], 'i3'), '--abc\r\n\r\nno close');
    peer.send('B', request('INVITE', ['Content-Type: application/sdp'], 'i4'), 'v=0\r\n');
    await wire.run(20);
    const finals = peer.inbox.filter((m) => (status(m) ?? 0) >= 200);
    expect(finals.map((m) => `${status(m)} ${header(m, 'Call-ID')}`)).toEqual(['420 i1', '415 i2', '400 i3', '480 i4']);
    expect(header(finals[0], 'Unsupported')).toBe('foo, bar');
    expect(header(finals[1], 'Accept')).toBe('application/sdp, multipart/mixed');
    expect(finals[2]?.kind === 'response' && finals[2].reason).toBe('Malformed Multipart Body');
  });

  it('other methods outside a dialog: 405 with Allow, or the layer above answers them', async () => {
    const wire = new Wire();
    const b = wire.ua('B');
    const peer = wire.peer('P');
    peer.send('B', request('MESSAGE', ['Content-Type: text/plain'], 'm1'), 'hello');
    await wire.run(20);
    expect([status(peer.inbox[0]), header(peer.inbox[0], 'Allow')]).toEqual([405, 'INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, INFO']);
    b.on('request', (r) => r.accept({ headers: [{ name: 'X-Seen', value: `${r.method} ${Buffer.from(r.body.parts[0]?.body ?? []).toString()}` }] }));
    peer.send('B', request('MESSAGE', ['Content-Type: text/plain'], 'm2'), 'hello');
    await wire.run(20);
    expect([status(peer.inbox[1]), header(peer.inbox[1], 'X-Seen')]).toEqual([200, 'MESSAGE hello']);
  });

  it('invite() refuses a target it cannot send to, and sends to the outbound proxy when there is one', async () => {
    const wire = new Wire();
    const a = wire.ua('A');
    expect(a.invite('sip:b@gw.example.net', { from: 'sip:a@192.0.2.1' })).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_BAD_TARGET' } });
    expect(a.invite('tel:+15551230000', { from: 'sip:a@192.0.2.1' })).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_BAD_TARGET' } });
    expect(a.invite('not a uri', { from: 'sip:a@192.0.2.1' })).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_BAD_TARGET' } });
    expect(a.invite('sip:b@192.0.2.2', { from: 'Alice <sip:a@192.0.2.1' })).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_BAD_PARTY' } });
    expect(a.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', to: '<sip:b@192.0.2.2>;tag=x' })).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_BAD_PARTY' } });
    const proxy = wire.peer('P');
    const viaProxy = wire.ua('C', { outboundProxy: proxy.address });
    viaProxy.invite('tel:+15551230000', { from: 'sip:c@192.0.2.3' });
    await wire.run(20);
    expect(proxy.inbox.map((m) => (m.kind === 'request' ? `${m.method} ${m.uri}` : ''))).toEqual(['INVITE tel:+15551230000']);
  });

  it('a call with no answer and a timeout: Timer B gives 408 (failed) after 64*T1', async () => {
    const wire = new Wire();
    const a = wire.ua('A');
    wire.peer('P');
    const placed = a.invite('sip:p@192.0.2.2', { from: 'sip:a@192.0.2.1' });
    if (!placed.ok) throw placed.error;
    const seen: string[] = [];
    placed.value.on('failed', (e) => seen.push(`failed ${e.status} ${String((e.cause as { code?: string } | undefined)?.code)}`));
    placed.value.on('terminated', (t) => seen.push(`terminated ${t.cause}`));
    await wire.run(33_000);
    expect(seen).toEqual(['failed 408 GW_ERR_TX_TIMEOUT', 'terminated failed']);
    expect(a.dialogCount).toBe(0);
  });
});
