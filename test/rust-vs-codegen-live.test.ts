/**
 * The Rust addon's slot documents against the compiled JS engine (codegen's live engine): both run the same
 * slot structure (`@tessera/markup`), so a page mounted on its slot plan and updated to another context must
 * give the same patch list, op for op. Pages the addon keeps on the parse-and-diff path (no plan) give other
 * patches; for them the patches applied to the page must give the DOM of a fresh render.
 */
import codegen from '@tessera/renderer-codegen';
import rust from '@tessera/renderer-rust';
import { decodeContext, loadCases, suiteCompileOptions } from '@tessera/conformance';
import { AnchorMap, applyPatches, type Anchor, type PatchEntry } from '@tessera/dom-patch';
import { compile, MemoryLoader, type Template } from '@tessera/template';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';

type Context = Record<string, unknown>;

const document = new Window().document;

function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

/** Whether `patches` turn a DOM holding `before` (anchors bound from `table`) into one holding `after`. */
function turns(before: string, table: readonly Anchor[], patches: readonly PatchEntry[], after: string): boolean {
  const root = holder(before);
  applyPatches(root, patches, new AnchorMap(root, table));
  root.normalize();
  const expected = holder(after);
  expected.normalize();
  return root.isEqualNode(expected);
}

/** What a step gave: the patch list, or the error's name. */
function attempt(step: () => PatchEntry[]): PatchEntry[] | string {
  try {
    return step();
  } catch (err) {
    return err instanceof Error ? err.name : 'thrown';
  }
}

interface Chain {
  /** Whether the addon kept the page on its slot plan. */
  readonly slotted: boolean;
  /** Per update, both engines' results. */
  readonly steps: { rust: PatchEntry[] | string; codegen: PatchEntry[] | string }[];
  /** Updates whose patches did not turn the addon's previous page into its new one (name of the step). */
  readonly wrong: string[];
}

/** Mounts `template` with both engines on `contexts[0]` and updates both through the others; null when a mount throws. */
function chain(template: Template, contexts: readonly Context[]): Chain | null {
  const [first, ...rest] = contexts;
  let r: ReturnType<typeof rust.mount>;
  let c: ReturnType<typeof codegen.mount>;
  try {
    r = rust.mount(rust.prepare(template), first ?? {});
    c = codegen.mount(codegen.prepare(template), first ?? {});
  } catch {
    return null;
  }
  const steps: Chain['steps'] = [];
  const wrong: string[] = [];
  let before = r.html;
  let table = r.anchors;
  rest.forEach((context, k) => {
    const step = { rust: attempt(() => r.update(context)), codegen: attempt(() => c.update(context)) };
    steps.push(step);
    if (typeof step.rust === 'string') return;
    const after = r.html;
    if (!turns(before, table, step.rust, after)) wrong.push(`update ${k + 1}`);
    before = after;
    table = r.anchors;
  });
  return { slotted: r.slotted, steps, wrong };
}

describe('the addon on the slot model sends the compiled JS engine’s patches', () => {
  it('on every conformance case it mounts on a slot plan: the case’s updates, then an empty context and back', () => {
    const options = suiteCompileOptions();
    let slotted = 0;
    let fallback = 0;
    const differing: string[] = [];
    const wrong: string[] = [];
    for (const c of loadCases()) {
      if (c.native !== undefined || c.expected === undefined) continue;
      let template: Template;
      try {
        template = compile(c.entry, new MemoryLoader({ ...c.templates }), options);
      } catch {
        continue;
      }
      const first = decodeContext(c.context) as Context;
      const updates = (c.updates ?? []).map((u) => decodeContext(u) as Context);
      const result = chain(template, [first, ...updates, {}, first]);
      if (result === null) continue;
      if (result.slotted) slotted++;
      else fallback++;
      wrong.push(...result.wrong.map((w) => `${c.id}: ${w}`));
      if (!result.slotted) continue;
      result.steps.forEach((step, k) => {
        // Both refuse, or both send the same list.
        const same =
          typeof step.rust === 'string' || typeof step.codegen === 'string'
            ? typeof step.rust === typeof step.codegen
            : JSON.stringify(step.rust) === JSON.stringify(step.codegen) || sameList(step.rust, step.codegen);
        if (!same) differing.push(`${c.id} update ${k + 1}`);
      });
    }
    expect(differing).toEqual([]);
    expect(wrong).toEqual([]);
    // Most cases are fragments the structure makes one region (text at the top level), which keep the
    // parse-and-diff path with layouts that move with row counts and render-wide state: checked above by
    // the DOM alone. Pages with elements around their slots have a plan.
    expect(slotted).toBeGreaterThan(50);
    expect(fallback).toBeGreaterThan(slotted);
  });

  const TEMPLATES: Record<string, string> = {
    // Rows separated by text (stride 2), an attribute slot and a content slot per row.
    list: '<h1 title="{{ title }}">{{ title }}</h1>\n<ul>\n{% for i in items %}  <li class="{{ i.cls }}">{{ i.name }}</li>\n{% endfor %}</ul>',
    // Rows without separators (stride 1), markup in a row slot, a positional cycle, scopes around the loop.
    table:
      "{% with t=title %}<p>{{ t|upper }}</p><table><tbody>{% for i in items %}<tr class=\"{% cycle 'odd' 'even' %}\"><td>{{ i.name }}</td><td>{% if i.done %}<b>done</b>{% else %}<i>{{ i.cls }}</i>{% endif %}</td></tr>{% endfor %}</tbody></table>{% endwith %}",
    // Rows that read outside their item, and an autoescape scope.
    outer:
      '{% autoescape off %}<div id="x">{% for i in items %}<span data-t="{{ title }}">{{ i.name }} {{ title }}</span>{% endfor %}</div>{% endautoescape %}',
  };

  const word = fc.constantFrom('', 'x', 'a & b', '<b>', '"q"', "it's", 'ÿ€', 'same');
  const items = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 9 }).chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constantFrom<unknown>(id, id, String(id), null),
          name: word,
          cls: fc.constantFrom('a', 'b'),
          done: fc.boolean(),
        }),
      ),
    ),
  );
  const context = fc.record({ items, title: word });

  it('on random update chains of pages with loops, scopes, cycles and markup in slots', () => {
    const templates = Object.keys(TEMPLATES).map((name) => compile(name, new MemoryLoader(TEMPLATES)));
    fc.assert(
      fc.property(fc.array(context, { minLength: 2, maxLength: 5 }), (contexts) => {
        for (const template of templates) {
          const result = chain(template, contexts);
          expect(result?.slotted).toBe(true);
          expect(result?.wrong).toEqual([]);
          for (const step of result?.steps ?? []) expect(step.rust).toEqual(step.codegen);
        }
      }),
      { numRuns: 60, seed: 18 },
    );
  });
});

/** Deep equality where JSON.stringify's key order differs. */
function sameList(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
