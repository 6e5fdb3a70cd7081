import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, Library, MemoryLoader, TemplateDoesNotExist } from './index.js';
import { FileSystemLoader } from './node.js';

describe('FileSystemLoader', () => {
  const root = mkdtempSync(join(tmpdir(), 'tessera-fs-'));
  mkdirSync(join(root, 'one'));
  mkdirSync(join(root, 'two'));
  writeFileSync(join(root, 'two', 'page.html'), '{% extends "base.html" %}{% block b %}two{% endblock %}');
  writeFileSync(join(root, 'one', 'base.html'), '[{% block b %}{% endblock %}]');
  writeFileSync(join(root, 'secret.txt'), 'secret');

  it('searches directories in order', () => {
    const loader = new FileSystemLoader([join(root, 'one'), join(root, 'two')]);
    expect(compile('page.html', loader).ir.sources).toEqual(['page.html', 'base.html']);
  });

  it('never reads outside its directories', () => {
    const loader = new FileSystemLoader(join(root, 'one'));
    expect(loader.get('../secret.txt')).toBeNull();
    expect(loader.get(join(root, 'secret.txt'))).toBeNull();
    expect(() => compile('../secret.txt', loader)).toThrow(TemplateDoesNotExist);
  });
});

describe('custom libraries through {% load %}', () => {
  const lib = new Library().filter('shout', (v) => `${String(v)}!`).simpleTag('greet', ([who]) => `hi ${String(who)}`);

  it('are unknown until loaded', () => {
    expect(() => compile('t', new MemoryLoader({ t: '{{ a|shout }}' }), { libraries: { lib } })).toThrow(
      /Invalid filter: 'shout'/,
    );
    expect(() => compile('t', new MemoryLoader({ t: '{% greet a %}' }), { libraries: { lib } })).toThrow(
      /Invalid block tag/,
    );
  });

  it('qualify filters and tags with their library in the IR', () => {
    const t = compile('t', new MemoryLoader({ t: '{% load lib %}{{ a|shout }}{% greet a as g %}' }), {
      libraries: { lib },
    });
    expect(t.ir.body[0]).toMatchObject({ kind: 'output', expr: { filters: [{ name: 'shout', library: 'lib' }] } });
    expect(t.ir.body[1]).toMatchObject({ kind: 'call', library: 'lib', tag: 'greet', asVar: 'g' });
  });

  it('supports `load name from library` and refuses unknown names', () => {
    expect(() =>
      compile('t', new MemoryLoader({ t: '{% load shout from lib %}{{ a|shout }}' }), { libraries: { lib } }),
    ).not.toThrow();
    expect(() => compile('t', new MemoryLoader({ t: '{% load nope from lib %}' }), { libraries: { lib } })).toThrow(
      /not a valid tag or filter/,
    );
    expect(() => compile('t', new MemoryLoader({ t: '{% load nolib %}' }))).toThrow(/not a registered tag library/);
  });
});
