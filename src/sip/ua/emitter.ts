// A minimal typed event emitter for the call handles and the UA. Listeners run synchronously, in
// the order they subscribed; `error` means nothing special (an event without listeners is dropped).

/** Subscribe to and emit the events of the map `E` (event name -> value). */
export class Emitter<E extends object> {
  readonly #listeners = new Map<keyof E, Set<(value: never) => void>>();

  /** Subscribes `listener`; returns the function that unsubscribes it. */
  on<K extends keyof E>(event: K, listener: (value: E[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** How many listeners `event` has: without any, the UA answers requests itself. */
  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  protected emit<K extends keyof E>(event: K, value: E[K]): void {
    const set = this.#listeners.get(event) as Set<(value: E[K]) => void> | undefined;
    if (set !== undefined) for (const listener of [...set]) listener(value);
  }
}
