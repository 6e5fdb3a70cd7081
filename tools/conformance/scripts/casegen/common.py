"""The case builder shared by every case module."""

MISSING = object()
"""An input that is absent from the context (Django's VariableDoesNotExist path)."""


class Suite:
    """Cases of one category; ids are `<category>/<name>` and must be unique."""

    def __init__(self, category):
        self.category = category
        self.cases = []
        self._ids = set()
        self._counters = {}

    def next_name(self, stem):
        """`stem-001`, `stem-002`, ... for systematically generated cases."""
        n = self._counters.get(stem, 0) + 1
        self._counters[stem] = n
        return f"{stem}-{n:03d}"

    def add(self, name, template=None, context=None, *, templates=None, entry="main.html",
            features=(), updates=None, note=None, templates_extra=None):
        case_id = f"{self.category}/{name}"
        if case_id in self._ids:
            raise ValueError(f"duplicate case id {case_id}")
        self._ids.add(case_id)
        if templates is None:
            templates = {entry: template}
        if templates_extra:
            templates = {**templates, **templates_extra}
        case = {
            "id": case_id,
            "category": self.category,
            "templates": templates,
            "entry": entry,
            "context": {} if context is None else context,
        }
        if features:
            case["features"] = sorted(set(features))
        if updates is not None:
            case["updates"] = updates
        if note:
            case["note"] = note
        self.cases.append(case)
        return case


def simple_suite(category, cases):
    """A `tag-<name>` suite from `(name, template, context)` triples, tagged with the feature `tag:<name>`."""
    s = Suite(category)
    for name, template, context in cases:
        s.add(name, template, context, features=["tag:" + category[4:]])
    return s


def ctx(value):
    """Context binding `v` to `value`, or an empty context for MISSING."""
    return {} if value is MISSING else {"v": value}


def date(iso):
    return {"$date": iso}


def safe(s):
    return {"$safe": s}


MARKUP = "<b>bold</b> & 'q' \"dq\""

STANDARD_INPUTS = [
    "",
    "hello world",
    "Hello, World! It's me",
    MARKUP,
    safe("<i>safe</i> &amp; sound"),
    None,
    0,
    7,
    -12,
    3.14159,
    "42",
    "-3.5",
    "ünïcödé ☃ 日本語",
    ["a", "<b>", 3],
    {"k": "v"},
    True,
    False,
    MISSING,
]

TEXT_INPUTS = [
    "line one\nline two\n\npara two",
    "  spaced  out  ",
    "The quick brown fox jumps over the lazy dog",
]
