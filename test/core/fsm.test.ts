// The FSM engine, on a toy table: the pure transition function, the runtime (timers, queueing,
// rejection, logging), table checks and printing.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/clock.js';
import {
  defineFsm,
  formatFsmRecord,
  Fsm,
  printTable,
  START,
  tableProblems,
  transition,
  type FsmLogRecord,
  type FsmTable,
} from '../../src/core/fsm.js';

type S = 'Ringing' | 'Early' | 'Talking' | 'Done';
type E = 'progress' | 'answer' | 'hangup';
type T = 'R' | 'N' | 'Z' | 'U';
type A = 'alert' | 'ring' | 'connect' | 'noAnswer' | 'release';

// R: re-ring (doubling), N: no answer (kept into Early), Z: zero-length, U: not run (null).
const CALL = defineFsm<S, E, A, T>({
  name: 'call',
  title: 'toy call',
  ref: 'test',
  start: { event: 'offer', to: 'Ringing', action: 'alert' },
  states: {
    Ringing: {
      timers: ['R', 'N', 'U'],
      on: {
        progress: ['Early'],
        answer: ['Talking', 'connect'],
        timerR: ['Ringing', 'ring', { rearm: ['R'] }],
        timerN: ['Done', 'noAnswer'],
        timerU: ['Done'],
      },
    },
    Early: { keep: ['N'], on: { answer: ['Talking', 'connect'], timerN: ['Done', 'noAnswer'] } },
    Talking: { timers: ['Z'], on: { hangup: ['Done', 'release'], timerZ: ['Talking'] } },
    Done: { final: true, on: {} },
  },
});

function run(clock = new FakeClock()) {
  const log: FsmLogRecord[] = [];
  const actions: string[] = [];
  let finals = 0;
  const act = (name: A) => (data: string | undefined) => actions.push(data === undefined ? name : `${name}:${data}`);
  const fsm: Fsm<S, E, A, T, string> = new Fsm(CALL, {
    id: 'c1',
    clock,
    log: (r) => log.push(r),
    duration: (timer, nth) => ({ R: 100 * 2 ** nth, N: 1000, Z: 0, U: null })[timer],
    actions: { alert: act('alert'), ring: act('ring'), connect: act('connect'), noAnswer: act('noAnswer'), release: act('release') },
    onFinal: () => finals++,
  });
  return { fsm, clock, log, actions, finals: () => finals };
}

describe('transition() (pure)', () => {
  it('leaving a state: cancel (except kept), arm the next state timers, then the action', () => {
    expect(transition(CALL, 'Ringing', 'answer')).toEqual({
      ok: true,
      value: { to: 'Talking', effects: [{ kind: 'cancelTimers', except: [] }, { kind: 'armTimer', timer: 'Z' }, { kind: 'action', action: 'connect' }] },
    });
    expect(transition(CALL, 'Ringing', 'progress')).toEqual({ ok: true, value: { to: 'Early', effects: [{ kind: 'cancelTimers', except: ['N'] }] } });
  });

  it('staying: only the re-armed timers, no cancel', () => {
    expect(transition(CALL, 'Ringing', 'timerR')).toEqual({
      ok: true,
      value: { to: 'Ringing', effects: [{ kind: 'armTimer', timer: 'R' }, { kind: 'action', action: 'ring' }] },
    });
  });

  it('rejects an undeclared event with GW_ERR_FSM_UNDECLARED_EVENT, without throwing', () => {
    const r = transition(CALL, 'Talking', 'answer');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.message]).toEqual(['GW_ERR_FSM_UNDECLARED_EVENT', 'Event not declared in the current state: call: answer in Talking']);
    // Names inherited from Object.prototype are not events.
    expect(transition(CALL, 'Talking', 'toString' as E).ok).toBe(false);
  });
});

describe('Fsm (runtime)', () => {
  it('calls duration, actions and onFinal as methods of the options: an owner may pass itself', () => {
    class Owner {
      readonly id = 'own';
      readonly clock = new FakeClock();
      readonly log = undefined;
      readonly done: string[] = [];
      finals = 0;
      readonly fsm: Fsm<S, E, A, T, string> = new Fsm(CALL, this);
      duration(timer: T): number | null {
        return timer === 'N' ? 50 : null;
      }
      actions(action: A, data: string | undefined): void {
        this.done.push(data === undefined ? action : `${action}:${data}`);
      }
      onFinal(): void {
        this.finals++;
      }
    }
    const owner = new Owner();
    owner.fsm.start('INVITE');
    owner.clock.advance(50);
    expect(owner.done).toEqual(['alert:INVITE', 'noAnswer']);
    expect(owner.fsm.state).toBe('Done');
    expect(owner.finals).toBe(1);
  });

  it('starts: arms the start state timers on the clock and logs one record', () => {
    const { fsm, clock, log, actions } = run();
    fsm.start('INVITE');
    expect(fsm.state).toBe('Ringing');
    expect(clock.pending()).toBe(2);
    expect(actions).toEqual(['alert:INVITE']);
    expect(log).toEqual([{ fsm: 'call', id: 'c1', from: START, event: 'offer', to: 'Ringing', timer: 'R 100ms, N 1s' }]);
  });

  it('re-arms with the arming count: 100, 200, 400, 800 ms (fires at 100, 300, 700)', () => {
    const { fsm, clock, log, actions } = run();
    fsm.start();
    clock.advance(700);
    expect(log.slice(1).map((r) => [r.event, r.timer])).toEqual([
      ['timerR', 'R 200ms'],
      ['timerR', 'R 400ms'],
      ['timerR', 'R 800ms'],
    ]);
    expect(actions).toEqual(['alert', 'ring', 'ring', 'ring']);
  });

  it('cancels the timers of a state on leaving it, keeping those the next state keeps', () => {
    const { fsm, clock, log, actions } = run();
    fsm.start();
    fsm.fire('progress');
    expect(clock.pending()).toBe(1);
    clock.advance(1000);
    expect(fsm.state).toBe('Done');
    expect(log.map(formatFsmRecord)).toEqual([
      'call(c1) (start) --offer--> Ringing (R 100ms, N 1s)',
      'call(c1) Ringing --progress--> Early',
      'call(c1) Early --timerN--> Done',
    ]);
    expect(actions).toEqual(['alert', 'noAnswer']);
  });

  it('rejects and reports an undeclared event: no state change, no action, no throw', () => {
    const { fsm, log, actions } = run();
    fsm.start();
    fsm.fire('hangup', 'BYE');
    expect(fsm.state).toBe('Ringing');
    expect(actions).toEqual(['alert']);
    expect(log[1]).toEqual({ fsm: 'call', id: 'c1', from: 'Ringing', event: 'hangup', to: 'Ringing', error: 'GW_ERR_FSM_UNDECLARED_EVENT' });
    expect(formatFsmRecord(log[1]!)).toBe('call(c1) Ringing --hangup-- rejected: GW_ERR_FSM_UNDECLARED_EVENT');
  });

  it('fires a zero timer right after the step, before fire() returns, without the clock', () => {
    const { fsm, clock, log } = run();
    fsm.start();
    fsm.fire('answer', '200');
    expect(clock.pending()).toBe(0);
    expect(log.slice(1).map(formatFsmRecord)).toEqual(['call(c1) Ringing --answer--> Talking (Z 0ms)', 'call(c1) Talking --timerZ--> Talking']);
  });

  it('runs to completion: an event fired by an action waits for the step to finish', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const fsm: Fsm<S, E, A, T, undefined> = new Fsm(CALL, {
      id: 'c2',
      clock,
      log: (r) => log.push(formatFsmRecord(r)),
      duration: () => 1000,
      actions: {
        alert: () => {
          fsm.fire('answer');
          log.push('alert done');
        },
        ring: () => undefined,
        connect: () => log.push('connect'),
        noAnswer: () => undefined,
        release: () => undefined,
      },
    });
    fsm.fire('progress');
    expect(log).toEqual([]);
    fsm.start();
    expect(log).toEqual([
      'call(c2) (start) --offer--> Ringing (R 1s, N 1s, U 1s)',
      'alert done',
      'call(c2) Ringing --progress--> Early',
      'call(c2) Early --answer--> Talking (Z 1s)',
      'connect',
    ]);
  });

  it('does not arm a timer whose duration is null', () => {
    const { fsm, log } = run();
    fsm.start();
    expect(log[0]?.timer).not.toMatch(/U/);
  });

  it('ends in a final state: every timer cancelled, onFinal once, later events rejected', () => {
    const { fsm, clock, log, finals } = run();
    fsm.start();
    fsm.fire('answer');
    clock.advance(10);
    fsm.fire('hangup');
    expect([fsm.state, clock.pending(), finals()]).toEqual(['Done', 0, 1]);
    fsm.fire('hangup');
    expect(log.at(-1)?.error).toBe('GW_ERR_FSM_UNDECLARED_EVENT');
    expect(finals()).toBe(1);
  });

  it('stop(): cancels every running timer; advancing the clock fires nothing', () => {
    const { fsm, clock, log, actions, finals } = run();
    fsm.start();
    fsm.fire('progress');
    expect(clock.pending()).toBe(1);
    fsm.stop();
    expect([fsm.stopped, clock.pending()]).toEqual([true, 0]);
    clock.advance(10_000);
    expect([fsm.state, actions, log.length, finals()]).toEqual(['Early', ['alert'], 2, 0]);
  });

  it('stop(): later events are ignored: no transition, no action, no log record, no onFinal', () => {
    const { fsm, clock, log, actions, finals } = run();
    fsm.start('INVITE');
    fsm.stop();
    fsm.fire('answer', '200');
    fsm.fire('hangup');
    fsm.fire('toString' as E);
    clock.advance(5000);
    expect([fsm.state, actions, log.length, finals(), clock.pending()]).toEqual(['Ringing', ['alert:INVITE'], 1, 0, 0]);
    fsm.stop();
    expect(fsm.state).toBe('Ringing');
  });

  it('stop() during an action: the events queued behind it and its zero timers are dropped', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    const fsm: Fsm<S, E, A, T, undefined> = new Fsm(CALL, {
      id: 'c3',
      clock,
      log: (r) => log.push(formatFsmRecord(r)),
      duration: (timer) => (timer === 'Z' ? 0 : 1000),
      actions: {
        alert: () => undefined,
        ring: () => undefined,
        connect: () => {
          fsm.fire('hangup');
          fsm.stop();
          log.push('connect');
        },
        noAnswer: () => undefined,
        release: () => log.push('release'),
      },
    });
    fsm.start();
    fsm.fire('answer');
    clock.advance(5000);
    expect([fsm.state, clock.pending()]).toEqual(['Talking', 0]);
    expect(log).toEqual(['call(c3) (start) --offer--> Ringing (R 1s, N 1s, U 1s)', 'call(c3) Ringing --answer--> Talking (Z 0ms)', 'connect']);
  });

  it('stop() before start(): start() does nothing', () => {
    const { fsm, clock, log, actions } = run();
    fsm.stop();
    fsm.start();
    expect([log.length, actions.length, clock.pending()]).toEqual([0, 0, 0]);
  });
});

describe('table checks', () => {
  const broken: FsmTable<'A' | 'B' | 'C' | 'X', 'go', 'act', 'T' | 'K'> = {
    name: 'broken',
    title: 'broken',
    ref: 'test',
    start: { event: 'begin', to: 'X' },
    states: {
      A: { timers: ['T'], keep: ['K'], on: { go: ['Z' as 'A', 'act', { rearm: ['T'] }] } },
      B: { on: { go: ['B', 'act', { rearm: ['T'] }] } },
      C: { final: true, on: { go: ['A'] } },
      X: { on: { go: ['A'] } },
    },
  };

  it('finds every kind of problem', () => {
    expect(tableProblems({ ...broken, start: { event: 'begin', to: 'Q' as 'A' } })).toContain('start: enters undeclared state Q');
    expect(tableProblems(broken)).toEqual([
      'A: timer T runs here but timerT is not accepted',
      'A: timer K runs here but timerK is not accepted',
      'A: go leads to undeclared state Z',
      'A: go re-arms T but leaves the state',
      'B: go re-arms T, which does not run here',
      'C: a final state accepts no events and runs no timers',
      'B: unreachable from the start',
      'C: unreachable from the start',
    ]);
  });

  it('defineFsm() refuses a broken table', () => {
    expect(() => defineFsm(broken)).toThrow(/FSM table broken:\n {2}A: timer T runs here/);
  });
});

describe('printTable', () => {
  it('prints one row per accepted event, with timers, kept timers and re-arms', () => {
    expect(printTable(CALL)).toBe(
      [
        'call: toy call (test)',
        'start: offer -> Ringing / alert',
        '',
        'state    timers    event     next     action',
        '-------  --------  --------  -------  --------------',
        'Ringing  R, N, U   progress  Early    -',
        '                   answer    Talking  connect',
        '                   timerR    Ringing  ring; re-arm R',
        '                   timerN    Done     noAnswer',
        '                   timerU    Done     -',
        'Early    N (kept)  answer    Talking  connect',
        '                   timerN    Done     noAnswer',
        'Talking  Z         hangup    Done     release',
        '                   timerZ    Talking  -',
        'Done     (final)',
      ].join('\n'),
    );
  });
});
