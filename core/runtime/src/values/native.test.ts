import { describe, expect, it } from 'vitest';
import { lookup, lookupPath } from './lookup.js';
import { MISSING, pyTypeName } from './model.js';
import { isIterator, isTemplateName, isThenable, iteratorItems } from './native.js';
import { pyIter, pyLen } from './iterate.js';
import { isTruthy } from './truthy.js';
import { pyStr } from './repr.js';

class User {
  first = 'Ada';
  last = 'Lovelace';
  nick: string | undefined = undefined;
  $secret = 'machinery';
  get initials(): string {
    return `${this.first[0] ?? ''}${this.last[0] ?? ''}`;
  }
  fullName(): string {
    return `${this.first} ${this.last}`;
  }
  async load(): Promise<number> {
    return 1;
  }
}

/** An object with a callable (or not) `then`, built without a `then` literal. */
function withThen(then: unknown): object {
  return Object.defineProperty({}, 'then', { value: then, enumerable: true });
}

function silent(message: string): Error {
  return Object.assign(new Error(message), { silent_variable_failure: true });
}

describe('undefined is a missing value', () => {
  it('resolves an undefined property, Map value, array item and method result to MISSING', () => {
    expect(lookup(new User(), 'nick')).toBe(MISSING);
    expect(lookup({ a: undefined }, 'a')).toBe(MISSING);
    expect(lookup(new Map([['a', undefined]]), 'a')).toBe(MISSING);
    expect(lookup([undefined], '0')).toBe(MISSING);
    expect(lookup({ f: () => undefined }, 'f')).toBe(MISSING);
    expect(lookupPath(undefined, ['x'], 1)).toBe(MISSING);
  });
  it('prints empty alone and None inside a container', () => {
    expect(pyStr(undefined)).toBe('');
    expect(pyStr({ a: undefined })).toBe("{'a': None}");
  });
});

describe('class instances', () => {
  it('reads own fields, getters and methods called without arguments', () => {
    const u = new User();
    expect([lookup(u, 'first'), lookup(u, 'initials'), lookup(u, 'fullName')]).toEqual(['Ada', 'AL', 'Ada Lovelace']);
  });
  it('reaches only names a template can spell', () => {
    expect(lookup(new User(), '$secret')).toBe(MISSING);
    expect(isTemplateName('fullName')).toBe(true);
    expect(isTemplateName('0')).toBe(true);
    for (const name of ['$id', '_private', 'a-b', '', '__proto__']) expect(isTemplateName(name)).toBe(false);
  });
  it('names the class in Python-style messages and prints as an object', () => {
    expect(pyTypeName(new User())).toBe('User');
    expect(pyStr(new User())).toBe('<User object>');
    expect(() => pyIter(new User())).toThrow("'User' object is not iterable");
  });
});

describe('errors raised while resolving', () => {
  class Flaky {
    get broken(): string {
      throw new RangeError('boom');
    }
    get quiet(): string {
      throw silent('hidden');
    }
    method(): string {
      throw silent('hidden too');
    }
  }
  it('propagates an error, as Django does', () => {
    expect(() => lookup(new Flaky(), 'broken')).toThrow(RangeError);
  });
  it('renders silent_variable_failure errors as missing, from getters and calls', () => {
    expect(lookup(new Flaky(), 'quiet')).toBe(MISSING);
    expect(lookup(new Flaky(), 'method')).toBe(MISSING);
    expect(
      lookup(
        {
          f: () => {
            throw silent('x');
          },
        },
        'f',
      ),
    ).toBe(MISSING);
  });
});

describe('promises and thenables', () => {
  it('refuses them with a TypeError naming the path and asking for an await', () => {
    const ctx = { user: { profile: Promise.resolve(1) } };
    let err: Error | undefined;
    try {
      lookupPath(ctx.user, ['user', 'profile'], 1);
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe('TypeError');
    expect(err?.message).toMatch(/'user\.profile' is a Promise.*await it/);
    expect(() => lookupPath(Promise.resolve(1), ['p'], 1)).toThrow(/'p' is a Promise/);
    expect(() => lookup(new User(), 'load', 'user.load')).toThrow(/'user\.load' is a Promise/);
    expect(() => lookup({ t: withThen(() => undefined) }, 't')).toThrow(/thenable/);
  });
  it('refuses them when printed or tested, but prints them inside a container', () => {
    const p = Promise.resolve(1);
    expect(() => pyStr(p)).toThrow(/await it/);
    expect(() => isTruthy(p)).toThrow(/await it/);
    expect(pyStr([p])).toBe('[<Promise object>]');
    expect(isThenable(p) && isThenable(withThen(() => undefined)) && !isThenable(withThen(1))).toBe(true);
  });
});

describe('iterators are lists, read once', () => {
  function* letters(): Generator<string> {
    yield 'a';
    yield 'b';
  }
  it('gives the same items to every use', () => {
    const g = letters();
    expect(isIterator(g)).toBe(true);
    expect(pyIter(g)).toEqual(['a', 'b']);
    expect(pyIter(g)).toEqual(['a', 'b']);
    expect([pyLen(g), isTruthy(g), pyStr(g)]).toEqual([2, true, "['a', 'b']"]);
    expect(lookup({ g }, 'g')).toBe(iteratorItems(g));
  });
  it('reads Map and Set iterators too, never arrays, Maps or Sets themselves', () => {
    expect(lookup({ e: new Map([['k', 1]]).keys() }, 'e')).toEqual(['k']);
    expect([isIterator([]), isIterator(new Map()), isIterator(new Set())]).toEqual([false, false, false]);
  });
});

describe('other native values', () => {
  it('prints BigInts exactly and Maps and Sets as dicts and sets', () => {
    expect(pyStr(2n ** 70n)).toBe('1180591620717411303424');
    expect(pyStr(new Map<unknown, unknown>([[1, new Set(['x'])]]))).toBe("{1: {'x'}}");
  });
  it('ignores symbol keys', () => {
    const s = Symbol('hidden');
    expect(pyStr({ a: 1, [s]: 2 })).toBe("{'a': 1}");
    expect(pyIter({ a: 1, [s]: 2 })).toEqual(['a']);
  });
  it('prints cyclic structures as Python does', () => {
    const list: unknown[] = [];
    list.push(list);
    const dict: Record<string, unknown> = {};
    dict['self'] = dict;
    expect([pyStr(list), pyStr(dict), pyStr([list])]).toEqual(['[[...]]', "{'self': {...}}", '[[[...]]]']);
  });
});
