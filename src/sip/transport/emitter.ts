// A minimal typed event emitter. Unlike node:events it gives `error` no special meaning: an
// error event without listeners is dropped rather than thrown from a socket callback.

/** Subscribe and emit events of the map `E` (event name -> value). */
export class Emitter<E extends object> {
  readonly #listeners = new Map<keyof E, Set<(value: never) => void>>();

  /** Subscribes `listener`; returns the function that unsubscribes it. */
  on<K extends keyof E>(event: K, listener: (value: E[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  protected emit<K extends keyof E>(event: K, value: E[K]): void {
    const set = this.#listeners.get(event) as Set<(value: E[K]) => void> | undefined;
    if (set !== undefined) for (const listener of [...set]) listener(value);
  }
}
