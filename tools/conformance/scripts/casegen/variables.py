"""Variable lookups, missing values, indexes, dict methods, `_` names, python printing."""
from .common import MARKUP, STANDARD_INPUTS, Suite, ctx, date, safe


def build():
    v = Suite("variables")
    data = {
        "user": {"name": "Ann", "tags": ["x", "y"], "address": {"city": "Oslo"}, "items": "own key"},
        "items": ["zero", "one", "two"],
        "matrix": [[1, 2], [3, 4]],
        "d": {"a": 1, "b": None, "keys": "shadow", "c": [1, 2]},
        "text": "hello",
        "n": 3,
        "empty": "",
    }
    lookups = [
        "user.name", "user.tags", "user.tags.1", "user.tags.5", "user.address.city", "user.nope",
        "user.nope.deeper", "items.0", "items.2", "items.3", "items.-1", "matrix.1.0", "matrix.0",
        "d.a", "d.b", "d.keys", "d.items", "d.values", "d.c.1", "user.items", "text.upper", "text.0",
        "text.title", "text.capitalize", "text.isdigit", "text.5", "missing", "missing.x",
        "empty", "n", "user", "items", "text.strip", "text.split", "user.tags.count", "items.index",
        "user.keys", "user.values", "d.get", "text.len",
    ]
    for path in lookups:
        v.add(v.next_name("lookup"), "{{ " + path + " }}", data, features=["variable"])
    for value in STANDARD_INPUTS:
        v.add(v.next_name("print"), "[{{ v }}]", ctx(value), features=["variable"])
    v.add("none-literal", "{{ None }}", {}, features=["variable"])
    v.add("true-literal", "{{ True }}|{{ False }}", {}, features=["variable"])
    v.add("true-shadowed", "{{ True }}", {"True": "shadow"}, features=["variable"])
    v.add("string-literal", "{{ 'it''s' }}", {}, features=["variable"], note="adjacent literal is a syntax error")
    v.add("int-literal", "{{ 42 }}", {}, features=["literal"])
    v.add("negative-literal", "{{ -7 }}", {}, features=["literal"])
    v.add("float-literal", "{{ 3.50 }}", {}, features=["literal"])
    v.add("exp-literal", "{{ 1e3 }}", {}, features=["literal"])
    v.add("underscore-name", "{{ _private }}", {"_private": 1}, features=["variable"])
    v.add("underscore-attr", "{{ user._secret }}", {"user": {"_secret": 1}}, features=["variable"])
    v.add("dunder-class", "{{ v.__class__ }}", {"v": "x"}, features=["variable"])
    v.add("constructor-is-missing", "[{{ v.constructor }}]", {"v": {}}, features=["variable", "security"])
    v.add("proto-is-missing", "[{{ v.prototype }}|{{ v.toString }}|{{ v.hasOwnProperty }}]", {"v": {"a": 1}},
          features=["variable", "security"])
    v.add("constructor-own-key", "{{ v.constructor }}", {"v": {"constructor": "mine"}}, features=["variable", "security"])
    v.add("length-is-not-attr", "[{{ v.length }}]", {"v": "abc"}, features=["variable", "security"])
    v.add("list-length-not-attr", "[{{ v.length }}]", {"v": [1, 2]}, features=["variable", "security"])
    v.add("dotted-number-key", "{{ v.1 }}", {"v": {"a": "x"}}, features=["variable"])
    v.add("space-inside-braces", "{{v}}|{{   v   }}", {"v": 1}, features=["variable"])
    v.add("unicode-name-value", "{{ v }}", {"v": "Grüße 😀"}, features=["variable"])
    v.add("markup-escaped", "{{ v }}", {"v": MARKUP}, features=["variable", "autoescape"])
    v.add("safe-not-escaped", "{{ v }}", {"v": safe(MARKUP)}, features=["variable", "autoescape"])
    v.add("date-printed", "{{ v }}", {"v": date("2024-12-25T18:00:00Z")}, features=["variable"])
    v.add("nested-missing-filter", "{{ a.b.c|default:'d' }}", {"a": {}}, features=["variable"])
    v.add("items-iterable", "{% for k, val in d.items %}{{ k }}={{ val }};{% endfor %}", data, features=["variable", "tag:for"])
    v.add("keys-iterable", "{% for k in d.keys %}{{ k }},{% endfor %}", {"d": {"x": 1, "y": 2}}, features=["variable"])
    v.add("values-iterable", "{% for x in d.values %}{{ x }},{% endfor %}", {"d": {"x": 1, "y": 2}}, features=["variable"])
    v.add("dict-key-beats-method", "{% for x in d.items %}{{ x }}{% endfor %}", {"d": {"items": "abc"}}, features=["variable"])
    v.add("bool-index", "{{ v.0 }}", {"v": True}, features=["variable"])
    v.add("string-index-unicode", "{{ v.1 }}", {"v": "日本"}, features=["variable"])
    v.add("empty-braces", "{{ }}", {}, features=["variable"])
    v.add("comment-inline", "a{# hidden {{ x }} #}b", {}, features=["comment"])
    v.add("comment-multiline-not-comment", "a{# line\nline #}b", {}, features=["comment"])
    v.add("lone-braces", "{ { x } } {{ '{' }} }}", {}, features=["variable"])
    v.add("stray-close", "a }} b %} c #}", {}, features=["text"])
    return [v]
