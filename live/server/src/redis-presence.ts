/**
 * Presence in Redis. Members of a topic are fields of the hash `<prefix>presence:<topic>`, named
 * `<process id>|<member id>`, valued with the meta as JSON. Each process keeps a liveness key
 * `<prefix>process:<id>` that expires after `ttlMs` and refreshes it (and the TTL of its topics' hashes) every
 * third of that; listing a topic skips, and deletes, the members of processes whose key expired, so a
 * process that died (SIGKILL, lost machine) loses its members within `ttlMs`.
 */
import type { Json } from '@tessera/live-protocol';
import type { Redis } from 'ioredis';
import type { ErrorReporter } from './instance.js';
import type { Presence, PresenceMember } from './presence.js';
import { defineScript, type Script } from './redis-script.js';

// KEYS: the topic hash. ARGV: the liveness key prefix. Returns the field/value list of live members.
const LIST = `
local all = redis.call('HGETALL', KEYS[1])
local live = {}
local out = {}
for i = 1, #all, 2 do
  local owner = string.match(all[i], '^([^|]*)|') or ''
  if live[owner] == nil then live[owner] = redis.call('EXISTS', ARGV[1] .. owner) == 1 end
  if live[owner] then
    out[#out + 1] = all[i]
    out[#out + 1] = all[i + 1]
  else
    redis.call('HDEL', KEYS[1], all[i])
  end
end
return out`;

/** Presence shared by every process on the same Redis. */
export class RedisPresence implements Presence {
  readonly #list: Script;
  /** This process's members: topic -> member ids, to refresh their hashes' TTL and leave on close. */
  readonly #mine = new Map<string, Set<string>>();
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly processId: string,
    private readonly ttlMs: number,
    private readonly report: ErrorReporter,
  ) {
    this.#list = defineScript(client, 'tesseraPresenceList', 1, LIST);
    this.#timer = setInterval(() => this.#refresh(), Math.max(1, Math.floor(ttlMs / 3)));
    this.#timer.unref();
  }

  /** Marks this process live; resolves once Redis has the key (call before the first join). */
  start(): Promise<void> {
    return this.#refresh();
  }

  #hash(topic: string): string {
    return `${this.prefix}presence:${topic}`;
  }

  #field(id: string): string {
    return `${this.processId}|${id}`;
  }

  async #refresh(): Promise<void> {
    const batch = this.client.multi().set(`${this.prefix}process:${this.processId}`, '1', 'PX', this.ttlMs);
    // A topic hash outlives every member's process by at most twice the TTL.
    for (const topic of this.#mine.keys()) batch.pexpire(this.#hash(topic), this.ttlMs * 2);
    await batch.exec().catch((err: unknown) => this.report(err, 'presence refresh'));
  }

  async join(topic: string, id: string, meta: Json): Promise<void> {
    let ids = this.#mine.get(topic);
    if (!ids) {
      ids = new Set();
      this.#mine.set(topic, ids);
    }
    ids.add(id);
    await this.client
      .multi()
      .hset(this.#hash(topic), this.#field(id), JSON.stringify(meta))
      .pexpire(this.#hash(topic), this.ttlMs * 2)
      .exec();
  }

  async leave(topic: string, id: string): Promise<void> {
    const ids = this.#mine.get(topic);
    if (ids?.delete(id) && ids.size === 0) this.#mine.delete(topic);
    await this.client.hdel(this.#hash(topic), this.#field(id));
  }

  async list(topic: string): Promise<PresenceMember[]> {
    const flat = (await this.#list([this.#hash(topic)], [`${this.prefix}process:`])) as string[];
    // A view taken over by another process is listed by both until the old copy ends: one member per id.
    const members = new Map<string, PresenceMember>();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const field = flat[i]!;
      const id = field.slice(field.indexOf('|') + 1);
      members.set(id, { id, meta: JSON.parse(flat[i + 1]!) as Json });
    }
    return [...members.values()];
  }

  /** Stops refreshing and removes this process's members and liveness key (a clean shutdown). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    const batch = this.client.multi().del(`${this.prefix}process:${this.processId}`);
    for (const [topic, ids] of this.#mine) batch.hdel(this.#hash(topic), ...[...ids].map((id) => this.#field(id)));
    this.#mine.clear();
    await batch.exec();
  }
}
