"""Control-flow and loop-state tags, one category each: for, if, cycle, resetcycle, firstof, ifchanged, with."""
from .common import MARKUP, Suite, date, safe, simple_suite as _simple

PEOPLE = [
    {"name": "Ann", "city": "Oslo", "age": 30},
    {"name": "Bob", "city": "Lyon", "age": 25},
    {"name": "Cy", "city": "Oslo", "age": 30},
    {"name": "Di", "city": "Rome", "age": 41},
]


def _for():
    s = Suite("tag-for")
    f = ["tag:for"]
    seqs = [[], ["a"], ["a", "b", "c"], "xyz", {"k1": 1, "k2": 2}, None, [None, 0, ""], [["p", 1], ["q", 2]]]
    bodies = [
        "{% for x in v %}{{ x }},{% endfor %}",
        "{% for x in v reversed %}{{ x }},{% endfor %}",
        "{% for x in v %}{{ x }}{% empty %}EMPTY{% endfor %}",
        "{% for x in v %}{{ forloop.counter }}/{{ forloop.counter0 }}/{{ forloop.revcounter }}/{{ forloop.revcounter0 }};{% endfor %}",
        "{% for x in v %}{% if forloop.first %}[{% endif %}{{ x }}{% if forloop.last %}]{% else %}|{% endif %}{% endfor %}",
        "{% for x in v %}{{ forloop }}{% endfor %}",
    ]
    for body in bodies:
        for seq in seqs:
            s.add(s.next_name("seq"), body, {"v": seq}, features=f)
    s.add("unpack-pairs", "{% for a, b in v %}{{ a }}={{ b }};{% endfor %}", {"v": [["x", 1], ["y", 2]]}, features=f)
    s.add("unpack-no-space", "{% for a,b in v %}{{ a }}{{ b }};{% endfor %}", {"v": [["x", 1]]}, features=f)
    s.add("unpack-items", "{% for k, val in v.items %}{{ k }}:{{ val }} {% endfor %}", {"v": {"a": 1, "b": [2]}}, features=f)
    s.add("unpack-too-few", "{% for a, b, c in v %}{{ a }}{% endfor %}", {"v": [["x", 1]]}, features=f)
    s.add("unpack-too-many", "{% for a, b in v %}{{ a }}{% endfor %}", {"v": [["x", 1, 2]]}, features=f)
    s.add("unpack-string-pairs", "{% for a, b in v %}{{ a }}-{{ b }};{% endfor %}", {"v": ["xy", "zw"]}, features=f)
    s.add("unpack-not-iterable", "{% for a, b in v %}{{ a }}{% endfor %}", {"v": [1, 2]}, features=f)
    s.add("iterate-int", "{% for x in v %}{{ x }}{% endfor %}", {"v": 5}, features=f)
    s.add("iterate-bool", "{% for x in v %}{{ x }}{% endfor %}", {"v": True}, features=f)
    s.add("iterate-missing", "{% for x in nothing %}{{ x }}{% empty %}none{% endfor %}", {}, features=f)
    s.add("iterate-unicode-string", "{% for c in v %}[{{ c }}]{% endfor %}", {"v": "日本😀"}, features=f)
    s.add("nested-parentloop",
          "{% for row in rows %}{% for c in row %}{{ forloop.parentloop.counter }}.{{ forloop.counter }}={{ c }} {% endfor %}{% endfor %}",
          {"rows": [["a", "b"], ["c"]]}, features=f)
    s.add("nested-parentloop-flags",
          "{% for row in rows %}{% for c in row %}{% if forloop.parentloop.last and forloop.last %}END{% endif %}{% endfor %}{% endfor %}",
          {"rows": [["a", "b"], ["c", "d"]]}, features=f)
    s.add("triple-nested-parentloop",
          "{% for a in x %}{% for b in x %}{% for c in x %}{{ forloop.parentloop.parentloop.counter }}{{ forloop.parentloop.counter }}{{ forloop.counter }} {% endfor %}{% endfor %}{% endfor %}",
          {"x": [1, 2]}, features=f)
    s.add("parentloop-top-level", "{% for a in x %}[{{ forloop.parentloop }}]{% endfor %}", {"x": [1]}, features=f)
    s.add("loop-var-shadows", "{{ x }}{% for x in v %}{{ x }}{% endfor %}{{ x }}", {"x": "out", "v": ["in"]}, features=f)
    s.add("forloop-outside", "[{{ forloop.counter }}]", {}, features=f)
    s.add("loop-over-filter", "{% for x in v|slice:':2' %}{{ x }}{% endfor %}", {"v": [1, 2, 3]}, features=f)
    s.add("loop-over-literal-string", "{% for x in 'abc' %}{{ x }}.{% endfor %}", {}, features=f)
    s.add("loop-var-attr", "{% for p in people %}{{ p.name }}({{ p.age }}) {% endfor %}", {"people": PEOPLE}, features=f)
    s.add("loop-escape", "{% for x in v %}{{ x }}{% endfor %}", {"v": [MARKUP, safe("<i>")]}, features=f)
    s.add("loop-dict-of-lists", "{% for k in v %}{{ k }}{% endfor %}", {"v": {"a": [1], "b": [2]}}, features=f)
    s.add("reversed-empty", "{% for x in v reversed %}{{ x }}{% empty %}-{% endfor %}", {"v": []}, features=f)
    s.add("for-in-if", "{% if v %}{% for x in v %}{{ x }}{% endfor %}{% endif %}", {"v": [1, 2]}, features=f)
    s.add("forloop-counter-math", "{% for x in v %}{{ forloop.counter|add:10 }} {% endfor %}", {"v": "ab"}, features=f)
    s.add("forloop-divisibleby", "{% for x in v %}{{ x }}{% if forloop.counter|divisibleby:2 %}<br>{% endif %}{% endfor %}", {"v": [1, 2, 3, 4]}, features=f)
    s.add("big-loop", "{% for x in v %}{{ x }}{% endfor %}", {"v": list(range(200))}, features=f)
    s.add("reversed-dict", "{% for k in v reversed %}{{ k }}{% endfor %}", {"v": {"a": 1, "b": 2, "c": 3}}, features=f)
    s.add("reversed-string", "{% for c in v reversed %}{{ c }}{% endfor %}", {"v": "abc"}, features=f)
    s.add("reversed-unpack", "{% for a, b in v reversed %}{{ a }}{{ b }};{% endfor %}", {"v": [[1, 2], [3, 4]]}, features=f)
    s.add("forloop-in-with", "{% for x in v %}{% with c=forloop.counter %}{{ c }}{{ x }}{% endwith %}{% endfor %}", {"v": "ab"}, features=f)
    s.add("forloop-after-inner-loop", "{% for a in x %}{% for b in x %}{% endfor %}{{ forloop.counter }}{% endfor %}", {"x": [1, 2, 3]}, features=f)
    s.add("empty-in-nested", "{% for r in rows %}[{% for c in r %}{{ c }}{% empty %}-{% endfor %}]{% endfor %}", {"rows": [[1], [], [2, 3]]}, features=f)
    s.add("loop-over-items-of-list-of-dicts", "{% for p in v %}{% for k, val in p.items %}{{ k }}={{ val }},{% endfor %};{% endfor %}",
          {"v": [{"a": 1}, {"b": 2, "c": 3}]}, features=f)
    s.add("loop-var-named-forloop-attr", "{% for x in v %}{{ x.counter }}{% endfor %}", {"v": [{"counter": "own"}]}, features=f)
    s.add("loop-over-safe-string", "{% for c in v %}[{{ c }}]{% endfor %}", {"v": safe("<&>")}, features=f)
    s.add("loop-var-missing-attr", "{% for x in v %}[{{ x.nope }}]{% endfor %}", {"v": [1, "a", None]}, features=f)
    s.add("unpack-dict-items-three", "{% for k, v2 in d.items %}{% for x in v2 %}{{ k }}{{ x }} {% endfor %}{% endfor %}",
          {"d": {"a": [1, 2], "b": []}}, features=f)
    return s


def _if():
    s = Suite("tag-if")
    f = ["tag:if"]
    conds = [
        "v", "not v", "v == 1", "v != 1", "v < 2", "v > 2", "v <= 0", "v >= 'a'", "v in 'abc'", "v not in l",
        "v is None", "v is not None", "v is True", "v and w", "v or w", "not v and w", "not not v",
        "v == w", "v in l", "l", "v == 'x' or w == 'y' and v", "v < w", "v == 1.0",
    ]
    values = [None, 0, 1, 3, "", "a", "x", [], [1], True, False, 2.5, {"a": 1}]
    for cond in conds:
        for value in values:
            s.add(s.next_name("cond"), "{% if " + cond + " %}T{% else %}F{% endif %}",
                  {"v": value, "w": "y", "l": [1, "a", None]}, features=f)
    s.add("elif-chain", "{% if v == 1 %}one{% elif v == 2 %}two{% elif v == 3 %}three{% else %}many{% endif %}", {"v": 3}, features=f)
    s.add("elif-no-else", "[{% if v == 1 %}one{% elif v == 2 %}two{% endif %}]", {"v": 9}, features=f)
    s.add("precedence-or-and", "{% if a or b and c %}T{% else %}F{% endif %}", {"a": 1, "b": 0, "c": 0}, features=f)
    s.add("precedence-not-and", "{% if not a and b %}T{% else %}F{% endif %}", {"a": 0, "b": 1}, features=f)
    s.add("precedence-not-compare", "{% if not a == b %}T{% else %}F{% endif %}", {"a": 1, "b": 2}, features=f)
    s.add("compare-incompatible", "{% if a < b %}T{% else %}F{% endif %}", {"a": 1, "b": "x"}, features=f)
    s.add("compare-none", "{% if a > b %}T{% else %}F{% endif %}", {"a": None, "b": 1}, features=f)
    s.add("compare-lists", "{% if a < b %}T{% else %}F{% endif %}", {"a": [1, 2], "b": [1, 3]}, features=f)
    s.add("compare-int-int", "{% if a == b %}T{% else %}F{% endif %}", {"a": 2, "b": 2}, features=f)
    s.add("compare-str-int", "{% if a == b %}T{% else %}F{% endif %}", {"a": "1", "b": 1}, features=f)
    s.add("compare-bool-int", "{% if a == 1 %}T{% else %}F{% endif %}", {"a": True}, features=f)
    s.add("in-dict", "{% if 'k' in d %}T{% else %}F{% endif %}", {"d": {"k": 0}}, features=f)
    s.add("in-missing", "{% if 'k' in nothing %}T{% else %}F{% endif %}", {}, features=f)
    s.add("in-int", "{% if 1 in v %}T{% else %}F{% endif %}", {"v": 5}, features=f)
    s.add("missing-is-none", "{% if nothing is None %}T{% else %}F{% endif %}", {}, features=f)
    s.add("missing-equals-none", "{% if nothing == None %}T{% else %}F{% endif %}", {}, features=f)
    s.add("filter-in-condition", "{% if v|length > 2 %}long{% endif %}", {"v": "abcd"}, features=f)
    s.add("filter-arg-in-condition", "{% if v|default:'x' == 'x' %}T{% endif %}", {}, features=f)
    s.add("literal-strings", "{% if 'a' == \"a\" %}T{% endif %}", {}, features=f)
    s.add("nested-if", "{% if a %}{% if b %}ab{% else %}a{% endif %}{% else %}none{% endif %}", {"a": 1, "b": 0}, features=f)
    s.add("safe-string-truthy", "{% if v %}T{% else %}F{% endif %}", {"v": safe("")}, features=f)
    s.add("date-truthy", "{% if v %}T{% else %}F{% endif %}", {"v": date("2024-01-01T00:00:00Z")}, features=f)
    s.add("float-truthy", "{% if v %}T{% else %}F{% endif %}", {"v": 0.25}, features=f)
    s.add("is-identity-list", "{% if a is b %}T{% else %}F{% endif %}", {"a": [], "b": []}, features=f)
    s.add("is-false", "{% if v is False %}T{% else %}F{% endif %}", {"v": 0}, features=f)
    s.add("not-in-string", "{% if 'z' not in v %}T{% endif %}", {"v": "abc"}, features=f)
    s.add("int-equals-float-literal", "{% if 1 == 1.0 %}T{% else %}F{% endif %}", {}, features=f)
    s.add("dates-compare", "{% if a < b %}T{% else %}F{% endif %}", {"a": date("2024-01-01T00:00:00Z"), "b": date("2024-06-01T00:00:00Z")}, features=f)
    s.add("dates-equal", "{% if a == b %}T{% else %}F{% endif %}", {"a": date("2024-01-01T00:00:00Z"), "b": date("2024-01-01T01:00:00+01:00")}, features=f)
    s.add("in-safe-string", "{% if '<' in v %}T{% else %}F{% endif %}", {"v": safe("<b>")}, features=f)
    s.add("string-compare-unicode", "{% if a < b %}T{% else %}F{% endif %}", {"a": "é", "b": "z"}, features=f)
    s.add("string-compare-case", "{% if a < b %}T{% else %}F{% endif %}", {"a": "B", "b": "a"}, features=f)
    s.add("none-in-list", "{% if None in v %}T{% else %}F{% endif %}", {"v": [0, None]}, features=f)
    s.add("list-in-list", "{% if a in b %}T{% else %}F{% endif %}", {"a": [1], "b": [[1], [2]]}, features=f)
    s.add("dict-equal", "{% if a == b %}T{% else %}F{% endif %}", {"a": {"x": 1, "y": [1]}, "b": {"y": [1], "x": 1}}, features=f)
    s.add("bool-compare-int", "{% if a > 0 %}T{% else %}F{% endif %}", {"a": True}, features=f)
    s.add("not-chain", "{% if not not not v %}T{% else %}F{% endif %}", {"v": 1}, features=f)
    s.add("and-or-mixed-literals", "{% if 0 or '' or 'x' and 1 %}T{% else %}F{% endif %}", {}, features=f)
    s.add("is-none-literal-lhs", "{% if None is v %}T{% else %}F{% endif %}", {}, features=f)
    s.add("operator-names-as-vars", "{% if v == 'and' %}T{% endif %}", {"v": "and"}, features=f)
    s.add("filter-with-literal-compare", "{% if v|length == '3' %}T{% else %}F{% endif %}", {"v": "abc"}, features=f)
    s.add("nested-in-loop-parentloop", "{% for a in x %}{% for b in x %}{% if forloop.parentloop.first and forloop.last %}*{% endif %}{% endfor %}{% endfor %}",
          {"x": [1, 2]}, features=f)
    return s


def _cycle():
    return _simple("tag-cycle", [
        ("basic", "{% for x in v %}{% cycle 'a' 'b' 'c' %}{% endfor %}", {"v": [1, 2, 3, 4, 5]}),
        ("variables", "{% for x in v %}{% cycle p q %}{% endfor %}", {"v": [1, 2, 3], "p": "<P>", "q": safe("<Q>")}),
        ("as-name", "{% for x in v %}{% cycle 'odd' 'even' as cls %}<tr class=\"{{ cls }}\">{% endfor %}", {"v": [1, 2, 3]}),
        ("as-silent", "{% for x in v %}{% cycle 'odd' 'even' as cls silent %}[{{ cls }}]{% endfor %}", {"v": [1, 2, 3]}),
        ("named-ref", "{% cycle 'a' 'b' as c %}{% cycle c %}{% cycle c %}", {}),
        ("named-ref-silent", "{% cycle 'a' 'b' as c silent %}{% cycle c %}{{ c }}{% cycle c %}", {}),
        ("outside-loop", "{% cycle 'x' 'y' %}{% cycle 'x' 'y' %}", {}),
        ("two-cycles-in-loop", "{% for x in v %}{% cycle 1 2 %}{% cycle 'a' 'b' 'c' %} {% endfor %}", {"v": [1, 2, 3, 4]}),
        ("nested-loops-reset", "{% for r in rows %}{% for c in r %}{% cycle 'a' 'b' %}{% endfor %}|{% endfor %}", {"rows": [[1, 2, 3], [4, 5]]}),
        ("escaped", "{% for x in v %}{% cycle x 'lit<' %}{% endfor %}", {"v": ["<a>", "<b>"]}),
        ("autoescape-off", "{% autoescape off %}{% for x in v %}{% cycle x 'y' %}{% endfor %}{% endautoescape %}", {"v": ["<a>"]}),
        ("undefined-ref", "{% cycle nope %}", {}),
        ("no-args", "{% cycle %}", {}),
        ("single-value", "{% for x in v %}{% cycle 'only' %}{% endfor %}", {"v": [1, 2]}),
        ("filter-value", "{% for x in v %}{% cycle 'a'|upper 'b' %}{% endfor %}", {"v": [1, 2]}),
        ("missing-var-value", "{% for x in v %}[{% cycle nope 'b' %}]{% endfor %}", {"v": [1, 2]}),
    ])


def _resetcycle():
    return _simple("tag-resetcycle", [
        ("basic", "{% for r in rows %}{% for c in r %}{% cycle 'a' 'b' 'c' %}{% endfor %}{% resetcycle %}|{% endfor %}", {"rows": [[1, 2], [3, 4, 5]]}),
        ("named", "{% for r in rows %}{% cycle 'x' 'y' as g %}{% for c in r %}{% cycle 'a' 'b' as h %}{% endfor %}{% resetcycle h %}|{% endfor %}", {"rows": [[1, 2, 3], [4]]}),
        ("unknown-name", "{% resetcycle nope %}", {}),
        ("no-cycle", "{% resetcycle %}", {}),
        ("too-many-args", "{% cycle 'a' 'b' as c %}{% resetcycle c d %}", {}),
    ])


def _firstof():
    return _simple("tag-firstof", [
        ("first-truthy", "{% firstof a b c %}", {"a": 0, "b": "", "c": "third"}),
        ("none-truthy", "[{% firstof a b %}]", {"a": 0, "b": None}),
        ("literal-fallback", "{% firstof a b 'default <x>' %}", {}),
        ("escaped", "{% firstof a %}", {"a": MARKUP}),
        ("safe-value", "{% firstof a %}", {"a": safe("<b>")}),
        ("autoescape-off", "{% autoescape off %}{% firstof a %}{% endautoescape %}", {"a": "<b>"}),
        ("filtered", "{% firstof a|upper b %}", {"a": "x"}),
        ("filter-safe", "{% firstof a|safe %}", {"a": "<i>"}),
        ("as-var", "{% firstof a b as x %}[{{ x }}]", {"b": "bee"}),
        ("as-var-escaped", "{% firstof a as x %}{{ x }}", {"a": "<b>"}),
        ("no-args", "{% firstof %}", {}),
        ("numbers", "{% firstof 0 1 %}", {}),
        ("list-value", "{% firstof a %}", {"a": [1, "x"]}),
    ])


def _ifchanged():
    return _simple("tag-ifchanged", [
        ("content", "{% for x in v %}{% ifchanged %}{{ x }}{% endifchanged %}{% endfor %}", {"v": [1, 1, 2, 2, 1]}),
        ("value", "{% for p in people %}{% ifchanged p.city %}<h2>{{ p.city }}</h2>{% endifchanged %}{{ p.name }} {% endfor %}", {"people": PEOPLE}),
        ("two-values", "{% for p in people %}{% ifchanged p.city p.age %}*{% endifchanged %}{{ p.name }}{% endfor %}", {"people": PEOPLE}),
        ("else", "{% for x in v %}{% ifchanged x %}new{% else %}same{% endifchanged %},{% endfor %}", {"v": [1, 1, 2]}),
        ("nested-loops", "{% for r in rows %}{% for c in r %}{% ifchanged c %}{{ c }}{% endifchanged %}{% endfor %}|{% endfor %}", {"rows": [[1, 1, 2], [2, 2]]}),
        ("outside-loop", "{% ifchanged %}a{% endifchanged %}{% ifchanged %}a{% endifchanged %}", {}),
        ("content-with-forloop", "{% for x in v %}{% ifchanged %}{{ forloop.counter }}{% endifchanged %}{% endfor %}", {"v": [1, 1]}),
        ("missing-values", "{% for x in v %}{% ifchanged nope %}c{% endifchanged %}{% endfor %}", {"v": [1, 2]}),
        ("unclosed", "{% ifchanged %}a", {}),
    ])


def _with():
    return _simple("tag-with", [
        ("kwarg", "{% with x=v %}{{ x }}{% endwith %}", {"v": "val"}),
        ("two-kwargs", "{% with a=1 b='two' %}{{ a }}{{ b }}{% endwith %}", {}),
        ("legacy-as", "{% with v as x %}{{ x }}{% endwith %}", {"v": "old"}),
        ("filtered", "{% with x=v|upper %}{{ x }}{% endwith %}", {"v": "up"}),
        ("scoped", "{% with x='in' %}{{ x }}{% endwith %}[{{ x }}]", {}),
        ("shadows", "{{ x }}{% with x='in' %}{{ x }}{% endwith %}{{ x }}", {"x": "out"}),
        ("nested", "{% with a=1 %}{% with b=a|add:1 %}{{ a }}{{ b }}{% endwith %}{% endwith %}", {}),
        ("escaped", "{% with x=v %}{{ x }}{% endwith %}", {"v": "<b>"}),
        ("safe-literal", "{% with x='<b>' %}{{ x }}{% endwith %}", {}),
        ("in-loop", "{% for i in v %}{% with d=i|add:i %}{{ d }} {% endwith %}{% endfor %}", {"v": [1, 2]}),
        ("missing-value", "{% with x=nope %}[{{ x }}]{% endwith %}", {}),
        ("no-args", "{% with %}{% endwith %}", {}),
        ("bad-syntax", "{% with x %}{% endwith %}", {}),
        ("unclosed", "{% with x=1 %}{{ x }}", {}),
        ("expensive-reuse", "{% with total=items|length %}{{ total }} item{{ total|pluralize }}{% endwith %}", {"items": [1, 2]}),
    ])


def build():
    return [_for(), _if(), _cycle(), _resetcycle(), _firstof(), _ifchanged(), _with()]
