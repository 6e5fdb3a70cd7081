"""Inheritance (extends/block/block.super), include, autoescape and whitespace."""
from .common import MARKUP, Suite, safe

BASE = "<html><title>{% block title %}Base{% endblock %}</title>{% block body %}<p>base body</p>{% endblock %}{% block foot %}(c){% endblock %}</html>"
MID = "{% extends 'base.html' %}{% block title %}Mid+{{ block.super }}{% endblock %}{% block body %}<div>{% block inner %}mid inner{% endblock %}</div>{% endblock %}"


def _inheritance():
    s = Suite("inheritance")
    f = ["tag:extends", "tag:block"]

    def add(name, main, context=None, **extra):
        templates = {"main.html": main, "base.html": BASE, "mid.html": MID}
        templates.update(extra)
        s.add(name, templates=templates, context=context or {}, features=f)

    add("no-override", "{% extends 'base.html' %}")
    add("override-title", "{% extends 'base.html' %}{% block title %}Child{% endblock %}")
    add("super-once", "{% extends 'base.html' %}{% block title %}{{ block.super }}!{% endblock %}")
    add("super-twice", "{% extends 'base.html' %}{% block title %}{{ block.super }}{{ block.super }}{% endblock %}")
    add("three-levels", "{% extends 'mid.html' %}{% block title %}Leaf+{{ block.super }}{% endblock %}")
    add("three-levels-inner", "{% extends 'mid.html' %}{% block inner %}leaf [{{ block.super }}]{% endblock %}")
    add("three-levels-body-super", "{% extends 'mid.html' %}{% block body %}LEAF {{ block.super }}{% endblock %}")
    add("grandparent-block-from-leaf", "{% extends 'mid.html' %}{% block foot %}{{ block.super }} leaf{% endblock %}")
    add("text-outside-blocks-ignored", "{% extends 'base.html' %}ignored {{ v }}{% block title %}T{% endblock %} also ignored", {"v": 1})
    add("variable-in-parent", "{% extends 'p.html' %}{% block b %}child{% endblock %}", {"v": "<x>"},
        **{"p.html": "{{ v }}|{% block b %}{% endblock %}|{{ v|upper }}"})
    add("variable-parent-name", "{% extends parent %}{% block title %}dyn{% endblock %}", {"parent": "base.html"})
    add("variable-parent-missing", "{% extends parent %}", {"parent": "none.html"})
    add("variable-parent-undefined", "{% extends parent %}", {})
    add("missing-parent", "{% extends 'nope.html' %}")
    add("extends-not-first", "hello {% extends 'base.html' %}")
    add("extends-after-text-only-whitespace", "  \n{% extends 'base.html' %}{% block title %}W{% endblock %}")
    add("extends-after-comment", "{# c #}{% extends 'base.html' %}{% block title %}C{% endblock %}")
    add("extends-after-load", "{% load static %}{% extends 'base.html' %}{% block title %}{% static 'a' %}{% endblock %}")
    add("extends-twice", "{% extends 'base.html' %}{% extends 'base.html' %}")
    add("extends-no-arg", "{% extends %}")
    add("duplicate-block", "{% block a %}1{% endblock %}{% block a %}2{% endblock %}")
    add("block-no-name", "{% block %}x{% endblock %}")
    add("endblock-name", "{% extends 'base.html' %}{% block title %}N{% endblock title %}")
    add("endblock-wrong-name", "{% extends 'base.html' %}{% block title %}N{% endblock body %}")
    add("unclosed-block", "{% extends 'base.html' %}{% block title %}N")
    add("block-without-extends", "a{% block x %}B{% endblock %}c")
    add("super-without-parent", "{% block x %}[{{ block.super }}]{% endblock %}")
    add("nested-block-in-child", "{% extends 'base.html' %}{% block body %}<main>{% block sub %}S{% endblock %}</main>{% endblock %}")
    add("new-block-in-child-ignored", "{% extends 'base.html' %}{% block extra %}never{% endblock %}")
    add("block-in-loop", "{% extends 'loop.html' %}{% block item %}<{{ x }}>{% endblock %}", {"v": [1, 2]},
        **{"loop.html": "{% for x in v %}{% block item %}{{ x }}{% endblock %}{% endfor %}"})
    add("block-super-in-loop", "{% extends 'loop.html' %}{% block item %}[{{ block.super }}]{% endblock %}", {"v": ["a", "b"]},
        **{"loop.html": "{% for x in v %}{% block item %}{{ x }}{% endblock %}{% endfor %}"})
    add("block-super-escaping", "{% extends 'esc.html' %}{% block b %}{{ block.super }}{% endblock %}", {"v": "<i>"},
        **{"esc.html": "{% block b %}<b>{{ v }}</b>{% endblock %}"})
    add("block-super-filter", "{% extends 'base.html' %}{% block title %}{{ block.super|upper }}{% endblock %}")
    add("block-context-vars", "{% extends 'base.html' %}{% block body %}{{ user.name }}{% endblock %}", {"user": {"name": "Zoë"}})
    add("with-around-block", "{% extends 'w.html' %}{% block b %}{{ x }}{% endblock %}", {},
        **{"w.html": "{% with x='from parent' %}{% block b %}{% endblock %}{% endwith %}"})
    add("parent-includes", "{% extends 'inc-parent.html' %}{% block b %}child{% endblock %}", {"v": 1},
        **{"inc-parent.html": "[{% include 'part.html' %}]{% block b %}{% endblock %}", "part.html": "part{{ v }}"})
    add("include-in-child-block", "{% extends 'base.html' %}{% block body %}{% include 'part.html' %}{% endblock %}", {"v": 2},
        **{"part.html": "part{{ v }}"})
    add("four-levels", "{% extends 'l3.html' %}{% block b %}4{{ block.super }}{% endblock %}", {},
        **{"l1.html": "{% block b %}1{% endblock %}", "l2.html": "{% extends 'l1.html' %}{% block b %}2{{ block.super }}{% endblock %}",
           "l3.html": "{% extends 'l2.html' %}{% block b %}3{{ block.super }}{% endblock %}"})
    add("skip-level-super", "{% extends 'l2.html' %}{% block b %}3{{ block.super }}{% endblock %}", {},
        **{"l1.html": "{% block b %}1{% endblock %}", "l2.html": "{% extends 'l1.html' %}"})
    add("self-extends", "{% extends 'main.html' %}")
    add("cycle-extends", "{% extends 'a.html' %}", {}, **{"a.html": "{% extends 'main.html' %}"})
    add("block-super-as-var", "{% extends 'base.html' %}{% block title %}{% with s=block.super %}{{ s }}{{ s }}{% endwith %}{% endblock %}")
    add("autoescape-off-around-parent-block", "{% extends 'ae.html' %}{% block b %}{{ v }}{% endblock %}", {"v": "<x>"},
        **{"ae.html": "{% autoescape off %}{% block b %}{% endblock %}{% endautoescape %}|{{ v }}"})
    add("autoescape-off-in-child-block", "{% extends 'p.html' %}{% block b %}{% autoescape off %}{{ v }}{% endautoescape %}{{ v }}{% endblock %}", {"v": "<x>"},
        **{"p.html": "{% block b %}{% endblock %}{{ v }}"})
    add("block-inside-if-in-parent", "{% extends 'ifp.html' %}{% block b %}child{% endblock %}", {"show": False},
        **{"ifp.html": "[{% if show %}{% block b %}parent{% endblock %}{% endif %}]"})
    add("block-inside-for-super", "{% extends 'forp.html' %}{% block b %}<{{ block.super }}>{% endblock %}", {"v": [1, 2]},
        **{"forp.html": "{% for x in v %}{% block b %}{{ x }}{% endblock %}{% endfor %}"})
    add("load-not-inherited", "{% extends 'lp.html' %}{% block b %}{% static 'x.css' %}{% endblock %}", {},
        **{"lp.html": "{% load static %}{% block b %}{% endblock %}"})
    add("load-in-child", "{% extends 'lp.html' %}{% load static %}{% block b %}{% static 'x.css' %}{% endblock %}", {},
        **{"lp.html": "{% load static %}{% block b %}{% endblock %}"})
    add("child-with-shadowing-super", "{% extends 'wp.html' %}{% block b %}{% with v='child' %}{{ block.super }}{% endwith %}{% endblock %}", {"v": "ctx"},
        **{"wp.html": "{% block b %}[{{ v }}]{% endblock %}"})
    add("cycle-across-blocks", "{% extends 'cp.html' %}{% block b %}{% cycle 'x' 'y' %}{% endblock %}", {"v": [1, 2, 3]},
        **{"cp.html": "{% for i in v %}{% block b %}{% endblock %}{% endfor %}"})
    add("firstof-in-block-super-chain", "{% extends 'mid.html' %}{% block inner %}{% firstof a 'none' %}|{{ block.super }}{% endblock %}", {"a": ""})
    add("ifchanged-in-block", "{% extends 'loop.html' %}{% block item %}{% ifchanged %}{{ x }}{% endifchanged %}{% endblock %}", {"v": [1, 1, 2]},
        **{"loop.html": "{% for x in v %}{% block item %}{% endblock %}{% endfor %}"})
    return s


def _include():
    s = Suite("include")
    f = ["tag:include"]

    def add(name, main, context=None, **extra):
        templates = {"main.html": main, "part.html": "<p>{{ v }}|{{ w }}</p>", "list.html": "{% for x in items %}{{ x }}{% endfor %}"}
        templates.update(extra)
        s.add(name, templates=templates, context=context or {}, features=f)

    add("basic", "[{% include 'part.html' %}]", {"v": "a", "w": "b"})
    add("double-quotes", '[{% include "part.html" %}]', {"v": 1})
    add("with", "{% include 'part.html' with v='x' %}", {"v": "orig", "w": "w"})
    add("with-two", "{% include 'part.html' with v=1 w=2 %}", {})
    add("with-var", "{% include 'part.html' with v=other %}", {"other": "<o>"})
    add("only", "{% include 'part.html' only %}", {"v": "hidden", "w": "hidden"})
    add("with-only", "{% include 'part.html' with v='shown' only %}", {"v": "x", "w": "hidden"})
    add("only-with-order", "{% include 'part.html' only with v='shown' %}", {"w": "hidden"})
    add("with-scoped", "{% include 'part.html' with v='in' %}{{ v }}", {"v": "out"})
    add("dynamic-name", "{% include name %}", {"name": "part.html", "v": "dyn"})
    add("dynamic-name-missing", "{% include name %}", {"name": "none.html"})
    add("dynamic-name-undefined", "[{% include name %}]", {})
    add("dynamic-name-filter", "{% include name|add:'.html' %}", {"name": "part", "v": 1})
    add("missing-static", "{% include 'nope.html' %}")
    add("missing-in-untaken-branch", "{% if false %}{% include 'nope.html' %}{% endif %}ok")
    add("in-loop", "{% for v in vs %}{% include 'part.html' %}{% endfor %}", {"vs": [1, 2, 3]})
    add("in-loop-forloop", "{% for x in vs %}{% include 'fl.html' %}{% endfor %}", {"vs": "ab"}, **{"fl.html": "{{ forloop.counter }}{{ x }} "})
    add("nested", "{% include 'outer.html' %}", {"v": "deep"}, **{"outer.html": "<o>{% include 'part.html' %}</o>"})
    add("recursive", "{% include 'tree.html' %}", {"node": {"name": "root", "children": [{"name": "a", "children": [{"name": "a1", "children": []}]}, {"name": "b", "children": []}]}},
        **{"tree.html": "{{ node.name }}{% if node.children %}({% for child in node.children %}{% with node=child %}{% include 'tree.html' %}{% endwith %}{% endfor %}){% endif %}"})
    add("list-partial", "{% include 'list.html' with items=v %}", {"v": ["a", "b"]})
    add("escaping-in-partial", "{% include 'part.html' %}", {"v": MARKUP, "w": safe("<i>ok</i>")})
    add("autoescape-off-propagates", "{% autoescape off %}{% include 'part.html' %}{% endautoescape %}", {"v": "<x>"})
    add("partial-with-autoescape-tag", "{% include 'ae.html' %}", {"v": "<x>"}, **{"ae.html": "{% autoescape off %}{{ v }}{% endautoescape %}"})
    add("partial-blocks-standalone", "{% include 'blk.html' %}", {}, **{"blk.html": "{% block a %}A{% endblock %}"})
    add("partial-extends", "[{% include 'child.html' %}]", {"v": 5},
        **{"child.html": "{% extends 'par.html' %}{% block b %}c{{ v }}{% endblock %}", "par.html": "P{% block b %}{% endblock %}P"})
    add("partial-cycle-state", "{% for x in v %}{% include 'cyc.html' %}{% endfor %}", {"v": [1, 2, 3]}, **{"cyc.html": "{% cycle 'a' 'b' %}"})
    add("no-arg", "{% include %}")
    add("bad-option", "{% include 'part.html' with %}")
    add("unknown-option", "{% include 'part.html' sometimes %}")
    add("with-repeated", "{% include 'part.html' with v=1 v=2 %}")
    add("only-repeated", "{% include 'part.html' only only %}")
    add("partial-syntax-error", "{% include 'bad.html' %}", {}, **{"bad.html": "{% if %}"})
    add("dynamic-syntax-error", "{% include n %}", {"n": "bad.html"}, **{"bad.html": "{% for %}"})
    add("include-self-missing-guard", "{% include 'rec.html' %}", {"n": [1]},
        **{"rec.html": "{% for x in n %}{% with n=x.kids %}*{% include 'rec.html' %}{% endwith %}{% endfor %}"})
    add("with-filter-value", "{% include 'part.html' with v=name|upper %}", {"name": "ann"})
    add("include-with-translation", "{% include 'part.html' with v=_('hi') %}")
    add("only-hides-forloop", "{% for x in v %}[{% include 'fl.html' only %}]{% endfor %}", {"v": [1, 2]}, **{"fl.html": "{{ forloop.counter }}{{ x }}"})
    add("only-with-loop-var", "{% for x in v %}{% include 'fl.html' with x=x only %}{% endfor %}", {"v": [1, 2]}, **{"fl.html": "[{{ forloop.counter }}{{ x }}]"})
    add("load-not-shared-with-include", "{% load static %}{% include 'st.html' %}", {}, **{"st.html": "{% static 'a.css' %}"})
    add("include-in-block-of-child", "{% extends 'base.html' %}{% block title %}{% include 'part.html' with v='in title' %}{% endblock %}", {})
    add("ifchanged-in-included-loop-body", "{% for x in v %}{% include 'ic.html' %}{% endfor %}", {"v": [1, 1, 2]}, **{"ic.html": "{% ifchanged x %}{{ x }}{% endifchanged %}"})
    add("with-value-visible-in-include", "{% with v='w' %}{% include 'part.html' %}{% endwith %}", {"v": "outer", "w": "W"})
    add("include-sets-var-not-leaking", "{% include 'setter.html' %}[{{ y }}]", {}, **{"setter.html": "{% firstof 'val' as y %}{{ y }}"})
    add("whitespace-around", "a\n{% include 'nl.html' %}\nb", {}, **{"nl.html": "\nline\n"})
    return s


def _autoescape():
    s = Suite("autoescape")
    f = ["autoescape"]
    values = ["<script>alert('x')</script>", "a & b", '"quoted"', "'single'", safe("<b>safe</b>"), "&amp; already", "ünï<>",
              ["<l>"], {"<k>": "<v>"}, None, 5]
    templates = [
        "{{ v }}",
        "{% autoescape off %}{{ v }}{% endautoescape %}",
        "{{ v|safe }}",
        "{{ v|escape }}",
        "{% autoescape off %}{{ v|escape }}{% endautoescape %}",
        "{{ v|force_escape }}",
        "{{ v|safe|escape }}",
        '<a title="{{ v }}" href="/x?q={{ v|urlencode }}">{{ v }}</a>',
        "{{ v|upper }}",
        "{% autoescape off %}{{ v|upper }}{% endautoescape %}",
        "{{ v|safe|lower }}",
        "{{ v|default:'<d>' }}",
        "{{ v|stringformat:'s' }}",
    ]
    for t in templates:
        for value in values:
            s.add(s.next_name("escape"), t, {"v": value}, features=f)
    return s


def _whitespace():
    s = Suite("whitespace")
    f = ["whitespace"]
    cases = [
        ("newlines-kept", "a\n{% if v %}\nyes\n{% endif %}\nb", {"v": 1}),
        ("crlf", "a\r\n{{ v }}\r\nb", {"v": 1}),
        ("tabs", "\t{{ v }}\t", {"v": "x"}),
        ("loop-lines", "<ul>\n{% for x in v %}\n  <li>{{ x }}</li>\n{% endfor %}\n</ul>\n", {"v": [1, 2]}),
        ("tag-inner-spaces", "{%   if   v   %}Y{%   endif   %}", {"v": 1}),
        ("tag-no-spaces", "{%if v%}Y{%endif%}", {"v": 1}),
        ("var-newline-inside", "{{ v\n}}", {"v": 1}),
        ("tag-newline-inside", "{% if\nv %}Y{% endif %}", {"v": 1}),
        ("empty-template", "", {}),
        ("only-spaces", "   ", {}),
        ("unicode-spaces", "\u00a0{{ v }}\u2003", {"v": "x"}),
        ("trailing-newline", "x\n", {}),
        ("leading-bom", "\ufeffx", {}),
        ("comment-line", "a\n{# c #}\nb", {}),
        ("comment-tag-lines", "a\n{% comment %}\nx\n{% endcomment %}\nb", {}),
        ("spaces-in-filter", "{{ v | upper }}", {"v": "x"}),
        ("spaces-in-filter-arg", "{{ v|default: 'x' }}", {}),
        ("spaces-before-colon", "{{ v|default :'x' }}", {}),
        ("if-spaces-operators", "{% if v==1 %}Y{% endif %}", {"v": 1}),
        ("with-newlines", "{% with\na=1 %}{{ a }}{% endwith %}", {}),
        ("long-text", "lorem " * 200 + "{{ v }}", {"v": "end"}),
        ("many-vars", " ".join("{{ v }}" for _ in range(50)), {"v": "x"}),
        ("single-brace-text", "{ v } {% verbatim %}{{{% endverbatim %} }", {}),
        ("percent-text", "100% {x}", {}),
        ("almost-var", "{{", {}),
        ("almost-tag", "{%", {}),
        ("unclosed-var", "{{ v", {"v": 1}),
        ("unclosed-comment", "{# x", {}),
        ("var-in-var", "{{ {{ v }} }}", {"v": 1}),
    ]
    for name, t, c in cases:
        s.add(name, t, c, features=f)
    return s


def build():
    return [_inheritance(), _include(), _autoescape(), _whitespace()]
