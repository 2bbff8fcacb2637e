// Session timers (RFC 4028) between UAs on the in-memory wire: negotiation in the INVITE and its
// 2xx, refreshes by the refresher at half the interval (UPDATE when allowed, else re-INVITE), BYE
// when no refresh comes, and 422 with a retry at the peer's Min-SE.
import { describe, expect, it } from 'vitest';
import { fieldValues, type SipMessage } from '../../../src/sip/message/index.js';
import type { ClientCall, Termination, UserAgentOptions } from '../../../src/sip/ua/index.js';
import { Wire } from './wire.js';

const SDP = 'v=0\r\n';
const header = (m: SipMessage | undefined, name: string): string => fieldValues(m?.headers ?? [], name).join(', ');

async function placeCall(a: Partial<UserAgentOptions>, b: Partial<UserAgentOptions>): Promise<{ wire: Wire; call: ClientCall; ended: string[] }> {
  const wire = new Wire();
  const uaA = wire.ua('A', a);
  const uaB = wire.ua('B', b);
  const ended: string[] = [];
  const record = (side: string) => (t: Termination) => ended.push(`${side} ${t.cause}${t.error === undefined ? '' : ` ${t.error.code}`}`);
  uaB.on('invite', (c) => {
    c.on('terminated', record('B'));
    c.answer({ sdp: SDP });
  });
  const placed = uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP });
  if (!placed.ok) throw placed.error;
  placed.value.on('terminated', record('A'));
  await wire.run(100);
  return { wire, call: placed.value, ended };
}

describe('session timers (RFC 4028)', () => {
  it('the caller asks for 120 s and refreshes with UPDATE every 60 s; the callee sees the refreshes', async () => {
    const { wire, call, ended } = await placeCall({ sessionTimer: { interval: 120 } }, {});
    const [invite] = wire.from('A');
    const ok200 = wire.from('B')[1];
    expect([header(invite, 'Session-Expires'), header(invite, 'Min-SE'), header(invite, 'Supported')]).toEqual(['120', '90', '100rel, timer']);
    expect([header(ok200, 'Session-Expires'), header(ok200, 'Require')]).toEqual(['120;refresher=uac', 'timer']);
    expect(call.sessionInterval).toEqual({ interval: 120, refresher: 'local' });
    await wire.run(130_000);
    expect(wire.trace().slice(4)).toEqual([
      ' 60020  A>B UPDATE 2',
      ' 60030  B>A 200 (UPDATE 2)',
      '120040  A>B UPDATE 3',
      '120050  B>A 200 (UPDATE 3)',
    ]);
    expect(header(wire.from('A')[2], 'Session-Expires')).toBe('120;refresher=uac');
    expect(ended).toEqual([]);
  });

  it('no refresh arrives: the callee sends BYE at the interval minus 32 s (GW_ERR_SIP_UA_SESSION_EXPIRED)', async () => {
    const { wire, ended } = await placeCall({ sessionTimer: { interval: 120 } }, {});
    wire.drop = (m) => m.kind === 'request' && m.method === 'UPDATE';
    await wire.run(100_000);
    expect(wire.trace().filter((l) => l.includes('BYE'))).toEqual([' 88010  B>A BYE 1', ' 88020  A>B 200 (BYE 1)']);
    expect(ended).toEqual(['B session-expired GW_ERR_SIP_UA_SESSION_EXPIRED', 'A remote-bye']);
  });

  it('a callee that wants a session timer the caller did not ask for refreshes itself (refresher=uas)', async () => {
    const { wire, call } = await placeCall({}, { sessionTimer: { interval: 90 } });
    expect(header(wire.from('B')[1], 'Session-Expires')).toBe('90;refresher=uas');
    expect(call.sessionInterval).toEqual({ interval: 90, refresher: 'remote' });
    await wire.run(50_000);
    expect(wire.trace().slice(4)).toEqual([' 45010  B>A UPDATE 1', ' 45020  A>B 200 (UPDATE 1)']);
  });

  it('422: the callee takes no less than 300 s; the caller retries with its Min-SE', async () => {
    const { wire, call } = await placeCall({ sessionTimer: { interval: 120 } }, { sessionTimer: { minSE: 300 } });
    expect(wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 422 (INVITE 1)',
      '    20  A>B ACK 1',
      '    20  A>B INVITE 2',
      '    30  B>A 100 (INVITE 2)',
      '    30  B>A 200 (INVITE 2)',
      '    40  A>B ACK 2',
    ]);
    expect(header(wire.from('B')[1], 'Min-SE')).toBe('300');
    expect([header(wire.from('A')[2], 'Session-Expires'), header(wire.from('A')[2], 'Min-SE')]).toEqual(['300', '300']);
    expect(call.sessionInterval).toEqual({ interval: 300, refresher: 'local' });
  });

  it('a peer that does not allow UPDATE is refreshed with a re-INVITE carrying the same SDP', async () => {
    const wire = new Wire();
    const a = wire.ua('A', { sessionTimer: { interval: 90 } });
    const peer = wire.peer('P');
    const placed = a.invite('sip:p@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: SDP });
    if (!placed.ok) throw placed.error;
    await wire.run(20);
    const invite = peer.inbox[0];
    const answer = (request: SipMessage | undefined, extra: string[]): void =>
      peer.send(
        'A',
        ['SIP/2.0 200 OK', ...['Via', 'From', 'Call-ID', 'CSeq'].map((h) => `${h}: ${header(request, h)}`), `To: ${header(invite, 'To')};tag=p1`, 'Contact: <sip:p@192.0.2.2>', 'Allow: INVITE, ACK, BYE', ...extra],
        'v=0\r\no=p\r\n',
      );
    answer(invite, ['Session-Expires: 90;refresher=uac', 'Require: timer', 'Content-Type: application/sdp']);
    await wire.run(45_050);
    const reinvite = peer.inbox.find((m) => m.kind === 'request' && m.method === 'INVITE' && header(m, 'CSeq') === '2 INVITE');
    expect(reinvite === undefined ? '' : Buffer.from(reinvite.body).toString()).toBe(SDP);
    expect(header(reinvite, 'Session-Expires')).toBe('90;refresher=uac');
    expect(wire.trace().filter((l) => l.includes('A>P'))).toEqual(['     0  A>P INVITE 1', '    30  A>P ACK 1', ' 45030  A>P INVITE 2']);
  });
});
