"""Render one bench scenario with real Django or Jinja2, in-process, and print the timings as JSON.

The JS harness (tools/bench/src/engines/python.ts) runs this with the repository's venv (python/pyenv.py,
pinned by python/requirements.txt); run by hand, it re-runs itself there. The context is read from the
same JSON fixture the JS engines render, so every engine sees the same data. Timing covers `template.render(context)` only: templates are loaded once, as a running
Django process would (the cached loader is Django's default outside DEBUG).

Usage:
  run.py versions
  run.py render --engine django|jinja2 --templates DIR --entry NAME --fixture FILE [--fixture FILE ...]
                [--time-ms 1000] [--warmup-ms 200] [--min-iterations 50] [--verify-only]

The first fixture is timed and its output printed as "output"; any further fixture is rendered once and
its output printed in "others" (the JS harness uses them to check other engines' patches). Two phases are
timed on it: "render" (`template.render(context)`, a `str`) and "bytes" (the same followed by
`str.encode()`, the UTF-8 `bytes` an HTTP response sends), whose output is checked through its SHA-256.
"""

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from decimal import ROUND_HALF_UP, Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "python"))

from pyenv import ensure_venv  # noqa: E402


def versions():
    import django
    import jinja2

    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "jinja2": jinja2.__version__,
    }


def django_renderer(templates_dir, entry):
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        USE_TZ=True,
        TIME_ZONE="UTC",
        INSTALLED_APPS=[],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [templates_dir],
                "APP_DIRS": False,
                "OPTIONS": {
                    "loaders": [
                        (
                            "django.template.loaders.cached.Loader",
                            ["django.template.loaders.filesystem.Loader"],
                        )
                    ],
                },
            }
        ],
    )
    django.setup()
    from django.template import engines

    template = engines["django"].get_template(entry)
    return template.render


def truncatechars(value, length):
    """Django's truncatechars for plain text: longer strings keep length-1 characters and an ellipsis."""
    text = str(value)
    return text if len(text) <= length else text[: length - 1] + "\u2026"


def floatformat(value, digits):
    """Django's floatformat with a positive argument: round half up on the decimal spelling."""
    quantum = Decimal(1).scaleb(-digits)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def jinja2_renderer(templates_dir, entry):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        keep_trailing_newline=True,
    )
    env.filters["truncatechars"] = truncatechars
    env.filters["floatformat"] = floatformat
    template = env.get_template(entry)
    return lambda context: template.render(context)


def percentile(sorted_samples, q):
    """Linear interpolation between closest ranks, as tinybench computes its quantiles."""
    if not sorted_samples:
        return 0.0
    pos = (len(sorted_samples) - 1) * q
    base = int(pos)
    rest = pos - base
    nxt = sorted_samples[min(base + 1, len(sorted_samples) - 1)]
    return sorted_samples[base] + rest * (nxt - sorted_samples[base])


def measure(render, context, time_ms, warmup_ms, min_iterations):
    deadline = time.perf_counter_ns() + warmup_ms * 1_000_000
    warm = 0
    while warm < 5 or time.perf_counter_ns() < deadline:
        render(context)
        warm += 1
    samples = []
    deadline = time.perf_counter_ns() + time_ms * 1_000_000
    while len(samples) < min_iterations or time.perf_counter_ns() < deadline:
        start = time.perf_counter_ns()
        render(context)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return samples


def timed(samples):
    """Samples in ms with their p50, p99 and mean."""
    ordered = sorted(samples)
    return {
        "samples": samples,
        "p50": percentile(ordered, 0.5),
        "p99": percentile(ordered, 0.99),
        "mean": sum(samples) / len(samples),
    }


def encoded(render):
    """The bytes phase: the render as the UTF-8 bytes a response sends."""
    return lambda context: render(context).encode()


def bytes_phase(render, context, budget):
    """The digest of the encoded page and, with a budget, the timings of render-and-encode."""
    result = {"sha256": hashlib.sha256(encoded(render)(context)).hexdigest()}
    if budget is not None:
        result.update(timed(measure(encoded(render), context, *budget)))
    return result


def add_job_arguments(parser):
    """The arguments every timing job takes: fixtures and the budget."""
    parser.add_argument("--fixture", action="append", required=True)
    parser.add_argument("--time-ms", type=float, default=1000)
    parser.add_argument("--warmup-ms", type=float, default=200)
    parser.add_argument("--min-iterations", type=int, default=50)
    parser.add_argument("--verify-only", action="store_true")


def job_inputs(args):
    """The fixtures' contexts and the budget `(time_ms, warmup_ms, min_iterations)`, None when verifying only."""
    contexts = []
    for path in args.fixture:
        with open(path, encoding="utf-8") as f:
            contexts.append(json.load(f))
    budget = None if args.verify_only else (args.time_ms, args.warmup_ms, args.min_iterations)
    return contexts, budget


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("versions")
    run = sub.add_parser("render")
    run.add_argument("--engine", choices=["django", "jinja2"], required=True)
    run.add_argument("--templates", required=True)
    run.add_argument("--entry", required=True)
    add_job_arguments(run)
    args = parser.parse_args(argv)

    if args.command == "versions":
        print(json.dumps(versions()))
        return 0

    contexts, budget = job_inputs(args)
    make = django_renderer if args.engine == "django" else jinja2_renderer
    render = make(args.templates, args.entry)
    outputs = [render(c) for c in contexts]
    result = {"engine": args.engine, **versions(), "output": outputs[0], "others": outputs[1:]}
    if budget is not None:
        result.update(timed(measure(render, contexts[0], *budget)))
    result["bytes"] = bytes_phase(render, contexts[0], budget)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    ensure_venv(__file__)
    sys.exit(main(sys.argv[1:]))
