import { pyOrder } from './compare.js';
import { pyRepr } from './pyrepr.js';
import { dictEntries, isDict, pyTypeName } from './values.js';

const WIDTH = 80;

// pprint sorts dict items by key; keys of different types sort by type name, as pprint's _safe_key.
function sortedEntries(d: Record<string, unknown> | Map<unknown, unknown>): [unknown, unknown][] {
  return dictEntries(d).sort(([a], [b]) => {
    const c = pyOrder(a, b);
    if (c !== undefined && !Number.isNaN(c)) return c;
    const ta = pyTypeName(a);
    const tb = pyTypeName(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

/** repr with dict keys sorted, as PrettyPrinter._safe_repr. */
function safeRepr(v: unknown, seen: Set<object>): string {
  if (Array.isArray(v) || isDict(v)) {
    if (seen.has(v)) return `<Recursion on ${pyTypeName(v)}>`;
    seen.add(v);
    try {
      if (Array.isArray(v)) return `[${v.map((x) => safeRepr(x, seen)).join(', ')}]`;
      return `{${sortedEntries(v)
        .map(([k, x]) => `${safeRepr(k, seen)}: ${safeRepr(x, seen)}`)
        .join(', ')}}`;
    } finally {
      seen.delete(v);
    }
  }
  return pyRepr(v);
}

function format(v: unknown, indent: number, allowance: number, out: string[], seen: Set<object>): void {
  const rep = safeRepr(v, seen);
  if (rep.length <= WIDTH - indent - allowance || seen.has(v as object)) {
    out.push(rep);
    return;
  }
  if (Array.isArray(v)) {
    out.push('[');
    seen.add(v);
    formatItems(v, indent + 1, allowance + 1, out, seen);
    seen.delete(v);
    out.push(']');
    return;
  }
  if (isDict(v)) {
    out.push('{');
    seen.add(v);
    const items = sortedEntries(v);
    const inner = indent + 1;
    items.forEach(([k, x], i) => {
      const last = i === items.length - 1;
      const krep = safeRepr(k, seen);
      out.push(krep, ': ');
      format(x, inner + krep.length + 2, last ? allowance + 1 : 1, out, seen);
      if (!last) out.push(',\n' + ' '.repeat(inner));
    });
    seen.delete(v);
    out.push('}');
    return;
  }
  out.push(rep);
}

function formatItems(items: readonly unknown[], indent: number, allowance: number, out: string[], seen: Set<object>): void {
  items.forEach((x, i) => {
    const last = i === items.length - 1;
    if (i) out.push(',\n' + ' '.repeat(indent));
    format(x, indent, last ? allowance : 1, out, seen);
  });
}

/**
 * Python `pprint.pformat(value)` (width 80, dicts sorted by key): short values on one line, longer lists
 * and dicts one item per line. Long strings are kept on one line (Python would split them in parentheses).
 */
export function pformat(value: unknown): string {
  const out: string[] = [];
  format(value, 0, 0, out, new Set());
  return out.join('');
}
