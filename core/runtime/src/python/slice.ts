import { pyError } from '../values/model.js';

/** Python `slice(start, stop, step).indices(length)`: the indices a slice visits, in order. */
export function sliceIndices(length: number, start: number | null, stop: number | null, step: number | null): number[] {
  const st = step ?? 1;
  if (st === 0) throw pyError('ValueError', 'slice step cannot be zero');
  const clamp = (v: number | null, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    const x = v < 0 ? v + length : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: number[] = [];
  if (st > 0) {
    const a = clamp(start, 0, 0, length);
    const b = clamp(stop, length, 0, length);
    for (let i = a; i < b; i += st) out.push(i);
  } else {
    const a = clamp(start, length - 1, -1, length - 1);
    const b = clamp(stop, -1, -1, length - 1);
    for (let i = a; i > b; i += st) out.push(i);
  }
  return out;
}
