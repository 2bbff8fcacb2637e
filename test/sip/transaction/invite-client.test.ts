// INVITE client transaction (RFC 3261 §17.1.1, RFC 6026 §7.2): scripted runs against transcripts.
import { describe, expect, it } from 'vitest';
import { tableProblems } from '../../../src/core/fsm.js';
import { ICT_FSM } from '../../../src/sip/transaction/invite-client.fsm.js';
import { Bench, expectTranscript, FAR_TCP, FAR_UDP, req, res } from './harness.js';

describe('INVITE client transaction', () => {
  it('has a sound table', () => {
    expect(tableProblems(ICT_FSM)).toEqual([]);
  });

  it('UDP: retransmits on A, passes 1xx up, ACKs every 486, ends on D', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKict1' });
    b.fromTu(invite, FAR_UDP);
    b.at(2000);
    b.fromNet(res(invite, 180), FAR_UDP);
    b.at(2500);
    b.fromNet(res(invite, 180), FAR_UDP);
    b.at(3000);
    b.fromNet(res(invite, 486), FAR_UDP);
    b.at(3600);
    b.fromNet(res(invite, 486), FAR_UDP);
    b.at(70_000);
    expectTranscript(b.lines, 'ict-udp-486');
    expect(b.layer.size).toBe(0);
    expect(b.clock.pending()).toBe(0);
  });

  it('UDP: a 2xx leads to Accepted, which passes every 2xx up until Timer M', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKict2' });
    b.fromTu(invite, FAR_UDP);
    b.at(200);
    b.fromNet(res(invite, 100), FAR_UDP);
    b.at(1000);
    b.fromNet(res(invite, 200), FAR_UDP);
    b.at(1500);
    b.fromNet(res(invite, 200), FAR_UDP);
    b.at(2000);
    b.fromNet(res(invite, 200, { toTag: 'fork2' }), FAR_UDP);
    b.at(2500);
    b.fromNet(res(invite, 180, { toTag: 'fork3' }), FAR_UDP);
    b.at(34_000);
    b.fromNet(res(invite, 200), FAR_UDP);
    expectTranscript(b.lines, 'ict-udp-2xx');
    expect(b.sent.filter((m) => m.kind === 'request' && m.method === 'ACK')).toEqual([]);
  });

  it('UDP: no answer: seven INVITEs, then Timer B and GW_ERR_TX_TIMEOUT', () => {
    const b = new Bench();
    b.fromTu(req('INVITE', { branch: 'z9hG4bKict3' }), FAR_UDP);
    b.at(70_000);
    expectTranscript(b.lines, 'ict-udp-timeout');
    expect(b.sent).toHaveLength(7);
  });

  it('TCP: no Timer A, Timer D is 0', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKict4' });
    b.fromTu(invite, FAR_TCP);
    b.at(100);
    b.fromNet(res(invite, 100), FAR_TCP);
    b.at(3000);
    b.fromNet(res(invite, 486), FAR_TCP);
    expectTranscript(b.lines, 'ict-tcp-486');
    expect(b.layer.size).toBe(0);
  });

  it('a transport error in Calling or Completed ends the transaction and informs the TU', () => {
    const b = new Bench();
    b.failNext('connection refused');
    b.fromTu(req('INVITE', { branch: 'z9hG4bKict5' }), FAR_TCP);
    b.at(1000);
    const invite = req('INVITE', { branch: 'z9hG4bKict6' });
    b.fromTu(invite, FAR_UDP);
    b.at(1200);
    b.failNext('no route to host');
    b.fromNet(res(invite, 503), FAR_UDP);
    expectTranscript(b.lines, 'ict-transport-error');
    expect(b.layer.size).toBe(0);
    expect(b.clock.pending()).toBe(0);
  });

  it('honours a configured T1: A starts at T1, B is 64*T1', () => {
    const b = new Bench({ T1: 100 });
    b.fromTu(req('INVITE', { branch: 'z9hG4bKt1' }), FAR_UDP);
    expect(b.lines[1]).toBe('     0  ict(z9hG4bKt1) (start) --INVITE from TU--> Calling (A 100ms, B 6400ms)');
  });
});
