import { describe, expect, it } from 'vitest';
import type { ProtocolError } from './errors.js';
import { parseClientMessage } from './parse-client.js';

const refused = (text: string) => {
  try {
    parseClientMessage(text);
  } catch (err) {
    return { code: (err as ProtocolError).code, message: (err as ProtocolError).message };
  }
  throw new Error('accepted');
};

describe('parseClientMessage', () => {
  it('accepts the four client messages', () => {
    expect(parseClientMessage('{"t":"mount","pv":2,"token":"a.b","resume":3}')).toEqual({
      t: 'mount',
      pv: 2,
      token: 'a.b',
      resume: 3,
    });
    expect(
      parseClientMessage('{"t":"event","ref":4,"name":"go","params":{"a":[1,"x",null]},"cs":{"tab":"b"}}'),
    ).toEqual({
      t: 'event',
      ref: 4,
      name: 'go',
      params: { a: [1, 'x', null] },
      cs: { tab: 'b' },
    });
    expect(parseClientMessage('{"t":"ping"}')).toEqual({ t: 'ping' });
    expect(parseClientMessage('{"t":"sync"}')).toEqual({ t: 'sync' });
  });

  it('refuses what is not exactly a client message', () => {
    expect(refused('{')).toEqual({ code: 'bad_message', message: 'not JSON' });
    expect(refused('"x"').code).toBe('bad_message');
    expect(refused('{"t":"mount","pv":1,"token":"x"}').code).toBe('version');
    expect(refused('{"t":"mount","pv":2}').message).toBe('mount needs a token');
    expect(refused('{"t":"event","ref":-1,"name":"a","params":{}}').message).toBe('event needs a numeric ref');
    expect(refused('{"t":"event","ref":1,"name":"a","params":[]}').message).toBe('event params must be an object');
    expect(refused('{"t":"other"}').message).toBe('unknown message type');
  });

  it('refuses prototype keys at any depth', () => {
    expect(refused('{"t":"event","ref":1,"name":"a","params":{"__proto__":{"x":1}}}').message).toBe(
      'forbidden key "__proto__"',
    );
    expect(refused('{"t":"event","ref":1,"name":"a","params":{"a":[{"constructor":1}]}}').message).toBe(
      'forbidden key "constructor"',
    );
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('refuses nesting deeper than the limit instead of recursing without end', () => {
    const deep = '{"t":"event","ref":1,"name":"a","params":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    expect(refused(deep).message).toBe('nested too deeply');
  });
});
