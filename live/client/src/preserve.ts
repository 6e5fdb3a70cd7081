/**
 * Keeps what the user is doing across a DOM change: the focused control, its selection, and the
 * value of any control the user has typed into but whose event has not been answered yet
 * (a patch must not overwrite text the server has not seen).
 */

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface Snapshot {
  readonly focused: Element | null;
  readonly focusKey: string | null;
  readonly selection: readonly [number | null, number | null] | null;
  readonly values: ReadonlyMap<string, string>;
}

const isControl = (el: Element | null): el is Control =>
  el !== null && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

/**
 * What finds "the same" control in a re-rendered tree: its id, else its tag and name. Compared as
 * strings, never built into a selector: ids and names come from state, and a selector made of them
 * (a newline, a bracket) can throw in the middle of a DOM change.
 */
type Key = string;

function keyOf(el: Element): Key | null {
  if (el.id) return `#${el.id}`;
  const name = el.getAttribute('name');
  return name ? `${el.tagName}\n${name}` : null;
}

/** The first element under `root` whose key is `key`. */
function findByKey(root: Element, key: Key): Element | null {
  for (const el of Array.from(root.querySelectorAll(key.startsWith('#') ? '[id]' : '[name]'))) {
    if (keyOf(el) === key) return el;
  }
  return null;
}

function selectionOf(el: Element): readonly [number | null, number | null] | null {
  if (el.tagName !== 'INPUT' && el.tagName !== 'TEXTAREA') return null;
  try {
    const input = el as HTMLInputElement;
    return [input.selectionStart, input.selectionEnd];
  } catch {
    return null;
  }
}

/** Records focus, selection and the values of `dirty` controls under `root`. */
export function snapshot(root: Element, dirty: ReadonlySet<Element>): Snapshot {
  const active = root.ownerDocument.activeElement;
  const focused = active && root.contains(active) ? active : null;
  const values = new Map<string, string>();
  const keep = new Set(dirty);
  if (isControl(focused)) keep.add(focused);
  for (const el of keep) {
    const key = keyOf(el);
    if (key && isControl(el) && root.contains(el)) values.set(key, el.value);
  }
  return {
    focused,
    focusKey: focused ? keyOf(focused) : null,
    selection: focused ? selectionOf(focused) : null,
    values,
  };
}

/** Puts back what `snapshot` recorded, finding replaced controls by id or name. */
export function restore(root: Element, saved: Snapshot): void {
  for (const [key, value] of saved.values) {
    const el = findByKey(root, key);
    if (isControl(el) && el.value !== value) el.value = value;
  }
  if (!saved.focused) return;
  let target: Element | null = saved.focused;
  if (!target.isConnected || !root.contains(target)) target = saved.focusKey ? findByKey(root, saved.focusKey) : null;
  if (!target) return;
  if (root.ownerDocument.activeElement !== target) (target as HTMLElement).focus?.();
  const selection = saved.selection;
  if (selection && selection[0] !== null && selection[1] !== null) {
    try {
      (target as HTMLInputElement).setSelectionRange(selection[0], selection[1]);
    } catch {
      // Inputs of types without a selection (number, email) refuse setSelectionRange.
    }
  }
}
