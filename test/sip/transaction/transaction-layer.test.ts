// The transaction layer: matching (RFC 3261 §17.1.3, §17.2.3, §9.2), retransmission absorption,
// what the TU is told, and what it is refused.
import { describe, expect, it } from 'vitest';
import { Bench, expectTranscript, FAR_UDP, PEER_UDP, req, res } from './harness.js';

describe('transaction layer', () => {
  it('matches a CANCEL to the INVITE server transaction it cancels', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKinv1' });
    b.fromNet(invite);
    const ist = b.lastServer();
    b.at(2000);
    const cancel = req('CANCEL', { branch: 'z9hG4bKinv1' });
    b.fromNet(cancel);
    b.respond(b.lastServer(), res(cancel, 200));
    b.respond(ist, res(invite, 487));
    b.at(2100);
    b.fromNet(cancel);
    b.at(2200);
    b.fromNet(req('ACK', { branch: 'z9hG4bKinv1', toTag: 'callee' }));
    b.at(3000);
    const stray = req('CANCEL', { branch: 'z9hG4bKother' });
    b.fromNet(stray);
    b.respond(b.lastServer(), res(stray, 481));
    b.at(40_000);
    expectTranscript(b.lines, 'layer-cancel');
    expect(b.layer.size).toBe(0);
  });

  it('matches RFC 2543 requests on Request-URI, tags, Call-ID, CSeq and top Via', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: undefined, topVia: 'SIP/2.0/UDP 192.0.2.10:5060' });
    b.fromNet(invite);
    const first = b.lastServer();
    b.at(500);
    b.fromNet(invite);
    b.at(600);
    b.fromNet({ ...invite, cseq: { seq: 2, method: 'INVITE' } });
    b.at(700);
    const cancel = req('CANCEL', { branch: undefined, topVia: invite.topVia });
    b.fromNet(cancel);
    b.respond(b.lastServer(), res(cancel, 200));
    b.respond(first, res(invite, 487));
    b.at(800);
    const ack = req('ACK', { branch: undefined, topVia: invite.topVia, cseq: { seq: 1, method: 'ACK' } });
    b.fromNet({ ...ack, toTag: 'other' });
    b.at(900);
    b.fromNet({ ...ack, toTag: 'callee' });
    expectTranscript(b.lines, 'layer-rfc2543');
  });

  it('matches responses on branch and CSeq method: an INVITE and its CANCEL share a branch', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKc1' });
    const cancel = req('CANCEL', { branch: 'z9hG4bKc1' });
    const ict = b.fromTu(invite, FAR_UDP);
    const nict = b.fromTu(cancel, FAR_UDP);
    if (!ict.ok || !nict.ok) throw new Error('not created');
    b.fromNet(res(cancel, 200), FAR_UDP);
    b.fromNet(res(invite, 487), FAR_UDP);
    expect(b.events.filter((e) => e.type === 'response').map((e) => e.type === 'response' && [e.tx, e.response.status])).toEqual([
      [nict.value, 200],
      [ict.value, 487],
    ]);
    expect([ict.value.state, nict.value.state]).toEqual(['Completed', 'Completed']);
  });

  it('passes responses that match no client transaction to the TU as stray', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKc2' });
    b.fromTu(invite, FAR_UDP);
    b.fromNet(res(invite, 200, { branch: 'z9hG4bKelse' }), FAR_UDP);
    b.fromNet(res(invite, 200, { cseq: { seq: 1, method: 'BYE' } }), FAR_UDP);
    b.fromNet(res(invite, 200, { branch: undefined }), FAR_UDP);
    expect(b.events.map((e) => e.type)).toEqual(['stray-response', 'stray-response', 'stray-response']);
  });

  it('keeps requests from different sent-by apart, and a different method apart', () => {
    const b = new Bench();
    b.fromNet(req('INVITE', { branch: 'z9hG4bKs1' }));
    b.fromNet(req('INVITE', { branch: 'z9hG4bKs1', sentBy: '192.0.2.99:5060' }));
    b.fromNet(req('OPTIONS', { branch: 'z9hG4bKs1' }));
    expect(b.events.map((e) => e.type === 'request' && `${e.tx.kind} ${e.request.sentBy}`)).toEqual([
      'ist 192.0.2.10:5060',
      'ist 192.0.2.99:5060',
      'nist 192.0.2.10:5060',
    ]);
    expect(b.layer.size).toBe(3);
  });

  it('absorbs retransmissions: the TU sees a request once however often it arrives', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKr1' });
    for (let i = 0; i < 5; i++) b.fromNet(invite);
    expect(b.events.filter((e) => e.type === 'request')).toHaveLength(1);
    expect(b.sent.map((m) => m.kind === 'response' && m.status)).toEqual([100, 100, 100, 100, 100]);
  });

  it('passes an ACK that matches no transaction (a 2xx ACK) to the TU alone', () => {
    const b = new Bench();
    b.fromNet(req('ACK', { branch: 'z9hG4bKlone' }));
    expect(b.events).toEqual([{ type: 'ack', ack: req('ACK', { branch: 'z9hG4bKlone' }) }]);
    expect(b.layer.size).toBe(0);
  });

  it('sends responses back to where the request came from', () => {
    const b = new Bench();
    const source = { ...PEER_UDP, host: '198.51.100.7', port: 5070 };
    const invite = req('INVITE', { branch: 'z9hG4bKsrc' });
    b.fromNet(invite, source);
    expect(b.lastServer().source).toBe(source);
    expect(b.lines).toContain('     0  >net  100 (INVITE) to UDP 198.51.100.7:5070');
  });

  it('refuses an ACK, a branch without the magic cookie, and a duplicate', () => {
    const b = new Bench();
    const codes = [
      b.fromTu(req('ACK'), FAR_UDP),
      b.fromTu(req('OPTIONS', { branch: '1234' }), FAR_UDP),
      b.fromTu(req('OPTIONS', { branch: undefined }), FAR_UDP),
      b.fromTu(req('OPTIONS', { branch: 'z9hG4bKdup' }), FAR_UDP),
      b.fromTu(req('OPTIONS', { branch: 'z9hG4bKdup' }), FAR_UDP),
    ].map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual(['GW_ERR_TX_BAD_REQUEST', 'GW_ERR_TX_BAD_REQUEST', 'GW_ERR_TX_BAD_REQUEST', 'ok', 'GW_ERR_TX_EXISTS']);
    expect(b.layer.size).toBe(1);
  });

  it('lets the TU respond from inside its callback: the answer waits for the current step', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKsync' });
    b.onEvent = (e) => {
      if (e.type === 'request') e.tx.respond(res(invite, 486));
    };
    b.fromNet(invite);
    expect(b.lines).toEqual([
      '     0  net>  INVITE z9hG4bKsync',
      '     0  ist(z9hG4bKsync) (start) --INVITE--> Proceeding',
      '     0  >net  100 (INVITE) to UDP 192.0.2.10:5060',
      '     0  >tu   ist(z9hG4bKsync) request INVITE z9hG4bKsync',
      '     0  ist(z9hG4bKsync) Proceeding --300-699 from TU--> Completed (G 500ms, H 32s)',
      '     0  >net  486 (INVITE) tag=callee to UDP 192.0.2.10:5060',
    ]);
  });
});

describe('transaction layer close()', () => {
  /** A layer with one transaction of each kind, every one with retransmissions pending (UDP). */
  function busy(): { b: Bench; ist: ReturnType<Bench['lastServer']>; nist: ReturnType<Bench['lastServer']> } {
    const b = new Bench();
    expect(b.fromTu(req('INVITE', { branch: 'z9hG4bKict' }), FAR_UDP).ok).toBe(true); // Timer A
    expect(b.fromTu(req('BYE', { branch: 'z9hG4bKnict' }), FAR_UDP).ok).toBe(true); // Timer E
    const invite = req('INVITE', { branch: 'z9hG4bKist' });
    b.fromNet(invite);
    const ist = b.lastServer();
    b.respond(ist, res(invite, 486)); // Completed: Timer G
    const old = req('INVITE', { branch: undefined, callId: 'rfc2543@192.0.2.10' });
    b.fromNet(old);
    b.respond(b.lastServer(), res(old, 603)); // an RFC 2543 transaction, Completed: Timer G
    const options = req('OPTIONS', { branch: 'z9hG4bKnist' });
    b.fromNet(options);
    const nist = b.lastServer(); // Trying: answered after close
    return { b, ist, nist };
  }

  it('without close(), the transactions retransmit as time passes (the control)', () => {
    const { b } = busy();
    const sent = b.sent.length;
    b.at(64 * 500);
    expect(b.sent.length).toBeGreaterThan(sent + 10);
  });

  it('abandons every live transaction: size 0, no TU event, nothing sent when time advances', () => {
    const { b, ist, nist } = busy();
    expect(b.layer.size).toBe(5);
    const [sent, events] = [b.sent.length, b.events.length];
    b.layer.close();
    expect(b.layer.size).toBe(0);
    b.at(10 * 64 * 500);
    b.respond(nist, res(nist.request, 200));
    b.respond(ist, res(ist.request, 486));
    expect(b.sent.length).toBe(sent);
    expect(b.events.length).toBe(events);
    expect(b.clock.pending()).toBe(0);
  });

  it('afterwards refuses new client transactions and drops received messages', () => {
    const { b } = busy();
    b.layer.close();
    b.layer.close();
    const [sent, events] = [b.sent.length, b.events.length];
    const r = b.fromTu(req('OPTIONS', { branch: 'z9hG4bKlate' }), FAR_UDP);
    expect(r.ok ? 'ok' : r.error.code).toBe('GW_ERR_TX_CLOSED');
    b.fromNet(req('INVITE', { branch: 'z9hG4bKlater' }));
    b.fromNet(res(req('INVITE', { branch: 'z9hG4bKict' }), 180));
    b.at(64 * 500);
    expect([b.sent.length, b.events.length, b.layer.size]).toEqual([sent, events, 0]);
  });
});
