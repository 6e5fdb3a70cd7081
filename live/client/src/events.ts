/**
 * Event delegation: one listener per bound event type on the live root finds the nearest element
 * with `data-live-<event>` and turns the DOM event into a handler name and JSON params.
 */
import {
  BOUND_EVENTS,
  EVENT_ATTR_PREFIX,
  KEY_ATTR,
  PARAM_ATTR_PREFIX,
  SET_ATTR,
  VALUE_ATTR,
  isForbiddenKey,
  type BoundEvent,
  type JsonObject,
} from '@tessera/live-protocol';

/** What a bound DOM event asks for. */
export type Intent =
  | { readonly kind: 'event'; readonly name: string; readonly params: JsonObject; readonly source: Element }
  | { readonly kind: 'set'; readonly key: string; readonly value: string };

function paramsOf(el: Element): Record<string, string> {
  const params: Record<string, string> = {};
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.startsWith(PARAM_ATTR_PREFIX)) {
      const key = attr.name.slice(PARAM_ATTR_PREFIX.length);
      if (!isForbiddenKey(key)) params[key] = attr.value;
    }
  }
  return params;
}

function formParams(form: HTMLFormElement): Record<string, string> {
  const params: Record<string, string> = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.disabled || isForbiddenKey(el.name)) continue;
    if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
    params[el.name] = el.value;
  }
  return params;
}

/** The intent of a DOM event, or null when no live binding applies. */
export function intentOf(type: BoundEvent, event: Event, root: Element): Intent | null {
  const target = event.target as Element | null;
  if (!target || typeof target.closest !== 'function') return null;
  if (type === 'click') {
    const setter = target.closest(`[${SET_ATTR}]`);
    if (setter && root.contains(setter)) {
      event.preventDefault();
      return { kind: 'set', key: setter.getAttribute(SET_ATTR)!, value: setter.getAttribute(VALUE_ATTR) ?? '' };
    }
  }
  const attr = EVENT_ATTR_PREFIX + type;
  const el = target.closest(`[${attr}]`);
  if (!el || !root.contains(el)) return null;
  const name = el.getAttribute(attr)!;
  const params: Record<string, string | boolean> = paramsOf(el);
  switch (type) {
    case 'click':
      event.preventDefault();
      break;
    case 'input':
    case 'change': {
      const control = el as HTMLInputElement;
      if (control.type === 'checkbox') params['checked'] = control.checked;
      else params['value'] = control.value ?? '';
      break;
    }
    case 'submit':
      event.preventDefault();
      Object.assign(params, formParams(el as HTMLFormElement));
      break;
    case 'keydown': {
      const key = (event as KeyboardEvent).key;
      const wanted = el.getAttribute(KEY_ATTR);
      if (wanted !== null && wanted !== key) return null;
      params['key'] = key;
      if ('value' in el) params['value'] = String((el as HTMLInputElement).value);
      break;
    }
  }
  return { kind: 'event', name, params, source: el };
}

/** Listens for every bound event type on `root`; returns the function that stops listening. */
export function bindEvents(root: Element, onIntent: (intent: Intent) => void): () => void {
  const listeners = BOUND_EVENTS.map((type) => {
    const listener = (event: Event) => {
      const intent = intentOf(type, event, root);
      if (intent) onIntent(intent);
    };
    root.addEventListener(type, listener);
    return () => root.removeEventListener(type, listener);
  });
  return () => {
    for (const off of listeners) off();
  };
}
