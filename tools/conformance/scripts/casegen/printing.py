"""How Python prints values: lists, dicts, None, booleans, nesting, numbers."""
from .common import Suite, date, safe


def build():
    p = Suite("python-printing")
    values = [
        [], [1, 2, 3], ["a", "b"], ["it's", 'say "x"'], [None, True, False], [[1, [2, [3]]]],
        {}, {"a": 1}, {"a": [1, {"b": None}], "c": "x"}, {"k": True}, [{"a": 1}, {"b": 2}],
        None, True, False, 0, -0.5, 1.5, 0.1, 123456789012, 1e-7, 2.5e-5, 12345.678, -9,
        "text", "", "ünï", ["ünï", "日本"], ["\n", "\t", "\\"], ["<b>"], [safe("<b>")], ["'", '"'],
        [1.5, 2.25], {"nested": {"deeper": [1, 2.5, "x"]}}, [date("2024-01-02T03:04:05Z")],
        {"when": date("2024-01-02T03:04:05Z")}, ["a'b\"c"], 3.0e-3,
    ]
    for value in values:
        p.add(p.next_name("print"), "{{ v }}", {"v": value}, features=["printing"])
        p.add(p.next_name("print-unescaped"), "{% autoescape off %}{{ v }}{% endautoescape %}",
              {"v": value}, features=["printing", "autoescape"])
    for value in [[1, "a"], {"a": None}, None, True, 2.5]:
        p.add(p.next_name("in-attribute"), '<a title="{{ v }}">x</a>', {"v": value}, features=["printing"])
        p.add(p.next_name("stringformat-s"), "{{ v|stringformat:'s' }}", {"v": value}, features=["printing"])
        p.add(p.next_name("join"), "{{ v|join:',' }}", {"v": [value, value]}, features=["printing"])
    return [p]
