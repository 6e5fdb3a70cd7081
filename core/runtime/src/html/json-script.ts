import { conditionalEscape } from './escape.js';
import { pyFloatRepr } from '../values/repr.js';
import { SafeString } from '../values/safe.js';
import { isTruthy } from '../values/truthy.js';
import { dictEntries, dictViewKind, isDict, isNone, isPyInt, pyError, pyTypeName } from '../values/model.js';

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s.charAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    // ensure_ascii: every non-ASCII UTF-16 unit as \uXXXX (surrogate pairs come out as two escapes).
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function isoDate(d: Date): string | null {
  // An invalid Date has no Python counterpart: null, as JavaScript's own JSON writes it.
  if (Number.isNaN(d.getTime())) return null;
  // DjangoJSONEncoder: isoformat() cut to milliseconds, `+00:00` written `Z`.
  const iso = d.toISOString();
  return d.getUTCMilliseconds() ? iso : iso.replace('.000Z', 'Z');
}

function dictKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k instanceof SafeString) return k.value;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (isNone(k)) return 'null';
  if (typeof k === 'number') return isPyInt(k) ? String(k) : pyFloatRepr(k);
  if (typeof k === 'bigint') return String(k);
  throw pyError('TypeError', `keys must be str, int, float, bool or None, not ${pyTypeName(k)}`);
}

/**
 * Python `json.dumps(value, cls=DjangoJSONEncoder)`: `, ` and `: ` separators, ASCII only, NaN allowed,
 * and `check_circular`: a container inside itself is a ValueError, never a stack overflow.
 */
function pyJsonDumps(v: unknown, open: Set<object> = new Set()): string {
  if (isNone(v)) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return isPyInt(v) ? String(v === 0 ? 0 : v) : pyFloatRepr(v);
  }
  // A BigInt is a Python int: JSON writes its digits, however many.
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return jsonString(v);
  if (v instanceof SafeString) return jsonString(v.value);
  if (v instanceof Date) {
    const iso = isoDate(v);
    return iso === null ? 'null' : jsonString(iso);
  }
  const list = Array.isArray(v) && !dictViewKind(v) ? (v as unknown[]) : null;
  const dict = list === null && isDict(v) ? v : null;
  if (list === null && dict === null)
    throw pyError('TypeError', `Object of type ${pyTypeName(v)} is not JSON serializable`);
  const container = (list ?? dict) as object;
  if (open.has(container)) throw pyError('ValueError', 'Circular reference detected');
  open.add(container);
  try {
    // Array.from, not map: a hole of a sparse array is an item like `undefined` (null), not nothing.
    if (list !== null) return `[${Array.from(list, (x) => pyJsonDumps(x, open)).join(', ')}]`;
    return `{${dictEntries(dict as Record<string, unknown> | Map<unknown, unknown>)
      .map(([k, x]) => `${jsonString(dictKey(k))}: ${pyJsonDumps(x, open)}`)
      .join(', ')}}`;
  } finally {
    open.delete(container);
  }
}

/** Django `json_script`: the value as JSON with `<`, `>`, `&` escaped, in a `<script type="application/json">`. */
export function jsonScript(value: unknown, elementId: unknown): string {
  const json = pyJsonDumps(value).replace(
    /[<>&]/g,
    (c) => ({ '<': '\\u003C', '>': '\\u003E', '&': '\\u0026' })[c] ?? c,
  );
  if (isTruthy(elementId)) {
    return `<script id="${conditionalEscape(elementId)}" type="application/json">${json}</script>`;
  }
  return `<script type="application/json">${json}</script>`;
}
