// Non-INVITE client transaction (RFC 3261 §17.1.2): scripted runs against transcripts.
import { describe, expect, it } from 'vitest';
import { tableProblems } from '../../../src/core/fsm.js';
import { NICT_FSM } from '../../../src/sip/transaction/non-invite-client.fsm.js';
import { Bench, expectTranscript, FAR_TCP, FAR_UDP, req, res } from './harness.js';

describe('non-INVITE client transaction', () => {
  it('has a sound table', () => {
    expect(tableProblems(NICT_FSM)).toEqual([]);
  });

  it('UDP: E doubles in Trying, is T2 in Proceeding; Completed absorbs retransmissions until K', () => {
    const b = new Bench();
    const bye = req('BYE', { branch: 'z9hG4bKnict1', toTag: undefined });
    b.fromTu(bye, FAR_UDP);
    b.at(1000);
    b.fromNet(res(bye, 100), FAR_UDP);
    b.at(6000);
    b.fromNet(res(bye, 200), FAR_UDP);
    b.at(7000);
    b.fromNet(res(bye, 200), FAR_UDP);
    b.at(40_000);
    expectTranscript(b.lines, 'nict-udp');
    expect(b.events.filter((e) => e.type === 'response')).toHaveLength(2);
  });

  it('UDP: no answer: E capped at T2, then Timer F and GW_ERR_TX_TIMEOUT', () => {
    const b = new Bench();
    b.fromTu(req('OPTIONS', { branch: 'z9hG4bKnict2' }), FAR_UDP);
    b.at(70_000);
    expectTranscript(b.lines, 'nict-udp-timeout');
    expect(b.sent).toHaveLength(11);
    expect(b.clock.pending()).toBe(0);
  });

  it('TCP: no Timer E, Timer K is 0; a transport error ends Trying', () => {
    const b = new Bench();
    const options = req('OPTIONS', { branch: 'z9hG4bKnict3' });
    b.fromTu(options, FAR_TCP);
    b.at(300);
    b.fromNet(res(options, 200), FAR_TCP);
    b.at(1000);
    b.failNext('connection reset');
    b.fromTu(req('OPTIONS', { branch: 'z9hG4bKnict4' }), FAR_TCP);
    expectTranscript(b.lines, 'nict-tcp');
    expect(b.layer.size).toBe(0);
  });
});
