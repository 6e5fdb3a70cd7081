/** What `prepare` keeps for a template: the program in the addon and what each render sends with it. */
import type { RuntimeOptions } from '@tessera/runtime';
import type { Template } from '@tessera/template';
import { Columns } from './columns.js';
import { dateTag, encodeContext } from './encode.js';
import { hostFor, type HostFn } from './host.js';
import type { NativeProgram } from './native.js';
import type { Shape } from './projection.js';
import { ObjectRegistry } from './registry.js';

/** A template prepared in the addon. */
export interface RustPrepared {
  readonly program: NativeProgram;
  readonly options: RuntimeOptions;
  /** Whether the template reads the clock (`{% now %}`, `timesince`, `timeuntil`). */
  readonly readsClock: boolean;
  /** The compiled template, whose hooks and libraries the host calls. */
  readonly template: Template;
  /** What of a context the template reads: only that crosses into the addon (projection.ts). */
  readonly shape: Shape;
}

/**
 * The host of one render: needed by templates with `{% url %}`, library tags and filters (`needsHost`), and
 * by contexts holding objects the addon asks about (`registry`); undefined when neither.
 */
export function renderHost(prepared: RustPrepared, registry: ObjectRegistry): HostFn | undefined {
  return prepared.program.needsHost || registry.size > 0 ? hostFor(prepared.template, registry) : undefined;
}

/** A context as it crosses: JSON, and the column blocks of its loops over plain rows (columns.ts). */
export interface Sent {
  readonly json: string;
  readonly columns: Buffer | undefined;
}

/**
 * What crosses into the addon for `context`: its projection onto what the template reads (projection.ts),
 * loops over plain rows as columns. `registry` and `ownerOf` as `encodeContext` takes them.
 */
export function encodeSent(
  prepared: RustPrepared,
  context: Record<string, unknown>,
  registry: ObjectRegistry = new ObjectRegistry(),
  ownerOf?: (name: string) => string,
): Sent {
  const columns = new Columns();
  const json = encodeContext(context, prepared.options, registry, ownerOf, prepared.shape, columns);
  return { json, columns: columns.buffer() };
}

/** The encoded current time for templates that read the clock, else undefined. */
export function nowJson(prepared: RustPrepared): string | undefined {
  return prepared.readsClock ? JSON.stringify(dateTag(prepared.options.now(), prepared.options)) : undefined;
}

/** IR text of a template that reads the clock. */
export const READS_CLOCK = /"kind":"now"|"name":"time(?:since|until)"/;
