import { describe, expect, it } from 'vitest';
import { StateTracker } from './state.js';

class View {
  count = 0;
  items = [{ id: 1 }];
  user = { name: 'a' };
  _private = 'x';
}

describe('StateTracker', () => {
  it('reports changed top-level fields only, with fresh copies, and shares unchanged ones', () => {
    const view = new View();
    const tracker = new StateTracker(view);
    expect(tracker.commit()).toEqual({ count: 0, items: [{ id: 1 }], user: { name: 'a' } });
    const user = tracker.context['user'];
    view.items.push({ id: 2 });
    view.count = 1;
    const changes = tracker.commit()!;
    expect(changes).toEqual({ count: 1, items: [{ id: 1 }, { id: 2 }] });
    expect(changes['items']).not.toBe(view.items);
    expect(tracker.context['user']).toBe(user);
    expect(tracker.commit()).toBeNull();
  });

  it('restores fields after a failed handler and reverts a commit whose render failed', () => {
    const view = new View();
    const tracker = new StateTracker(view);
    tracker.commit();
    view.count = 5;
    (view as unknown as Record<string, unknown>)['added'] = 1;
    tracker.restore();
    expect(view.count).toBe(0);
    expect('added' in view).toBe(false);
    view.count = 7;
    tracker.commit();
    tracker.revert();
    expect(view.count).toBe(0);
    expect(tracker.context['count']).toBe(0);
  });

  it('names a field that is not JSON', () => {
    const view = new View();
    (view as unknown as Record<string, unknown>)['when'] = new Date(0);
    expect(() => new StateTracker(view).commit()).toThrow('state field "when" of View is not JSON (object)');
  });
});
