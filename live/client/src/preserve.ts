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

const quoted = (text: string): string => `"${text.replace(/["\\]/g, '\\$&')}"`;

/** A selector that finds "the same" control in a re-rendered tree: by id, else by name. */
function keyOf(el: Element): string | null {
  if (el.id) return `[id=${quoted(el.id)}]`;
  const name = el.getAttribute('name');
  return name ? `${el.tagName.toLowerCase()}[name=${quoted(name)}]` : null;
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
    const el = root.querySelector(key);
    if (isControl(el) && el.value !== value) el.value = value;
  }
  if (!saved.focused) return;
  let target: Element | null = saved.focused;
  if (!target.isConnected || !root.contains(target))
    target = saved.focusKey ? root.querySelector(saved.focusKey) : null;
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
