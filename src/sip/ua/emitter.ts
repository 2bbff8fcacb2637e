// A minimal typed event emitter for the call handles and the UA. Listeners run synchronously, in
// the order they subscribed; `error` means nothing special (an event without listeners is dropped).
// A call handle has a few listeners on a few events for as long as the call lasts, so they are
// kept in plain arrays on one object made at the first subscription (no Map, no Set per event).

type Listener = (value: never) => void;
type Lists<E> = { [K in keyof E]?: Listener[] };

/** Subscribe to and emit the events of the map `E` (event name -> value). */
export class Emitter<E extends object> {
  #listeners: Lists<E> | undefined;

  /** Subscribes `listener` (once: subscribing it again changes nothing); returns the function that unsubscribes it. */
  on<K extends keyof E>(event: K, listener: (value: E[K]) => void): () => void {
    const all: Lists<E> = (this.#listeners ??= {});
    const list = all[event];
    // Copy on write: an emit running over the old array is not disturbed. concat() makes room
    // for exactly what it holds (push() and spreads make room for 17 or more).
    if (list === undefined) all[event] = [listener];
    else if (!list.includes(listener)) all[event] = list.concat([listener]);
    return () => {
      const now = this.#listeners?.[event];
      const i = now === undefined ? -1 : now.indexOf(listener);
      if (now !== undefined && i >= 0) (this.#listeners as Lists<E>)[event] = now.slice(0, i).concat(now.slice(i + 1));
    };
  }

  /** How many listeners `event` has: without any, the UA answers requests itself. */
  listenerCount(event: keyof E): number {
    return this.#listeners?.[event]?.length ?? 0;
  }

  protected emit<K extends keyof E>(event: K, value: E[K]): void {
    // Listeners added or removed meanwhile do not change this emission: on() and its
    // unsubscribe replace the array instead of changing it.
    const list = this.#listeners?.[event] as ((value: E[K]) => void)[] | undefined;
    if (list !== undefined) for (const listener of list) listener(value);
  }
}
