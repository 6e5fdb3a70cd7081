/**
 * Presence: who is viewing what. A view `track`s itself in a topic with some JSON meta while it lives;
 * `presence(topic)` lists the members, and every join and leave is broadcast on `presenceTopic(topic)`. In
 * one process (`LocalPresence`) a member leaves when its view ends; with Redis (`redis-presence.ts`) members
 * are listed across processes and those of a process that stopped refreshing its liveness (it died) are
 * dropped, and announced as leaving, once `presenceTtlMs` passed.
 */
import type { Json } from '@tessera/live-protocol';

/** One member of a topic: the view instance's id and the meta it tracked with. */
export interface PresenceMember {
  readonly id: string;
  readonly meta: Json;
}

/** A change of a topic's members, broadcast on `presenceTopic(topic)`. */
export type PresenceDiff = { readonly joined: PresenceMember } | { readonly left: string };

/** The broadcast topic on which the joins and leaves of presence topic `topic` are announced. */
export function presenceTopic(topic: string): string {
  return `presence:${topic}`;
}

/** Broadcasts a diff of `topic` (on `presenceTopic(topic)`). */
export type Announce = (topic: string, diff: PresenceDiff) => void;

/** Presence across the views of a server (and of its peers, with Redis). */
export interface Presence {
  /** Adds (or updates) member `id` of `topic`. */
  join(topic: string, id: string, meta: Json): Promise<void>;
  /** Removes member `id` of `topic`. */
  leave(topic: string, id: string): Promise<void>;
  /** The live members of `topic`. */
  list(topic: string): Promise<PresenceMember[]>;
}

/** Presence inside one process (the default). */
export class LocalPresence implements Presence {
  readonly #topics = new Map<string, Map<string, Json>>();

  constructor(private readonly announce: Announce) {}

  async join(topic: string, id: string, meta: Json): Promise<void> {
    let members = this.#topics.get(topic);
    if (!members) {
      members = new Map();
      this.#topics.set(topic, members);
    }
    members.set(id, meta);
    this.announce(topic, { joined: { id, meta } });
  }

  async leave(topic: string, id: string): Promise<void> {
    const members = this.#topics.get(topic);
    if (!members?.delete(id)) return;
    if (members.size === 0) this.#topics.delete(topic);
    this.announce(topic, { left: id });
  }

  async list(topic: string): Promise<PresenceMember[]> {
    return [...(this.#topics.get(topic) ?? [])].map(([id, meta]) => ({ id, meta }));
  }
}
