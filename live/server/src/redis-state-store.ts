/**
 * The view state store in Redis: one hash per view instance (`<prefix>view:<id>`) with the fields of
 * `encodeView` plus `owner`, the process that may write it, and a TTL renewed by every write. Writes and
 * claims are Lua scripts, so "am I still the owner, is my version not older" and the write are one step.
 */
import type { Redis } from 'ioredis';
import { defineScript, type Script } from './redis-script.js';
import { decodeView, encodeView, type Claimed, type StateStore, type StoredView } from './state-store.js';

// ARGV: owner, ttl ms, version, then field/value pairs. Refused (0) when another process owns the view or
// the stored version is newer.
const SAVE = `
local cur = redis.call('HMGET', KEYS[1], 'owner', 'v')
if cur[1] and cur[1] ~= ARGV[1] then return 0 end
if cur[2] and tonumber(cur[2]) > tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

// ARGV: owner, ttl ms. Returns the record as it was (field/value list), now owned by ARGV[1].
const CLAIM = `
local rec = redis.call('HGETALL', KEYS[1])
if #rec == 0 then return rec end
redis.call('HSET', KEYS[1], 'owner', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return rec`;

/** Stores views in Redis for `ttlMs` after their last write. */
export class RedisStateStore implements StateStore {
  readonly #save: Script;
  readonly #claim: Script;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {
    this.#save = defineScript(client, 'tesseraSaveView', 1, SAVE);
    this.#claim = defineScript(client, 'tesseraClaimView', 1, CLAIM);
  }

  #key(id: string): string {
    return `${this.prefix}view:${id}`;
  }

  async save(id: string, owner: string, view: StoredView): Promise<boolean> {
    const fields = Object.entries(encodeView(view)).flat();
    return (await this.#save([this.#key(id)], [owner, this.ttlMs, view.v, ...fields])) === 1;
  }

  async claim(id: string, owner: string): Promise<Claimed | null> {
    const list = (await this.#claim([this.#key(id)], [owner, this.ttlMs])) as string[];
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < list.length; i += 2) fields[list[i]!] = list[i + 1]!;
    const view = decodeView(fields);
    return view ? { view, previousOwner: fields['owner'] ?? '' } : null;
  }

  async touch(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const batch = this.client.pipeline();
    for (const id of ids) batch.pexpire(this.#key(id), this.ttlMs);
    await batch.exec();
  }
}
