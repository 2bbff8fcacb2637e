// Basic calls between two UAs on the in-memory wire: INVITE/100/180/200/ACK/BYE both ways, the
// dialog fields each side keeps (RFC 3261 §12), bodies with binary parts, 2xx retransmission.
import { describe as group, expect, it } from 'vitest';
import { fieldValues, type SipRequest } from '../../../src/sip/message/index.js';
import type { ClientCall, ServerCall, Termination } from '../../../src/sip/ua/index.js';
import { Wire } from './wire.js';

const SDP_A = 'v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 8\r\n';
const SDP_B = 'v=0\r\no=b 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 5000 RTP/AVP 8\r\n';
const text = (octets: Uint8Array | undefined): string => Buffer.from(octets ?? []).toString('latin1');

/** Two UAs: A calls B; B rings at once and answers after 100 ms. */
async function answeredCall(): Promise<{ wire: Wire; a: ClientCall; b: ServerCall; events: string[] }> {
  const wire = new Wire();
  const uaA = wire.ua('A');
  const uaB = wire.ua('B');
  const events: string[] = [];
  let server: ServerCall | undefined;
  uaB.on('invite', (call) => {
    server = call;
    events.push(`B invite sdp=${text(call.invite.body.sdp).slice(0, 8)}`);
    call.on('ack', () => events.push('B ack'));
    call.on('bye', () => events.push('B bye'));
    call.on('terminated', (t) => events.push(`B terminated ${t.cause}`));
    call.progress(180);
    wire.clock.setTimer(100, () => call.answer({ sdp: SDP_B }));
  });
  const placed = uaA.invite('sip:+15551230000@192.0.2.2', { from: '"Alice" <sip:+15551110000@192.0.2.1>', sdp: SDP_A });
  if (!placed.ok) throw placed.error;
  const a = placed.value;
  a.on('provisional', (p) => events.push(`A provisional ${p.status}`));
  a.on('answered', (r) => events.push(`A answered sdp=${text(r.body.sdp).slice(0, 8)}`));
  a.on('terminated', (t) => events.push(`A terminated ${t.cause}`));
  await wire.run(200);
  if (server === undefined) throw new Error('no call arrived');
  return { wire, a, b: server, events };
}

group('a call on the in-memory wire', () => {
  it('INVITE/100/180/200/ACK, then BYE from the caller', async () => {
    const { wire, a, b, events } = await answeredCall();
    expect(a.bye().ok).toBe(true);
    await wire.run(100);
    expect(wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 180 (INVITE 1)',
      '   110  B>A 200 (INVITE 1)',
      '   120  A>B ACK 1',
      '   200  A>B BYE 2',
      '   210  B>A 200 (BYE 2)',
    ]);
    expect(events).toEqual([
      'B invite sdp=v=0\r\no=a',
      'A provisional 180',
      'A answered sdp=v=0\r\no=b',
      'B ack',
      'A terminated local-bye',
      'B bye',
      'B terminated remote-bye',
    ]);
    expect([a.ended, b.ended]).toEqual([true, true]);
  });

  it('the answered call releases its INVITE (read before the final response), and its dialog still works', async () => {
    const { wire, a, b } = await answeredCall();
    expect(() => b.invite).toThrow(/after the final response 200/);
    expect(() => b.from).toThrow(/released/);
    expect(b.callId).toBe(a.callId);
    // The dialog kept what it needs: the callee's BYE carries the caller's From and To, swapped.
    expect(b.bye().ok).toBe(true);
    await wire.run(100);
    const bye = wire.from('B').find((m) => m.kind === 'request' && m.method === 'BYE') as SipRequest;
    expect(fieldValues(bye.headers, 'To')[0]).toMatch(/^"Alice" <sip:\+15551110000@192\.0\.2\.1>;tag=/);
    expect(fieldValues(bye.headers, 'Call-ID')).toEqual([a.callId]);
    expect([a.ended, b.ended]).toEqual([true, true]);
  });

  it('BYE from the callee; every dialog and transaction is gone once the timers ran', async () => {
    const { wire, a, b, events } = await answeredCall();
    expect(b.bye().ok).toBe(true);
    await wire.run(100);
    expect(wire.trace().slice(-2)).toEqual(['   200  B>A BYE 1', '   210  A>B 200 (BYE 1)']);
    expect(events).toContain('B terminated local-bye');
    expect(events).toContain('A terminated remote-bye');
    expect([a.ended, b.ended]).toEqual([true, true]);
    await wire.run(64_000);
    expect(wire.clock.pending()).toBe(0);
  });

  it('fills the dialog fields of §12: tags, Contact, CSeq; the ACK has the INVITE CSeq and a branch of its own', async () => {
    const { wire, a } = await answeredCall();
    a.bye();
    await wire.run(100);
    const [invite, ack, bye] = wire.from('A').filter((m): m is SipRequest => m.kind === 'request');
    const ok200 = wire.from('B').find((m) => m.kind === 'response' && m.status === 200);
    if (invite === undefined || ack === undefined || bye === undefined || ok200 === undefined) throw new Error('messages missing');
    const h = (m: { headers: readonly { name: string; value: string }[] }, name: string): string => fieldValues(m.headers, name).join(', ');
    expect(h(invite, 'From')).toBe('"Alice" <sip:+15551110000@192.0.2.1>;tag=a1');
    expect(h(ok200, 'To')).toBe('<sip:+15551230000@192.0.2.2>;tag=b1');
    expect(h(ok200, 'Contact')).toBe('<sip:192.0.2.2:5060>');
    expect(h(invite, 'Supported')).toBe('100rel, timer');
    expect([h(invite, 'User-Agent'), h(ok200, 'Server')]).toEqual(['Tandem', 'Tandem']);
    expect(h(ack, 'CSeq')).toBe('1 ACK');
    expect(h(ack, 'Via')).not.toBe(h(invite, 'Via'));
    expect(ack.uri).toBe('sip:192.0.2.2:5060');
    expect(bye.uri).toBe('sip:192.0.2.2:5060');
    expect(h(bye, 'To')).toBe('<sip:+15551230000@192.0.2.2>;tag=b1');
    expect(h(bye, 'CSeq')).toBe('2 BYE');
  });

  it('retransmits the 2xx until the ACK when the ACK is lost (RFC 3261 §13.3.1.4)', async () => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    const uaB = wire.ua('B');
    let acks = 0;
    uaB.on('invite', (call) => {
      call.on('ack', () => acks++);
      call.answer({ sdp: SDP_B });
    });
    let firstAck = true;
    wire.drop = (m) => {
      const lose = m.kind === 'request' && m.method === 'ACK' && firstAck;
      if (lose) firstAck = false;
      return lose;
    };
    const call = uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP_A });
    if (!call.ok) throw call.error;
    await wire.run(2000);
    expect(wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 200 (INVITE 1)',
      '    20  A>B ACK 1 (lost)',
      '   510  B>A 200 (INVITE 1)',
      '   520  A>B ACK 1',
    ]);
    expect(acks).toBe(1);
  });

  it('a callee that never gets the ACK sends BYE after 64*T1 (GW_ERR_TX_NO_ACK)', async () => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    const uaB = wire.ua('B');
    let ended: Termination | undefined;
    uaB.on('invite', (call) => {
      call.on('terminated', (t) => (ended = t));
      call.answer({ sdp: SDP_B });
    });
    wire.drop = (m) => m.kind === 'request' && m.method === 'ACK';
    uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP_A });
    await wire.run(33_000);
    expect(ended?.cause).toBe('no-ack');
    expect(ended?.error?.code).toBe('GW_ERR_TX_NO_ACK');
    expect(wire.trace().filter((l) => l.includes('BYE'))).toEqual([' 32010  B>A BYE 1', ' 32020  A>B 200 (BYE 1)']);
  });

  it('carries multipart bodies with binary parts both ways, octet for octet', async () => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    const uaB = wire.ua('B', { accept: ['application/isup'] });
    const isup = new Uint8Array([0x01, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x80]);
    const seen: string[] = [];
    uaB.on('invite', (call) => {
      for (const p of call.invite.body.parts) seen.push(`${p.contentType?.type}/${p.contentType?.subtype} ${p.disposition?.type ?? '-'} ${Buffer.from(p.body).toString('hex')}`);
      call.progress(183, { sdp: SDP_B, parts: [{ contentType: 'application/isup;version=itu-t92+', disposition: 'signal;handling=optional', body: isup }] });
    });
    const call = uaA.invite('sip:b@192.0.2.2', {
      from: 'sip:a@192.0.2.1',
      sdp: SDP_A,
      parts: [{ contentType: 'application/isup;version=itu-t92+;base=itu-t92+', disposition: 'signal;handling=required', body: isup }],
    });
    if (!call.ok) throw call.error;
    call.value.on('provisional', (p) => seen.push(`183 ${p.body.parts.length} parts, isup ${Buffer.from(p.body.parts[1]?.body ?? []).toString('hex')}`));
    await wire.run(100);
    expect(seen).toEqual([
      `application/sdp - ${Buffer.from(SDP_A).toString('hex')}`,
      'application/isup signal 01000d0a2d2dff80',
      '183 2 parts, isup 01000d0a2d2dff80',
    ]);
    expect(fieldValues(wire.from('A')[0]?.headers ?? [], 'Content-Type')[0]).toBe('multipart/mixed;boundary=boundary-a1');
  });

  it('a 2xx from a second fork gets ACK and BYE; a 2xx after the INVITE transaction ended gets the same ACK again', async () => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    const peer = wire.peer('P');
    const placed = uaA.invite('sip:p@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP_A });
    if (!placed.ok) throw placed.error;
    const answered: string[] = [];
    placed.value.on('answered', (r) => answered.push(fieldValues(r.message.headers, 'To').join()));
    await wire.run(20);
    const [invite] = peer.inbox;
    const h = (name: string): string => fieldValues(invite?.headers ?? [], name).join(', ');
    const ok200 = (tag: string): string[] => ['SIP/2.0 200 OK', `Via: ${h('Via')}`, `From: ${h('From')}`, `To: ${h('To')};tag=${tag}`, `Call-ID: ${h('Call-ID')}`, `CSeq: ${h('CSeq')}`, `Contact: <sip:${tag}@192.0.2.2>`];
    peer.send('A', ok200('p1'));
    peer.send('A', ok200('p2'));
    await wire.run(40_000);
    peer.send('A', ok200('p1'));
    await wire.run(20);
    const requests = peer.inbox.filter((m): m is SipRequest => m.kind === 'request');
    expect(requests.map((m) => `${m.method} ${m.uri} ${fieldValues(m.headers, 'CSeq').join()}`)).toEqual([
      'INVITE sip:p@192.0.2.2 1 INVITE',
      'ACK sip:p1@192.0.2.2 1 ACK',
      'ACK sip:p2@192.0.2.2 1 ACK',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'BYE sip:p2@192.0.2.2 2 BYE',
      'ACK sip:p1@192.0.2.2 1 ACK',
    ]);
    expect(fieldValues(requests.at(-1)?.headers ?? [], 'Via')).toEqual(fieldValues(requests[1]?.headers ?? [], 'Via'));
    expect(answered).toEqual(['<sip:p@192.0.2.2>;tag=p1']);
    expect(placed.value.ended).toBe(false);
  });
});

group('Max-Forwards of a new INVITE (RFC 3261 §8.1.1.6)', () => {
  const maxForwardsSent = async (maxForwards: number | undefined): Promise<string[]> => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    wire.ua('B').on('invite', (call) => void call.reject(486));
    const placed = uaA.invite('sip:+15551230000@192.0.2.2', { from: '<sip:+15551110000@192.0.2.1>', ...(maxForwards === undefined ? {} : { maxForwards }) });
    if (!placed.ok) throw placed.error;
    await wire.run(100);
    return wire.sent.filter((s) => s.message.kind === 'request' && s.message.method === 'INVITE').map((s) => fieldValues(s.message.headers, 'Max-Forwards').join(','));
  };

  it.each([
    [undefined, '70'],
    [12, '12'],
    [0, '0'],
    [255, '255'],
    [300, '255'],
    [-3, '0'],
    [7.9, '7'],
  ])('maxForwards %s → Max-Forwards: %s', async (given, sent) => {
    expect(await maxForwardsSent(given)).toEqual([sent]);
  });
});

group('a BYE with a body (RFC 3204 application/isup)', () => {
  it('carries the parts and extra headers next to the Reason; the callee reads them', async () => {
    const { wire, a, b } = await answeredCall();
    const seen: string[] = [];
    b.on('bye', (r) => seen.push(`${r.body.parts.map((p) => `${p.contentType?.type ?? '?'}/${p.contentType?.subtype ?? '?'} ${Buffer.from(p.body).toString('hex')}`).join(',')} ${fieldValues(r.message.headers, 'X-Test').join(',')}`));
    const isup = { contentType: 'application/isup;version=itu-t92+', disposition: 'signal;handling=optional', body: Uint8Array.of(0x0c, 0x02, 0x00, 0x02, 0x83, 0x9f) };
    expect(a.bye({ reason: [{ protocol: 'Q.850', cause: 31, params: [] }], headers: [{ name: 'X-Test', value: 'yes' }], parts: [isup] }).ok).toBe(true);
    await wire.run(100);
    const bye = wire.sent.find((s) => s.message.kind === 'request' && s.message.method === 'BYE')?.message as SipRequest;
    expect(fieldValues(bye.headers, 'Content-Type')).toEqual(['application/isup;version=itu-t92+']);
    expect(fieldValues(bye.headers, 'Content-Disposition')).toEqual(['signal;handling=optional']);
    expect(fieldValues(bye.headers, 'Reason')[0]).toMatch(/^Q\.850;cause=31/);
    expect(seen).toEqual(['application/isup 0c020002839f yes']);
  });

  it('a CANCEL (bye() before the answer) carries no body', async () => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    wire.ua('B').on('invite', (call) => call.progress(180));
    const placed = uaA.invite('sip:+15551230000@192.0.2.2', { from: '<sip:+15551110000@192.0.2.1>', sdp: SDP_A });
    if (!placed.ok) throw placed.error;
    await wire.run(50);
    expect(placed.value.bye({ parts: [{ contentType: 'application/isup;version=itu-t92+', body: Uint8Array.of(0x0c) }] }).ok).toBe(true);
    await wire.run(50);
    const cancel = wire.sent.find((s) => s.message.kind === 'request' && s.message.method === 'CANCEL')?.message as SipRequest;
    expect([cancel.body.length, fieldValues(cancel.headers, 'Content-Type')]).toEqual([0, []]);
  });
});
