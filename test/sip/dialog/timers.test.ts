// The timer machines of the dialog layer, against transcripts: a reliable provisional response
// retransmitted until its PRACK (RFC 3262 §3), and the session timer (RFC 4028 §10).
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/core/clock.js';
import { formatFsmRecord, tableProblems } from '../../../src/core/fsm.js';
import { REL1XX_FSM } from '../../../src/sip/dialog/reliable-provisional.fsm.js';
import { ReliableProvisional } from '../../../src/sip/dialog/reliable-provisional.js';
import { SESSION_TIMER_FSM } from '../../../src/sip/dialog/session-timer.fsm.js';
import { SessionTimer, sessionTimerDuration } from '../../../src/sip/dialog/session-timer.js';

class Recorder {
  readonly clock = new FakeClock();
  readonly lines: string[] = [];
  readonly log = (r: Parameters<typeof formatFsmRecord>[0]): void => this.line(formatFsmRecord(r));
  line(text: string): void {
    this.lines.push(`${String(this.clock.now()).padStart(6)}  ${text}`);
  }
}

describe('reliable provisional response (RFC 3262 §3)', () => {
  it('has a sound table', () => {
    expect(tableProblems(REL1XX_FSM)).toEqual([]);
  });

  function start(r: Recorder, id: string, rseq: number): ReliableProvisional {
    return new ReliableProvisional({ id, rseq, clock: r.clock, log: r.log, retransmit: () => r.line('>net  183 again'), giveUp: () => r.line('>tu   give up') });
  }

  it('retransmits at T1 doubling without a T2 cap, gives up at 64*T1; stops on PRACK or a final response', () => {
    const r = new Recorder();
    start(r, 'r1', 1);
    r.clock.advance(40_000);
    const acked = start(r, 'r2', 2);
    r.clock.advance(1000);
    acked.prack();
    const finished = start(r, 'r3', 3);
    finished.finalSent();
    r.clock.advance(70_000);
    expect(r.lines).toEqual([
      '     0  rel1xx(r1) (start) --reliable 1xx sent--> Retransmitting (Retransmit 500ms, Expire 32s)',
      '   500  rel1xx(r1) Retransmitting --timerRetransmit--> Retransmitting (Retransmit 1s)',
      '   500  >net  183 again',
      '  1500  rel1xx(r1) Retransmitting --timerRetransmit--> Retransmitting (Retransmit 2s)',
      '  1500  >net  183 again',
      '  3500  rel1xx(r1) Retransmitting --timerRetransmit--> Retransmitting (Retransmit 4s)',
      '  3500  >net  183 again',
      '  7500  rel1xx(r1) Retransmitting --timerRetransmit--> Retransmitting (Retransmit 8s)',
      '  7500  >net  183 again',
      ' 15500  rel1xx(r1) Retransmitting --timerRetransmit--> Retransmitting (Retransmit 16s)',
      ' 15500  >net  183 again',
      ' 31500  rel1xx(r1) Retransmitting --timerRetransmit--> Retransmitting (Retransmit 32s)',
      ' 31500  >net  183 again',
      ' 32000  rel1xx(r1) Retransmitting --timerExpire--> Expired',
      ' 32000  >tu   give up',
      ' 40000  rel1xx(r2) (start) --reliable 1xx sent--> Retransmitting (Retransmit 500ms, Expire 32s)',
      ' 40500  rel1xx(r2) Retransmitting --timerRetransmit--> Retransmitting (Retransmit 1s)',
      ' 40500  >net  183 again',
      ' 41000  rel1xx(r2) Retransmitting --PRACK--> Acknowledged',
      ' 41000  rel1xx(r3) (start) --reliable 1xx sent--> Retransmitting (Retransmit 500ms, Expire 32s)',
      ' 41000  rel1xx(r3) Retransmitting --final sent--> Abandoned',
    ]);
    expect(r.clock.pending()).toBe(0);
  });
});

describe('session timer (RFC 4028 §10)', () => {
  it('has a sound table', () => {
    expect(tableProblems(SESSION_TIMER_FSM)).toEqual([]);
  });

  it('durations: refresh at half the interval (refresher only); BYE at interval - min(32 s, interval/3), or the interval at the refresher', () => {
    expect(sessionTimerDuration('Refresh', { interval: 1800, refresher: 'local' })).toBe(900_000);
    expect(sessionTimerDuration('Refresh', { interval: 1800, refresher: 'remote' })).toBeNull();
    expect(sessionTimerDuration('Expiry', { interval: 1800, refresher: 'remote' })).toBe(1_768_000);
    expect(sessionTimerDuration('Expiry', { interval: 90, refresher: 'remote' })).toBe(60_000);
    expect(sessionTimerDuration('Expiry', { interval: 90, refresher: 'local' })).toBe(90_000);
  });

  it('refresher: refresh at half, expiry at the interval when the refresh got nowhere; stop ends it', () => {
    const r = new Recorder();
    const make = (id: string, refresher: 'local' | 'remote'): SessionTimer =>
      new SessionTimer({ id, clock: r.clock, log: r.log, session: { interval: 90, refresher }, refresh: () => r.line(`>net  refresh ${id}`), expire: () => r.line(`>net  BYE ${id}`) });
    make('s1', 'local');
    r.clock.advance(100_000);
    const stopped = make('s2', 'remote');
    r.clock.advance(10_000);
    stopped.stop();
    r.clock.advance(100_000);
    expect(r.lines).toEqual([
      '     0  session-timer(s1) (start) --session interval agreed--> Running (Refresh 45s, Expiry 90s)',
      ' 45000  session-timer(s1) Running --timerRefresh--> Refreshing',
      ' 45000  >net  refresh s1',
      ' 90000  session-timer(s1) Refreshing --timerExpiry--> Expired',
      ' 90000  >net  BYE s1',
      '100000  session-timer(s2) (start) --session interval agreed--> Running (Expiry 60s)',
      '110000  session-timer(s2) Running --stop--> Stopped',
    ]);
    expect(r.clock.pending()).toBe(0);
  });
});
