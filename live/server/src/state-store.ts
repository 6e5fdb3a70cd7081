/**
 * Where a view's committed state is kept so another process can take the view over: after each committed
 * event the instance writes its state (JSON), version and event ledger in one write, owned by its process.
 * A process that takes the view over claims it (the old owner's later writes are refused, so a process
 * that lost a view cannot overwrite the new owner's state) and resumes at the stored version.
 *
 * Without Redis there is no store: a view lives only in its process, for its grace period.
 */
import { jsonProblem, isCount, type JsonObject } from '@tessera/live-protocol';
import type { LedgerJson } from './ledger.js';

/** Format of a stored view; a record of another format is ignored (the view mounts afresh). */
const STORED_FORMAT = 1;

/** One view as stored. */
export interface StoredView {
  /** The route and session the view was mounted for; a mount must match both, as its token does. */
  readonly route: string;
  readonly session: string;
  /** The fingerprint of the template the state was rendered with (`CompiledView.fingerprint`). */
  readonly template: string;
  /** The committed version and the state at that version (what `mount` and handlers assigned). */
  readonly v: number;
  readonly state: JsonObject;
  readonly ledger: LedgerJson;
}

/** A claimed view: its record, and the process that owned it before the claim. */
export interface Claimed {
  readonly view: StoredView;
  readonly previousOwner: string;
}

/** The view state store (Redis, `redis-state-store.ts`). */
export interface StateStore {
  /**
   * Writes `view` for instance `id`, owned by `owner`, with the store's TTL. Resolves false when another
   * process owns the view now (it took the view over) or holds a newer version: the caller lost the view.
   */
  save(id: string, owner: string, view: StoredView): Promise<boolean>;
  /** Makes `owner` the owner of instance `id` and returns its record; null when none is stored (or unreadable). */
  claim(id: string, owner: string): Promise<Claimed | null>;
  /** Renews the TTL of the stored views `ids` (views whose page is still connected, but idle). */
  touch(ids: readonly string[]): Promise<void>;
}

/** The fields of a stored record, as Redis holds them (strings). */
type StoredFields = Record<string, string>;

/** Encodes a view for the store. */
export function encodeView(view: StoredView): StoredFields {
  return {
    fmt: String(STORED_FORMAT),
    route: view.route,
    session: view.session,
    template: view.template,
    v: String(view.v),
    state: JSON.stringify(view.state),
    ledger: JSON.stringify(view.ledger),
  };
}

/**
 * Decodes a stored record; null when it is not one this format wrote (missing or mistyped fields, state
 * that is not plain JSON). The store is the server's own, but a record is checked as carefully as a
 * client message: a bad one must mount a fresh view, not break the process.
 */
export function decodeView(fields: StoredFields): StoredView | null {
  if (fields['fmt'] !== String(STORED_FORMAT)) return null;
  const { route, session, template } = fields;
  const v = Number(fields['v']);
  if (typeof route !== 'string' || typeof session !== 'string' || typeof template !== 'string' || !isCount(v))
    return null;
  let state: unknown;
  let ledger: unknown;
  try {
    state = JSON.parse(fields['state'] ?? '');
    ledger = JSON.parse(fields['ledger'] ?? '');
  } catch {
    return null;
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state) || jsonProblem(state) !== null) return null;
  if (typeof ledger !== 'object' || ledger === null) return null;
  return { route, session, template, v, state: state as JsonObject, ledger: ledger as LedgerJson };
}
