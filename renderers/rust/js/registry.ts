/**
 * The application's objects the addon holds by id (encode.ts writes their ids, host.ts answers for
 * them): one id per object, kept alive while a render, or a live document's context, can still ask for
 * it, and released after.
 */

/** Who holds an id: a top-level name of a live document's context, or the render in progress. */
export const RENDER_OWNER = '';

/** Ids of the objects of one render or one live document. */
export class ObjectRegistry {
  readonly #ids = new WeakMap<object, number>();
  // BigInts and symbols sent as objects have no identity to key a WeakMap by; they are few.
  readonly #primitiveIds = new Map<unknown, number>();
  readonly #objects = new Map<number, unknown>();
  readonly #owners = new Map<number, Set<string>>();
  readonly #owned = new Map<string, number[]>();
  #next = 1;
  #owner = RENDER_OWNER;

  /** How many objects are held. */
  get size(): number {
    return this.#objects.size;
  }

  /** The id of `obj`, held for the current owner (an object keeps one id for the registry's life). */
  id(obj: object | bigint | symbol): number {
    const isObject = typeof obj === 'object' || typeof obj === 'function';
    let id = isObject ? this.#ids.get(obj) : this.#primitiveIds.get(obj);
    if (id === undefined) {
      id = this.#next++;
      if (isObject) this.#ids.set(obj, id);
      else this.#primitiveIds.set(obj, id);
    }
    if (!this.#objects.has(id)) this.#objects.set(id, obj);
    let owners = this.#owners.get(id);
    if (owners === undefined) {
      owners = new Set();
      this.#owners.set(id, owners);
    }
    if (!owners.has(this.#owner)) {
      owners.add(this.#owner);
      let list = this.#owned.get(this.#owner);
      if (list === undefined) {
        list = [];
        this.#owned.set(this.#owner, list);
      }
      list.push(id);
    }
    return id;
  }

  /** The object behind an id the addon sent back. */
  get(id: number): unknown {
    return this.#objects.get(id);
  }

  /** Runs `fn` with the ids it registers held by `owner` (a top-level name of a live document). */
  ownedBy<T>(owner: string, fn: () => T): T {
    const previous = this.#owner;
    this.#owner = owner;
    try {
      return fn();
    } finally {
      this.#owner = previous;
    }
  }

  /** Drops what `owner` held; an object no other owner holds is forgotten. */
  release(owner: string): void {
    for (const id of this.#owned.get(owner) ?? []) {
      const owners = this.#owners.get(id);
      owners?.delete(owner);
      if (owners?.size === 0) {
        this.#owners.delete(id);
        const obj = this.#objects.get(id);
        if (typeof obj !== 'object' && typeof obj !== 'function') this.#primitiveIds.delete(obj);
        this.#objects.delete(id);
      }
    }
    this.#owned.delete(owner);
  }

  /** Drops everything (a whole new context). */
  clear(): void {
    this.#objects.clear();
    this.#primitiveIds.clear();
    this.#owners.clear();
    this.#owned.clear();
  }
}
