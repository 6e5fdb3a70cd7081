"""The `js-native` cases: contexts built by a JavaScript module (src/native.ts), which JSON cannot carry.

Each case names a builder (`native="user"`). Where Python has an equivalent, BUILDERS below builds the
same context for Django under that name (a class with a property and methods, `alters_data`,
`do_not_call_in_templates`, `silent_variable_failure`, a cyclic list, an aware datetime, a dict for a
Map, an int for a BigInt, a missing key for `undefined`), and Django renders the expected output. Where
it has none (a Promise, a generator read twice, `undefined` inside a container, a getter returning
`undefined`, how a class instance prints), the case carries a documented expectation instead, with the
reason in its note; the generator copies it as is (`expected_source: "documented"`).
"""
import datetime as _dt

from .common import Suite

UTC = _dt.timezone.utc


class SilentError(Exception):
    silent_variable_failure = True


class User:
    def __init__(self, first, last, team):
        self.first = first
        self.last = last
        self.team = team
        self.manager = None
        self.joined = _dt.datetime(2024, 3, 5, 14, 7, 9, tzinfo=UTC)

    @property
    def initials(self):
        return self.first[0] + self.last[0]

    @property
    def broken(self):
        raise ValueError("no value here")

    @property
    def hidden(self):
        raise SilentError("not shown")

    def fullName(self):  # noqa: N802 - the name the JavaScript class uses
        return f"{self.first} {self.last}"

    def greet(self, name):
        return f"hello {name}"

    def delete(self):
        return "deleted"

    delete.alters_data = True


class Factory:
    do_not_call_in_templates = True
    label = "kept"

    def __call__(self):
        return "made"


def _users():
    ada = User("Ada", "Lovelace", "math")
    alan = User("Alan", "Turing", "math")
    grace = User("Grace", "Hopper", "navy")
    alan.manager = ada
    return [grace, ada, alan]


def _cyclic_list():
    c = [1]
    c.append(c)
    return c


def _cyclic_dict():
    d = {"name": "root"}
    d["self"] = d
    return d


BUILDERS = {
    "user": lambda: {"u": _users()[1]},
    "users": lambda: {"users": _users()},
    "factory": lambda: {"f": Factory()},
    "callable": lambda: {"f": lambda: "called", "g": lambda: None},
    "null-prototype": lambda: {"d": {"a": 1, "b": "x"}},
    "map": lambda: {"m": {"a": 1, "b": [2, 3]}},
    "map-int-keys": lambda: {"m": {1: "one", 2: "two"}},
    "set": lambda: {"s": {1, 2, 3}, "e": set()},
    "bigint": lambda: {"big": 2 ** 70, "n": 42},
    # JavaScript `undefined` is a missing value: Python's context simply lacks the names.
    "undefined": lambda: {"d": {"b": 1}},
    "symbol": lambda: {"d": {"a": 1}},
    "cyclic-list": lambda: {"c": _cyclic_list()},
    "cyclic-dict": lambda: {"d": _cyclic_dict()},
    "date": lambda: {"d": _dt.datetime(2024, 12, 25, 18, 30, 5, tzinfo=UTC)},
}
"""Python contexts by builder name; builders without one (promise, generator) have documented cases only."""


def build():
    s = Suite("js-native")

    def add(name, template, native, documented=None, error=None, note=None):
        case = s.add(name, template, {}, features=["js-native", f"native:{native}"], note=note)
        case["native"] = native
        if documented is not None:
            case["documented"] = {"expected": documented}
        if error is not None:
            case["documented"] = {"expected_error": error}
        return case

    # A class instance: own fields, a property, methods called without arguments.
    add("attributes", "{{ u.first }} {{ u.fullName }} {{ u.initials }} {{ u.first.upper }}", "user")
    add("missing-attribute", "[{{ u.nope }}|{{ u.nick }}]", "user",
        note="u.nick is undefined in JavaScript, absent in Python: both missing")
    add("method-with-argument", "[{{ u.greet }}]", "user")
    add("alters-data", "[{{ u.delete }}]", "user")
    add("property-raises", "{{ u.broken }}", "user")
    add("silent-variable-failure", "[{{ u.hidden }}]", "user")
    add("no-js-internals", "[{{ u.constructor }}|{{ u.toString }}|{{ u.valueOf }}|{{ u.hasOwnProperty }}]", "user")
    add("none-attribute", "{{ u.manager }}", "user")
    add("datetime-attribute", "{{ u.joined }}|{{ u.joined.year }}|{{ u.joined|date:'Y-m-d H:i' }}", "user")
    add("instance-truthy", "{% if u %}yes{% endif %}|{% if u.manager %}boss{% else %}none{% endif %}", "user")
    add("filters-on-attributes", "{{ u.fullName|upper }}|{{ u.initials|length }}|{{ u.nope|default:'d' }}", "user")
    add("instance-not-iterable", "{% for x in u %}{{ x }}{% endfor %}", "user")
    add("instance-printed", "{{ u }}", "user", documented="&lt;User object&gt;",
        note="Django prints <module.User object at 0x...>, an address; Tessera prints <User object>")
    add("getter-returns-undefined", "[{{ u.nothing }}]", "user", documented="[]",
        note="a getter returning undefined is missing (Python has no undefined)")
    add("async-method", "{{ u.profile }}", "user", error="TypeError",
        note="an async method returns a Promise: refused with a TypeError asking to await it")

    # Lists of instances through loops, filters and tags.
    add("loop-methods", "{% for u in users %}{{ u.fullName }};{% endfor %}", "users")
    add("dictsort-by-property", '{% for u in users|dictsort:"initials" %}{{ u.initials }} {% endfor %}', "users")
    add("regroup-by-attribute",
        '{% regroup users|dictsort:"team" by team as teams %}'
        "{% for t in teams %}{{ t.grouper }}:{% for u in t.list %}{{ u.first }},{% endfor %};{% endfor %}", "users")
    add("chained-relations", "{{ users.2.manager.fullName }}|{{ users.2.manager.manager }}", "users")
    add("identity-in", "{% if users.1 in users %}in{% endif %}|{% if users.2.manager == users.1 %}same{% endif %}", "users")
    add("length-and-with", "{{ users|length }}|{% with a=users.1 %}{{ a.initials }}{% endwith %}", "users")
    add("firstof-missing", "{% firstof users.0.nick users.0.first %}", "users")
    add("date-filter-in-loop", '{% for u in users %}{{ u.joined|date:"Y" }},{% endfor %}', "users")

    # Django's callable markers and plain callables.
    add("do-not-call", "{{ f.label }}", "factory")
    add("callables-called", "{{ f }}|{{ g }}|{% if g %}t{% else %}f{% endif %}", "callable")

    # Values JSON cannot carry.
    add("null-prototype-dict", "{{ d }}|{{ d.a }}|{% for k in d %}{{ k }}{% endfor %}", "null-prototype")
    add("map-as-dict", "{{ m }}|{{ m.a }}|{{ m.b.1 }}|{{ m|length }}|{% if 'a' in m %}has{% endif %}", "map")
    add("map-items", "{% for k, v in m.items %}{{ k }}={{ v }};{% endfor %}|{{ m.keys }}", "map")
    add("map-int-keys", "{{ m.1 }}|{{ m }}|{% for k in m %}{{ k }}{% endfor %}", "map-int-keys")
    add("set", "{{ s }}|{{ s|length }}|{{ e }}|{% if e %}t{% else %}f{% endif %}|{% for x in s %}{{ x }}{% endfor %}",
        "set")
    add("generator-read-once", "{% for x in g %}{{ x }}{% endfor %}|{% for x in g %}{{ x }}{% endfor %}|{{ g }}",
        "generator", documented="123|123|[1, 2, 3]",
        note="a generator is read into a list on first use and stays that list; Python's is empty after one loop")
    add("bigint", "{{ big }}|{{ n|add:1 }}|{% if n > 40 %}big{% endif %}|{{ n|divisibleby:7 }}", "bigint")
    add("undefined-missing", "[{{ u }}|{{ d.a }}|{{ u|default:'x' }}|{% if u is None %}none{% endif %}]",
        "undefined", note="undefined values are missing: absent in Python's context")
    add("undefined-in-containers", "{{ d }}|[{% for x in l %}{{ x }},{% endfor %}]|{{ l }}", "undefined",
        documented="{&#x27;a&#x27;: None, &#x27;b&#x27;: 1}|[,None,]|[None, None]",
        note="undefined is missing where a variable resolves to it, None inside a printed container")
    add("symbol-keys-ignored", "{{ d }}|{% for k in d %}{{ k }}{% endfor %}", "symbol")
    add("promise-refused", "{{ p }}", "promise", error="TypeError",
        note="a Promise cannot be rendered: a TypeError names the path and asks the caller to await it")
    add("promise-in-dict-refused", "{{ d.p }}", "promise", error="TypeError")
    add("promise-unread", "{{ d.q }}", "promise", documented="ready",
        note="a Promise the template never reads does no harm")
    add("cyclic-list", "{{ c }}|{{ c.1.1.0 }}|{{ c|length }}|{% for x in c %}{{ x }};{% endfor %}", "cyclic-list")
    add("cyclic-dict", "{{ d }}|{{ d.self.self.name }}|{{ d.self|length }}", "cyclic-dict")
    add("datetime", "{{ d }}|{{ d.year }}|{{ d.hour }}|{{ d|date:'D d M Y H:i:s' }}", "date")
    add("bigint-json-script-and-compare", "{{ big|json_script:'b' }}|{% if big > 1.5 %}gt{% endif %}", "bigint")
    add("json-script-cyclic", "{{ c|json_script }}", "cyclic-list")
    add("invalid-date", "{{ d }}|{{ d.year }}|{{ d|json_script }}|{% if d %}t{% endif %}|{{ d|date:'Y' }}", "invalid-date",
        documented="NaT|nan|<script type=\"application/json\">null</script>|t|",
        note="an invalid Date has no Python counterpart: NaT, its fields NaN, null in JSON")
    add("thenable-read-through", "{{ t.title }}", "thenable", error="TypeError",
        note="a plain object with a then method is a thenable: reading through it asks the caller to await it")
    add("thenable-loop-item", "{% for r in rows %}{{ r.title }}{% endfor %}", "thenable", error="TypeError")
    return [s]
