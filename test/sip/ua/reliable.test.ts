// Reliable provisional responses (RFC 3262): RSeq and PRACK with RAck, retransmission with T1
// doubling until the PRACK, later responses held back meanwhile, retransmissions discarded by the
// UAC, a PRACK that matches nothing (481), no PRACK at all (5xx), a caller without 100rel.
import { describe, expect, it } from 'vitest';
import { fieldValues, type SipMessage } from '../../../src/sip/message/index.js';
import type { ProgressOptions, ServerCall, UserAgent } from '../../../src/sip/ua/index.js';
import { Wire } from './wire.js';

const SDP = 'v=0\r\n';

function setup(onInvite: (call: ServerCall) => void): { wire: Wire; a: UserAgent; events: string[] } {
  const wire = new Wire();
  const a = wire.ua('A');
  const b = wire.ua('B');
  const events: string[] = [];
  b.on('invite', (call) => {
    call.on('prack', (p) => {
      events.push(`B prack ${fieldValues(p.message.headers, 'RAck').join()}`);
      p.accept();
    });
    call.on('terminated', (t) => events.push(`B terminated ${t.cause} ${t.error?.code ?? ''}`.trim()));
    onInvite(call);
  });
  return { wire, a, events };
}

async function call(s: ReturnType<typeof setup>, options: { require100rel?: boolean } = {}): Promise<void> {
  const placed = s.a.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP, ...options });
  if (!placed.ok) throw placed.error;
  placed.value.on('provisional', (p) => s.events.push(`A provisional ${p.status}${p.reliable ? ' reliable' : ''}`));
  placed.value.on('answered', () => s.events.push('A answered'));
  placed.value.on('failed', (e) => s.events.push(`A failed ${e.status}`));
  await s.wire.run(0);
}

const reliable: ProgressOptions = { reliable: true, sdp: SDP };
const header = (m: SipMessage | undefined, name: string): string => fieldValues(m?.headers ?? [], name).join(', ');

describe('reliable provisional responses (RFC 3262)', () => {
  it('183 with RSeq, PRACK with RAck, then the 200 held back until the PRACK', async () => {
    const s = setup((c) => {
      c.progress(183, reliable);
      c.progress(180);
      c.answer({ sdp: SDP });
    });
    await call(s);
    await s.wire.run(200);
    expect(s.wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 183 (INVITE 1)',
      '    20  A>B PRACK 2',
      '    30  B>A 200 (PRACK 2)',
      '    30  B>A 180 (INVITE 1)',
      '    30  B>A 200 (INVITE 1)',
      '    40  A>B ACK 1',
    ]);
    const r183 = s.wire.from('B')[1];
    expect([header(r183, 'Require'), header(r183, 'RSeq')]).toEqual(['100rel', '1']);
    expect(s.events).toEqual(['A provisional 183 reliable', 'B prack 1 1 INVITE', 'A provisional 180', 'A answered']);
  });

  it('a second reliable provisional waits for the first PRACK and takes the next RSeq', async () => {
    const s = setup((c) => {
      c.progress(183, reliable);
      c.progress(180, { reliable: true });
    });
    await call(s);
    await s.wire.run(100);
    expect(s.wire.trace().slice(2)).toEqual(['    10  B>A 183 (INVITE 1)', '    20  A>B PRACK 2', '    30  B>A 200 (PRACK 2)', '    30  B>A 180 (INVITE 1)', '    40  A>B PRACK 3', '    50  B>A 200 (PRACK 3)']);
    expect(header(s.wire.from('B')[3], 'RSeq')).toBe('2');
    expect(s.events).toEqual(['A provisional 183 reliable', 'B prack 1 1 INVITE', 'A provisional 180 reliable', 'B prack 2 1 INVITE']);
  });

  it('a lost PRACK: the 183 comes again at T1 and is discarded; the PRACK retransmission is answered', async () => {
    const s = setup((c) => c.progress(183, reliable));
    let lose = true;
    s.wire.drop = (m) => {
      const drop = m.kind === 'request' && m.method === 'PRACK' && lose;
      if (drop) lose = false;
      return drop;
    };
    await call(s);
    await s.wire.run(1000);
    expect(s.wire.trace().slice(2)).toEqual([
      '    10  B>A 183 (INVITE 1)',
      '    20  A>B PRACK 2 (lost)',
      '   510  B>A 183 (INVITE 1)',
      '   520  A>B PRACK 2',
      '   530  B>A 200 (PRACK 2)',
    ]);
    expect(s.events).toEqual(['A provisional 183 reliable', 'B prack 1 1 INVITE']);
  });

  it('no PRACK: retransmissions at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s, then 504 after 64*T1 (GW_ERR_SIP_UA_NO_PRACK)', async () => {
    const s = setup((c) => c.progress(183, reliable));
    s.wire.drop = (m) => m.kind === 'request' && m.method === 'PRACK';
    await call(s);
    await s.wire.run(33_000);
    const fromB = s.wire.trace().filter((l) => l.includes('B>A'));
    expect(fromB).toEqual([
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 183 (INVITE 1)',
      '   510  B>A 183 (INVITE 1)',
      '  1510  B>A 183 (INVITE 1)',
      '  3510  B>A 183 (INVITE 1)',
      '  7510  B>A 183 (INVITE 1)',
      ' 15510  B>A 183 (INVITE 1)',
      ' 31510  B>A 183 (INVITE 1)',
      ' 32010  B>A 504 (INVITE 1)',
    ]);
    expect(s.events).toEqual(['A provisional 183 reliable', 'B terminated no-prack GW_ERR_SIP_UA_NO_PRACK', 'A failed 504']);
  });

  it('Require: 100rel from the caller makes every provisional reliable', async () => {
    const s = setup((c) => c.progress(180));
    await call(s, { require100rel: true });
    await s.wire.run(100);
    expect(header(s.wire.from('A')[0], 'Require')).toBe('100rel');
    expect(s.events).toEqual(['A provisional 180 reliable', 'B prack 1 1 INVITE']);
  });

  it('a caller without 100rel gets the provisional unreliably; a PRACK matching nothing gets 481', async () => {
    const wire = new Wire();
    const b = wire.ua('B');
    const peer = wire.peer('P');
    b.on('invite', (c) => c.progress(183, reliable));
    const common = ['Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-p1', 'From: <sip:p@192.0.2.2>;tag=p1', 'Call-ID: no-100rel', 'Max-Forwards: 70'];
    peer.send('B', ['INVITE sip:b@192.0.2.1 SIP/2.0', ...common, 'To: <sip:b@192.0.2.1>', 'CSeq: 1 INVITE', 'Contact: <sip:p@192.0.2.2>']);
    await wire.run(20);
    const r183 = peer.inbox[1];
    expect([r183?.kind === 'response' && r183.status, header(r183, 'RSeq'), header(r183, 'Require')]).toEqual([183, '', '']);
    const prack = ['PRACK sip:192.0.2.1:5060 SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-p2', ...common.slice(1)];
    peer.send('B', [...prack, `To: ${header(r183, 'To')}`, 'CSeq: 2 PRACK', 'RAck: 1 1 INVITE']);
    await wire.run(20);
    expect(peer.inbox.map((m) => (m.kind === 'response' ? `${m.status} ${header(m, 'CSeq')}` : m.method))).toEqual(['100 1 INVITE', '183 1 INVITE', '481 2 PRACK']);
  });
});
