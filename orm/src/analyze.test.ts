import { describe, expect, it } from 'vitest';
import { compile, MemoryLoader } from '@tessera/template';
import { analyzeTemplate } from './analyze.js';
import { TemplateAnalysisError } from './errors.js';
import { usagePaths } from './usage.js';

function paths(templates: Record<string, string>, entry = 'page.html'): Record<string, string[]> {
  const usage = analyzeTemplate(compile(entry, new MemoryLoader(templates)).ir);
  return Object.fromEntries([...usage].map(([name, u]) => [name, usagePaths(u)]));
}

function one(source: string): Record<string, string[]> {
  return paths({ 'page.html': source });
}

describe('analyzeTemplate', () => {
  it('follows nested loops and marks how each value is used', () => {
    expect(
      one(
        '{% for b in books %}{{ b.title }}{% for t in b.tags %}{{ t.name }}{% endfor %}{{ b.reviews|length }}{% endfor %}',
      ),
    ).toEqual({
      books: ['(loaded)', 'reviews (counted)', 'tags (loaded)', 'tags.name (whole)', 'title (whole)'],
    });
  });

  it('resolves with, include-with and include only to context paths', () => {
    expect(
      paths({
        'page.html':
          '{% for b in books %}{% with a=b.author %}{% include "card.html" with who=a t=b.tags only %}{% endwith %}{% endfor %}',
        'card.html': '{{ who.name }}{% for x in t %}{{ x.slug }}{% endfor %}{{ books|length }}',
      }),
    ).toEqual({ books: ['(loaded)', 'author.name (whole)', 'tags (loaded)', 'tags.slug (whole)'] });
  });

  it('reads if tests as truthiness, comparisons as values, and filter arguments as values', () => {
    expect(
      one('{% if user.reviews %}{% if user.age > limit %}x{% endif %}{{ user.name|default:fallback.name }}{% endif %}'),
    ).toEqual({
      fallback: ['name (whole)'],
      limit: ['(whole)'],
      user: ['age (whole)', 'name (whole)', 'reviews (counted)'],
    });
  });

  it('follows blocks through extends, including the parent block that block.super renders', () => {
    expect(
      paths(
        {
          'base.html': '<title>{% block title %}{{ site.name }}{% endblock %}</title>{% block body %}{% endblock %}',
          'page.html':
            '{% extends "base.html" %}{% block title %}{{ book.title }} - {{ block.super }}{% endblock %}{% block body %}{{ book.author.name }}{% endblock %}',
        },
        'page.html',
      ),
    ).toEqual({ book: ['author.name (whole)', 'title (whole)'], site: ['name (whole)'] });
  });

  it('treats dictsort arguments as fields of the list elements and indexes as iteration', () => {
    expect(one('{% for t in book.tags|dictsort:"name" %}{{ t.slug }}{% endfor %}{{ book.reviews.0.rating }}')).toEqual({
      book: ['reviews.rating (whole)', 'tags (loaded)', 'tags.name (whole)', 'tags.slug (whole)'],
    });
  });

  it('follows regroup: grouper is the by-path, list is the grouped list', () => {
    expect(
      one(
        '{% regroup books by author.name as groups %}{% for g in groups %}{{ g.grouper }}{% for b in g.list %}{{ b.title }}{% endfor %}{% endfor %}',
      ),
    ).toEqual({ books: ['(loaded)', 'author.name (whole)', 'title (whole)'] });
  });

  it('ignores forloop, as-variables and filtered aliases beyond their own reads', () => {
    expect(
      one(
        '{% for b in books %}{{ forloop.counter }}{% cycle "a" "b" as row %}{{ row }}{% with n=b.reviews|length %}{{ n.real }}{% endwith %}{% endfor %}',
      ),
    ).toEqual({ books: ['(loaded)', 'reviews (counted)'] });
  });

  it('agrees with the frontend dependencies on the paths read (compared by their most specific paths)', () => {
    const source =
      '{% for b in books %}{% with a=b.author %}{{ a.name }}{% endwith %}{% for t in b.tags %}{{ t.name }}{% endfor %}{% endfor %}{{ user.display_name }}';
    const template = compile('page.html', new MemoryLoader({ 'page.html': source }));
    const fromDeps = template.ir.deps.map((d) => d.replaceAll('[]', ''));
    const usage = analyzeTemplate(template.ir);
    const mine = [...usage].flatMap(([root, u]) =>
      usagePaths(u).map((p) => `${root}.${p.replace(/ ?\(.*$/, '')}`.replace(/\.$/, '')),
    );
    const leaves = (list: string[]) => new Set(list.filter((p) => !list.some((q) => q.startsWith(`${p}.`))));
    expect(leaves(mine)).toEqual(leaves(fromDeps));
    expect(leaves(mine).size).toBe(3);
  });

  it.each([
    ['{% debug %}', /debug/],
    ['{% include name %}', /context/],
    ['{% include "self.html" %}', /recursive/],
    ['{% extends parent_name %}{% block a %}{{ x }}{% endblock %}', /parent from the context/],
  ])('refuses %s, whose reads cannot be known', (source, message) => {
    const templates = { 'page.html': source, 'self.html': '{% if x %}{% include "self.html" %}{% endif %}' };
    expect(() => paths(templates)).toThrow(TemplateAnalysisError);
    expect(() => paths(templates)).toThrow(message);
  });
});
