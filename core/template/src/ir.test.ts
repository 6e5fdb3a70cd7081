import { describe, expect, it } from 'vitest';
import { compile, IR_VERSION, MemoryLoader, type Node, type TemplateIR } from './index.js';

const dashboard = {
  'base.html': '<nav>{{ user.name }}</nav>{% block title %}{% endblock %}{% block content %}{% endblock %}',
  'dashboard.html': `{% extends "base.html" %}
{% block title %}Dashboard{% endblock %}
{% block content %}<h1>Welcome, {{ user.name }}</h1><div>Active Users: {{ active_count }}</div>
{% for item in items %}<div>{{ item.name }}</div>{% endfor %}{% endblock %}`,
};

function walk(nodes: readonly Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    switch (n.kind) {
      case 'if':
        for (const b of n.branches) walk(b.body, visit);
        break;
      case 'for':
        walk(n.body, visit);
        if (n.empty) walk(n.empty, visit);
        break;
      case 'block':
        walk(n.body, visit);
        if (n.parent) walk([n.parent], visit);
        break;
      case 'include':
        if (n.target.kind === 'inline') walk(n.target.body, visit);
        break;
      case 'with':
      case 'autoescape':
      case 'spaceless':
      case 'filterblock':
        walk(n.body, visit);
        break;
      case 'ifchanged':
        walk(n.body, visit);
        if (n.otherwise) walk(n.otherwise, visit);
        break;
      default:
        break;
    }
  }
}

function outputs(ir: TemplateIR): { expr: string; deps: readonly string[]; template: string }[] {
  const out: { expr: string; deps: readonly string[]; template: string }[] = [];
  walk(ir.body, (n) => {
    if (n.kind === 'output' && n.expr.base.kind === 'var')
      out.push({ expr: n.expr.base.path.join('.'), deps: n.deps, template: n.loc.template });
  });
  return out;
}

describe('compile() resolves a page into one tree', () => {
  const t = compile('dashboard.html', new MemoryLoader(dashboard));

  it('is versioned, JSON-serializable and lists its sources', () => {
    expect(t.ir.irVersion).toBe(IR_VERSION);
    expect(JSON.parse(JSON.stringify(t.ir))).toEqual(t.ir);
    expect(t.ir.sources).toEqual(['dashboard.html', 'base.html']);
  });

  it("puts base.html's variables and the child's blocks in the same tree", () => {
    expect(outputs(t.ir).map((o) => [o.expr, o.template])).toEqual([
      ['user.name', 'base.html'],
      ['user.name', 'dashboard.html'],
      ['active_count', 'dashboard.html'],
      ['item.name', 'dashboard.html'],
    ]);
  });

  it('annotates every dynamic node with the context paths it reads', () => {
    expect(outputs(t.ir).map((o) => o.deps)).toEqual([
      ['user.name'],
      ['user.name'],
      ['active_count'],
      ['items[].name'],
    ]);
    expect(t.ir.deps).toEqual(['active_count', 'items', 'items[].name', 'user.name']);
  });

  it('gives every dynamic node a unique id and its source location', () => {
    const ids: number[] = [];
    walk(t.ir.body, (n) => {
      if ('id' in n) {
        ids.push(n.id);
        expect(n.loc.line).toBeGreaterThan(0);
      }
    });
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('dependency annotations follow aliases', () => {
  const deps = (source: string): string[] => compile('t', new MemoryLoader({ t: source })).ir.deps.slice();
  it('through nested loops and forloop', () => {
    expect(
      deps(
        '{% for b in books %}{% for t in b.tags %}{{ t.label }}{{ forloop.parentloop.counter }}{% endfor %}{% endfor %}',
      ),
    ).toEqual(['books', 'books[].tags', 'books[].tags[].label']);
  });
  it('through with, old-style with and include with', () => {
    expect(
      deps('{% with a=book.author %}{{ a.name }}{% endwith %}{% with book.publisher as p %}{{ p.city }}{% endwith %}'),
    ).toEqual(['book.author', 'book.author.name', 'book.publisher', 'book.publisher.city']);
    expect(compile('t', new MemoryLoader({ t: '{% include "i" with x=user %}', i: '{{ x.email }}' })).ir.deps).toEqual([
      'user',
      'user.email',
    ]);
  });
  it('through if conditions and filter arguments', () => {
    expect(deps('{% if a.b > c %}{{ d|default:e.f }}{% endif %}')).toEqual(['a.b', 'c', 'd', 'e.f']);
  });
  it('leaves out builtins and names set by tags', () => {
    expect(deps('{% cycle "a" "b" as row silent %}{{ row }}{{ None }}{{ True }}')).toEqual([]);
  });
  it('marks dynamic includes as able to read anything', () => {
    expect(deps('{% include name %}')).toEqual(['*', 'name']);
  });
});

describe('block inheritance', () => {
  it('resolves block.super three levels deep', () => {
    const t = compile(
      'c',
      new MemoryLoader({
        a: 'A{% block b %}1{% endblock %}',
        m: '{% extends "a" %}{% block b %}2{{ block.super }}{% endblock %}',
        c: '{% extends "m" %}{% block b %}3{{ block.super }}{% endblock %}',
      }),
    );
    const block = t.ir.body[1]!;
    expect(block.kind).toBe('block');
    if (block.kind !== 'block') return;
    expect(block.body[0]).toEqual({ kind: 'text', value: '3' });
    expect(block.parent?.body[0]).toEqual({ kind: 'text', value: '2' });
    expect(block.parent?.parent?.body[0]).toEqual({ kind: 'text', value: '1' });
    expect(block.parent?.parent?.parent).toBeNull();
  });

  it('inlines a recursive include once and refers back to it', () => {
    const t = compile(
      'tree',
      new MemoryLoader({ tree: '{% for c in node.children %}{% include "tree" with node=c %}{% endfor %}' }),
    );
    expect(Object.keys(t.ir.partials)).toEqual(['tree']);
  });

  it('defers a missing include to render time, as Django does', () => {
    const t = compile('t', new MemoryLoader({ t: '{% if 0 %}{% include "gone" %}{% endif %}' }));
    const node = t.ir.body[0];
    expect(node?.kind === 'if' && node.branches[0]?.body[0]).toMatchObject({
      kind: 'include',
      target: { kind: 'error', error: 'TemplateDoesNotExist' },
    });
  });
});

describe('relative names', () => {
  it('resolves ./ and ../ against the including template and refuses escapes', () => {
    const loader = new MemoryLoader({ 'a/b/page': '{% include "../x" %}', 'a/x': 'X', bad: '{% include "../y" %}' });
    expect(compile('a/b/page', loader).ir.sources).toEqual(['a/b/page', 'a/x']);
    expect(() => compile('bad', loader)).toThrow(/points outside the file hierarchy/);
  });
});
