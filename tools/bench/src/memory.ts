/**
 * Memory a mounted live view keeps: the heap that `count` mounted documents hold after a full garbage
 * collection, divided by `count`. Node exposes `gc()` only under `--expose-gc`; the flag is set here for
 * the bench process (it changes no other behaviour) and the function read from a fresh V8 context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

function gc(): void {
  if (collect === null) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/** Bytes of heap each of `count` results of `make()` retains (everything they reach that nothing else holds). */
export function retainedPerView(make: () => unknown, count = 100): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: unknown[] = [];
  for (let i = 0; i < count; i++) held.push(make());
  gc();
  const after = process.memoryUsage().heapUsed;
  // Read after the second measurement, so the views are alive when it is taken.
  if (held.length !== count) throw new Error('internal: views were dropped');
  return Math.max(0, Math.round((after - before) / count));
}
