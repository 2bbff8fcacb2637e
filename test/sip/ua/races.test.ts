// CANCEL and BYE races (RFC 3261 §9, §15): CANCEL before the answer, before any provisional
// response, after the 200 (the INVITE stays answered, then BYE), BYE in the early dialog, and
// CANCEL or BYE for what does not exist.
import { describe, expect, it } from 'vitest';
import { fieldValues } from '../../../src/sip/message/index.js';
import type { ClientCall, ServerCall, UserAgent } from '../../../src/sip/ua/index.js';
import { Wire } from './wire.js';

interface Pair {
  readonly wire: Wire;
  readonly b: UserAgent;
  readonly a: ClientCall;
  readonly events: string[];
  readonly server: () => ServerCall;
}

/** A calls B; B rings at once and answers after `answerAfter` ms (never if undefined). */
function pair(answerAfter?: number): Pair {
  const wire = new Wire();
  const uaA = wire.ua('A');
  const b = wire.ua('B');
  const events: string[] = [];
  let server: ServerCall | undefined;
  b.on('invite', (call) => {
    server = call;
    call.on('cancel', (c) => events.push(`B cancel ${fieldValues(c.message.headers, 'Reason').join()}`));
    call.on('ack', () => events.push('B ack'));
    call.on('bye', () => events.push('B bye'));
    call.on('terminated', (t) => events.push(`B terminated ${t.cause}`));
    call.progress(180);
    if (answerAfter !== undefined) wire.clock.setTimer(answerAfter, () => call.answer({ sdp: 'v=0\r\n' }));
  });
  const placed = uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1', sdp: 'v=0\r\n' });
  if (!placed.ok) throw placed.error;
  const a = placed.value;
  a.on('provisional', (p) => events.push(`A provisional ${p.status}`));
  a.on('answered', () => events.push('A answered'));
  a.on('failed', (e) => events.push(`A failed ${e.status}`));
  a.on('terminated', (t) => events.push(`A terminated ${t.cause}`));
  return {
    wire,
    b,
    a,
    events,
    server: () => {
      if (server === undefined) throw new Error('no call at B');
      return server;
    },
  };
}

const Q850_16 = { reason: [{ protocol: 'Q.850', cause: 16, params: [] }] };

describe('CANCEL and BYE races', () => {
  it('CANCEL before the answer: 200 to the CANCEL, then 487 to the INVITE and its ACK', async () => {
    const { wire, a, events } = pair();
    await wire.run(50);
    expect(a.cancel(Q850_16).ok).toBe(true);
    await wire.run(100);
    expect(wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 180 (INVITE 1)',
      '    50  A>B CANCEL 1',
      '    60  B>A 200 (CANCEL 1)',
      '    60  B>A 487 (INVITE 1)',
      '    70  A>B ACK 1',
    ]);
    expect(events).toEqual([
      'A provisional 180',
      'B cancel Q.850;cause=16',
      'B terminated cancelled',
      'A failed 487',
      'A terminated cancelled',
    ]);
    expect(a.cancel().ok).toBe(false);
  });

  it('cancel() before any provisional response waits for one (§9.1): the 100 is lost, the retransmitted INVITE brings it', async () => {
    const wire = new Wire();
    const uaA = wire.ua('A');
    const b = wire.ua('B');
    b.on('invite', () => undefined);
    let first = true;
    wire.drop = (m) => {
      const lose = m.kind === 'response' && m.status === 100 && first;
      if (lose) first = false;
      return lose;
    };
    const placed = uaA.invite('sip:b@192.0.2.2', { from: 'sip:a@192.0.2.1' });
    if (!placed.ok) throw placed.error;
    placed.value.cancel();
    await wire.run(1000);
    expect(wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1) (lost)',
      '   500  A>B INVITE 1',
      '   510  B>A 100 (INVITE 1)',
      '   520  A>B CANCEL 1',
      '   530  B>A 200 (CANCEL 1)',
      '   530  B>A 487 (INVITE 1)',
      '   540  A>B ACK 1',
    ]);
  });

  it('CANCEL crossing the 200: 200 to the CANCEL, the INVITE stays answered, the caller ACKs and sends BYE', async () => {
    const { wire, a, events } = pair(90);
    await wire.run(105);
    a.cancel();
    await wire.run(100);
    expect(wire.trace()).toEqual([
      '     0  A>B INVITE 1',
      '    10  B>A 100 (INVITE 1)',
      '    10  B>A 180 (INVITE 1)',
      '   100  B>A 200 (INVITE 1)',
      '   105  A>B CANCEL 1',
      '   110  A>B ACK 1',
      '   110  A>B BYE 2',
      '   115  B>A 200 (CANCEL 1)',
      '   120  B>A 200 (BYE 2)',
    ]);
    expect(events).toEqual(['A provisional 180', 'A terminated cancelled', 'B ack', 'B bye', 'B terminated remote-bye']);
  });

  it('BYE in the early dialog: 200 to the BYE, then 487 to the INVITE (§15.1.2)', async () => {
    const wire = new Wire();
    const b = wire.ua('B');
    const peer = wire.peer('P');
    const events: string[] = [];
    b.on('invite', (call) => {
      call.on('bye', () => events.push('bye'));
      call.on('terminated', (t) => events.push(`terminated ${t.cause}`));
      call.progress(183);
    });
    const common = ['From: <sip:p@192.0.2.2>;tag=p1', 'Call-ID: early-bye', 'Max-Forwards: 70'];
    peer.send('B', ['INVITE sip:b@192.0.2.1 SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-p1', ...common, 'To: <sip:b@192.0.2.1>', 'CSeq: 1 INVITE', 'Contact: <sip:p@192.0.2.2>']);
    await wire.run(50);
    const toTag = fieldValues(peer.inbox[1]?.headers ?? [], 'To')[0] ?? '';
    expect(toTag).toBe('<sip:b@192.0.2.1>;tag=b1');
    peer.send('B', ['BYE sip:192.0.2.1:5060 SIP/2.0', 'Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-p2', ...common, `To: ${toTag}`, 'CSeq: 2 BYE']);
    await wire.run(50);
    expect(wire.trace()).toEqual([
      '     0  P>B INVITE 1',
      '    10  B>P 100 (INVITE 1)',
      '    10  B>P 183 (INVITE 1)',
      '    50  P>B BYE 2',
      '    60  B>P 200 (BYE 2)',
      '    60  B>P 487 (INVITE 1)',
    ]);
    expect(events).toEqual(['bye', 'terminated remote-bye']);
  });

  it('bye() before the answer is refused (reject instead); answer() after the CANCEL too', async () => {
    const { wire, a, server } = pair();
    await wire.run(50);
    expect(server().bye()).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_CALL_STATE' } });
    a.cancel();
    await wire.run(15);
    expect(server().answer()).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_CALL_STATE' } });
    expect(server().reject(486)).toMatchObject({ ok: false, error: { code: 'GW_ERR_SIP_UA_CALL_STATE' } });
    expect(server().finalStatus).toBe(487);
  });

  it('CANCEL for no INVITE and BYE for no dialog get 481', async () => {
    const wire = new Wire();
    wire.ua('B');
    const peer = wire.peer('P');
    const common = ['From: <sip:p@192.0.2.2>;tag=p1', 'Max-Forwards: 70', 'Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-x'];
    peer.send('B', ['CANCEL sip:b@192.0.2.1 SIP/2.0', ...common, 'To: <sip:b@192.0.2.1>', 'Call-ID: none-1', 'CSeq: 1 CANCEL']);
    peer.send('B', ['BYE sip:b@192.0.2.1 SIP/2.0', ...common, 'To: <sip:b@192.0.2.1>;tag=zz', 'Call-ID: none-2', 'CSeq: 2 BYE']);
    peer.send('B', ['BYE sip:b@192.0.2.1 SIP/2.0', ...common, 'To: <sip:b@192.0.2.1>', 'Call-ID: none-3', 'CSeq: 2 BYE']);
    await wire.run(20);
    expect(peer.inbox.map((m) => (m.kind === 'response' ? m.status : 0))).toEqual([481, 481, 481]);
  });
});
