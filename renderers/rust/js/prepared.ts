/** What `prepare` keeps for a template: the program in the addon and what each render sends with it. */
import type { RuntimeOptions } from '@tessera/runtime';
import type { Template } from '@tessera/template';
import { dateTag } from './encode.js';
import { hostFor, type HostFn } from './host.js';
import type { NativeProgram } from './native.js';
import type { Shape } from './projection.js';
import type { ObjectRegistry } from './registry.js';

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

/** The encoded current time for templates that read the clock, else undefined. */
export function nowJson(prepared: RustPrepared): string | undefined {
  return prepared.readsClock ? JSON.stringify(dateTag(prepared.options.now(), prepared.options)) : undefined;
}

/** IR text of a template that reads the clock. */
export const READS_CLOCK = /"kind":"now"|"name":"time(?:since|until)"/;
