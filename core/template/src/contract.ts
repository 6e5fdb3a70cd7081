/**
 * The renderer contract: what every renderer package exports and what the conformance runner, the
 * live server and the browser client drive. Types only, declared once here (the package every
 * renderer already depends on); each renderer checks its export against it with `satisfies`.
 *
 * ```ts
 * import type { LiveRenderer } from '@tessera/template';
 * export const renderer = { name: 'mine', prepare, render, mount } satisfies LiveRenderer<Mine>;
 * ```
 */
import type { Anchor, PatchEntry } from '@tessera/dom-patch';
import type { Template } from './template.js';

/** The values a template is rendered with, by top-level name. */
export type RenderContext = Record<string, unknown>;

/**
 * A renderer: `prepare` once per template, `render` per context. `render` returns Django's output
 * for the same template and context, byte for byte (or, when `conformance.compare` is `dom`, the
 * same DOM tree after an HTML parse).
 */
export interface Renderer<P = unknown> {
  readonly name: string;
  prepare(template: Template): P;
  render(prepared: P, context: RenderContext): string;
  /** Optional declarations that change how the conformance suite judges this renderer. */
  readonly conformance?: ConformanceDeclaration;
}

/**
 * A mounted page that can move to new contexts. For any contexts A and B, applying
 * `mount(A).update(B)` to a DOM holding `render(A)` (through `@tessera/dom-patch`'s `applyPatches`
 * with the anchor table bound) gives a DOM equal to one holding `render(B)`.
 */
export interface LiveDocument {
  /** What `render` returns for the current context. */
  readonly html: string;
  /**
   * The anchor table patches are addressed from: compile-time ids of elements with their paths from
   * the root, bound once by the client (`new AnchorMap(root, doc.anchors)`). Empty: every patch path
   * starts at the root.
   */
  readonly anchors: readonly Anchor[];
  /** Moves to a whole new context; contexts are treated as immutable (changed values are new objects). */
  update(context: RenderContext): PatchEntry[];
  /**
   * Moves to the current context with the top-level names in `changes` replaced: the cheap entry point
   * a live view uses after an event, re-evaluating only what reads those names.
   */
  set?(changes: RenderContext): PatchEntry[];
}

/** A renderer that can also keep a page live. */
export interface LiveRenderer<P = unknown> extends Renderer<P> {
  mount(prepared: P, context: RenderContext): LiveDocument;
}

/** A renderer's declarations to the conformance suite, read from its `conformance` property. */
export interface ConformanceDeclaration {
  /**
   * `exact` (default): output must equal Django's byte for byte. `dom`: output that differs from
   * Django's still passes when both parse to the same DOM tree; such cases are counted as DOM-equal.
   */
  readonly compare?: 'exact' | 'dom';
  /**
   * Features the renderer does not implement. `feature` is a glob over categories (`tag-lorem`,
   * `filters-*`) or over case feature tags (`filter:date`, `tag:for`, `live`). Matching cases are skipped.
   */
  readonly unsupported?: readonly { readonly feature: string; readonly reason: string }[];
  /** Individual cases known to fail, by exact id. They are skipped with the reason, never passed. */
  readonly knownFailures?: readonly { readonly id: string; readonly reason: string }[];
}
