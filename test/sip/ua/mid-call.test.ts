// Within a confirmed dialog (RFC 3261 §12.2, §14; RFC 3311; RFC 6086): re-INVITE and its ACK,
// UPDATE, INFO with binary parts, refreshes answered without the layer above, INVITE glare (491),
// a second re-INVITE before the first is answered (500), CSeq order (500), target refresh.
import { describe, expect, it } from 'vitest';
import { fieldValues, type SipMessage } from '../../../src/sip/message/index.js';
import type { ClientCall, ServerCall } from '../../../src/sip/ua/index.js';
import { Wire } from './wire.js';

const SDP_A = 'v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 8\r\n';
const SDP_B = 'v=0\r\no=b 1 1 IN IP4 192.0.2.2\r\nm=audio 5000 RTP/AVP 8\r\n';
const text = (octets: Uint8Array | undefined): string => Buffer.from(octets ?? []).toString('latin1');
const header = (m: SipMessage | undefined, name: string): string => fieldValues(m?.headers ?? [], name).join(', ');

/** A calls B, B answers at once; resolves once both sides are confirmed. */
async function confirmed(): Promise<{ wire: Wire; a: ClientCall; b: ServerCall }> {
  const wire = new Wire();
  const uaA = wire.ua('A');
  const uaB = wire.ua('B', { accept: ['application/isup'] });
  let b: ServerCall | undefined;
  uaB.on('invite', (call) => {
    b = call;
    call.answer({ sdp: SDP_B });
  });
  const placed = uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP_A });
  if (!placed.ok) throw placed.error;
  await wire.run(100);
  if (b === undefined) throw new Error('no call at B');
  return { wire, a: placed.value, b };
}

describe('within the dialog', () => {
  it('re-INVITE with a new offer: the layer above answers; the ACK carries the re-INVITE CSeq', async () => {
    const { wire, a, b } = await confirmed();
    b.on('reinvite', (r) => r.accept({ sdp: SDP_B.replace('5000', '5002') }));
    const outcome = a.reinvite({ sdp: SDP_A.replace('4000', '4002') });
    await wire.run(100);
    const result = await outcome;
    expect(result.ok && text(result.value.body.sdp)).toContain('m=audio 5002');
    expect(wire.trace().slice(4)).toEqual(['   100  A>B INVITE 2', '   110  B>A 100 (INVITE 2)', '   110  B>A 200 (INVITE 2)', '   120  A>B ACK 2']);
    expect(header(wire.from('A').at(-1), 'CSeq')).toBe('2 ACK');
  });

  it('a re-INVITE that only repeats the session (a refresh) is answered with the last SDP, without an event', async () => {
    const { wire, a, b } = await confirmed();
    let asked = 0;
    b.on('reinvite', () => asked++);
    const outcome = a.reinvite({ sdp: SDP_A });
    await wire.run(100);
    const result = await outcome;
    expect(result.ok && text(result.value.body.sdp)).toBe(SDP_B);
    expect(asked).toBe(0);
  });

  it('UPDATE with an offer and INFO with an application/isup part reach the layer above', async () => {
    const { wire, a, b } = await confirmed();
    const seen: string[] = [];
    b.on('update', (u) => {
      seen.push(`update ${text(u.body.sdp).includes('4004')}`);
      u.accept({ sdp: SDP_B });
    });
    b.on('info', (i) => {
      seen.push(`info ${i.body.parts.map((p) => `${p.contentType?.subtype}:${Buffer.from(p.body).toString('hex')}`).join(' ')}`);
      i.reject(415);
    });
    const update = a.update({ sdp: SDP_A.replace('4000', '4004') });
    await wire.run(50);
    const info = a.sendInfo({ parts: [{ contentType: 'application/isup;version=itu-t92+', disposition: 'signal;handling=optional', body: new Uint8Array([0x2c, 0x00, 0x02]) }] });
    await wire.run(50);
    expect((await update).ok).toBe(true);
    expect(await info).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_REQUEST_FAILED', status: 415 } });
    expect(seen).toEqual(['update true', 'info isup:2c0002']);
    expect(a.ended).toBe(false);
  });

  it('UPDATE in the early dialog (RFC 3311 §5.1) reaches the callee before the answer, without session timer headers', async () => {
    const wire = new Wire();
    const uaA = wire.ua('A', { sessionTimer: { interval: 600 } });
    const uaB = wire.ua('B');
    const seen: string[] = [];
    uaB.on('invite', (call) => {
      call.on('update', (u) => {
        seen.push(`update ${text(u.body.sdp).includes('4020')}`);
        u.accept({ sdp: SDP_B });
      });
      call.progress(183, { sdp: SDP_B });
    });
    const placed = uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP_A });
    if (!placed.ok) throw placed.error;
    await wire.run(50);
    const update = placed.value.update({ sdp: SDP_A.replace('4000', '4020') });
    await wire.run(50);
    expect((await update).ok).toBe(true);
    expect(seen).toEqual(['update true']);
    const sent = wire.from('A').find((m) => m.kind === 'request' && m.method === 'UPDATE');
    expect([header(sent, 'Session-Expires'), header(sent, 'CSeq'), header(sent, 'Contact')]).toEqual(['', '2 UPDATE', '<sip:192.0.2.1:5060>']);
    expect(placed.value.sessionInterval).toBeUndefined();
  });

  it('re-INVITEs crossing each other: both get 491 (§14.1), and both sides may try again', async () => {
    const { wire, a, b } = await confirmed();
    const fromA = a.reinvite({ sdp: SDP_A.replace('4000', '4006') });
    const fromB = b.reinvite({ sdp: SDP_B.replace('5000', '5006') });
    await wire.run(100);
    expect([await fromA, await fromB].map((r) => (r.ok ? 200 : 'status' in r.error ? r.error.status : r.error.code))).toEqual([491, 491]);
    const retry = a.reinvite({ sdp: SDP_A.replace('4000', '4008') });
    expect(await a.reinvite({ sdp: SDP_A })).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_REQUEST_PENDING' } });
    await wire.run(100);
    expect((await retry).ok).toBe(true);
    expect([a.ended, b.ended]).toEqual([false, false]);
  });

  it('a second re-INVITE before the first is answered gets 500 with Retry-After; a lower CSeq gets 500', async () => {
    const wire = new Wire();
    const b = wire.ua('B');
    const peer = wire.peer('P');
    b.on('invite', (call) => {
      call.on('reinvite', () => undefined);
      call.answer({ sdp: SDP_B });
    });
    const dialog = (cseq: string, branch: string, to = '<sip:b@192.0.2.1>'): string[] => [
      `${cseq.split(' ')[1] ?? ''} sip:b@192.0.2.1 SIP/2.0`,
      `Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-${branch}`,
      'From: <sip:p@192.0.2.2>;tag=p1',
      `To: ${to}`,
      'Call-ID: two-reinvites',
      `CSeq: ${cseq}`,
      'Contact: <sip:p@192.0.2.2>',
      'Max-Forwards: 70',
    ];
    peer.send('B', dialog('1 INVITE', 'i1'), SDP_A);
    await wire.run(20);
    const to = header(peer.inbox[1], 'To');
    peer.send('B', dialog('1 ACK', 'a1', to));
    peer.send('B', dialog('5 INVITE', 'i2', to), SDP_A.replace('4000', '4010'));
    peer.send('B', dialog('6 INVITE', 'i3', to), SDP_A.replace('4000', '4012'));
    peer.send('B', dialog('4 INFO', 'n1', to));
    await wire.run(20);
    const answers = peer.inbox.filter((m) => m.kind === 'response' && m.status >= 200).map((m) => `${m.kind === 'response' ? m.status : ''} ${header(m, 'CSeq')}`);
    expect(answers).toEqual(['200 1 INVITE', '500 6 INVITE', '500 4 INFO']);
    expect(header(peer.inbox.find((m) => header(m, 'CSeq') === '6 INVITE' && m.kind === 'response' && m.status === 500), 'Retry-After')).toMatch(/^([0-9]|10)$/);
  });

  it('a re-INVITE with a new Contact refreshes the remote target: the BYE goes to it', async () => {
    const wire = new Wire();
    const b = wire.ua('B');
    const peer = wire.peer('P');
    let call: ServerCall | undefined;
    b.on('invite', (c) => {
      call = c;
      c.answer({ sdp: SDP_B });
    });
    const lines = (cseq: string, branch: string, contact: string, to = '<sip:b@192.0.2.1>'): string[] => [
      `${cseq.split(' ')[1] ?? ''} sip:b@192.0.2.1 SIP/2.0`,
      `Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-${branch}`,
      'From: <sip:p@192.0.2.2>;tag=p1',
      `To: ${to}`,
      'Call-ID: refresh-target',
      `CSeq: ${cseq}`,
      `Contact: ${contact}`,
      'Max-Forwards: 70',
    ];
    peer.send('B', lines('1 INVITE', 'i1', '<sip:p@192.0.2.2>'), SDP_A);
    await wire.run(20);
    const to = header(peer.inbox[1], 'To');
    peer.send('B', lines('1 ACK', 'a1', '<sip:p@192.0.2.2>', to));
    peer.send('B', lines('2 INVITE', 'i2', '<sip:moved@192.0.2.2:5060;transport=udp>', to), SDP_A);
    await wire.run(20);
    peer.send('B', lines('2 ACK', 'a2', '<sip:p@192.0.2.2>', to));
    await wire.run(20);
    call?.bye();
    await wire.run(20);
    const bye = peer.inbox.find((m) => m.kind === 'request' && m.method === 'BYE');
    expect(bye?.kind === 'request' && bye.uri).toBe('sip:moved@192.0.2.2:5060;transport=udp');
    expect(header(bye, 'CSeq')).toBe('1 BYE');
  });
});
