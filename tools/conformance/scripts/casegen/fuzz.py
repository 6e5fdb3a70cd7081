"""Disagreements found by differential fuzzing (tools/fuzz), each minimized to the case that shows its root
cause. The expected outputs come from Django like every other case; the renderers once got these wrong."""
from .common import Suite

# A parent whose block holds a stateful tag, and a child that renders that block twice through block.super.
CYCLE_BASE = "{% block content %}{% for a, b in pairs %}{% cycle 'odd' \"<r>\" 'odd' %}{% endfor %}{% endblock %}"
SUPER_TWICE = "{% extends \"base.html\" %}{% block content %}{{ block.super }}{{ block.super }}{% endblock %}"


def _conditions(s):
    f = ["tag:if"]
    # smartif: an operand that raises makes its operator False (not the operand).
    s.add("if-not-raising-operand", "{% if not d.nope.deeper|first %}{{ mixed.0 }}{% endif %}", {"mixed": [0]}, features=f)
    s.add("if-or-raising-left", "{% if n|first or 1 %}y{% else %}n{% endif %}", {"n": None}, features=f)
    s.add("if-and-raising-right", "{% if 1 and n|first %}y{% else %}n{% endif %}|{% if not 1 and n|first %}y{% else %}n{% endif %}",
          {"n": None}, features=f)
    s.add("if-compare-raising-operand", "{% if not n|first == 1 %}y{% else %}n{% endif %}", {"n": None}, features=f)


def _dict_views(s):
    f = ["filter:first"]
    views = {"d": {"a": 1, "b": "x"}, "e": {}}
    s.add("dict-view-string-filters",
          "{{ e.values|truncatewords_html:4 }}|{{ d.keys|urlize }}|{{ d.items|urlizetrunc:3 }}|{{ d.keys|striptags }}"
          "|{{ d.values|truncatechars_html:30 }}", views, features=["filter:truncatewords_html", "filter:urlize"])
    s.add("dict-view-pprint", "{{ e.items|pprint }}|{{ d.keys|pprint }}|{{ d.values|pprint }}", views, features=["filter:pprint"])
    s.add("dict-view-first", "{{ d.keys|first }}", views, features=f)
    s.add("dict-view-first-empty", "{{ e.items|first }}", views, features=f)
    s.add("dict-view-last", "{{ d.values|last }}", views, features=["filter:last"])
    s.add("dict-view-random", "{{ d.values|random }}", views, features=["filter:random"])
    s.add("dict-view-index-lookup", "[{{ d.keys.0 }}|{{ d.items.1 }}|{{ d.values.0 }}]", views, features=["variables"])
    s.add("dict-view-json-script", "{{ d.keys|json_script }}", views, features=["filter:json_script"])
    s.add("dict-view-add", "{{ d.keys|add:d.keys }}|{{ d.items|add:d.values }}", views, features=["filter:add"])
    # dict_values is hashable (object's identity hash): `in` a dict runs; dict_keys and dict_items are not.
    s.add("dict-values-in-dict",
          "{% if d.values in e %}y{% else %}n{% endif %}{% if d.values not in e %}y{% else %}n{% endif %}"
          "{% if d.keys not in e %}y{% else %}n{% endif %}{% if d.items not in d %}y{% else %}n{% endif %}",
          views, features=["tag:if"])
    s.add("dict-view-slice", "{{ d.keys|slice:':1' }}", views, features=["filter:slice"])
    s.add("dict-view-compare",
          "{% if d.values == d.values %}y{% else %}n{% endif %}{% if d.keys|dictsort:0 == d.keys %}y{% else %}n{% endif %}"
          "{% if d.keys == d.keys %}y{% else %}n{% endif %}{% if d.items != e.items %}y{% else %}n{% endif %}",
          views, features=["tag:if"])


def _regroup(s):
    f = ["tag:regroup"]
    s.add("regroup-group-urlize", "{% regroup ds by id as groups %}{% for grp in groups %}{{ grp|urlize }}{% endfor %}",
          {"ds": [0]}, features=f)
    s.add("regroup-group-sequence",
          "{% regroup ds by id as groups %}{% for grp in groups %}{{ grp.0 }}|{{ grp.1 }}|{{ grp|length }}|{{ grp|pluralize }}"
          "|{{ grp|last }}{% endfor %}", {"ds": [{}]}, features=f)


def _forloop(s):
    f = ["tag:for"]
    s.add("forloop-through-filters",
          "{% for x in l %}{{ forloop|join:'' }}|{{ forloop|escapeseq }}|{{ forloop|unordered_list }}|{{ forloop|json_script }}"
          "{% endfor %}", {"l": [1]}, features=f)
    s.add("forloop-first", "{% for x in l %}{{ forloop|first }}{% endfor %}", {"l": [1]}, features=f)
    s.add("ifchanged-forloop-argument",
          "{% for a,b in pairs reversed %}{% ifchanged k forloop %} {% endifchanged %}{% endfor %}",
          {"pairs": [["a", 0], ["b", 1]]}, features=["tag:ifchanged"])


def _filters(s):
    s.add("title-titlecase-letters", "{{ ds|title }}|{{ 'ǅe ǈ ǋa'|title }}", {"ds": [{"name": "ǅe"}]}, features=["filter:title"])
    s.add("title-final-sigma", "{{ s|title }}|{{ s.capitalize }}|{{ 'xΣ. ΣΑ aΣ\u0301'|title }}|{{ 'ªb ʰd'|title }}",
          {"s": "ΣΊΣΥΦΟΣ σίσυφος ΑΣ"}, features=["filter:title"])
    s.add("get-digit-negative", "{{ n|get_digit:3 }}", {"n": -17}, features=["filter:get_digit"])
    s.add("get-digit-negative-in-range", "{{ n|get_digit:2 }}|{{ n|get_digit:4 }}", {"n": -17}, features=["filter:get_digit"])
    s.add("wordwrap-zero-empty", "[{{ nope|wordwrap:0 }}|{{ ''|wordwrap:-1 }}]", {}, features=["filter:wordwrap"])
    s.add("wordwrap-zero-text", "{{ s|wordwrap:0 }}", {"s": "\n"}, features=["filter:wordwrap"])
    s.add("filter-block-not-string", "{% filter striptags|wordcount %}{% endfilter %}", {}, features=["tag:filter"])
    s.add("filter-block-list", "{% filter make_list %}ab{% endfilter %}", {}, features=["tag:filter"])
    s.add("escapeseq-safe-string", "{{ m|floatformat:'2g'|escapeseq }}|{{ 'ab'|escapeseq|length }}|{{ 'a<'|safeseq }}",
          {"m": 0}, features=["filter:escapeseq"])


def _surrogates(s):
    f = ["unicode"]
    lone = {"s": "a\ud83d b", "l": ["\ud83d", "x\udfff"]}
    s.add("lone-surrogate", "<\ud83d>{{ s }}|{{ l }}|{{ s|length }}|{{ s|upper }}|{{ s|slice:'1:2' }}|{{ s|json_script }}",
          lone, features=f)
    s.add("lone-surrogate-in-filters", "{{ s|make_list }}|{{ s|pprint }}|{{ l|join:'' }}|{{ s|wordwrap:1 }}|{{ s|center:6 }}",
          lone, features=f)
    s.add("lone-surrogate-urlencode", "{{ s|urlencode }}", lone, features=f + ["filter:urlencode"])
    s.add("lone-surrogate-iriencode", "{{ s|iriencode }}", lone, features=f + ["filter:iriencode"])


def _identity(s):
    # `is` where CPython's answer does not depend on string interning: literals are new SafeStrings each.
    s.add("is-string-literals",
          "{% if 'a' is 'a' %}y{% else %}n{% endif %}{% if '' is '' %}y{% else %}n{% endif %}"
          "{% if s is s %}y{% else %}n{% endif %}{% with x='ab' %}{% if x is x %}y{% else %}n{% endif %}"
          "{% if x is 'ab' %}y{% else %}n{% endif %}{% endwith %}{% if s is not s %}y{% else %}n{% endif %}",
          {"s": "abc"}, features=["tag:if"])


    # Context strings decoded from JSON: CPython shares '' and one-character Latin-1 strings, so equal ones
    # are the same object there as in every Tessera renderer.
    s.add("is-shared-strings",
          "{% if a is b %}y{% else %}n{% endif %}{% if e is f %}y{% else %}n{% endif %}{% if a is not b %}y{% else %}n{% endif %}",
          {"a": "x", "b": "x", "e": "", "f": ""}, features=["tag:if"])


def _structure(s):
    base = {"base.html": CYCLE_BASE, "main.html": SUPER_TWICE}
    s.add("block-super-twice-cycle", templates=base, context={"pairs": [["a", 0]]}, features=["tag:block", "tag:cycle"])
    s.add("block-super-in-loop-ifchanged", templates={
        "base.html": "{% block c %}{% ifchanged %}ü{% endifchanged %}{% endblock %}",
        "main.html": "{% extends \"base.html\" %}{% block c %}{% for x in l %}{{ block.super }}{% endfor %}{{ block.super }}"
                     "{% endblock %}",
    }, context={"l": [1, 1]}, features=["tag:block", "tag:ifchanged"])
    # A template included by name at run time, in a parent block printed through block.super in a loop: its
    # ifchanged keeps one memory in the loop's forloop across both prints and both rows.
    s.add("block-super-dynamic-include-ifchanged", templates={
        "base.html": "{% block c %}{% include tname %}{% endblock %}",
        "inc.html": "[{% ifchanged %}{{ x.id }}{% endifchanged %}]",
        "main.html": "{% extends \"base.html\" %}{% block c %}{% for x in ds %}{{ block.super }}{{ block.super }}"
                     "{% endfor %}{% endblock %}",
    }, context={"ds": [{"id": "x"}, {"id": 3}], "tname": "inc.html"}, features=["tag:block", "tag:include", "tag:ifchanged"])
    # An ifchanged in a loop beside one in a template included by name at run time: each node keeps its own
    # memory in the loop's forloop, though both are the first ifchanged of their template.
    s.add("dynamic-include-ifchanged-beside-the-page's", templates={
        "inc.html": "[{% ifchanged %}{{ x }}{% endifchanged %}]",
        "main.html": "{% for x in d %}{% include tname %}{% ifchanged %}c{% else %}-{% endifchanged %}{% endfor %}",
    }, context={"d": {"a": 1, "b": 2}, "tname": "inc.html"}, features=["tag:include", "tag:ifchanged"])
    s.add("if-block-super-raising", templates={
        "base.html": "{% block c %}{% include tname %}{% endblock %}",
        "main.html": "{% extends \"base.html\" %}{% block c %}{% if 1 == 2 and block.super %}y{% else %}n{% endif %}"
                     "{% if block.super == 1 %}y{% else %}n{% endif %}{% endblock %}",
    }, context={"tname": "nope.html"}, features=["tag:block", "tag:if"])
    s.add("if-short-circuit-block-super", templates={
        "base.html": "{% block c %}{% cycle 'a' 'b' %}{% endblock %}",
        "main.html": "{% extends \"base.html\" %}{% block c %}{% if 1 or block.super %}{% endif %}{{ block.super }}{% endblock %}",
    }, features=["tag:block", "tag:if", "tag:cycle"])
    s.add("live-block-super-in-untaken-branch", templates={
        "base.html": "{% block c %}{% filter make_list %}x{% endfilter %}{% endblock %}",
        "main.html": "{% extends \"base.html\" %}{% block c %}{% if x %}{{ block.super }}{% endif %}[{{ y }}]{% endblock %}",
    }, context={"x": False, "y": 1}, updates=[{"x": False, "y": 2}], features=["tag:block", "live"])
    s.add("block-super-missing-argument", templates={
        "base.html": "{% block c %}{{ x|default:missing }}{% endblock %}",
        "main.html": "{% extends \"base.html\" %}{% block c %}[{{ block.super }}][{{ block.super|upper }}]"
                     "{% if block.super %}y{% else %}n{% endif %}{% endblock %}",
    }, features=["tag:block"])
    s.add("unordered-list-regroup-groups", "{% regroup ds by k as groups %}{{ groups|unordered_list }}",
          {"ds": [{"k": "b"}, {"k": "a"}]}, features=["tag:regroup", "filter:unordered_list"])
    s.add("ifchanged-in-included-template", templates={
        "main.html": "{% for x in l %}{% include tname %}|{% endfor %}",
        "inc.html": "{% ifchanged %}{{ x }}{% endifchanged %}",
    }, context={"l": [1, 1, 2], "tname": "inc.html"}, features=["tag:include", "tag:ifchanged"])
    # Node ids are numbered per template: the included template's {% ifchanged %} has the id of the loop's
    # own, and keeps its memory in the same forloop; Django keys that memory by node, so each has its own.
    s.add("ifchanged-same-id-in-included-template", templates={
        "main.html": "{% for x in l %}{% ifchanged forloop %}c{% else %}-{% endifchanged %}{% include tname %}{% endfor %}",
        "inc.html": "{% cycle 'i' 'j' %}{% ifchanged %}{{ x }}{% endifchanged %}",
    }, context={"l": ["id", "a"], "tname": "inc.html"}, features=["tag:include", "tag:ifchanged"])
    s.add("include-missing-name-first", "{% include tname with x=3|divisibleby:0|phone2numeric %}", {},
          features=["tag:include"])
    s.add("include-recursion-deep", templates={
        "main.html": "{% if n %}{% include 'main.html' with n=n|add:-1 %}{% endif %}.",
    }, context={"n": 50}, features=["tag:include"])
    # A cycle its row resets prints its first value in every row: not a function of the row's position.
    s.add("live-resetcycle-in-loop-row",
          "{% for x in ds %}<div>{% cycle 'odd' \"<r>\" 'odd' %}{% resetcycle %}{{ x.n }}</div>{% endfor %}"
          "{% for x in ds %}<p>{% cycle 'a' 'b' 'c' %}{% if x.r %}{% resetcycle %}{% endif %}</p>{% endfor %}",
          {"ds": [{"n": 1, "r": False}, {"n": 2, "r": True}, {"n": 3, "r": False}]},
          updates=[{"ds": [{"n": 2, "r": True}, {"n": 3, "r": False}]},
                   {"ds": [{"n": 4, "r": False}, {"n": 1, "r": False}, {"n": 2, "r": False}, {"n": 3, "r": True}]}],
          features=["tag:cycle", "tag:resetcycle", "live"])
    s.add("include-recursion-unbounded", templates={"main.html": "{% include 'main.html' %}"}, features=["tag:include"])


def build():
    s = Suite("fuzz")
    for part in (_conditions, _dict_views, _regroup, _forloop, _filters, _surrogates, _identity, _structure):
        part(s)
    return [s]
