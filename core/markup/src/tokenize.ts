import type { Node } from '@tessera/template';
import { asciiLower } from './attrs.js';
import { RAWTEXT, RCDATA } from './elements.js';

/** A piece of template source: static HTML text, or a dynamic IR node rendered in its place. */
export type Part = string | Node;

/** One HTML token over template source where dynamic nodes may sit between static characters. */
export type Token =
  /** Static character data. */
  | { readonly type: 'text'; readonly raw: string }
  /** A dynamic node in content position. */
  | { readonly type: 'hole'; readonly node: Node }
  /** A start tag; `parts` is its whole source, with dynamic nodes where the template has them. */
  | { readonly type: 'start'; readonly name: string; readonly parts: readonly Part[]; readonly selfClosing: boolean }
  | { readonly type: 'end'; readonly name: string; readonly raw: string }
  | { readonly type: 'comment'; readonly parts: readonly Part[] }
  /** A doctype: no DOM node where a page is parsed as a fragment (`innerHTML` of a container). */
  | { readonly type: 'doctype'; readonly raw: string }
  /** Content of a raw-text or RCDATA element. */
  | { readonly type: 'rawtext'; readonly parts: readonly Part[] }
  /**
   * Source whose structure is unknowable statically (doctype, dynamic tag name, unterminated tag).
   * `page`: its effect is not confined to the parent element (a doctype; a bare `<`, which happy-dom
   * reads as a tag swallowing what follows).
   */
  | { readonly type: 'bad'; readonly parts: readonly Part[]; readonly reason: string; readonly page: boolean };

/** The source a token was read from, so a region can be re-rendered as HTML text. */
export function tokenSource(token: Token): readonly Part[] {
  switch (token.type) {
    case 'text':
      return [token.raw];
    case 'hole':
      return [token.node];
    case 'end':
    case 'doctype':
      return [token.raw];
    case 'start':
    case 'comment':
    case 'rawtext':
    case 'bad':
      return token.parts;
  }
}

type State =
  | 'data'
  | 'tagName'
  | 'beforeAttrName'
  | 'attrName'
  | 'afterAttrName'
  | 'beforeAttrValue'
  | 'attrValueDq'
  | 'attrValueSq'
  | 'attrValueUnq'
  | 'afterAttrValue'
  | 'selfClosing'
  | 'endTagOpen'
  | 'endTagName'
  | 'comment'
  | 'markup'
  | 'rawtext';

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\f' || c === '\r';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Attribute states in which a dynamic node is part of the tag (a value, or a whole attribute). */
const HOLE_IN_TAG: Partial<Record<State, State>> = {
  beforeAttrName: 'attrName',
  attrName: 'attrName',
  afterAttrName: 'attrName',
  beforeAttrValue: 'attrValueUnq',
  attrValueDq: 'attrValueDq',
  attrValueSq: 'attrValueSq',
  attrValueUnq: 'attrValueUnq',
  afterAttrValue: 'attrName',
};

/**
 * An HTML tokenizer (the tag, attribute, comment and raw-text states of the WHATWG tokenizer) that
 * reads template source split by dynamic nodes. Each dynamic node is classified by the state it is
 * met in: content (a hole), inside a start tag (part of the tag), inside a comment or raw text.
 */
export class Tokenizer {
  readonly tokens: Token[] = [];
  private state: State = 'data';
  private text = '';
  private parts: Part[] = [];
  private buf = '';
  private name = '';
  private selfClosing = false;
  private rawEnd = '';

  /** Feeds static source text. */
  feedText(s: string): void {
    let i = 0;
    while (i < s.length) i = this.step(s, i);
  }

  /** Feeds a dynamic node. */
  feedNode(node: Node): void {
    const st = this.state;
    if (st === 'data') {
      this.flushText();
      this.tokens.push({ type: 'hole', node });
      return;
    }
    this.flushBuf();
    this.parts.push(node);
    const next = HOLE_IN_TAG[st];
    if (next !== undefined) this.state = next;
    else if (st !== 'comment' && st !== 'rawtext') {
      // A dynamic tag name or end tag: skip to the tag's end and report it as unknowable.
      this.badState = true;
      this.state = 'beforeAttrName';
    }
  }

  /** Ends the input; returns the tokens and whether it ended in content state (balanced source). */
  finish(): { tokens: Token[]; clean: boolean } {
    if (this.state === 'data') {
      this.flushText();
      return { tokens: this.tokens, clean: true };
    }
    this.flushText();
    this.flushBuf();
    // An unterminated tag or comment swallows whatever source follows it.
    this.tokens.push({ type: 'bad', parts: this.parts, reason: `source ends inside ${this.state}`, page: true });
    return { tokens: this.tokens, clean: false };
  }

  private badState = false;

  private flushText(): void {
    if (this.text !== '') this.tokens.push({ type: 'text', raw: this.text });
    this.text = '';
  }

  private flushBuf(): void {
    if (this.buf !== '') this.parts.push(this.buf);
    this.buf = '';
  }

  private beginMarkup(): void {
    this.flushText();
    this.parts = [];
    this.buf = '<';
    this.badState = false;
  }

  private emitTag(): void {
    this.flushBuf();
    const parts = this.parts;
    this.parts = [];
    if (this.badState) {
      this.tokens.push({ type: 'bad', parts, reason: 'dynamic tag name', page: false });
      this.state = 'data';
      return;
    }
    const name = asciiLower(this.name);
    this.tokens.push({ type: 'start', name, parts, selfClosing: this.selfClosing });
    if (RAWTEXT.has(name) || RCDATA.has(name)) {
      this.state = 'rawtext';
      this.rawEnd = name;
    } else this.state = 'data';
  }

  // One character (or a run) of the state machine; returns the next index.
  private step(s: string, i: number): number {
    const c = s[i] as string;
    switch (this.state) {
      case 'data': {
        const lt = s.indexOf('<', i);
        if (lt < 0) {
          this.text += s.slice(i);
          return s.length;
        }
        this.text += s.slice(i, lt);
        const next = s[lt + 1];
        if (next === undefined) {
          // `<` ends the static text: a dynamic node may follow as the tag name (`<{{ tag }}>`).
          this.beginMarkup();
          this.state = 'tagName';
          this.name = '';
          this.selfClosing = false;
          return lt + 1;
        }
        if (!(isAlpha(next) || next === '/' || next === '!' || next === '?')) {
          // Parsers disagree on a bare "<" (happy-dom reads "<<" as a tag): leave it to the real parser.
          this.flushText();
          this.tokens.push({ type: 'bad', parts: ['<'], reason: 'a "<" that does not start a tag', page: true });
          return lt + 1;
        }
        this.beginMarkup();
        this.state = next === '/' ? 'endTagOpen' : next === '!' || next === '?' ? 'markup' : 'tagName';
        this.name = '';
        this.selfClosing = false;
        if (next === '/' || next === '!' || next === '?') {
          this.buf += next;
          return lt + 2;
        }
        return lt + 1;
      }
      case 'tagName':
        if (isSpace(c)) this.state = 'beforeAttrName';
        else if (c === '/') this.state = 'selfClosing';
        else if (c === '>') {
          this.buf += c;
          this.emitTag();
          return i + 1;
        } else this.name += c;
        this.buf += c;
        return i + 1;
      case 'beforeAttrName':
      case 'afterAttrName':
      case 'afterAttrValue':
        this.buf += c;
        if (c === '>') this.emitTag();
        else if (c === '/') this.state = 'selfClosing';
        else if (isSpace(c)) this.state = this.state === 'afterAttrName' ? 'afterAttrName' : 'beforeAttrName';
        else if (c === '=' && this.state === 'afterAttrName') this.state = 'beforeAttrValue';
        else this.state = 'attrName';
        return i + 1;
      case 'attrName':
        this.buf += c;
        if (isSpace(c)) this.state = 'afterAttrName';
        else if (c === '/') this.state = 'selfClosing';
        else if (c === '=') this.state = 'beforeAttrValue';
        else if (c === '>') this.emitTag();
        return i + 1;
      case 'beforeAttrValue':
        this.buf += c;
        if (c === '"') this.state = 'attrValueDq';
        else if (c === "'") this.state = 'attrValueSq';
        else if (c === '>') this.emitTag();
        else if (!isSpace(c)) this.state = 'attrValueUnq';
        return i + 1;
      case 'attrValueDq':
      case 'attrValueSq': {
        const quote = this.state === 'attrValueDq' ? '"' : "'";
        const end = s.indexOf(quote, i);
        if (end < 0) {
          this.buf += s.slice(i);
          return s.length;
        }
        this.buf += s.slice(i, end + 1);
        this.state = 'afterAttrValue';
        return end + 1;
      }
      case 'attrValueUnq':
        this.buf += c;
        if (isSpace(c)) this.state = 'beforeAttrName';
        else if (c === '>') this.emitTag();
        return i + 1;
      case 'selfClosing':
        this.buf += c;
        if (c === '>') {
          this.selfClosing = true;
          this.emitTag();
        } else this.state = 'beforeAttrName';
        return i + 1;
      case 'endTagOpen':
        if (!isAlpha(c)) {
          this.state = 'markup';
          return i;
        }
        this.state = 'endTagName';
        return i;
      case 'endTagName': {
        const gt = s.indexOf('>', i);
        const chunk = gt < 0 ? s.slice(i) : s.slice(i, gt + 1);
        this.buf += chunk;
        if (gt < 0) return s.length;
        this.flushBuf();
        const raw = this.parts.join('');
        const name = asciiLower(raw.slice(2).split(/[\s/>]/)[0] ?? '');
        if (this.parts.every((p) => typeof p === 'string') && !this.badState)
          this.tokens.push({ type: 'end', name, raw });
        else this.tokens.push({ type: 'bad', parts: this.parts, reason: 'dynamic end tag', page: false });
        this.parts = [];
        this.state = 'data';
        return gt + 1;
      }
      case 'markup': {
        if (this.buf === '<!' && s.startsWith('--', i)) {
          this.buf += '--';
          this.state = 'comment';
          return i + 2;
        }
        const gt = s.indexOf('>', i);
        this.buf += gt < 0 ? s.slice(i) : s.slice(i, gt + 1);
        if (gt < 0) return s.length;
        this.flushBuf();
        const raw = this.parts.every((p) => typeof p === 'string') ? this.parts.join('') : null;
        if (raw !== null && /^<!doctype/i.test(raw)) this.tokens.push({ type: 'doctype', raw });
        else
          this.tokens.push({
            type: 'bad',
            parts: this.parts,
            reason: 'processing instruction or bogus comment',
            page: true,
          });
        this.parts = [];
        this.state = 'data';
        return gt + 1;
      }
      case 'comment': {
        // `<!-->` and `<!--->` end the comment at once in the HTML tokenizer; happy-dom reads on to the next
        // `-->`. Parsers disagree: leave it to the real parser.
        if (this.parts.length === 0 && this.buf === '<!--' && (c === '>' || s.startsWith('->', i))) {
          const end = c === '>' ? i + 1 : i + 2;
          this.buf += s.slice(i, end);
          this.flushBuf();
          this.tokens.push({ type: 'bad', parts: this.parts, reason: 'an abruptly closed comment', page: true });
          this.parts = [];
          this.state = 'data';
          return end;
        }
        // `--!>` ends a comment as `-->` does.
        const end = commentEnd(s, i);
        if (end < 0) {
          this.buf += s.slice(i);
          return s.length;
        }
        this.buf += s.slice(i, end);
        return this.endComment(end);
      }
      case 'rawtext': {
        const close = findRawEnd(s, i, this.rawEnd);
        if (close < 0) {
          this.buf += s.slice(i);
          return s.length;
        }
        this.buf += s.slice(i, close);
        this.flushBuf();
        if (this.parts.length > 0) this.tokens.push({ type: 'rawtext', parts: this.parts });
        this.parts = [];
        this.state = 'data';
        return close;
      }
    }
  }

  private endComment(next: number): number {
    this.flushBuf();
    this.tokens.push({ type: 'comment', parts: this.parts });
    this.parts = [];
    this.state = 'data';
    return next;
  }
}

/** The index after the first `-->` or `--!>` from `from`, or -1. */
function commentEnd(s: string, from: number): number {
  const dash = s.indexOf('-->', from);
  const bang = s.indexOf('--!>', from);
  if (bang >= 0 && (dash < 0 || bang < dash)) return bang + 4;
  return dash < 0 ? -1 : dash + 3;
}

function findRawEnd(s: string, from: number, name: string): number {
  const lower = asciiLower(s);
  let at = lower.indexOf('</' + name, from);
  while (at >= 0) {
    const after = s[at + 2 + name.length];
    if (after === undefined || after === '>' || after === '/' || isSpace(after)) return at;
    at = lower.indexOf('</' + name, at + 1);
  }
  return -1;
}

/** Tokenizes complete static HTML (a rendered region). */
export function tokenizeHtml(html: string): { tokens: Token[]; clean: boolean } {
  const t = new Tokenizer();
  t.feedText(html);
  return t.finish();
}

/** Tokenizes a node list of the IR: text nodes as source, other nodes as dynamic holes. */
export function tokenizeNodes(nodes: readonly Node[]): { tokens: Token[]; clean: boolean } {
  const t = new Tokenizer();
  for (const node of nodes) {
    if (node.kind === 'text') t.feedText(node.value);
    else t.feedNode(node);
  }
  return t.finish();
}

/** The node lists a dynamic node renders in its place (branches, loop bodies, inlined includes, blocks). */
export function bodiesOf(node: Node): (readonly Node[])[] {
  switch (node.kind) {
    case 'if':
      return node.branches.map((b) => b.body);
    case 'for':
      return node.empty === null ? [node.body] : [node.body, node.empty];
    case 'with':
    case 'autoescape':
    case 'spaceless':
    case 'filterblock':
      return [node.body];
    case 'ifchanged':
      return node.otherwise === null ? [node.body] : [node.body, node.otherwise];
    case 'block': {
      const bodies: (readonly Node[])[] = [];
      for (let b: typeof node | null = node; b !== null; b = b.parent) bodies.push(b.body);
      return bodies;
    }
    case 'include':
      return node.target.kind === 'inline' ? [node.target.body] : [];
    default:
      return [];
  }
}
