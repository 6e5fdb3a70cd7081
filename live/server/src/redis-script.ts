/**
 * Lua scripts on an ioredis connection: each is loaded once (EVALSHA, reloaded by ioredis when the server
 * forgot it) and runs atomically, which is what lets a check and a write be one step.
 */
import type { Redis } from 'ioredis';

/** A script callable with its keys, then its arguments. */
export type Script = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/** Defines `lua` (taking `keys` keys) on `client` under `name`. */
export function defineScript(client: Redis, name: string, keys: number, lua: string): Script {
  client.defineCommand(name, { lua, numberOfKeys: keys });
  const command = (client as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[name]!;
  return (keyList, args) => command.call(client, ...keyList, ...args);
}
