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

  it("Timer L of many transactions in Accepted (the layer's one timer): each ends 64*T1 after its 2xx, none sooner", () => {
    const b = new Bench({ T1: 100 });
    const answered: [number, string][] = [];
    for (const [at, branch] of [[0, 'a'], [10, 'b'], [10, 'c'], [2500, 'd'], [6000, 'e']] as const) {
      b.at(at);
      const invite = req('INVITE', { branch: `z9hG4bKl${branch}` });
      b.fromNet(invite);
      b.respond(b.lastServer(), res(invite, 200));
      answered.push([at, `z9hG4bKl${branch}`]);
    }
    const ended = (): string[] => b.events.flatMap((e) => (e.type === 'terminated' ? [e.tx.id] : []));
    for (const due of [...new Set(answered.map(([at]) => at + 6400))]) {
      const those = answered.filter(([at]) => at + 6400 === due).map(([, branch]) => branch);
      b.at(due - 1);
      for (const branch of those) expect(ended()).not.toContain(branch);
      b.at(due);
      for (const branch of those) expect(ended()).toContain(branch);
    }
    expect(ended()).toEqual(answered.map(([, branch]) => branch));
    expect(b.layer.size).toBe(0);
  });

  it('closing the layer stops Timer L: no transaction ends (or is told to) afterwards', () => {
    const b = new Bench();
    const invite = req('INVITE', { branch: 'z9hG4bKclose' });
    b.fromNet(invite);
    b.respond(b.lastServer(), res(invite, 200));
    b.layer.close();
    b.at(60_000);
    expect(b.events.filter((e) => e.type === 'terminated')).toEqual([]);
    expect(b.clock.pending()).toBe(0);
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
