/**
 * Contexts like a given one, for live-update properties over the conformance templates: the same shape
 * with values swapped, lists shuffled and cut, keys dropped.
 */
import fc from 'fast-check';

/** An arbitrary of values shaped like `value` (`$date` and `$safe` tagged values are kept as they are). */
export function mutant(value: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(value)) return fc.tuple(...value.map(mutant)).chain((items) => fc.shuffledSubarray(items));
  if (typeof value === 'object' && value !== null) {
    if ('$date' in value || '$safe' in value) return fc.constant(value);
    const model = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fc.oneof(fc.constant(v), mutant(v))]));
    return fc.record(model, { requiredKeys: Object.keys(value).filter((_, i) => i % 3 !== 2) });
  }
  if (typeof value === 'string') return fc.constantFrom(value, '', 'x', '<b>&amp;"\'', `${value}!`);
  if (typeof value === 'number')
    return Number.isInteger(value) ? fc.constantFrom(value, 0, 1, value + 1, -2) : fc.constantFrom(value, 0.5, 2.25);
  if (typeof value === 'boolean') return fc.boolean();
  return fc.constantFrom(null, 'x', 0);
}
