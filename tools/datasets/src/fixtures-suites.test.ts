import { describe, expect, it } from 'vitest';
import { editList, LIST_EDITS } from './fixtures-live.js';
import { dashboardContext, fixtureContext } from './fixtures.js';
import { bigTableContext, teamsContext } from './fixtures-suites.js';

describe("the Rust suites' scenarios", () => {
  it('big-table: size rows of 0..size-1; b changes every cell; a1 is a', () => {
    const a = bigTableContext(100, 'a');
    expect(a.table).toHaveLength(100);
    expect(a.table[99]).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const b = bigTableContext(100, 'b');
    expect(b.table.flat().every((x, i) => x !== a.table.flat()[i])).toBe(true);
    expect(bigTableContext(100, 'a1')).toEqual(a);
  });

  it("teams: the suites' four teams at size 4; b changes every score, a1 the year", () => {
    expect(teamsContext(4, 'a')).toEqual({
      year: 2015,
      teams: [
        { name: 'Jiangsu', score: 43 },
        { name: 'Beijing', score: 27 },
        { name: 'Guangzhou', score: 22 },
        { name: 'Shandong', score: 12 },
      ],
    });
    expect(teamsContext(4, 'b').teams.map((t) => t.score)).toEqual([44, 28, 23, 13]);
    expect(teamsContext(4, 'a1').year).toBe(2016);
    expect(teamsContext(6, 'a').teams[5]).toEqual({ name: 'Beijing 2', score: 27 });
  });

  it('are reached through fixtureContext', () => {
    expect(fixtureContext('teams', 4, 'b')).toEqual(teamsContext(4, 'b'));
    expect(fixtureContext('big-table', 3)).toEqual(bigTableContext(3, 'a'));
  });
});

describe('list edits', () => {
  const list = dashboardContext(5).items;

  it('row renames the middle row and keeps every other row object', () => {
    const edited = editList(list, 'row');
    expect(edited.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(edited[2]?.name).toBe(`${list[2]?.name} (edited)`);
    expect(edited.filter((r, i) => r === list[i])).toHaveLength(4);
  });

  it('reversed, prepended and removed move, add and drop rows by id', () => {
    expect(editList(list, 'reversed').map((r) => r.id)).toEqual([5, 4, 3, 2, 1]);
    const prepended = editList(list, 'prepended');
    expect(prepended.map((r) => r.id)).toEqual([6, 1, 2, 3, 4, 5]);
    expect(prepended[0]?.name).toBe('New row 6');
    expect(editList(list, 'removed').map((r) => r.id)).toEqual([1, 2, 4, 5]);
    expect(editList([], 'prepended')).toEqual([{ id: 1, name: 'New row 1' }]);
  });

  it('are fixture variants of the dashboard only', () => {
    for (const edit of LIST_EDITS) {
      const context = fixtureContext('dashboard', 5, edit);
      expect(context).toEqual({ ...dashboardContext(5), items: editList(list, edit) });
    }
    expect(() => fixtureContext('simple', 5, 'row')).toThrow(/dashboard only/);
  });
});
