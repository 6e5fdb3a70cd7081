/**
 * How a template uses one value. Paths are kept as a tree without list levels: `books[].author.name` and
 * `book.author.name` both become `author -> name` under their variable, because whether a level is a list
 * is the model's business (its relation's cardinality), not the template's.
 */
export interface Usage {
  readonly children: Map<string, Usage>;
  /** Printed, compared or filtered as a value: a relation used this way needs its whole (public) row. */
  whole: boolean;
  /** Only its size or truthiness is read (`|length`, `{% if %}`): a to-many relation can be counted. */
  counted: boolean;
  /** Iterated or otherwise needed as loaded rows (for a relation: its keys at least). */
  loaded: boolean;
}

/** The way an expression reads the value at its path. */
export type UseMode = 'whole' | 'counted' | 'loaded';

/** A new, unused node. */
export function emptyUsage(): Usage {
  return { children: new Map(), whole: false, counted: false, loaded: false };
}

/** Marks `path` (below `root`) as used in `mode`, creating the nodes on the way. */
export function addUse(root: Usage, path: readonly string[], mode: UseMode): void {
  let node = root;
  for (const segment of path) {
    let child = node.children.get(segment);
    if (!child) {
      child = emptyUsage();
      node.children.set(segment, child);
    }
    node = child;
  }
  node[mode] = true;
}

/** Adds everything `from` uses into `into`. */
export function mergeUsage(into: Usage, from: Usage): void {
  into.whole ||= from.whole;
  into.counted ||= from.counted;
  into.loaded ||= from.loaded;
  for (const [name, child] of from.children) {
    let target = into.children.get(name);
    if (!target) {
      target = emptyUsage();
      into.children.set(name, target);
    }
    mergeUsage(target, child);
  }
}

/** The used paths as dotted strings with their modes (`author.name (whole)`; the node itself: `(loaded)`), sorted. */
export function usagePaths(root: Usage, prefix = ''): string[] {
  const out: string[] = [];
  const modes = (['whole', 'counted', 'loaded'] as const).filter((m) => root[m]);
  if (modes.length) out.push(`${prefix}${prefix ? ' ' : ''}(${modes.join(', ')})`);
  for (const [name, child] of root.children) out.push(...usagePaths(child, prefix ? `${prefix}.${name}` : name));
  return out.sort();
}
