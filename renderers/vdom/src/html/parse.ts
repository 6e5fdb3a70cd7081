import { decodeHTML } from 'entities';
import { commentValue, keyOf } from '../prepare/build.js';
import { append, type VElement, type VNode } from '../vtree.js';
import {
  readStartTag,
  DOCUMENT,
  MARKUP_IN_HAPPY_DOM,
  RCDATA,
  RAWTEXT,
  TRAILING_TAG,
  VOID,
  endQuirk,
  foreignQuirk,
  isFormatting,
  Quirk,
  startQuirk,
  textQuirk,
  tokenizeHtml,
} from '@tessera/markup';

interface OpenElement {
  readonly name: string;
  readonly open: string;
  readonly attrs: VElement['attrs'];
  readonly children: VNode[];
}

/**
 * Parses rendered HTML (a dynamic value that holds markup, or a fallback region) into virtual nodes
 * under the open elements `open`. Throws Quirk when the parser would restructure it, by the template
 * builder's rules, and further where text rendered into a template can disturb what follows it.
 */
export function parseHtml(html: string, open: readonly string[]): VNode[] {
  const { tokens } = tokenizeHtml(html);
  const root: VNode[] = [];
  const stack: OpenElement[] = [];
  const names = [...open];
  const target = (): VNode[] => stack[stack.length - 1]?.children ?? root;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'text': {
        const q = textQuirk(token.raw, names);
        if (q !== null) throw new Quirk(q, 'text inside a table');
        append(target(), { k: 'text', raw: token.raw, value: decodeHTML(token.raw) });
        break;
      }
      case 'comment': {
        const raw = token.parts.join('');
        target().push({ k: 'comment', raw, value: commentValue(raw) });
        break;
      }
      case 'doctype':
        append(target(), { k: 'text', raw: token.raw, value: '' });
        break;
      case 'hole':
      case 'rawtext':
        throw new Quirk(names.length, 'raw text outside its element');
      case 'bad':
        // Rendered text is followed by template source the parser would read differently: page-wide.
        throw new Quirk(-1, token.reason);
      case 'end': {
        if (DOCUMENT.has(token.name)) {
          append(target(), { k: 'text', raw: token.raw, value: '' });
          break;
        }
        const top = stack[stack.length - 1];
        if (top === undefined || top.name !== token.name) {
          // Closing an element of the template, the rest of whose content then lands in its parent.
          const j = names.lastIndexOf(token.name);
          throw new Quirk(
            j >= 0 && j < open.length ? j : endQuirk(token.name, names),
            `</${token.name}> does not close the current element`,
          );
        }
        stack.pop();
        names.pop();
        target().push({
          k: 'el',
          id: 0,
          name: top.name,
          open: top.open,
          close: token.raw,
          attrs: top.attrs,
          children: top.children,
          html: null,
          key: keyOf(top.attrs),
          anchor: false,
          hasAnchors: false,
        });
        break;
      }
      case 'start': {
        if (DOCUMENT.has(token.name)) {
          append(target(), { k: 'text', raw: token.parts.join(''), value: '' });
          break;
        }
        if (token.name === 'svg' || token.name === 'math')
          throw new Quirk(foreignQuirk(tokens, i, names), `<${token.name}> (foreign content)`);
        const q = startQuirk(token.name, names);
        if (q !== null) throw new Quirk(q, `<${token.name}> inside <${names[names.length - 1] ?? 'root'}>`);
        const raw = token.parts.join('');
        const attrs = readStartTag(raw);
        if (attrs === null) throw new Quirk(names.length, `cannot read the start tag ${raw}`);
        const el = { name: token.name, open: raw, attrs, children: [] as VNode[] };
        if (VOID.has(token.name)) {
          target().push({
            k: 'el',
            id: 0,
            ...el,
            close: '',
            html: null,
            key: keyOf(attrs),
            anchor: false,
            hasAnchors: false,
          });
        } else if (RAWTEXT.has(token.name) || RCDATA.has(token.name)) {
          const content = tokens[i + 1];
          const text = content?.type === 'rawtext' ? content.parts.join('') : null;
          const end = tokens[text === null ? i + 1 : i + 2];
          if (end?.type !== 'end' || end.name !== token.name)
            throw new Quirk(names.length, `<${token.name}> is not closed`);
          if (text?.includes('<') && MARKUP_IN_HAPPY_DOM.has(token.name))
            throw new Quirk(names.length, `"<" inside <${token.name}>`);
          if (text !== null && TRAILING_TAG.test(text)) throw new Quirk(-1, `<${token.name}> text ends like a tag`);
          if (text !== null)
            el.children.push({ k: 'text', raw: text, value: RCDATA.has(token.name) ? decodeHTML(text) : text });
          target().push({
            k: 'el',
            id: 0,
            ...el,
            close: end.raw,
            html: null,
            key: keyOf(attrs),
            anchor: false,
            hasAnchors: false,
          });
          i += text === null ? 1 : 2;
        } else {
          stack.push(el);
          names.push(token.name);
        }
        break;
      }
    }
  }
  // An unclosed formatting element is reopened by the parser in the content that follows.
  if (stack.length > 0)
    throw new Quirk(stack.some((e) => isFormatting(e.name)) ? -1 : open.length, `<${stack[0]!.name}> is not closed`);
  return root;
}
