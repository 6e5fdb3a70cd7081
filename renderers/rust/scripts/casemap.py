#!/usr/bin/env python3
"""Writes crates/dtl/src/value/casemap.rs: the characters whose Python case mapping differs from Rust's.

The engine computes Python's `str.title()`, `str.capitalize()` and `str.casefold()` with Rust's
`char::to_uppercase` / `char::to_lowercase`, which apply the same Unicode full case mappings as Python's
`str.upper()` / `str.lower()`. Titlecase and case folding are the exceptions: this script lists every
character whose `c.title()` is not its `c.upper()` (`'ß'.title()` is `Ss`, `'ǆ'.title()` is `ǅ`) and
every one whose `c.casefold()` is not its `c.lower()` (`'ß'.casefold()` is `ss`), straight from the
running Python's `str` methods, so the table is what Python itself does.

    python3 scripts/casemap.py           rewrite the table
    python3 scripts/casemap.py --check   compare the committed table with a fresh one

`--check` exits 0 when they are identical and 1 when they differ. It exits 77 (skipped) when the running
Python's Unicode version (`unicodedata.unidata_version`) is not the one the table was generated with: its
tables differ from those Django's Python would use, so a mismatch would say nothing about the file.
"""

import argparse
import difflib
import re
import sys
import unicodedata
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "crates" / "dtl" / "src" / "value" / "casemap.rs"
VERSION = re.compile(r"Python's Unicode (\d+\.\d+\.\d+) tables")
SKIPPED = 77

HEADER = """\
//! Python's case mappings where they differ from Rust's `char::to_uppercase`/`to_lowercase`: titlecase
//! (`'ß'.title()` is `Ss`, `'ǆ'.title()` is `ǅ`) and full case folding (`'ß'.casefold()` is `ss`).
//! `value::strmethods` looks characters up here and falls back to Rust's mappings. Also Python's cased and
//! case-ignorable characters, which decide where title case lowers and where a capital sigma is final.
//!
//! Generated from Python's Unicode {version} tables by `renderers/rust/scripts/casemap.py`; do not edit.
"""


def rust_str(text):
    return "".join(f"\\u{{{ord(c):x}}}" for c in text)


def table(name, doc, pairs):
    rows = "".join(f"    ('{rust_str(c)}', \"{rust_str(mapped)}\"),\n" for c, mapped in pairs)
    return f"/// {doc}\npub static {name}: &[(char, &str)] = &[\n{rows}];\n"


def ranges(name, doc, predicate, chars):
    spans = []
    for c in chars:
        cp = ord(c)
        if not predicate(c):
            continue
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    rows = "".join(f"    ('\\u{{{a:x}}}', '\\u{{{b:x}}}'),\n" for a, b in spans)
    return f"/// {doc}\npub static {name}: &[(char, char)] = &[\n{rows}];\n"


def is_cased(c):
    return c.islower() or c.isupper() or c.istitle()


def is_case_ignorable(c):
    # CPython's final-sigma rule skips case-ignorable characters: a capital sigma after `A` and `c` is final
    # exactly when `c` is skipped, unless `c` alone before it already makes it final (then `c` is cased).
    return ("A" + c + "\u03a3").lower()[-1] == "\u03c2" and (c + "\u03a3").lower()[-1] != "\u03c2"


def generate():
    # Every scalar value in code point order (surrogates are not chars in Rust), so the engine can
    # binary-search the tables.
    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    titlecase = [(c, c.title()) for c in chars if c.title() != c.upper()]
    casefold = [(c, c.casefold()) for c in chars if c.casefold() != c.lower()]
    return "\n".join(
        [
            HEADER.format(version=unicodedata.unidata_version),
            table("TITLECASE", "`c.title()` for each character whose title case is not its upper case.", titlecase),
            table("CASEFOLD", "`c.casefold()` for each character whose case folding is not its lower case.", casefold),
            ranges("CASED", "Python's cased characters (`_PyUnicode_IsCased`), as inclusive ranges.", is_cased, chars),
            ranges(
                "CASE_IGNORABLE",
                "Python's case-ignorable characters (`_PyUnicode_IsCaseIgnorable`), as inclusive ranges.",
                is_case_ignorable,
                chars,
            ),
        ]
    )


def check():
    committed = TABLE.read_text(encoding="utf-8")
    found = VERSION.search(committed)
    if found is None:
        print(f"casemap: {TABLE.name} does not say which Unicode version it was generated from")
        return 1
    if found.group(1) != unicodedata.unidata_version:
        print(
            f"casemap: skipped: the table is from Unicode {found.group(1)}, "
            f"this Python ({sys.version.split()[0]}) has Unicode {unicodedata.unidata_version}"
        )
        return SKIPPED
    fresh = generate()
    if fresh == committed:
        print(f"casemap: {TABLE.name} matches Python's Unicode {unicodedata.unidata_version} tables")
        return 0
    diff = difflib.unified_diff(committed.splitlines(), fresh.splitlines(), "committed", "generated", lineterm="")
    print(f"casemap: {TABLE.name} differs from what scripts/casemap.py generates:")
    print("\n".join(list(diff)[:40]))
    return 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare the committed table with a fresh one")
    if parser.parse_args().check:
        return check()
    TABLE.write_text(generate(), encoding="utf-8")
    print(f"casemap: wrote {TABLE.name} from Python's Unicode {unicodedata.unidata_version} tables")
    return 0


if __name__ == "__main__":
    sys.exit(main())
