import type { Node } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import { readStartTag } from './attrs.js';
import { tokenizeHtml, Tokenizer } from './tokenize.js';

const hole = (id: number): Node => ({
  kind: 'output',
  id,
  loc: { template: 't', line: 1, col: 1 },
  deps: [],
  expr: { base: { kind: 'var', path: ['x'] }, filters: [] },
});

describe('Tokenizer', () => {
  it('reads tags, text, comments and raw text', () => {
    const { tokens, clean } = tokenizeHtml('<p class=a>x &amp; y</p><!-- c --><script>if (a<b) {}</script>');
    expect(clean).toBe(true);
    expect(tokens.map((t) => t.type)).toEqual(['start', 'text', 'end', 'comment', 'start', 'rawtext', 'end']);
  });

  it('reports a "<" that starts no tag as unknowable (parsers disagree on it)', () => {
    expect(tokenizeHtml('a < b').tokens).toEqual([
      { type: 'text', raw: 'a ' },
      { type: 'bad', parts: ['<'], reason: 'a "<" that does not start a tag', page: true },
      { type: 'text', raw: ' b' },
    ]);
  });

  it('ends a comment at --!> as at -->, and reports <!--> and <!---> as unknowable (happy-dom reads on)', () => {
    const types = (html: string) => tokenizeHtml(html).tokens.map((t) => t.type);
    expect(types('<!-- a --!><b>b</b><!-- c -->')).toEqual(['comment', 'start', 'text', 'end', 'comment']);
    expect(types('<!---->x')).toEqual(['comment', 'text']);
    expect(types('<!-->x')).toEqual(['bad', 'text']);
    expect(types('<!--->x-->')).toEqual(['bad', 'text']);
  });

  it('classifies dynamic nodes by the state they are met in', () => {
    const t = new Tokenizer();
    t.feedText('<a href="/u/');
    t.feedNode(hole(1));
    t.feedText('" ');
    t.feedNode(hole(2));
    t.feedText('>');
    t.feedNode(hole(3));
    t.feedText('</a>');
    const { tokens } = t.finish();
    expect(tokens.map((x) => x.type)).toEqual(['start', 'hole', 'end']);
    const start = tokens[0] as { readonly parts: readonly unknown[] };
    expect(start.parts).toHaveLength(5);
  });

  it('reports a dynamic tag name and a processing instruction as unknowable', () => {
    const t = new Tokenizer();
    t.feedText('<h');
    t.feedNode(hole(1));
    t.feedText('>x');
    expect(t.finish().tokens[0]).toMatchObject({ type: 'bad', reason: 'dynamic tag name' });
    expect(tokenizeHtml('<?xml version="1.0"?>').tokens[0]).toMatchObject({ type: 'bad', page: true });
  });

  it('reads a doctype', () => {
    expect(tokenizeHtml('<!DOCTYPE html>\n').tokens).toEqual([
      { type: 'doctype', raw: '<!DOCTYPE html>' },
      { type: 'text', raw: '\n' },
    ]);
  });

  it('says when the source ends inside a tag', () => {
    expect(tokenizeHtml('<div class="x').clean).toBe(false);
  });
});

describe('readStartTag', () => {
  it('lower-cases names, decodes values, keeps the first of a repeated name', () => {
    expect(readStartTag('<A HREF="/?a=1&amp;b=2" title=\'it&#x27;s\' data-x=y hidden a=2>')).toEqual([
      ['href', '/?a=1&b=2'],
      ['title', "it's"],
      ['data-x', 'y'],
      ['hidden', ''],
      ['a', '2'],
    ]);
    expect(readStartTag('<i a=1 A=2>')).toEqual([['a', '1']]);
  });

  it('refuses text that is not exactly one tag', () => {
    expect(readStartTag('<i a="1">x')).toBeNull();
    expect(readStartTag('<i a="1')).toBeNull();
  });
});
