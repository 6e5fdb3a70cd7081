import type { CycleNode, ResetCycleNode } from '../ir.js';
import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% cycle a b c [as name [silent]] %}` and `{% cycle name %}`. */
export const cycleTag: TagCompiler = (p, token) => {
  let args = splitContents(token.contents);
  if (args.length < 2) throw p.error(token, `'cycle' tag requires at least two arguments`);
  if (args.length === 2) {
    const name = args[1]!;
    if (p.namedCycles.size === 0) throw p.error(token, `No named cycles in template. '${name}' is not defined`);
    const named = p.namedCycles.get(name);
    if (!named) throw p.error(token, `Named cycle '${name}' does not exist`);
    // Django returns the very same node: it renders (and advances) exactly like the original.
    const ref: CycleNode = { ...named, loc: p.loc(token) };
    p.cycles.share(ref, named);
    return ref;
  }
  let asVar: string | null = null;
  let silent = false;
  if (args.length > 4) {
    if (args[args.length - 3] === 'as') {
      if (args[args.length - 1] !== 'silent') {
        throw p.error(token, `Only 'silent' flag is allowed after cycle's name, not '${args[args.length - 1]}'.`);
      }
      silent = true;
      args = args.slice(0, -1);
      asVar = args[args.length - 1]!;
    } else if (args[args.length - 2] === 'as') {
      asVar = args[args.length - 1]!;
    }
  }
  const values = (asVar ? args.slice(1, -2) : args.slice(1)).map((a) => p.expr(a, token));
  const node: CycleNode = { kind: 'cycle', id: 0, loc: p.loc(token), deps: [], state: 0, values, asVar, silent };
  if (asVar) p.namedCycles.set(asVar, node);
  p.lastCycle = node;
  return node;
};

/** `{% resetcycle [name] %}` */
export const resetcycleTag: TagCompiler = (p, token) => {
  const args = splitContents(token.contents);
  if (args.length > 2) throw p.error(token, `'${args[0]}' tag accepts at most one argument.`);
  let target: CycleNode | undefined;
  if (args.length === 2) {
    target = p.namedCycles.get(args[1]!);
    if (!target) throw p.error(token, `Named cycle '${args[1]}' does not exist.`);
  } else {
    target = p.lastCycle ?? undefined;
    if (!target) throw p.error(token, 'No cycles in template.');
  }
  const node: ResetCycleNode = { kind: 'resetcycle', id: 0, loc: p.loc(token), deps: [], states: [] };
  p.cycles.reset(node, target);
  return node;
};
