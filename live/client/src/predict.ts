/**
 * Applies an `@optimistic` prediction to a copy of the state:
 * `predict({ items: [{ likes: 1 }] }, { 'items.{index}.likes': { add: 1 } }, { index: '0' })`
 * gives `{ items: [{ likes: 2 }] }`. Objects on the way to a changed value are copied; the rest is
 * shared, so the renderer can skip unchanged regions by identity.
 */
import { isForbiddenKey, type Json, type JsonObject, type PredictOp, type Prediction } from '@tessera/live-protocol';

type Mutable = Record<string, Json> | Json[];

const isContainer = (value: unknown): value is Mutable => typeof value === 'object' && value !== null;

function expand(path: string, params: JsonObject): string[] | null {
  const segments: string[] = [];
  for (const raw of path.split('.')) {
    const match = /^\{(\w+)\}$/.exec(raw);
    if (!match) {
      segments.push(raw);
      continue;
    }
    const value = params[match[1]!];
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    segments.push(String(value));
  }
  return segments.some(isForbiddenKey) ? null : segments;
}

function apply(op: PredictOp, current: Json | undefined, params: JsonObject): Json | undefined {
  if ('toggle' in op) return !current;
  if ('add' in op) return typeof current === 'number' ? current + op.add : current;
  if ('set' in op) return op.set;
  return Object.hasOwn(params, op.param) ? params[op.param]! : current;
}

/** The state `prediction` leads to from `state` for an event with `params`; paths that do not resolve are skipped. */
export function predict(state: JsonObject, prediction: Prediction, params: JsonObject): JsonObject {
  const root: Record<string, Json> = { ...state };
  for (const [path, op] of Object.entries(prediction)) {
    const segments = expand(path, params);
    if (!segments || segments.length === 0) continue;
    let parent: Mutable = root;
    let ok = true;
    for (const segment of segments.slice(0, -1)) {
      const child: Json | undefined = (parent as Record<string, Json>)[segment];
      if (!isContainer(child) || !Object.hasOwn(parent, segment)) {
        ok = false;
        break;
      }
      const copy: Mutable = Array.isArray(child) ? [...child] : { ...(child as Record<string, Json>) };
      (parent as Record<string, Json>)[segment] = copy;
      parent = copy;
    }
    const last = segments[segments.length - 1]!;
    if (!ok || (Array.isArray(parent) && !Object.hasOwn(parent, last))) continue;
    const next = apply(op, (parent as Record<string, Json>)[last], params);
    if (next !== undefined) (parent as Record<string, Json>)[last] = next;
  }
  return root;
}
