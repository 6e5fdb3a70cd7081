#!/usr/bin/env python3
"""Real Django for scripts/fuzz.mjs: reads batches of cases from stdin, one JSON array per line
(`[{"templates": {...}, "context": {...}}, ...]`, `main.html` the entry, contexts in tagged JSON), and writes
one JSON array of outcomes per batch (`{"ok": true, "output": ...}` or `{"ok": false, "error": "TypeError"}`).
A template using `is` is also rendered with the identity rule Tessera documents for values JSON gives no
identity (equal str, int and float values are one object), as `"isRule": outcome`, so the caller can tell
that documented difference from a real one.

Django is set up exactly as for the conformance suite (tools/conformance/scripts/tessera_django.py: settings,
frozen clock, URLconf), in the repository's venv (python/pyenv.py).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "tools", "conformance", "scripts"))

from pyenv import ensure_venv  # noqa: E402


def _outcome(result):
    return {"ok": True, "output": result[1]} if result[0] == "ok" else {"ok": False, "error": result[1]}


def _tessera_is(a, b):
    """`is` as Tessera answers it: identity, except that equal str, int and float values are the same object."""
    if a is b:
        return True
    if type(a) is not type(b) or type(a) not in (str, int, float):
        return False
    return a == b or (type(a) is float and a != a and b != b)


def _with_tessera_is(render):
    from django.template import smartif

    saved = smartif.OPERATORS["is"], smartif.OPERATORS["is not"]
    smartif.OPERATORS["is"] = smartif.infix(10, lambda context, x, y: _tessera_is(x.eval(context), y.eval(context)))
    smartif.OPERATORS["is not"] = smartif.infix(
        10, lambda context, x, y: not _tessera_is(x.eval(context), y.eval(context))
    )
    for key, op in smartif.OPERATORS.items():
        op.id = key
    try:
        return render()
    finally:
        smartif.OPERATORS["is"], smartif.OPERATORS["is not"] = saved


def main():
    ensure_venv(__file__)
    from tessera_django import render

    for line in sys.stdin:
        if not line.strip():
            continue
        answers = []
        for case in json.loads(line):
            templates, context = case["templates"], case["context"]
            answer = _outcome(render(templates, "main.html", context))
            if any(" is " in source for source in templates.values()):
                answer["isRule"] = _outcome(_with_tessera_is(lambda: render(templates, "main.html", context)))
            answers.append(answer)
        sys.stdout.write(json.dumps(answers) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
