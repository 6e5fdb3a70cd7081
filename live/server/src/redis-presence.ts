/**
 * Presence in Redis. Members of a topic are fields of the hash `<prefix>presence:<topic>`, named
 * `<process id>|<member id>`, valued with the meta as JSON. Each process keeps a liveness key
 * `<prefix>process:<id>` that expires after `ttlMs` and refreshes it (and the TTL of its topics' hashes) every
 * third of that; listing a topic skips, and deletes, the members of processes whose key expired, so a
 * process that died (SIGKILL, lost machine) loses its members within `ttlMs`. Each refresh also lists the
 * topics this process has members in, so the members of a dead process are announced as leaving by a
 * process that shares a topic with them (the script deletes each once, so it is announced once).
 */
import type { Json } from '@tessera/live-protocol';
import type { Redis } from 'ioredis';
import type { ErrorReporter } from './instance.js';
import type { Announce, Presence, PresenceMember } from './presence.js';
import { defineScript, type Script } from './redis-script.js';

// KEYS: the topic hash. ARGV: the liveness key prefix. Returns the field/value list of live members and the
// fields it deleted (members of processes whose liveness key expired).
const LIST = `
local all = redis.call('HGETALL', KEYS[1])
local live = {}
local out = {}
local gone = {}
for i = 1, #all, 2 do
  local owner = string.match(all[i], '^([^|]*)|') or ''
  if live[owner] == nil then live[owner] = redis.call('EXISTS', ARGV[1] .. owner) == 1 end
  if live[owner] then
    out[#out + 1] = all[i]
    out[#out + 1] = all[i + 1]
  else
    redis.call('HDEL', KEYS[1], all[i])
    gone[#gone + 1] = all[i]
  end
end
return {out, gone}`;

/** The member id of a hash field. */
const memberOf = (field: string): string => field.slice(field.indexOf('|') + 1);

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
    private readonly announce: Announce,
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
    // Announces the members of dead processes that share a topic with this one.
    for (const topic of this.#mine.keys()) await this.list(topic).catch((err: unknown) => this.report(err, 'presence'));
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
    this.announce(topic, { joined: { id, meta } });
  }

  async leave(topic: string, id: string): Promise<void> {
    const ids = this.#mine.get(topic);
    if (ids?.delete(id) && ids.size === 0) this.#mine.delete(topic);
    if ((await this.client.hdel(this.#hash(topic), this.#field(id))) === 1) this.announce(topic, { left: id });
  }

  async list(topic: string): Promise<PresenceMember[]> {
    const [flat, gone] = (await this.#list([this.#hash(topic)], [`${this.prefix}process:`])) as [string[], string[]];
    // A view taken over by another process is listed by both until the old copy ends: one member per id.
    const members = new Map<string, PresenceMember>();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const id = memberOf(flat[i]!);
      members.set(id, { id, meta: JSON.parse(flat[i + 1]!) as Json });
    }
    for (const field of gone) if (!members.has(memberOf(field))) this.announce(topic, { left: memberOf(field) });
    return [...members.values()];
  }

  /** Stops refreshing and removes this process's members and liveness key (a clean shutdown), announcing them. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    const batch = this.client.multi().del(`${this.prefix}process:${this.processId}`);
    for (const [topic, ids] of this.#mine) batch.hdel(this.#hash(topic), ...[...ids].map((id) => this.#field(id)));
    const leaving = [...this.#mine].flatMap(([topic, ids]) => [...ids].map((id) => [topic, id] as const));
    this.#mine.clear();
    await batch.exec();
    for (const [topic, id] of leaving) this.announce(topic, { left: id });
  }
}
