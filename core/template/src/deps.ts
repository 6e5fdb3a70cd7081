/**
 * Dependency paths: which context paths an expression reads, with loop variables and aliases
 * replaced by what they stand for.
 *
 * Example: in `{% for book in books %}{% with a=book.author %}{{ a.name|upper }}{% endwith %}{% endfor %}`
 * `book` stands for `books[]` and `a` for `books[].author`, so the output node depends on
 * `books[].author.name`. An alias bound to a filtered value (`{% with n=items|length %}`) stands for the
 * paths its expression reads (`items`), and reading through it (`n.real`) adds nothing more specific.
 */
import type { DepPath, Expr, Operand } from './ir.js';

interface Binding {
  /** Paths the name stands for; empty for names that are purely local (`forloop`, `{% cycle as %}`). */
  readonly paths: readonly DepPath[];
  /** Whether `name.x` may be written as `<path>.x`. */
  readonly extensible: boolean;
}

const BUILTINS = new Set(['True', 'False', 'None']);

export class DepScope {
  readonly #bindings = new Map<string, Binding>();
  readonly #parent: DepScope | null;
  readonly #isolated: boolean;

  constructor(parent: DepScope | null = null, isolated = false) {
    this.#parent = parent;
    this.#isolated = isolated;
  }

  /** A nested scope that sees this one's names. */
  child(): DepScope {
    return new DepScope(this, false);
  }

  /** A scope for `{% include ... only %}`: context names are not visible, but neither are aliases. */
  isolated(): DepScope {
    return new DepScope(this, true);
  }

  alias(name: string, paths: readonly DepPath[], extensible: boolean): void {
    this.#bindings.set(name, { paths, extensible });
  }

  local(name: string): void {
    this.#bindings.set(name, { paths: [], extensible: false });
  }

  #lookup(name: string): Binding | undefined {
    const own = this.#bindings.get(name);
    if (own || this.#isolated || !this.#parent) return own;
    return this.#parent.#lookup(name);
  }

  /** The context paths one operand reads. */
  operandPaths(op: Operand): DepPath[] {
    if (op.kind === 'literal') return [];
    const [head, ...rest] = op.path;
    if (head === undefined) return [];
    const binding = this.#lookup(head);
    if (!binding) {
      if (BUILTINS.has(head) && rest.length === 0) return [];
      return [op.path.join('.')];
    }
    if (!binding.extensible || rest.length === 0) return [...binding.paths];
    return binding.paths.map((p) => `${p}.${rest.join('.')}`);
  }

  /** The paths an expression's value stands for (its base), used when binding an alias to it. */
  exprPaths(expr: Expr): DepPath[] {
    const out = this.operandPaths(expr.base);
    if (expr.filters.length) for (const f of expr.filters) if (f.arg) out.push(...this.operandPaths(f.arg));
    return unique(out);
  }

  /** Every path a list of expressions reads (bases and filter arguments). */
  exprDeps(exprs: readonly Expr[]): DepPath[] {
    const out: DepPath[] = [];
    for (const e of exprs) {
      out.push(...this.operandPaths(e.base));
      for (const f of e.filters) if (f.arg) out.push(...this.operandPaths(f.arg));
    }
    return unique(out);
  }
}

function unique(paths: DepPath[]): DepPath[] {
  return [...new Set(paths)];
}
