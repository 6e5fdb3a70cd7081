/**
 * What the views of a server share with each other and with other processes: broadcasts, presence, and
 * the store that lets another process take a view over. In one process (the default) it is all in memory
 * and there is no store; with `redis` configured it is all in Redis (`redis.ts`, loaded only then).
 */
import { LocalPresence, presenceTopic, type Presence } from './presence.js';
import { LocalPubSub, type PubSubAdapter } from './pubsub.js';
import type { ErrorReporter } from './instance.js';
import { randomId } from './session.js';
import type { StateStore } from './state-store.js';

/** The shared parts of one server process. */
export interface Backplane {
  /** This process, as the owner of the views it runs and the members it tracks. */
  readonly processId: string;
  readonly pubsub: PubSubAdapter;
  readonly presence: Presence;
  /** Views' committed state, for a takeover by another process; null in one process. */
  readonly store: StateStore | null;
  /** Leaves presence and closes connections. */
  close(): Promise<void>;
}

/** Where Redis is and how long what this server writes there lives. */
export interface RedisConfig {
  /** `redis://host:port/db` */
  readonly url: string;
  /** Prefix of every key and channel (default `tessera:`), so several apps can share one Redis. */
  readonly keyPrefix: string;
  readonly stateTtlMs: number;
  readonly presenceTtlMs: number;
}

/** Everything in this process. */
function localBackplane(): Backplane {
  const pubsub = new LocalPubSub();
  return {
    processId: randomId(),
    pubsub,
    presence: new LocalPresence((topic, diff) => pubsub.publish(presenceTopic(topic), diff)),
    store: null,
    close: async () => {},
  };
}

/** The backplane for `redis` (connected), or the local one when it is null. */
export async function openBackplane(redis: RedisConfig | null, report: ErrorReporter): Promise<Backplane> {
  if (!redis) return localBackplane();
  const { connectRedis } = await import('./redis.js');
  return connectRedis(redis, randomId(), report);
}
