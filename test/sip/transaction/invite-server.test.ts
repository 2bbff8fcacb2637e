// INVITE server transaction (RFC 3261 §17.2.1, RFC 6026 §7.1): scripted runs against transcripts.
import { describe, expect, it } from 'vitest';
import { tableProblems } from '../../../src/core/fsm.js';
import { IST_FSM } from '../../../src/sip/transaction/invite-server.fsm.js';
import { Bench, expectTranscript, PEER_TCP, req, res } from './harness.js';

describe('INVITE server transaction', () => {
  it('has a sound table', () => {
    expect(tableProblems(IST_FSM)).toEqual([]);
  });

  it('UDP: 100 at once, retransmissions answered, G doubles, ACK confirms, I ends it', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKist1' });
    b.fromNet(invite);
    const tx = b.lastServer();
    b.at(500);
    b.fromNet(invite);
    b.at(1000);
    b.respond(tx, res(invite, 180));
    b.at(1500);
    b.fromNet(invite);
    b.at(2000);
    b.respond(tx, res(invite, 486));
    b.at(4000);
    b.fromNet(invite);
    b.at(6000);
    const ack = req('ACK', { branch: 'z9hG4bKist1', toTag: 'callee' });
    b.fromNet(ack);
    b.at(6500);
    b.fromNet(ack);
    b.at(40_000);
    expectTranscript(b.lines, 'ist-udp-486');
    expect(b.events.filter((e) => e.type === 'request')).toHaveLength(1);
  });

  it('keeps the INVITE as received until the final response, then only what the factory settles it to', () => {
    for (const status of [200, 486]) {
      const b = new Bench();
      const invite = req('INVITE', { branch: `z9hG4bKsettle${status}` });
      b.fromNet(invite);
      const tx = b.lastServer();
      b.respond(tx, res(invite, 180));
      expect(tx.request).toBe(invite);
      b.respond(tx, res(invite, status));
      expect(tx.request).toEqual({ ...invite, payload: `settled ${invite.payload}` });
      // Still matched: a retransmitted INVITE is absorbed, not passed up again.
      b.fromNet(invite);
      expect(b.events.filter((e) => e.type === 'request')).toHaveLength(1);
    }
  });

  it('UDP: no ACK: G capped at T2, then Timer H and GW_ERR_TX_NO_ACK', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKist2' });
    b.fromNet(invite);
    b.at(100);
    b.respond(b.lastServer(), res(invite, 503));
    b.at(70_000);
    expectTranscript(b.lines, 'ist-udp-no-ack');
    expect(b.clock.pending()).toBe(0);
  });

  it('UDP: 2xx leads to Accepted (RFC 6026): INVITE absorbed, 2xx and ACK passed, Timer L', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKist3' });
    b.fromNet(invite);
    const tx = b.lastServer();
    b.at(100);
    b.respond(tx, res(invite, 180));
    b.at(1000);
    b.respond(tx, res(invite, 200));
    b.at(1200);
    b.fromNet(invite);
    b.at(1500);
    b.respond(tx, res(invite, 200));
    b.at(1800);
    b.fromNet(req('ACK', { branch: 'z9hG4bKist3', toTag: 'callee' }));
    b.at(1900);
    b.fromNet(req('ACK', { branch: 'z9hG4bKack9', toTag: 'callee' }));
    b.at(2500);
    b.failNext('ICMP port unreachable');
    b.respond(tx, res(invite, 200));
    b.at(40_000);
    expectTranscript(b.lines, 'ist-udp-2xx');
    expect(b.layer.size).toBe(0);
  });

  it('TCP: no G, I is 0; transport errors keep Proceeding and Completed (RFC 6026)', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKist4' });
    b.fromNet(invite, PEER_TCP);
    b.at(1000);
    b.respond(b.lastServer(), res(invite, 486));
    b.at(1100);
    b.fromNet(req('ACK', { branch: 'z9hG4bKist4', toTag: 'callee' }), PEER_TCP);
    b.at(2000);
    const second = req('INVITE', { branch: 'z9hG4bKist5' });
    b.failNext('connection reset');
    b.fromNet(second, PEER_TCP);
    b.at(3000);
    b.failNext('connection reset');
    b.respond(b.lastServer(), res(second, 480));
    b.at(70_000);
    expectTranscript(b.lines, 'ist-tcp');
    expect(b.layer.size).toBe(0);
  });
});
