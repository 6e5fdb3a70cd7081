#!/usr/bin/env python3
"""Render every case with real Django and write cases/<category>.json.

Usage: python3 scripts/generate.py        (from tools/conformance; `npm run cases` does this)
Runs in the repository's venv (python/pyenv.py, Django pinned in python/requirements.txt), creating it
on first use.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
OUT = os.path.join(PACKAGE, "cases")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "python"))

from pyenv import ensure_venv  # noqa: E402


def _json_text(doc):
    """The case file as UTF-8 JSON; a lone surrogate (UTF-8 cannot hold it) is written as its \\u escape."""
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def main():
    ensure_venv(__file__)
    sys.path.insert(0, HERE)
    import django
    from casegen import errors, filters, fuzz, live, native, printing, structure, tags, tags_flow, variables
    from tessera_django import check_context, render, render_objects

    suites = [
        s for m in (variables, printing, filters, tags_flow, tags, structure, errors, live, native, fuzz) for s in m.build()
    ]
    categories = [s.category for s in suites]
    if len(set(categories)) != len(categories):
        raise ValueError(f"two suites share a category (one file each): {sorted(categories)}")
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".json"):
            os.remove(os.path.join(OUT, old))
    total = 0
    errors_seen = {}
    for suite in suites:
        for case in suite.cases:
            if "native" in case:
                errors_seen_in = native_case(case, native.BUILDERS, render_objects)
                if errors_seen_in:
                    errors_seen[errors_seen_in] = errors_seen.get(errors_seen_in, 0) + 1
                continue
            contexts = [case["context"], *case.get("updates", [])]
            for i, c in enumerate(contexts):
                check_context(c, f"{case['id']} context {i}")
            outcomes = [render(case["templates"], case["entry"], c) for c in contexts]
            # A second render catches randomness (lorem, random) that would make a case unreproducible.
            if outcomes != [render(case["templates"], case["entry"], c) for c in contexts]:
                raise ValueError(f"{case['id']}: Django rendered it differently twice; make it deterministic")
            first = outcomes[0]
            if first[0] == "ok":
                case["expected"] = first[1]
            else:
                case["expected_error"] = first[1]
                case["expected_message"] = first[2]
                errors_seen[first[1]] = errors_seen.get(first[1], 0) + 1
            if "updates" in case:
                if any(o[0] != "ok" for o in outcomes):
                    raise ValueError(f"{case['id']}: live-update contexts must all render")
                case["expected_updates"] = [o[1] for o in outcomes[1:]]
        doc = {
            "generator": "tools/conformance/scripts/generate.py",
            "django": django.get_version(),
            "category": suite.category,
            "cases": suite.cases,
        }
        with open(os.path.join(OUT, f"{suite.category}.json"), "w", encoding="utf-8") as fh:
            fh.write(_json_text(doc))
        total += len(suite.cases)
    print(f"{total} cases in {len(suites)} categories written to {OUT}")
    print("expected errors:", ", ".join(f"{k} {v}" for k, v in sorted(errors_seen.items())))


def native_case(case, builders, render_objects):
    """Fill a js-native case: Django's output on the Python equivalent of its context, or the documented
    expectation where there is none. Returns the expected error class, if any."""
    documented = case.pop("documented", None)
    if documented is not None:
        case.update(documented)
        case["expected_source"] = "documented"
        return documented.get("expected_error")
    build = builders[case["native"]]
    first = render_objects(case["templates"], case["entry"], build())
    if first != render_objects(case["templates"], case["entry"], build()):
        raise ValueError(f"{case['id']}: Django rendered it differently twice; make it deterministic")
    if first[0] == "ok":
        case["expected"] = first[1]
        return None
    case["expected_error"] = first[1]
    case["expected_message"] = first[2]
    return first[1]


if __name__ == "__main__":
    main()
