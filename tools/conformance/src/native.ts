/**
 * Contexts JSON cannot carry, for the suite's `js-native` cases: class instances with getters and
 * methods, Django's callable markers, Maps, Sets, generators, BigInts, `undefined`, Promises, cycles.
 * A case names its builder (`"native": "user"`); every render gets a fresh context from it. Where Python
 * has an equivalent, `scripts/casegen/native.py` builds the same context for Django under the same name,
 * and Django's output is the expected one; the others' expected outputs are documented there.
 */

/** A Python-named error, as Django would raise it from a property. */
function pyError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** Python's `silent_variable_failure`: Django renders the variable as missing. */
class SilentError extends Error {
  readonly silent_variable_failure = true;
}

class User {
  first: string;
  last: string;
  team: string;
  nick: string | undefined = undefined;
  manager: User | null = null;
  joined = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));
  constructor(first: string, last: string, team: string) {
    this.first = first;
    this.last = last;
    this.team = team;
  }
  get initials(): string {
    return `${this.first[0] ?? ''}${this.last[0] ?? ''}`;
  }
  get nothing(): undefined {
    return undefined;
  }
  get broken(): string {
    throw pyError('ValueError', 'no value here');
  }
  get hidden(): string {
    throw new SilentError('not shown');
  }
  fullName(): string {
    return `${this.first} ${this.last}`;
  }
  greet(name: string): string {
    return `hello ${name}`;
  }
  async profile(): Promise<string> {
    return 'later';
  }
}

// Django's `alters_data` marker on a method: the template refuses to call it.
const remove = Object.assign(() => 'deleted', { alters_data: true });
Object.defineProperty(User.prototype, 'delete', { value: remove });

function factory(): () => string {
  return Object.assign(() => 'made', { do_not_call_in_templates: true, label: 'kept' });
}

function users(): User[] {
  const ada = new User('Ada', 'Lovelace', 'math');
  const alan = new User('Alan', 'Turing', 'math');
  const grace = new User('Grace', 'Hopper', 'navy');
  alan.manager = ada;
  return [grace, ada, alan];
}

function cyclicList(): unknown[] {
  const c: unknown[] = [1];
  c.push(c);
  return c;
}

function cyclicDict(): Record<string, unknown> {
  const d: Record<string, unknown> = { name: 'root' };
  d['self'] = d;
  return d;
}

function thenable(fields: Record<string, unknown>): Record<string, unknown> {
  // biome-ignore lint/suspicious/noThenProperty: a thenable is the point
  return { ...fields, then: (resolve: (v: unknown) => void) => resolve(fields) };
}

function* numbers(): Generator<number> {
  yield 1;
  yield 2;
  yield 3;
}

const builders = {
  user: () => ({ u: users()[1] }),
  users: () => ({ users: users() }),
  factory: () => ({ f: factory() }),
  callable: () => ({ f: () => 'called', g: () => null }),
  'null-prototype': () => ({ d: Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, b: 'x' }) }),
  map: () => ({
    m: new Map<unknown, unknown>([
      ['a', 1],
      ['b', [2, 3]],
    ]),
  }),
  'map-int-keys': () => ({
    m: new Map<unknown, unknown>([
      [1, 'one'],
      [2, 'two'],
    ]),
  }),
  set: () => ({ s: new Set([1, 2, 3]), e: new Set() }),
  generator: () => ({ g: numbers() }),
  bigint: () => ({ big: 2n ** 70n, n: 42n }),
  undefined: () => ({ u: undefined, d: { a: undefined, b: 1 }, l: [undefined, null] }),
  symbol: () => ({ d: { a: 1, [Symbol('hidden')]: 2 } }),
  promise: () => ({ p: Promise.resolve('later'), d: { p: Promise.resolve(1), q: 'ready' } }),
  'cyclic-list': () => ({ c: cyclicList() }),
  'cyclic-dict': () => ({ d: cyclicDict() }),
  date: () => ({ d: new Date(Date.UTC(2024, 11, 25, 18, 30, 5)) }),
  'invalid-date': () => ({ d: new Date(Number.NaN) }),
  // Plain objects `await` would wait for (a query builder's shape): refused like a Promise.
  thenable: () => ({ t: thenable({ title: 'x' }), rows: [thenable({ title: 'y' })] }),
} satisfies Record<string, () => Record<string, unknown>>;

/** The builders by name; a case's `native` field names one. */
export const nativeContexts: Readonly<Record<string, () => Record<string, unknown>>> = builders;

/** A fresh context from the builder `name`; throws for an unknown name. */
export function nativeContext(name: string): Record<string, unknown> {
  const build = Object.hasOwn(nativeContexts, name) ? nativeContexts[name] : undefined;
  if (!build) throw new Error(`unknown native context '${name}'`);
  return build();
}
