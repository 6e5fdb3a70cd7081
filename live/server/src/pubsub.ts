/** In-process topics for broadcasts between views. */
export class PubSub {
  #topics = new Map<string, Set<(payload: unknown) => void>>();

  /** Adds a listener; returns the function that removes it. */
  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    let listeners = this.#topics.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.#topics.set(topic, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#topics.delete(topic);
    };
  }

  /** Calls every listener of `topic` with `payload`. */
  publish(topic: string, payload: unknown): void {
    for (const listener of [...(this.#topics.get(topic) ?? [])]) listener(payload);
  }
}
