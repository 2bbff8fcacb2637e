// The state machine engine (style guideline 6). A machine is a declared table: each state lists
// the events it accepts, each with its next state and a named action, and the named timers armed
// on entering it. transition() is the pure part: (table, state, event) -> next state and effects.
// Fsm runs a table for one entity: it arms timers on an injected Clock, runs actions to completion
// (events raised meanwhile are queued), rejects undeclared events without throwing, and logs every
// transition in one shape. States are compared only for equality, never by order.
import type { Clock, TimerHandle } from './clock.js';
import { defineError, type GwError } from './errors.js';
import { err, ok, type Result } from './result.js';

export const FsmUndeclaredEvent = defineError('GW_ERR_FSM_UNDECLARED_EVENT', 'Event not declared in the current state');

/** The event timer `T` delivers when it fires: timer `A` fires `timerA`. */
export type TimerEvent<T extends string> = `timer${T}`;

/**
 * Where an event leads: the next state; the action to run (none: the RFC figures' "-"); for a
 * transition back to the same state, the timers it re-arms.
 */
export type Edge<S extends string, A extends string, T extends string> = readonly [
  to: S,
  action?: A,
  options?: { readonly rearm: readonly T[] },
];

export interface StateDecl<S extends string, E extends string, A extends string, T extends string> {
  /** The events accepted in this state; any other event is rejected. */
  readonly on: { readonly [K in E | TimerEvent<T>]?: Edge<S, A, T> };
  /** Timers armed on entering the state. */
  readonly timers?: readonly T[];
  /** Timers that keep running when entered from a state that armed them (others are cancelled). */
  readonly keep?: readonly T[];
  /** Entering a final state cancels every timer and ends the machine. */
  readonly final?: true;
}

export interface FsmTable<S extends string, E extends string, A extends string, T extends string> {
  /** Short name, used in logs (e.g. `ict`). */
  readonly name: string;
  readonly title: string;
  /** The specification clauses the table transcribes. */
  readonly ref: string;
  /** The event that creates the machine, the state it enters and the action it runs. */
  readonly start: { readonly event: string; readonly to: S; readonly action?: A };
  readonly states: { readonly [K in S]: StateDecl<S, E, A, T> };
}

/** One step of a transition, in the order the engine applies them. */
export type Effect<A extends string, T extends string> =
  | { readonly kind: 'cancelTimers'; readonly except: readonly T[] }
  | { readonly kind: 'armTimer'; readonly timer: T }
  | { readonly kind: 'action'; readonly action: A };

export interface Step<S extends string, A extends string, T extends string> {
  readonly to: S;
  readonly effects: readonly Effect<A, T>[];
}

/** The one log shape. A rejected event has `to` equal to `from` and the error code in `error`. */
export interface FsmLogRecord {
  readonly fsm: string;
  readonly id: string;
  readonly from: string;
  readonly event: string;
  readonly to: string;
  /** The timers armed by this transition with their durations, e.g. `A 500ms, B 32s`. */
  readonly timer?: string;
  readonly error?: string;
}

export type FsmLogger = (record: FsmLogRecord) => void;

/** The `from` of the record logged when a machine starts. */
export const START = '(start)';

/** The problems of a table (empty when it is sound); defineFsm() refuses a table that has any. */
export function tableProblems<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
): string[] {
  const problems: string[] = [];
  const names = Object.keys(table.states);
  const edges = (state: S): [string, Edge<S, A, T>][] =>
    Object.entries(table.states[state].on).filter((e): e is [string, Edge<S, A, T>] => e[1] !== undefined);
  if (!names.includes(table.start.to)) problems.push(`start: enters undeclared state ${table.start.to}`);
  for (const name of names as S[]) {
    const decl = table.states[name];
    const running = [...(decl.timers ?? []), ...(decl.keep ?? [])];
    if (decl.final && (running.length > 0 || edges(name).length > 0)) problems.push(`${name}: a final state accepts no events and runs no timers`);
    for (const t of running) {
      if (!Object.hasOwn(decl.on, `timer${t}`)) problems.push(`${name}: timer ${t} runs here but timer${t} is not accepted`);
    }
    for (const [event, [to, , options]] of edges(name)) {
      if (!names.includes(to)) problems.push(`${name}: ${event} leads to undeclared state ${to}`);
      for (const t of options?.rearm ?? []) {
        if (to !== name) problems.push(`${name}: ${event} re-arms ${t} but leaves the state`);
        else if (!running.includes(t)) problems.push(`${name}: ${event} re-arms ${t}, which does not run here`);
      }
    }
  }
  const reached = new Set<string>();
  const visit = (state: S): void => {
    if (reached.has(state) || !names.includes(state)) return;
    reached.add(state);
    for (const [, [to]] of edges(state)) visit(to);
  };
  visit(table.start.to);
  for (const name of names) if (!reached.has(name)) problems.push(`${name}: unreachable from the start`);
  return problems;
}

/** Checks a table once, when its module loads: a malformed table is a programming error. */
export function defineFsm<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
): FsmTable<S, E, A, T> {
  const problems = tableProblems(table);
  if (problems.length > 0) throw new Error(`FSM table ${table.name}:\n  ${problems.join('\n  ')}`);
  return table;
}

function entering<S extends string, E extends string, A extends string, T extends string>(
  decl: StateDecl<S, E, A, T>,
): Effect<A, T>[] {
  return [
    { kind: 'cancelTimers', except: decl.final ? [] : (decl.keep ?? []) },
    ...(decl.timers ?? []).map((timer): Effect<A, T> => ({ kind: 'armTimer', timer })),
  ];
}

const startSteps = new WeakMap<object, object>();

/** The step that starts a machine: its start state entered, then the start action (computed once per table). */
function startStep<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
): Step<S, A, T> {
  let step = startSteps.get(table) as Step<S, A, T> | undefined;
  if (step === undefined) startSteps.set(table, (step = computeStartStep(table)));
  return step;
}

function computeStartStep<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
): Step<S, A, T> {
  const { to, action } = table.start;
  return { to, effects: [...entering(table.states[to]), ...(action === undefined ? [] : [{ kind: 'action', action } as const])] };
}

/**
 * The pure transition function. Leaving a state cancels its timers (except those the next state
 * keeps) and arms the next state's; staying re-arms only the timers the edge names.
 */
export function transition<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
  from: S,
  event: E | TimerEvent<T>,
): Result<Step<S, A, T>, GwError<'GW_ERR_FSM_UNDECLARED_EVENT'>> {
  const step = stepOf(table, from, event);
  return step === undefined ? err(new FsmUndeclaredEvent(`${table.name}: ${event} in ${from}`)) : ok(step);
}

function computeStep<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
  from: S,
  event: E | TimerEvent<T>,
): Step<S, A, T> | undefined {
  const { on } = table.states[from];
  const edge = Object.hasOwn(on, event) ? on[event] : undefined;
  if (edge === undefined) return undefined;
  const [to, action, options] = edge;
  const effects: Effect<A, T>[] =
    to === from ? (options?.rearm ?? []).map((timer): Effect<A, T> => ({ kind: 'armTimer', timer })) : entering(table.states[to]);
  if (action !== undefined) effects.push({ kind: 'action', action });
  return { to, effects };
}

/**
 * The steps of each table, computed once per (state, event): a table is constant data, so the
 * step of an accepted event is too (and a running machine allocates none per event).
 */
const steps = new WeakMap<object, Map<string, Map<string, object>>>();

function stepOf<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
  from: S,
  event: E | TimerEvent<T>,
): Step<S, A, T> | undefined {
  let byState = steps.get(table);
  if (byState === undefined) steps.set(table, (byState = new Map<string, Map<string, object>>()));
  let byEvent = byState.get(from);
  if (byEvent === undefined) byState.set(from, (byEvent = new Map<string, object>()));
  const known = byEvent.get(event) as Step<S, A, T> | undefined;
  if (known !== undefined) return known;
  const step = computeStep(table, from, event);
  if (step === undefined) return undefined;
  const frozen: Step<S, A, T> = Object.freeze({ to: step.to, effects: Object.freeze(step.effects) });
  byEvent.set(event, frozen);
  return frozen;
}

export interface FsmOptions<S extends string, A extends string, T extends string, D> {
  /** Names this machine in the log, e.g. a transaction's branch. */
  readonly id: string;
  readonly clock: Clock;
  /** Where transitions are logged; without one, no log record is even built. */
  readonly log: FsmLogger | undefined;
  /** Milliseconds for the nth arming (from 0) of `timer` in `state`; null: not run here. 0 fires at once. */
  readonly duration: (timer: T, nth: number, state: S) => number | null;
  /**
   * The actions by name, or one function running the named action (so that machines of one kind
   * can share a single table of actions instead of each making its own closures).
   */
  readonly actions: { readonly [K in A]: (data: D | undefined) => void } | ((action: A, data: D | undefined) => void);
  /** Called once, after the action of the transition into a final state. */
  readonly onFinal?: () => void;
}
// duration, actions (as one function) and onFinal are called as methods of the options object:
// a machine's owner may pass itself as its options (no closures per machine held per call).


/**
 * One timer of a machine: how often it was armed, and while it runs, the event it will queue
 * (its identity is the token that tells a stale expiry from a live one) and its handle.
 */
interface TimerSlot<E extends string, T extends string, D> {
  readonly name: T;
  armed: number;
  running: Queued<E, T, D> | undefined;
  handle: TimerHandle | undefined;
}

interface Queued<E extends string, T extends string, D> {
  readonly event: E | TimerEvent<T>;
  readonly data: D | undefined;
  /** set on a timer's expiry event: the slot it must still be running in, else it is stale */
  readonly timer?: TimerSlot<E, T, D>;
}

/** `timer${name}` per timer name, made once: not a new string held by every armed timer. */
const TIMER_EVENTS = new Map<string, string>();

function timerEvent<T extends string>(timer: T): TimerEvent<T> {
  let event = TIMER_EVENTS.get(timer);
  if (event === undefined) TIMER_EVENTS.set(timer, (event = `timer${timer}`));
  return event as TimerEvent<T>;
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** One running machine. Events fired before start() or during an action wait their turn. */
export class Fsm<S extends string, E extends string, A extends string, T extends string, D> {
  readonly #table: FsmTable<S, E, A, T>;
  readonly #options: FsmOptions<S, A, T, D>;
  #state: S;
  #busy = true;
  /** events waiting their turn; made when one has to wait, dropped once drained (most never wait) */
  #queue: Queued<E, T, D>[] | undefined;
  /**
   * One slot per timer ever armed (a table names a handful), made on the first arming (many
   * machines never arm one): a short array costs far less than Maps in a machine held per call.
   */
  #timers: TimerSlot<E, T, D>[] | undefined;
  #stopped = false;

  constructor(table: FsmTable<S, E, A, T>, options: FsmOptions<S, A, T, D>) {
    this.#table = table;
    this.#options = options;
    this.#state = table.start.to;
  }

  get state(): S {
    return this.#state;
  }

  /** true once stop() was called. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Stops the machine where it is, e.g. because its owner is closing: cancels every running
   * timer and drops the events waiting their turn; later events (and timers) are ignored, with no
   * transition, action or log record. Runs none of the table's actions and not onFinal. Called
   * during an action, the rest of that transition's actions still run. Idempotent.
   */
  stop(): void {
    this.#stopped = true;
    this.#cancel([]);
    this.#queue = undefined;
  }

  /** Applies the table's start step (`data` goes to its action), then any events already fired. */
  start(data?: D): void {
    if (this.#stopped) return;
    try {
      this.#apply(START, this.#table.start.event, startStep(this.#table), data);
      this.#drain();
    } finally {
      this.#busy = false;
    }
  }

  fire(event: E | TimerEvent<T>, data?: D): void {
    this.#enqueue({ event, data });
  }

  /** Processes `item` now, or after the events ahead of it when the machine is busy. */
  #enqueue(item: Queued<E, T, D>): void {
    if (this.#stopped) return;
    if (this.#busy) {
      (this.#queue ??= []).push(item);
      return;
    }
    this.#busy = true;
    try {
      this.#process(item);
      this.#drain();
    } finally {
      this.#busy = false;
    }
  }

  /** Processes the waiting events in order (the caller holds #busy). */
  #drain(): void {
    const queue = this.#queue;
    if (queue === undefined) return;
    for (let item = queue.shift(); item !== undefined && !this.#stopped; item = queue.shift()) this.#process(item);
    this.#queue = undefined;
  }

  #process(item: Queued<E, T, D>): void {
    const slot = item.timer;
    if (slot !== undefined) {
      // A timer cancelled (or re-armed) after its event was queued is stale: drop it.
      if (slot.running !== item) return;
      slot.running = undefined;
      slot.handle = undefined;
    }
    const from = this.#state;
    const step = stepOf(this.#table, from, item.event);
    if (step !== undefined) {
      this.#apply(from, item.event, step, item.data);
      return;
    }
    const result = transition(this.#table, from, item.event);
    if (!result.ok) this.#options.log?.({ fsm: this.#table.name, id: this.#options.id, from, event: item.event, to: from, error: result.error.code });
  }

  #apply(from: string, event: string, step: Step<S, A, T>, data: D | undefined): void {
    this.#state = step.to;
    const log = this.#options.log;
    let armed: string[] | undefined;
    // Indexed loops: for-of here allocated an iterator result per effect (sampling heap profiler).
    const { effects } = step;
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i] as Effect<A, T>;
      if (effect.kind === 'cancelTimers') this.#cancel(effect.except);
      else if (effect.kind === 'armTimer') {
        const ms = this.#arm(effect.timer);
        if (ms !== null && log !== undefined) (armed ??= []).push(`${effect.timer} ${formatMs(ms)}`);
      }
    }
    if (log !== undefined) {
      const record = { fsm: this.#table.name, id: this.#options.id, from, event, to: step.to };
      log(armed !== undefined ? { ...record, timer: armed.join(', ') } : record);
    }
    const options = this.#options;
    const { actions } = options;
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i] as Effect<A, T>;
      if (effect.kind !== 'action') continue;
      // Called on the options, so that an owner may pass itself with these as its methods.
      if (typeof actions === 'function') actions.call(options, effect.action, data);
      else actions[effect.action](data);
    }
    if (this.#table.states[step.to].final && !this.#stopped) this.#options.onFinal?.();
  }

  #cancel(except: readonly T[]): void {
    const timers = this.#timers;
    if (timers === undefined) return;
    for (let i = 0; i < timers.length; i++) {
      const slot = timers[i] as TimerSlot<E, T, D>;
      if (slot.running === undefined || except.includes(slot.name)) continue;
      slot.handle?.cancel();
      slot.running = undefined;
      slot.handle = undefined;
    }
  }

  #arm(timer: T): number | null {
    let known: TimerSlot<E, T, D> | undefined;
    const timers = this.#timers;
    if (timers !== undefined) for (let i = 0; i < timers.length; i++) if ((timers[i] as TimerSlot<E, T, D>).name === timer) known = timers[i];
    const nth = known?.armed ?? 0;
    const ms = this.#options.duration(timer, nth, this.#state);
    if (ms === null) return null;
    const slot = known ?? { name: timer, armed: 0, running: undefined, handle: undefined };
    // concat() makes room for exactly what it holds (push() and spreads make room for 17 or more).
    if (known === undefined) this.#timers = this.#timers === undefined ? [slot] : this.#timers.concat([slot]);
    slot.armed = nth + 1;
    slot.handle?.cancel();
    const queued: Queued<E, T, D> = { event: timerEvent(timer), data: undefined, timer: slot };
    slot.running = queued;
    if (ms <= 0) {
      // Only armed while a transition runs (#busy): it waits its turn.
      slot.handle = undefined;
      (this.#queue ??= []).push(queued);
    } else {
      slot.handle = this.#options.clock.setTimer(ms, () => this.#enqueue(queued));
    }
    return ms;
  }
}

/** One log record as a line, e.g. `ict(z9hG4bK1) Calling --timerA--> Calling (A 1s)`. */
export function formatFsmRecord(r: FsmLogRecord): string {
  const head = `${r.fsm}(${r.id}) ${r.from} --${r.event}--`;
  if (r.error !== undefined) return `${head} rejected: ${r.error}`;
  return `${head}> ${r.to}${r.timer === undefined ? '' : ` (${r.timer})`}`;
}

/** A table as fixed-width text: one row per accepted event, for docs and reviews. */
export function printTable<S extends string, E extends string, A extends string, T extends string>(
  table: FsmTable<S, E, A, T>,
): string {
  const header = ['state', 'timers', 'event', 'next', 'action'];
  const rows: string[][] = [];
  for (const name of Object.keys(table.states) as S[]) {
    const decl = table.states[name];
    const timers = [...(decl.timers ?? []), ...(decl.keep ?? []).map((t) => `${t} (kept)`)].join(', ');
    const edges = Object.entries(decl.on).filter((e): e is [string, Edge<S, A, T>] => e[1] !== undefined);
    if (decl.final) rows.push([name, '(final)']);
    edges.forEach(([event, [to, action, options]], i) => {
      const rearm = options === undefined ? '' : `; re-arm ${options.rearm.join(', ')}`;
      rows.push([i === 0 ? name : '', i === 0 ? timers || '-' : '', event, to, `${action ?? '-'}${rearm}`]);
    });
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string => widths.map((w, c) => (r[c] ?? '').padEnd(w)).join('  ').trimEnd();
  const { start } = table;
  return [
    `${table.name}: ${table.title} (${table.ref})`,
    `start: ${start.event} -> ${start.to}${start.action === undefined ? '' : ` / ${start.action}`}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
