import { pyOrder } from '../values/compare.js';
import { codePointLength } from '../values/iterate.js';
import { pyRepr, pyStrRepr } from '../values/repr.js';
import { SafeString } from '../values/safe.js';
import { dictEntries, isDict, pyTypeName, sequenceKind, tupleFields } from '../values/model.js';

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

// A plain tuple; a namedtuple has its own repr, which pprint prints as is.
function isTuple(v: readonly unknown[]): boolean {
  return sequenceKind(v) === 'tuple' && tupleFields(v) === undefined;
}

// pprint breaks only lists, plain tuples and dicts over lines; it prints other sequences (dict views,
// namedtuples) with their own repr, dict keys unsorted.
function ownRepr(v: readonly unknown[]): boolean {
  return sequenceKind(v) !== undefined && !isTuple(v);
}

/** repr with dict keys sorted, as PrettyPrinter._safe_repr. */
function safeRepr(v: unknown, seen: Set<object>): string {
  if (Array.isArray(v) && ownRepr(v)) return pyRepr(v);
  if (Array.isArray(v) || isDict(v)) {
    if (seen.has(v)) return `<Recursion on ${pyTypeName(v)}>`;
    seen.add(v);
    try {
      if (Array.isArray(v)) {
        const items = v.map((x) => safeRepr(x, seen));
        if (!isTuple(v)) return `[${items.join(', ')}]`;
        return items.length === 1 ? `(${items[0] ?? ''},)` : `(${items.join(', ')})`;
      }
      return `{${sortedEntries(v)
        .map(([k, x]) => `${safeRepr(k, seen)}: ${safeRepr(x, seen)}`)
        .join(', ')}}`;
    } finally {
      seen.delete(v);
    }
  }
  return pyRepr(v);
}

class Printer {
  private readonly out: string[] = [];
  private readonly seen = new Set<object>();

  text(): string {
    return this.out.join('');
  }

  format(v: unknown, indent: number, allowance: number, level: number): void {
    const rep = safeRepr(v, this.seen);
    if (
      codePointLength(rep) > WIDTH - indent - allowance &&
      !(typeof v === 'object' && v !== null && this.seen.has(v))
    ) {
      if (Array.isArray(v) && sequenceKind(v) === undefined) {
        this.sequence(v, '[', ']', indent, allowance, level + 1);
        return;
      }
      if (Array.isArray(v) && isTuple(v)) {
        this.sequence(v, '(', v.length === 1 ? ',)' : ')', indent, allowance, level + 1);
        return;
      }
      if (isDict(v)) {
        this.dict(v, indent, allowance, level + 1);
        return;
      }
      if (typeof v === 'string' || v instanceof SafeString) {
        this.str(String(v), indent, allowance, level + 1);
        return;
      }
    }
    this.out.push(rep);
  }

  private sequence(
    items: readonly unknown[],
    open: string,
    close: string,
    indent: number,
    allowance: number,
    level: number,
  ): void {
    this.out.push(open);
    this.seen.add(items);
    const inner = indent + 1;
    items.forEach((x, i) => {
      const last = i === items.length - 1;
      if (i) this.out.push(',\n' + ' '.repeat(inner));
      this.format(x, inner, last ? allowance + 1 : 1, level);
    });
    this.seen.delete(items);
    this.out.push(close);
  }

  private dict(
    d: Record<string, unknown> | Map<unknown, unknown>,
    indent: number,
    allowance: number,
    level: number,
  ): void {
    this.out.push('{');
    this.seen.add(d);
    const items = sortedEntries(d);
    const inner = indent + 1;
    items.forEach(([k, x], i) => {
      const last = i === items.length - 1;
      const krep = safeRepr(k, this.seen);
      this.out.push(krep, ': ');
      this.format(x, inner + codePointLength(krep) + 2, last ? allowance + 1 : 1, level);
      if (!last) this.out.push(',\n' + ' '.repeat(inner));
    });
    this.seen.delete(d);
    this.out.push('}');
  }

  // PrettyPrinter._pprint_str: a long string split at whitespace into adjacent literals.
  private str(s: string, indent: number, allowance: number, level: number): void {
    if (s === '') {
      this.out.push("''");
      return;
    }
    let ind = indent;
    let allow = allowance;
    if (level === 1) {
      ind += 1;
      allow += 1;
    }
    const chunks: string[] = [];
    const lines = s
      .match(/[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|$)/g)
      ?.filter((l) => l !== '') ?? [s];
    const maxWidth = WIDTH - ind;
    let lastRep = '';
    lines.forEach((line, i) => {
      const lastLine = i === lines.length - 1;
      const rep = pyStrRepr(line);
      lastRep = rep;
      if (codePointLength(rep) <= maxWidth - (lastLine ? allow : 0)) {
        chunks.push(rep);
        return;
      }
      const parts = line.match(/\S*\s*/gu)?.filter((p) => p !== '') ?? [line];
      let current = '';
      parts.forEach((part, j) => {
        const candidate = current + part;
        const width = maxWidth - (j === parts.length - 1 && lastLine ? allow : 0);
        if (codePointLength(pyStrRepr(candidate)) > width) {
          if (current) chunks.push(pyStrRepr(current));
          current = part;
        } else current = candidate;
      });
      if (current) chunks.push(pyStrRepr(current));
    });
    if (chunks.length === 1) {
      this.out.push(lastRep);
      return;
    }
    this.out.push((level === 1 ? '(' : '') + chunks.join('\n' + ' '.repeat(ind)) + (level === 1 ? ')' : ''));
  }
}

/**
 * Python `pprint.pformat(value)` (width 80, dicts sorted by key): short values on one line, longer
 * lists, tuples and dicts one item per line, long strings split at spaces into adjacent literals.
 */
export function pformat(value: unknown): string {
  const p = new Printer();
  p.format(value, 0, 0, 0);
  return p.text();
}
