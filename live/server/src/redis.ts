/**
 * The Redis backplane: two connections per process (commands, and one in subscriber mode for broadcasts),
 * and the pub/sub, presence and state store built on them. Loaded only when a server is given `redis`.
 */
import { Redis } from 'ioredis';
import type { Backplane, RedisConfig } from './backplane.js';
import type { ErrorReporter } from './instance.js';
import { presenceTopic, type Announce } from './presence.js';
import { RedisPresence } from './redis-presence.js';
import { RedisPubSub } from './redis-pubsub.js';
import { RedisStateStore } from './redis-state-store.js';

/** Connects to `config.url` (throws when Redis does not answer) and builds the backplane of `processId`. */
export async function connectRedis(config: RedisConfig, processId: string, report: ErrorReporter): Promise<Backplane> {
  // No offline queue: while Redis is unreachable a write fails at once (reported; the view goes on in this
  // process) instead of holding the view's queue, and every event behind it, until Redis is back.
  const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false };
  const client = new Redis(config.url, options);
  const subscriber = new Redis(config.url, options);
  // ioredis reconnects by itself; an error while it does is reported, not thrown at the process.
  client.on('error', (err: unknown) => report(err, 'redis'));
  subscriber.on('error', (err: unknown) => report(err, 'redis subscriber'));
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (err) {
    client.disconnect();
    subscriber.disconnect();
    throw err;
  }
  const pubsub = new RedisPubSub(client, subscriber, config.keyPrefix, report);
  const announce: Announce = (topic, diff) => pubsub.publish(presenceTopic(topic), diff);
  const presence = new RedisPresence(client, config.keyPrefix, processId, config.presenceTtlMs, report, announce);
  await presence.start();
  return {
    processId,
    pubsub,
    presence,
    store: new RedisStateStore(client, config.keyPrefix, config.stateTtlMs),
    async close() {
      await presence.stop().catch((err: unknown) => report(err, 'presence stop'));
      // QUIT waits for Redis; one that is gone would keep it waiting, so after a moment the sockets just go.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const quit = Promise.all([client.quit(), subscriber.quit()]).catch(() => undefined);
      await Promise.race([quit, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
