import { describe, expect, it } from 'vitest';
import { LocalPresence, type PresenceDiff } from './presence.js';

describe('LocalPresence', () => {
  it('lists the members of a topic with their meta, updates a member that joins again, forgets those that left, and announces each change', async () => {
    const diffs: [string, PresenceDiff][] = [];
    const presence = new LocalPresence((topic, diff) => diffs.push([topic, diff]));
    await presence.join('room', 'a', { name: 'ada' });
    await presence.join('room', 'b', null);
    await presence.join('other', 'a', 1);
    await presence.join('room', 'a', { name: 'ada', typing: true });
    expect(await presence.list('room')).toEqual([
      { id: 'a', meta: { name: 'ada', typing: true } },
      { id: 'b', meta: null },
    ]);
    await presence.leave('room', 'a');
    await presence.leave('room', 'nobody');
    expect(await presence.list('room')).toEqual([{ id: 'b', meta: null }]);
    expect(await presence.list('other')).toEqual([{ id: 'a', meta: 1 }]);
    expect(await presence.list('empty')).toEqual([]);
    expect(diffs).toEqual([
      ['room', { joined: { id: 'a', meta: { name: 'ada' } } }],
      ['room', { joined: { id: 'b', meta: null } }],
      ['other', { joined: { id: 'a', meta: 1 } }],
      ['room', { joined: { id: 'a', meta: { name: 'ada', typing: true } } }],
      ['room', { left: 'a' }],
    ]);
  });
});
