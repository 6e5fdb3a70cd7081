/**
 * `@tessera/renderer-rust`: Django templates rendered by a native Rust addon (napi-rs) from the IR.
 *
 * ```ts
 * import renderer from '@tessera/renderer-rust';
 * const prepared = renderer.prepare(compile('page.html', loader));
 * const html = renderer.render(prepared, { user: { name: 'Ada' } });
 * const doc = renderer.mount(prepared, { count: 1 });
 * const anchors = new AnchorMap(container, doc.anchors);
 * applyPatches(container, doc.set({ count: 2 }), anchors);
 * ```
 */
import type { LiveRenderer, Template } from '@tessera/template';
import { RustAsyncDocument, renderAsync } from './async.js';
import { Owners, RustDocument, type MountOptions } from './live.js';
import { native, NativeProgram } from './native.js';
import { encodeSent, nowJson, READS_CLOCK, renderHost, type RustPrepared } from './prepared.js';
import { shapeOf } from './projection.js';
import { ObjectRegistry } from './registry.js';
import { slotPlan } from './slots.js';
import { toStandIns } from './surrogates.js';

export { RustAsyncDocument } from './async.js';
export { encodeContext } from './encode.js';
export { RustDocument, type MountOptions, type UpdateStats } from './live.js';
export { encodeSent, type RustPrepared, type Sent } from './prepared.js';
export { shapeOf, type Shape } from './projection.js';
export { slotPlan, type SlotPlan } from './slots.js';

/** Timings of the last `render` of a prepared template, measured in the addon. */
export interface RenderStats {
  /** Microseconds spent parsing the context JSON into the addon's values. */
  readonly parseMicros: number;
  /** Microseconds spent rendering (the page not yet copied into a JS string). */
  readonly renderMicros: number;
}

/** Where the last `renderer.render(prepared, ...)` spent its time inside the addon. */
export function renderStats(prepared: RustPrepared): RenderStats {
  return { parseMicros: prepared.program.parseMicros, renderMicros: prepared.program.renderMicros };
}

/** The native renderer, as the live-renderer contract has it. */
const live = {
  name: 'rust',
  prepare(template: Template): RustPrepared {
    const ir = toStandIns(JSON.stringify(template.ir));
    const plan = slotPlan(template.ir);
    const planJson = plan === null ? undefined : toStandIns(JSON.stringify(plan));
    const program = native(() => new NativeProgram(ir, template.options.autoescape, template.options.debug, planJson));
    return {
      program,
      options: template.options.runtime,
      readsClock: READS_CLOCK.test(ir),
      template,
      shape: shapeOf(template.ir),
    };
  },
  render(prepared: RustPrepared, context: Record<string, unknown>): string {
    const registry = new ObjectRegistry();
    const { json, columns } = encodeSent(prepared, context, registry);
    const now = nowJson(prepared);
    // The page comes with its lone surrogates as they are (the binding's text.rs).
    return native(() => prepared.program.renderJson(json, columns, now, renderHost(prepared, registry)));
  },
  mount(prepared: RustPrepared, context: Record<string, unknown>, options: MountOptions = {}): RustDocument {
    const registry = new ObjectRegistry();
    const owners = new Owners();
    const { json, columns } = encodeSent(prepared, context, registry, owners.next);
    const args = { nowJson: nowJson(prepared), anchors: options.anchors !== false };
    return new RustDocument(
      native(() => prepared.program.mount(json, columns, renderHost(prepared, registry), args)),
      prepared,
      context,
      registry,
      owners,
    );
  },
} satisfies LiveRenderer<RustPrepared>;

/** The native renderer, with the calls that run on the addon's worker threads (async.ts). */
export const renderer = {
  ...live,
  /** `render` on one of the addon's worker threads (async.ts says when it stays on this one). */
  renderAsync(prepared: RustPrepared, context: Record<string, unknown>): Promise<string> {
    return renderAsync(prepared, context, () => live.render(prepared, context));
  },
  /** `mount` on one of the addon's worker threads, where the document then lives; its calls are promises. */
  mountAsync(
    prepared: RustPrepared,
    context: Record<string, unknown>,
    options: MountOptions = {},
  ): Promise<RustAsyncDocument> {
    return RustAsyncDocument.mount(prepared, context, options, (here) => live.mount(prepared, here, options));
  },
};

export default renderer;
