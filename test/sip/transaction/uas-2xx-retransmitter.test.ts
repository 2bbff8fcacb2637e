// The UAS core's 2xx retransmission (RFC 3261 §13.3.1.4).
import { describe, expect, it } from 'vitest';
import { tableProblems } from '../../../src/core/fsm.js';
import { UAS_2XX_FSM } from '../../../src/sip/transaction/uas-2xx.fsm.js';
import { Uas2xxRetransmitter } from '../../../src/sip/transaction/uas-2xx-retransmitter.js';
import { expectTranscript, Recorder } from './harness.js';

function start(r: Recorder, id: string, timers?: { T1: number }): Uas2xxRetransmitter {
  return new Uas2xxRetransmitter({
    id,
    clock: r.clock,
    log: r.log,
    timers,
    retransmit: () => r.line('>net  2xx again'),
    giveUp: (error) => r.line(`>tu   error ${error.code}`),
  });
}

describe('UAS 2xx retransmitter', () => {
  it('has a sound table', () => {
    expect(tableProblems(UAS_2XX_FSM)).toEqual([]);
  });

  it('retransmits at T1 doubling to T2, gives up after 64*T1; stops on the ACK', () => {
    const r = new Recorder();
    const lonely = start(r, 'dialog-1');
    r.at(40_000);
    const acked = start(r, 'dialog-2');
    r.at(42_000);
    r.line('net>  ACK');
    acked.ack();
    r.at(42_100);
    r.line('net>  ACK');
    acked.ack();
    r.at(90_000);
    expectTranscript(r.lines, 'uas-2xx');
    expect([lonely.state, acked.state]).toEqual(['Terminated', 'Confirmed']);
    expect(r.clock.pending()).toBe(0);
  });

  it('takes its schedule from the configured T1', () => {
    const r = new Recorder();
    start(r, 'd', { T1: 100 });
    expect(r.lines).toEqual(['     0  uas2xx(d) (start) --2xx sent--> Retransmitting (G 100ms, H 6400ms)']);
  });
});
