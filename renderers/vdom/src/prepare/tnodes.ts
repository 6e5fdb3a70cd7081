import type {
  AutoescapeNode,
  BlockNode,
  ForNode,
  IfNode,
  IncludeNode,
  Node,
  OutputNode,
  WithNode,
} from '@tessera/template';
import type { Attr, Part } from '@tessera/markup';
import type { VElement, VText } from '../vtree.js';

/** A variable path, as written in the template (`["user", "name"]`). */
export type VarPath = readonly string[];

/** An element of the template with its dynamic holes. */
export interface TElement {
  readonly t: 'el';
  readonly id: number;
  readonly name: string;
  /** The start tag's source; dynamic nodes inside are attribute values or whole attributes. */
  readonly open: readonly Part[];
  /** The DOM attributes when the start tag is static. */
  readonly attrs: readonly Attr[] | null;
  /** The start tag's source and diff key when it is static. */
  readonly staticOpen: { readonly raw: string; readonly key: string | null } | null;
  /** Whether the content holds regions or dynamic elements, i.e. makes memo entries of its own. */
  readonly memoKids: boolean;
  /** Whether the element keeps a memo entry (false when its loop iteration's entry decides for it). */
  readonly ownMemo: boolean;
  readonly close: string;
  readonly children: readonly TNode[];
  /** Content as source, for rendering the content as HTML text when its structure cannot be modelled. */
  readonly inner: readonly Part[];
  /** Set when the content's structure is unknowable statically: it is always rendered as HTML text then parsed. */
  readonly fallback: string | null;
  /** Paths read inside the element from outside it; null for a fully static element. */
  readonly free: readonly VarPath[] | null;
  /** The element itself when it has no dynamic parts: built once, shared by every render. */
  readonly constant: VElement | null;
}

/** A node of the prepared template: static HTML parsed once, with holes for the dynamic nodes. */
export type TNode =
  /** Static text, as its virtual node, shared by every render (virtual nodes are never edited). */
  | { readonly t: 'text'; readonly v: VText }
  | { readonly t: 'comment'; readonly parts: readonly Part[] }
  /** Source the parser drops (doctype, `<html>`/`<head>`/`<body>` tags): serialized, no DOM node. */
  | { readonly t: 'dropped'; readonly parts: readonly Part[] }
  /** Content of script/style (`rcdata` false) or textarea/title (true). */
  | { readonly t: 'rawtext'; readonly parts: readonly Part[]; readonly rcdata: boolean }
  | TElement
  /** `{{ expr }}` in content: text, or markup when the value is safe HTML. */
  | { readonly t: 'out'; readonly node: OutputNode }
  /** Any other tag in content: rendered to HTML text, then parsed. */
  | { readonly t: 'html'; readonly node: Node }
  | {
      readonly t: 'if';
      readonly node: IfNode;
      readonly branches: readonly (readonly TNode[])[];
      readonly free: readonly VarPath[];
    }
  | {
      readonly t: 'for';
      readonly node: ForNode;
      readonly body: readonly TNode[];
      /** Whether one iteration makes memo entries of its own (regions, dynamic elements). */
      readonly memoBody: boolean;
      readonly empty: readonly TNode[] | null;
      /** Paths the whole loop reads from outside. */
      readonly free: readonly VarPath[];
      /** Paths one iteration reads, loop targets and `forloop` included. */
      readonly iterFree: readonly VarPath[];
    }
  | { readonly t: 'with'; readonly node: WithNode; readonly body: readonly TNode[] }
  | { readonly t: 'autoescape'; readonly node: AutoescapeNode; readonly body: readonly TNode[] }
  | { readonly t: 'block'; readonly node: BlockNode; readonly body: readonly TNode[] }
  | { readonly t: 'include'; readonly node: IncludeNode; readonly body: readonly TNode[] };
