/**
 * Topics for broadcasts between views. `PubSubAdapter` is what a server broadcasts through: the
 * in-process `LocalPubSub` by default (views of one process), or Redis (`redis-pubsub.ts`) when the server
 * is configured with one, so a broadcast reaches the views of every process.
 */

/** Broadcasts between views; listeners of a topic get every payload published on it, in order. */
export interface PubSubAdapter {
  /** Adds a listener; returns the function that removes it. */
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
  /** Calls every listener of `topic` (on every process) with `payload`. */
  publish(topic: string, payload: unknown): void;
  /** Resolves once every subscription made so far receives broadcasts (Redis subscribes asynchronously). */
  settled(): Promise<void>;
}

/** Listeners by topic, the part both adapters share: Redis delivers into one of these per process. */
export class Listeners {
  #topics = new Map<string, Set<(payload: unknown) => void>>();

  /** Adds a listener; `first` runs when the topic had none. Returns the remover; `last` runs when it empties. */
  add(topic: string, listener: (payload: unknown) => void, first?: () => void, last?: () => void): () => void {
    let listeners = this.#topics.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.#topics.set(topic, listeners);
      first?.();
    }
    listeners.add(listener);
    return () => {
      if (!listeners.delete(listener) || listeners.size > 0) return;
      this.#topics.delete(topic);
      last?.();
    };
  }

  /** Calls every listener of `topic` with `payload`. */
  deliver(topic: string, payload: unknown): void {
    for (const listener of [...(this.#topics.get(topic) ?? [])]) listener(payload);
  }
}

/** Topics inside one process (the default): payloads are passed by reference. */
export class LocalPubSub implements PubSubAdapter {
  readonly #listeners = new Listeners();

  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    return this.#listeners.add(topic, listener);
  }

  publish(topic: string, payload: unknown): void {
    this.#listeners.deliver(topic, payload);
  }

  async settled(): Promise<void> {}
}
