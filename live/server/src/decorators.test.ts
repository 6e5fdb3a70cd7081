import { describe, expect, it } from 'vitest';
import {
  clientState,
  clientStateOf,
  debounce,
  declareView,
  event,
  handlersOf,
  optimistic,
  throttle,
} from './decorators.js';

// vitest's transformer does not lower decorator syntax, so the decorators are called as the
// TypeScript-compiled code calls them: (value, context).
const methodContext = (name: string) =>
  ({ kind: 'method', name, static: false, private: false }) as unknown as ClassMethodDecoratorContext;

describe('decorators', () => {
  it('collect @event handlers and their client metadata, in any order, inherited too', () => {
    class Base {
      search(): void {}
      helper(): void {}
    }
    class View extends Base {
      like(): void {}
      move(): void {}
    }
    debounce(500)(Base.prototype.search, methodContext('search'));
    event(Base.prototype.search, methodContext('search'));
    event(View.prototype.like, methodContext('like'));
    optimistic({ liked: { toggle: true } })(View.prototype.like, methodContext('like'));
    event(View.prototype.move, methodContext('move'));
    throttle(100)(View.prototype.move, methodContext('move'));
    clientState(['tab'])(View, { kind: 'class', name: 'View' } as ClassDecoratorContext<typeof View>);
    expect(Object.fromEntries(handlersOf(View))).toEqual({
      like: { optimistic: { liked: { toggle: true } } },
      move: { throttle: 100 },
      search: { debounce: 500 },
    });
    expect(clientStateOf(View)).toEqual(['tab']);
    expect(clientStateOf(Base)).toEqual([]);
  });

  it('refuse bad arguments and private or static methods', () => {
    expect(() => debounce(0)).toThrow('@debounce needs a positive number of milliseconds, got 0');
    expect(() => throttle(Number.NaN)).toThrow('@throttle');
    expect(() => event(() => {}, { ...methodContext('x'), static: true } as ClassMethodDecoratorContext)).toThrow(
      '@event applies to public instance methods',
    );
  });

  it('declareView is the same without decorator syntax', () => {
    class Plain {
      go(): void {}
    }
    declareView(Plain, { events: { go: { debounce: 10 } }, clientState: ['a'] });
    expect(Object.fromEntries(handlersOf(Plain))).toEqual({ go: { debounce: 10 } });
    expect(clientStateOf(Plain)).toEqual(['a']);
    expect(() => declareView(Plain, { events: { missing: {} } })).toThrow('Plain has no method "missing"');
  });

  it('declareView on a subclass leaves the parent class as it was', () => {
    class Parent {
      go(): string {
        return 'parent';
      }
    }
    declareView(Parent, { events: { go: { debounce: 10 } } });
    class Child extends Parent {}
    declareView(Child, { events: { go: { throttle: 50 } } });
    expect(Object.fromEntries(handlersOf(Parent))).toEqual({ go: { debounce: 10 } });
    expect(Object.fromEntries(handlersOf(Child))).toEqual({ go: { debounce: 10, throttle: 50 } });
    expect(new Child().go()).toBe('parent');
  });
});
