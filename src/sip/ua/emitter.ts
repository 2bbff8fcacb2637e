// A minimal typed event emitter for the call handles and the UA. Listeners run synchronously, in
// the order they subscribed; `error` means nothing special (an event without listeners is dropped).
// A call handle has a few listeners on a few events for as long as the call lasts, so they are
// kept on one object made at the first subscription (no Map, no Set per event): a lone listener
// as itself, several in a plain array.

type Listener = (value: never) => void;
type Lists<E> = { [K in keyof E]?: Listener | readonly Listener[] };

/** The listeners of one entry, as a list. */
function listOf(entry: Listener | readonly Listener[] | undefined): readonly Listener[] {
  return entry === undefined ? [] : typeof entry === 'function' ? [entry] : entry;
}

/** Subscribe to and emit the events of the map `E` (event name -> value). */
export class Emitter<E extends object> {
  #listeners: Lists<E> | undefined;

  /** Subscribes `listener` (once: subscribing it again changes nothing); returns the function that unsubscribes it. */
  on<K extends keyof E>(event: K, listener: (value: E[K]) => void): () => void {
    const all: Lists<E> = (this.#listeners ??= {});
    const entry = all[event];
    // Copy on write: an emit running over the old array is not disturbed. concat() makes room
    // for exactly what it holds (push() and spreads make room for 17 or more).
    if (entry === undefined) all[event] = listener;
    else if (!listOf(entry).includes(listener)) all[event] = listOf(entry).concat([listener]);
    return () => {
      const now = listOf(this.#listeners?.[event]);
      const i = now.indexOf(listener);
      if (i < 0) return;
      const left = now.slice(0, i).concat(now.slice(i + 1));
      (this.#listeners as Lists<E>)[event] = left.length === 0 ? undefined : left.length === 1 ? left[0] : left;
    };
  }

  /** How many listeners `event` has: without any, the UA answers requests itself. */
  listenerCount(event: keyof E): number {
    return listOf(this.#listeners?.[event]).length;
  }

  protected emit<K extends keyof E>(event: K, value: E[K]): void {
    // Listeners added or removed meanwhile do not change this emission: on() and its
    // unsubscribe replace the entry instead of changing it.
    const entry = this.#listeners?.[event] as ((value: E[K]) => void) | readonly ((value: E[K]) => void)[] | undefined;
    if (entry === undefined) return;
    if (typeof entry === 'function') entry(value);
    else for (const listener of entry) listener(value);
  }
}
