/** What `prepare` keeps for a template: the program in the addon and what each render sends with it. */
import type { RuntimeOptions } from '@tessera/runtime';
import { dateTag } from './encode.js';
import type { HostFn } from './host.js';
import type { NativeProgram } from './native.js';

/** A template prepared in the addon. */
export interface RustPrepared {
  readonly program: NativeProgram;
  readonly options: RuntimeOptions;
  /** Whether the template reads the clock (`{% now %}`, `timesince`, `timeuntil`). */
  readonly readsClock: boolean;
  /** Answers `{% url %}`, library tags and library filters; undefined for templates without them. */
  readonly host: HostFn | undefined;
}

/** The encoded current time for templates that read the clock, else undefined. */
export function nowJson(prepared: RustPrepared): string | undefined {
  return prepared.readsClock ? JSON.stringify(dateTag(prepared.options.now(), prepared.options)) : undefined;
}

/** IR text of a template that reads the clock. */
export const READS_CLOCK = /"kind":"now"|"name":"time(?:since|until)"/;
