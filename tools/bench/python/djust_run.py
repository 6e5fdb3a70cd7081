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

Usage:
  djust_run.py versions
  djust_run.py measure --templates DIR --entry NAME --fixture A --fixture B --fixture A1
                       [--changed-scalar NAME] [--time-ms 1000] [--warmup-ms 200] [--min-iterations 50]
                       [--verify-only]
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
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "python"))
sys.path.insert(0, HERE)

from pyenv import ensure_venv  # noqa: E402

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


def live_phases(source, dirs, contexts, scalar, budget):
    """mount, pipeline, update-one and refetch: the patches each emits first (for the harness to apply), and
    their timings when `budget` is set."""
    from run import measure, timed

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
    job.add_argument("--fixture", action="append", required=True)
    job.add_argument("--changed-scalar")
    job.add_argument("--time-ms", type=float, default=1000)
    job.add_argument("--warmup-ms", type=float, default=200)
    job.add_argument("--min-iterations", type=int, default=50)
    job.add_argument("--verify-only", action="store_true")
    args = parser.parse_args(argv)

    if args.command == "versions":
        print(json.dumps(versions()))
        return 0
    from run import bytes_phase, measure, timed

    contexts = []
    for path in args.fixture:
        with open(path, encoding="utf-8") as f:
            contexts.append(json.load(f))
    if len(contexts) != 3:
        parser.error("measure takes three fixtures: a, b and a1")
    budget = None if args.verify_only else (args.time_ms, args.warmup_ms, args.min_iterations)

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
    finally:
        shutil.rmtree(wrapped_dir)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    ensure_venv(__file__, "djust")
    sys.exit(main(sys.argv[1:]))
