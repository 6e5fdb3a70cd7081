import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type DjustPatch, verifyDjustHtml, verifyDjustPatches } from '../djust-patches.js';
import { payloadPhase } from '../live-cases.js';
import { templateDir } from '../paths.js';
import { bytes } from '../phases.js';
import { DJUST_PY, type PythonEnv } from '../python-env.js';
import type { PayloadCase, Phase, ProcessEngine, ProcessPhase } from '../types.js';
import { budgetArgs, venvEngine } from './python.js';

const run = promisify(execFile);

interface Timed {
  readonly samples?: number[];
}

interface LivePhase extends Timed {
  readonly patches: DjustPatch[][];
  readonly patchBytes: number;
  readonly keys?: string[];
}

interface DjustRunOutput {
  readonly render: Timed & { readonly output: string };
  readonly bytes: Timed & { readonly sha256: string };
  readonly live: {
    readonly wrapping: string;
    readonly mount: Timed & { readonly html: string };
    readonly pipeline: LivePhase;
    readonly updateOne?: LivePhase;
    readonly refetch?: LivePhase;
  };
  readonly payloads?: Partial<Record<PayloadCase, LivePhase>>;
}

/**
 * djust 1.2.6 (Rust-backed Django LiveView) in its own venv (tools/bench/python/djust_run.py, timed there with
 * `time.perf_counter_ns`). `render` and `bytes` use djust's template backend calls on Django's templates,
 * compared exactly; the live phases drive a `RustLiveView` of the templates with the page body wrapped in
 * `<div dj-root>`, and are verified here: the mounted page against Django's under `djustNormalize`, and
 * every patch list applied to the page before it (`applyDjustPatches`) against Django's page after it.
 */
export function djustEngine(env: () => Promise<PythonEnv | string>): ProcessEngine {
  const { ready, ...venv } = venvEngine(env);
  return {
    kind: 'process',
    name: 'djust',
    family: 'peer',
    compare: 'exact',
    ...venv,
    measure: async ({ scenario, budget, references, variants }) => {
      if (variants === undefined || references === undefined) throw new Error('djust needs fixtures a, b and a1');
      const { python, versions } = await ready();
      const args = [DJUST_PY, 'measure', '--templates', templateDir(scenario.name, 'django')];
      args.push('--entry', `${scenario.entry}.html`);
      for (const fixture of [variants.a, variants.b, variants.a1]) args.push('--fixture', fixture);
      if (scenario.changedScalar !== null) args.push('--changed-scalar', scenario.changedScalar);
      if (scenario.payloadList !== null) {
        args.push('--payload-list', scenario.payloadList);
        for (const [edit, file] of Object.entries(variants.edits ?? {})) args.push('--edit', `${edit}=${file}`);
      }
      args.push(...budgetArgs(budget));
      const { stdout } = await run(python, args, { maxBuffer: 1 << 29, timeout: 900_000 });
      const out = JSON.parse(stdout) as DjustRunOutput;
      const live = out.live;
      const page = bytes(live.mount.html);
      const calls = 'update_state, set_changed_keys, render_with_diff';
      const phase = (
        name: Phase,
        timed: Timed,
        patchBytes: number | null,
        check: ProcessPhase['verification'],
        note: string,
      ) =>
        ({
          phase: name,
          samples: timed.samples ?? [],
          outputBytes: page,
          patchBytes,
          verification: check,
          note,
        }) as const;
      const phases: ProcessPhase[] = [
        phase(
          'mount',
          live.mount,
          null,
          verifyDjustHtml(live.mount.html, references.a),
          `RustLiveView; ${live.wrapping}`,
        ),
        phase(
          'pipeline',
          live.pipeline,
          live.pipeline.patchBytes,
          verifyDjustPatches(live.mount.html, live.pipeline.patches, [references.b, references.a]),
          `${calls} (every key); ${live.wrapping}`,
        ),
      ];
      for (const [name, measured] of [
        ['update-one', live.updateOne],
        ['refetch', live.refetch],
      ] as const) {
        if (measured === undefined) continue;
        const check = verifyDjustPatches(live.mount.html, measured.patches, [references.a1]);
        const keys = (measured.keys ?? []).join(', ');
        phases.push(phase(name, measured, measured.patchBytes, check, `${calls} ({ ${keys} }); ${live.wrapping}`));
      }
      for (const [name, measured] of Object.entries(out.payloads ?? {}) as [PayloadCase, LivePhase][]) {
        const expected = name === 'value' ? references.a1 : (references.edits?.[name] ?? null);
        const check = verifyDjustPatches(live.mount.html, measured.patches, [expected]);
        const keys = (measured.keys ?? []).join(', ');
        phases.push(phase(payloadPhase(name), measured, measured.patchBytes, check, `{ ${keys} } from a's page`));
      }
      return {
        outputs: [out.render.output],
        samples: out.render.samples ?? [],
        bytes: { sha256: out.bytes.sha256, samples: out.bytes.samples ?? [] },
        phases,
        note: `djust ${versions['djust'] ?? '?'}: compile_template once, render_template_with_dirs`,
      };
    },
  };
}
