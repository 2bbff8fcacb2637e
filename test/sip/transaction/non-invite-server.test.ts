// Non-INVITE server transaction (RFC 3261 §17.2.2): scripted runs against transcripts.
import { describe, expect, it } from 'vitest';
import { tableProblems } from '../../../src/core/fsm.js';
import { NIST_FSM } from '../../../src/sip/transaction/non-invite-server.fsm.js';
import { Bench, expectTranscript, PEER_TCP, req, res } from './harness.js';

describe('non-INVITE server transaction', () => {
  it('has a sound table', () => {
    expect(tableProblems(NIST_FSM)).toEqual([]);
  });

  it('UDP: retransmissions discarded in Trying, answered after; extra finals discarded; J', () => {
    const b = new Bench();
    const bye = req('BYE', { branch: 'z9hG4bKnist1' });
    b.fromNet(bye);
    const tx = b.lastServer();
    b.at(500);
    b.fromNet(bye);
    b.at(1000);
    b.respond(tx, res(bye, 100));
    b.at(1500);
    b.fromNet(bye);
    b.at(2000);
    b.respond(tx, res(bye, 200));
    b.at(2500);
    b.fromNet(bye);
    b.at(3000);
    b.respond(tx, res(bye, 500));
    b.at(40_000);
    expectTranscript(b.lines, 'nist-udp');
    expect(b.layer.size).toBe(0);
  });

  it('TCP: J is 0; a transport error in Proceeding ends the transaction', () => {
    const b = new Bench();
    const bye = req('BYE', { branch: 'z9hG4bKnist2' });
    b.fromNet(bye, PEER_TCP);
    b.at(100);
    b.respond(b.lastServer(), res(bye, 200));
    b.at(1000);
    const options = req('OPTIONS', { branch: 'z9hG4bKnist3' });
    b.fromNet(options, PEER_TCP);
    b.at(1100);
    b.failNext('connection reset');
    b.respond(b.lastServer(), res(options, 100));
    expectTranscript(b.lines, 'nist-tcp');
    expect(b.layer.size).toBe(0);
  });
});
