import { describe, expect, it } from 'vitest';
import { CodeWriter } from './writer.js';

describe('CodeWriter', () => {
  it('merges consecutive appends into one concatenation, folding adjacent text', () => {
    const w = new CodeWriter();
    w.emitText('s', '<div>');
    w.emitText('s', '<b>');
    w.emit('s', 'out(v)');
    w.emitText('s', '</b></div>');
    expect(w.toString()).toBe('s = s + "<div><b>" + out(v) + "</b></div>";');
  });

  it('flushes pending appends before a statement, keeping template order', () => {
    const w = new CodeWriter();
    w.emit('s', 'a');
    w.line('x = 1;');
    w.emit('s', 'b');
    expect(w.toString()).toBe('s = s + a;\nx = 1;\ns = s + b;');
  });

  it('starts a new statement when the target buffer changes', () => {
    const w = new CodeWriter();
    w.emit('s1', 'a');
    w.emit('s2', 'b');
    expect(w.toString()).toBe('s1 = s1 + a;\ns2 = s2 + b;');
  });

  it('indents blocks and fills reserved slots later, once per statement', () => {
    const w = new CodeWriter();
    w.open('if (x)');
    const slot = w.reserve();
    w.line('y();');
    w.close();
    slot.add('z = 0;');
    slot.add('z = 0;');
    expect(w.toString()).toBe('if (x) {\n  z = 0;\n  y();\n}');
  });

  it('writes else-branches with reopen', () => {
    const w = new CodeWriter();
    w.open('if (a)');
    w.line('b();');
    w.reopen('else');
    w.line('c();');
    w.close();
    expect(w.toString()).toBe('if (a) {\n  b();\n} else {\n  c();\n}');
  });

  it('ignores empty text', () => {
    const w = new CodeWriter();
    w.emitText('s', '');
    expect(w.toString()).toBe('');
  });
});
