"""Render one bench scenario with djust (a Rust-backed Django LiveView), in-process, and print timings and
outputs as JSON for the JS harness (tools/bench/src/engines/djust.ts), which verifies them against Django.

Runs in the djust venv (python/pyenv.py "djust": python/requirements-djust.txt, CPython 3.11); run by hand, it
re-runs itself there. The calls are the ones djust itself makes:

- render, bytes: `djust._rust.compile_template(source, name, return_template=True)` once, then
  `render_template_with_dirs(source, context, [templates dir], ..., compiled_template=...)` per render, as
  djust's Django template backend does (templates load from the directory, `{% extends %}` included); "bytes"
  is the same followed by `str.encode()`. The templates are Django's, unchanged.
- mount, pipeline, update-one, refetch: what djust's LiveView does per event, on `RustLiveView(source, dirs)`:
  `update_state(changes)`, `set_changed_keys(keys)`, `render_with_diff()` -> (html, patches JSON, version).
  djust only diffs inside an element marked `dj-root` (without one it tracks the first element only), so
  these phases render a copy of the templates with the page body wrapped in `<div dj-root>` (see `wrap`).

- payload cases (value, row, reversed, prepended, removed): one event from the page of context A: the scalar
  of A1, or the list of an edit fixture (`--edit NAME=FILE`, the list named by `--payload-list`); before each
  timed event the view is moved back to A, untimed.

Usage:
  djust_run.py versions
  djust_run.py measure --templates DIR --entry NAME --fixture A --fixture B --fixture A1
                       [--changed-scalar NAME] [--payload-list KEY --edit NAME=FILE ...]
                       [--time-ms 1000] [--warmup-ms 200] [--min-iterations 50] [--verify-only]
"""

import argparse
import copy
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "python"))
sys.path.insert(0, HERE)

from pyenv import ensure_venv  # noqa: E402
from run import add_job_arguments, bytes_phase, job_inputs, measure, timed  # noqa: E402

# The wrapper around the page body (or around a fragment page): what the report states.
ROOT_OPEN = "<div dj-root>"
ROOT_CLOSE = "</div>"


def versions():
    import django

    return {"python": platform.python_version(), "django": django.get_version(), "djust": metadata.version("djust")}


def wrap(templates_dir, entry):
    """A copy of the templates in a temporary directory with the page body wrapped in `<div dj-root>`:
    inside `<body>...</body>` of the template that has them, or around the whole entry template when no
    template has a body (a fragment page). Returns the directory and how it was wrapped."""
    out = tempfile.mkdtemp(prefix="tessera-djust-")
    names = sorted(n for n in os.listdir(templates_dir) if os.path.isfile(os.path.join(templates_dir, n)))
    wrapped = None
    for name in names:
        with open(os.path.join(templates_dir, name), encoding="utf-8") as f:
            source = f.read()
        body = re.search(r"<body[^>]*>", source)
        if body and "</body>" in source:
            end = source.rindex("</body>")
            source = source[: body.end()] + ROOT_OPEN + source[body.end() : end] + ROOT_CLOSE + source[end:]
            wrapped = f"the <body> of {name}"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(source)
    if wrapped is None:
        path = os.path.join(out, entry)
        with open(path, encoding="utf-8") as f:
            source = f.read()
        if source.lstrip().startswith("{% extends"):
            shutil.rmtree(out)
            raise ValueError(f"{entry} extends a template without <body>: nothing to wrap in dj-root")
        with open(path, "w", encoding="utf-8") as f:
            f.write(ROOT_OPEN + source + ROOT_CLOSE)
        wrapped = f"all of {entry}"
    return out, f"dj-root around {wrapped}"


def plain_renderer(templates_dir, entry):
    from djust._rust import compile_template, render_template_with_dirs

    with open(os.path.join(templates_dir, entry), encoding="utf-8") as f:
        source = f.read()
    compiled = compile_template(source, entry, return_template=True)
    dirs = [templates_dir]

    def render(context):
        return render_template_with_dirs(source, context, dirs, template_name=entry, compiled_template=compiled)

    return render


class Live:
    """One RustLiveView of the wrapped entry template, driven as djust's LiveView drives it."""

    def __init__(self, source, dirs):
        from djust._rust import RustLiveView

        self.source = source
        self.dirs = dirs
        self.view = RustLiveView(source, dirs)

    def mount(self, context):
        self.view.update_state(context)
        html, _patches, _version = self.view.render_with_diff()
        return html

    def event(self, changes):
        """One event: the changed keys' new values, then the diffed render; returns the patches' JSON text."""
        self.view.update_state(changes)
        self.view.set_changed_keys(list(changes))
        _html, patches, _version = self.view.render_with_diff()
        return patches or "[]"


def alternating(step, first, second):
    """A callable that applies `first`, then `second`, then `first`...: every call really changes state."""
    state = {"flip": True}

    def call(_context):
        step(first if state["flip"] else second)
        state["flip"] = not state["flip"]

    return call


def measure_reset(call, reset, time_ms, warmup_ms, min_iterations):
    """As run.measure, with `reset()` run untimed before every call."""
    deadline = time.perf_counter_ns() + warmup_ms * 1_000_000
    warm = 0
    while warm < 5 or time.perf_counter_ns() < deadline:
        reset()
        call()
        warm += 1
    samples = []
    deadline = time.perf_counter_ns() + time_ms * 1_000_000
    while len(samples) < min_iterations or time.perf_counter_ns() < deadline:
        reset()
        start = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return samples


def payload_cases(source, dirs, a, a1, scalar, list_key, edits, budget):
    """The payload table's cases: the first event's patches and, with a budget, the event's timings."""
    cases = []
    if scalar is not None:
        cases.append(("value", {scalar: a1[scalar]}))
    for name, context in edits:
        cases.append((name, {list_key: context[list_key]}))
    result = {}
    for name, changes in cases:
        back = {k: a[k] for k in changes}
        view = Live(source, dirs)
        view.mount(a)
        first = view.event(changes)
        result[name] = {"patches": [json.loads(first)], "patchBytes": len(first.encode()), "keys": list(changes)}
        if budget is not None:
            samples = measure_reset(lambda: view.event(changes), lambda: view.event(back), *budget)
            result[name].update(timed(samples))
    return result


def live_phases(source, dirs, contexts, scalar, budget):
    """mount, pipeline, update-one and refetch: the patches each emits first (for the harness to apply), and
    their timings when `budget` is set."""
    a, b, a1 = contexts
    result = {}

    def mount(context):
        return Live(source, dirs).mount(context)

    html = mount(a)
    result["mount"] = {"html": html}

    pipeline = Live(source, dirs)
    pipeline.mount(a)
    forward = pipeline.event(b)
    back = pipeline.event(a)
    result["pipeline"] = {"patches": [json.loads(forward), json.loads(back)], "patchBytes": len(forward.encode())}

    events = {}
    if scalar is not None:
        # update-one: one scalar; refetch: every list replaced by new objects with equal values, plus that scalar.
        lists = [k for k, v in a.items() if isinstance(v, list)]
        events["updateOne"] = ({scalar: a1[scalar]}, {scalar: a[scalar]})
        events["refetch"] = (
            {**{k: copy.deepcopy(a[k]) for k in lists}, scalar: a1[scalar]},
            {**{k: copy.deepcopy(a[k]) for k in lists}, scalar: a[scalar]},
        )
        for name, (there, _back) in events.items():
            view = Live(source, dirs)
            view.mount(a)
            first = view.event(there)
            result[name] = {"patches": [json.loads(first)], "patchBytes": len(first.encode()), "keys": list(there)}

    if budget is not None:
        result["mount"].update(timed(measure(mount, a, *budget)))
        result["pipeline"].update(timed(measure(alternating(pipeline.event, b, a), None, *budget)))
        for name, (there, back) in events.items():
            view = Live(source, dirs)
            view.mount(a)
            result[name].update(timed(measure(alternating(view.event, there, back), None, *budget)))
    return result


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("versions")
    job = sub.add_parser("measure")
    job.add_argument("--templates", required=True)
    job.add_argument("--entry", required=True)
    job.add_argument("--changed-scalar")
    job.add_argument("--payload-list")
    job.add_argument("--edit", action="append", default=[], help="NAME=FILE: a payload case's context")
    add_job_arguments(job)
    args = parser.parse_args(argv)

    if args.command == "versions":
        print(json.dumps(versions()))
        return 0
    contexts, budget = job_inputs(args)
    if len(contexts) != 3:
        parser.error("measure takes three fixtures: a, b and a1")

    render = plain_renderer(args.templates, args.entry)
    result = {"engine": "djust", **versions(), "render": {"output": render(contexts[0])}}
    if budget is not None:
        result["render"].update(timed(measure(render, contexts[0], *budget)))
    result["bytes"] = bytes_phase(render, contexts[0], budget)

    wrapped_dir, wrapping = wrap(args.templates, args.entry)
    try:
        with open(os.path.join(wrapped_dir, args.entry), encoding="utf-8") as f:
            source = f.read()
        result["live"] = live_phases(source, [wrapped_dir], contexts, args.changed_scalar, budget)
        result["live"]["wrapping"] = wrapping
        if args.payload_list is not None:
            edits = []
            for spec in args.edit:
                name, path = spec.split("=", 1)
                with open(path, encoding="utf-8") as f:
                    edits.append((name, json.load(f)))
            a, _b, a1 = contexts
            result["payloads"] = payload_cases(
                source, [wrapped_dir], a, a1, args.changed_scalar, args.payload_list, edits, budget
            )
    finally:
        shutil.rmtree(wrapped_dir)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    ensure_venv(__file__, "djust")
    sys.exit(main(sys.argv[1:]))
