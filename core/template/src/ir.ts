/**
 * The Tessera intermediate representation: one resolved tree for a whole page.
 *
 * Type-only module. Renderers import these types, never the parser. Every value here is plain
 * JSON (no functions, no classes, no `undefined` that matters), so an IR can be serialized, shipped to
 * another process (the Rust addon) and compared in snapshots. Documented in `IR.md`.
 */

/** Bumped whenever a renderer would need changing to read the IR correctly. */
export const IR_VERSION = 1 as const;

/** Where a node came from. `template` is the name of the file that holds the source text. */
export interface Loc {
  readonly template: string;
  readonly line: number;
  readonly col: number;
}

/**
 * A context path a node reads, with loop iteration written as `[]`:
 * `user.name`, `items`, `items[].name`, `items[].tags[].label`.
 * Loop variables, `forloop`, `{% with %}` and `{% include ... with %}` aliases are replaced by the
 * path they stand for, so every dependency is rooted at a name of the render context.
 */
export type DepPath = string;

// ---------------------------------------------------------------------------------------------
// Expressions

/** A constant written in the template: `"text"`, `'text'`, `_("text")`, `42`, `1.5`. */
export interface Literal {
  readonly kind: 'literal';
  /** Strings are marked safe, as Django marks template literals safe. */
  readonly value: string | number;
  /** Source spelling, kept so a float literal like `1.0` can print as Python would. */
  readonly raw: string;
  /** `_("...")`: marked for translation; Tessera passes it through untranslated. */
  readonly translated?: true;
}

/**
 * A context lookup: `user.name` is `["user", "name"]`. Each segment is tried as a key, then an
 * attribute, then a list index, as Django does. `True`, `False` and `None` are ordinary lookups that
 * fall through to builtins, exactly as in Django.
 */
export interface Var {
  readonly kind: 'var';
  readonly path: readonly string[];
}

export type Operand = Literal | Var;

/** One `|name:arg` step of a filter chain. */
export interface FilterCall {
  readonly name: string;
  readonly arg: Operand | null;
  /** Set when the filter comes from a `{% load %}`ed library rather than the built-ins. */
  readonly library?: string;
}

/** `base|f1|f2:arg`, Django's FilterExpression. */
export interface Expr {
  readonly base: Operand;
  readonly filters: readonly FilterCall[];
}

export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in' | 'not in' | 'is' | 'is not';

/** `{% if %}` conditions, with Django's precedence already applied by the parser. */
export type Cond =
  | { readonly kind: 'or' | 'and'; readonly left: Cond; readonly right: Cond }
  | { readonly kind: 'not'; readonly operand: Cond }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Cond; readonly right: Cond }
  | { readonly kind: 'value'; readonly expr: Expr };

/** `name=value` as used by `{% with %}`, `{% include ... with %}` and `{% url %}` keyword args. */
export interface Assign {
  readonly name: string;
  readonly value: Expr;
}

// ---------------------------------------------------------------------------------------------
// Nodes

/** Fields every dynamic node carries. `id` is unique within one IR and stable across compiles. */
export interface Dynamic {
  readonly id: number;
  readonly loc: Loc;
  /** Context paths this node itself reads (not those of nodes in its body). */
  readonly deps: readonly DepPath[];
}

export interface TextNode {
  readonly kind: 'text';
  readonly value: string;
}

/** `{{ expr }}` */
export interface OutputNode extends Dynamic {
  readonly kind: 'output';
  readonly expr: Expr;
}

export interface IfBranch {
  /** `null` for `{% else %}`. */
  readonly cond: Cond | null;
  readonly body: readonly Node[];
}

export interface IfNode extends Dynamic {
  readonly kind: 'if';
  readonly branches: readonly IfBranch[];
}

export interface ForNode extends Dynamic {
  readonly kind: 'for';
  /** One name, or several for unpacking (`{% for k, v in d.items %}`). */
  readonly targets: readonly string[];
  readonly iterable: Expr;
  readonly reversed: boolean;
  readonly body: readonly Node[];
  /** `{% empty %}` body, or `null` when there is none. */
  readonly empty: readonly Node[] | null;
  /** Whether any node in `body` reads `forloop` (renderers may skip building it otherwise). */
  readonly usesForloop: boolean;
}

export interface WithNode extends Dynamic {
  readonly kind: 'with';
  readonly assigns: readonly Assign[];
  readonly body: readonly Node[];
}

export interface AutoescapeNode {
  readonly kind: 'autoescape';
  readonly on: boolean;
  readonly body: readonly Node[];
}

/** `{% filter f1|f2 %}...{% endfilter %}`: the rendered body is the value the chain is applied to. */
export interface FilterBlockNode extends Dynamic {
  readonly kind: 'filterblock';
  readonly filters: readonly FilterCall[];
  readonly body: readonly Node[];
}

export interface SpacelessNode {
  readonly kind: 'spaceless';
  readonly body: readonly Node[];
}

/**
 * `{% cycle a b c [as name] [silent] %}`, and `{% cycle name %}` referring back to a named cycle.
 * `state` is the id of the cycle node whose position this one advances (its own id, or the id of the
 * named cycle it refers to).
 */
export interface CycleNode extends Dynamic {
  readonly kind: 'cycle';
  readonly state: number;
  readonly values: readonly Expr[];
  readonly asVar: string | null;
  readonly silent: boolean;
}

/** `{% resetcycle [name] %}`: `states` are the cycle state ids it resets. */
export interface ResetCycleNode extends Dynamic {
  readonly kind: 'resetcycle';
  readonly states: readonly number[];
}

export interface FirstOfNode extends Dynamic {
  readonly kind: 'firstof';
  readonly values: readonly Expr[];
  readonly asVar: string | null;
}

/** `{% ifchanged [values] %}body{% else %}otherwise{% endifchanged %}` */
export interface IfChangedNode extends Dynamic {
  readonly kind: 'ifchanged';
  /** Empty: compare the rendered body. */
  readonly values: readonly Expr[];
  readonly body: readonly Node[];
  readonly otherwise: readonly Node[] | null;
}

/**
 * How an `{% include %}` finds its template.
 * - `inline`: a constant name, compiled and resolved into this tree (`body`);
 * - `ref`: a constant name that is already being inlined further up (recursion): render `partials[name]`;
 * - `dynamic`: the name comes from the context; the renderer asks `Template.load(name)`;
 * - `error`: a constant name that the loader does not have (TemplateDoesNotExist) or that does not
 *   compile (TemplateSyntaxError): rendering the include throws that error, as Django does (only when
 *   rendered, so an include in an untaken branch is harmless).
 */
export type IncludeTarget =
  | { readonly kind: 'inline'; readonly name: string; readonly body: readonly Node[] }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'dynamic'; readonly expr: Expr }
  | {
      readonly kind: 'error';
      readonly name: string;
      readonly error: 'TemplateDoesNotExist' | 'TemplateSyntaxError';
      readonly message: string;
    };

export interface IncludeNode extends Dynamic {
  readonly kind: 'include';
  readonly target: IncludeTarget;
  readonly assigns: readonly Assign[];
  readonly only: boolean;
}

/**
 * A resolved `{% block %}`: `body` is the most derived override; `parent` is what `{{ block.super }}`
 * renders (the next block up the extends chain), or `null` at the top.
 */
export interface BlockNode extends Dynamic {
  readonly kind: 'block';
  readonly name: string;
  readonly body: readonly Node[];
  readonly parent: BlockNode | null;
  /**
   * Set when no `{% extends %}` is in effect for this block (a page without a parent, or a template
   * rendered by `{% include %}`): Django then raises TemplateSyntaxError for `{{ block.super }}`.
   */
  readonly standalone?: true;
}

/** `{% now "format" [as name] %}` */
export interface NowNode extends Dynamic {
  readonly kind: 'now';
  readonly format: string;
  readonly asVar: string | null;
}

/** `{% lorem [count] [w|p|b] [random] %}` */
export interface LoremNode extends Dynamic {
  readonly kind: 'lorem';
  readonly count: Expr;
  readonly method: 'w' | 'p' | 'b';
  readonly random: boolean;
}

/** `{% widthratio value max width [as name] %}` */
export interface WidthRatioNode extends Dynamic {
  readonly kind: 'widthratio';
  readonly value: Expr;
  readonly max: Expr;
  readonly width: Expr;
  readonly asVar: string | null;
}

/** `{% url "name" arg key=value [as name] %}`: resolved by the `url` hook of the compile options. */
export interface UrlNode extends Dynamic {
  readonly kind: 'url';
  readonly viewName: Expr;
  readonly args: readonly Expr[];
  readonly kwargs: readonly Assign[];
  readonly asVar: string | null;
}

/** `{% csrf_token %}`: reads `csrf_token` from the context, as Django does. */
export interface CsrfTokenNode extends Dynamic {
  readonly kind: 'csrf_token';
}

/** `{% regroup list by key as name %}`: `by` is evaluated with each item bound to `asVar`. */
export interface RegroupNode extends Dynamic {
  readonly kind: 'regroup';
  readonly target: Expr;
  readonly by: Expr;
  readonly asVar: string;
}

/** `{% debug %}` */
export interface DebugNode extends Dynamic {
  readonly kind: 'debug';
}

/**
 * A tag from a library brought in with `{% load %}` (including the bundled `static` library).
 * The function lives in the Template's libraries, not in the IR.
 */
export interface CallTagNode extends Dynamic {
  readonly kind: 'call';
  readonly library: string;
  readonly tag: string;
  readonly args: readonly Expr[];
  readonly kwargs: readonly Assign[];
  readonly asVar: string | null;
}

/**
 * `{% extends var %}`: a parent named by the context. It stands for the rest of the page `page` (the
 * entry template, or an included one); rendering it evaluates `parent` to a name and renders the body
 * of `template.load(page).extend(name)`: that page resolved over that parent.
 */
export interface ExtendsNode extends Dynamic {
  readonly kind: 'extends';
  readonly page: string;
  readonly parent: Expr;
}

export type Node =
  | TextNode
  | ExtendsNode
  | OutputNode
  | IfNode
  | ForNode
  | WithNode
  | AutoescapeNode
  | FilterBlockNode
  | SpacelessNode
  | CycleNode
  | ResetCycleNode
  | FirstOfNode
  | IfChangedNode
  | IncludeNode
  | BlockNode
  | NowNode
  | LoremNode
  | WidthRatioNode
  | UrlNode
  | CsrfTokenNode
  | RegroupNode
  | DebugNode
  | CallTagNode;

export type NodeKind = Node['kind'];

/** A compiled, resolved page. */
export interface TemplateIR {
  readonly irVersion: typeof IR_VERSION;
  /** The entry template's name. */
  readonly name: string;
  readonly body: readonly Node[];
  /** Bodies of templates included recursively, by name (see `IncludeTarget` `ref`). */
  readonly partials: Readonly<Record<string, readonly Node[]>>;
  /** Union of every node's dependencies, sorted. */
  readonly deps: readonly DepPath[];
  /** Every template name that went into this tree (entry, parents, static includes), in load order. */
  readonly sources: readonly string[];
}
