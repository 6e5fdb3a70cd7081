/**
 * Broadcasts through Redis pub/sub: a payload is published as JSON on channel `<prefix>topic:<topic>` and
 * every process subscribed to it (this one included) delivers it to its listeners. One subscriber
 * connection per process subscribes to a channel while the process has a listener for its topic.
 */
import type { Redis } from 'ioredis';
import { Listeners, type PubSubAdapter } from './pubsub.js';
import type { ErrorReporter } from './instance.js';

/** Topics shared by every process connected to the same Redis. */
export class RedisPubSub implements PubSubAdapter {
  readonly #listeners = new Listeners();
  readonly #channel: string;
  #pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    prefix: string,
    private readonly report: ErrorReporter,
  ) {
    this.#channel = `${prefix}topic:`;
    subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.#channel)) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch (err) {
        this.report(err, `broadcast on ${channel}`);
        return;
      }
      this.#listeners.deliver(channel.slice(this.#channel.length), payload);
    });
  }

  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    const channel = this.#channel + topic;
    return this.#listeners.add(
      topic,
      listener,
      () => {
        const done = this.subscriber.subscribe(channel).catch((err: unknown) => this.report(err, `subscribe ${topic}`));
        this.#pending = Promise.all([this.#pending, done]);
      },
      () => this.subscriber.unsubscribe(channel).catch((err: unknown) => this.report(err, `unsubscribe ${topic}`)),
    );
  }

  /** Resolves once every subscription asked for so far is in place (Redis confirmed it). */
  settled(): Promise<void> {
    return this.#pending.then(() => undefined);
  }

  publish(topic: string, payload: unknown): void {
    this.publisher
      .publish(this.#channel + topic, JSON.stringify(payload))
      .catch((err: unknown) => this.report(err, `broadcast ${topic}`));
  }
}
