"""Update sequences for renderers with mount/update: each update is a full new context."""
from .common import MARKUP, Suite, safe

TODO = "<ul>{% for t in todos %}<li class=\"{% if t.done %}done{% else %}open{% endif %}\" data-key=\"{{ t.id }}\">{{ t.title }}</li>{% empty %}<li>nothing</li>{% endfor %}</ul><p>{{ todos|length }} item{{ todos|pluralize }}</p>"


def _todo(*ids, done=()):
    return [{"id": i, "title": f"task {i}", "done": i in done} for i in ids]


def build():
    s = Suite("live-updates")
    f = ["live"]
    s.add("counter", "<p>Count: {{ count }}</p>", {"count": 0}, updates=[{"count": 1}, {"count": 2}, {"count": 2}, {"count": 10}], features=f)
    s.add("text-escape", "<p>{{ v }}</p>", {"v": "a"}, updates=[{"v": MARKUP}, {"v": safe("<b>bold</b>")}, {"v": ""}], features=f)
    s.add("attribute", '<a href="/u/{{ id }}" class="{{ cls }}">{{ name }}</a>', {"id": 1, "cls": "x", "name": "A"},
          updates=[{"id": 2, "cls": "x", "name": "A"}, {"id": 2, "cls": "y z", "name": "B"}, {"id": 3, "cls": "", "name": "\"q\""}], features=f)
    s.add("if-toggle", "<div>{% if on %}<b>on</b>{% else %}<i>off</i>{% endif %}</div>", {"on": True},
          updates=[{"on": False}, {"on": True}, {"on": 0}, {"on": "yes"}], features=f)
    s.add("if-elif", "<div>{% if n == 1 %}one{% elif n == 2 %}<em>two</em>{% else %}<strong>{{ n }}</strong>{% endif %}</div>", {"n": 1},
          updates=[{"n": 2}, {"n": 3}, {"n": 4}, {"n": 1}], features=f)
    s.add("list-append", TODO, {"todos": _todo(1, 2)}, updates=[{"todos": _todo(1, 2, 3)}, {"todos": _todo(1, 2, 3, 4)}], features=f)
    s.add("list-remove", TODO, {"todos": _todo(1, 2, 3, 4)}, updates=[{"todos": _todo(1, 3, 4)}, {"todos": _todo(4)}, {"todos": []}], features=f)
    s.add("list-reorder", TODO, {"todos": _todo(1, 2, 3, 4, 5)},
          updates=[{"todos": _todo(5, 4, 3, 2, 1)}, {"todos": _todo(2, 1, 3, 5, 4)}, {"todos": _todo(3, 1, 2, 4, 5)}], features=f)
    s.add("list-empty-and-back", TODO, {"todos": []}, updates=[{"todos": _todo(1)}, {"todos": []}, {"todos": _todo(2, 1)}], features=f)
    s.add("list-toggle-done", TODO, {"todos": _todo(1, 2, 3)},
          updates=[{"todos": _todo(1, 2, 3, done=(2,))}, {"todos": _todo(1, 2, 3, done=(1, 3))}], features=f)
    s.add("list-insert-middle", TODO, {"todos": _todo(1, 3)}, updates=[{"todos": _todo(1, 2, 3)}, {"todos": _todo(0, 1, 2, 3)}], features=f)
    s.add("nested-loops",
          "<table>{% for r in rows %}<tr>{% for c in r %}<td>{{ forloop.parentloop.counter }}.{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>",
          {"rows": [[1, 2], [3]]}, updates=[{"rows": [[1, 2], [3, 4]]}, {"rows": [[9]]}, {"rows": []}, {"rows": [[1], [2], [3]]}], features=f)
    s.add("forloop-counters", "<ol>{% for x in v %}<li>{{ forloop.counter }}/{{ forloop.revcounter }} {{ x }}</li>{% endfor %}</ol>",
          {"v": ["a", "b"]}, updates=[{"v": ["z", "a", "b"]}, {"v": ["b"]}], features=f)
    s.add("attributes-conditional", '<input type="checkbox"{% if checked %} checked{% endif %} value="{{ v }}">',
          {"checked": False, "v": 1}, updates=[{"checked": True, "v": 1}, {"checked": True, "v": 2}, {"checked": False, "v": 2}], features=f)
    s.add("class-list", '<div class="box{% if a %} a{% endif %}{% if b %} b{% endif %}">x</div>', {"a": 0, "b": 0},
          updates=[{"a": 1, "b": 0}, {"a": 1, "b": 1}, {"a": 0, "b": 1}], features=f)
    s.add("many-scalars", "<h1>{{ title }}</h1><p>{{ a }}</p><p>{{ b }}</p><footer>{{ c }}</footer>", {"title": "T", "a": 1, "b": 2, "c": 3},
          updates=[{"title": "T", "a": 1, "b": 5, "c": 3}, {"title": "U", "a": 9, "b": 5, "c": 3}], features=f)
    s.add("include-in-loop", "<div>{% for u in users %}{% include 'card.html' %}{% endfor %}</div>", {"users": [{"id": 1, "name": "A"}]},
          templates_extra={"card.html": '<section data-key="{{ u.id }}"><h2>{{ u.name }}</h2></section>'},
          updates=[{"users": [{"id": 1, "name": "A2"}, {"id": 2, "name": "B"}]}, {"users": [{"id": 2, "name": "B"}]}], features=f)
    s.add("inheritance-blocks", "{% extends 'base.html' %}{% block main %}<p>{{ msg }}</p>{% endblock %}", {"msg": "hi", "title": "One"},
          templates_extra={"base.html": "<header>{{ title }}</header><main>{% block main %}{% endblock %}</main>"},
          updates=[{"msg": "bye", "title": "One"}, {"msg": "bye", "title": "Two"}], features=f)
    s.add("text-only-root", "{{ a }} and {{ b }}", {"a": "x", "b": "y"}, updates=[{"a": "x2", "b": "y"}, {"a": "", "b": ""}], features=f)
    s.add("cycle-rows", '<table>{% for x in v %}<tr class="{% cycle "odd" "even" %}"><td>{{ x }}</td></tr>{% endfor %}</table>',
          {"v": [1, 2, 3]}, updates=[{"v": [0, 1, 2, 3]}, {"v": [3]}], features=f)
    s.add("with-and-filters", "{% with n=items|length %}<p>{{ n }} item{{ n|pluralize }}</p>{% endwith %}<p>{{ items|join:', ' }}</p>",
          {"items": ["a"]}, updates=[{"items": ["a", "b"]}, {"items": []}], features=f)
    s.add("unicode-and-entities", "<p title=\"{{ t }}\">&copy; {{ t }}</p>", {"t": "ünï"}, updates=[{"t": "日本 & <x>"}, {"t": "😀"}], features=f)
    s.add("select-options",
          '<select>{% for o in opts %}<option value="{{ o }}"{% if o == sel %} selected{% endif %}>{{ o|upper }}</option>{% endfor %}</select>',
          {"opts": ["a", "b", "c"], "sel": "a"}, updates=[{"opts": ["a", "b", "c"], "sel": "c"}, {"opts": ["c", "d"], "sel": "d"}], features=f)
    s.add("empty-to-content", "<div>{{ v }}</div>", {"v": ""}, updates=[{"v": "x"}, {"v": ""}, {"v": None}], features=f)
    # HTML-parser traps: implicit <tbody>, <p> auto-closing, adjacent text, comments, raw-text elements.
    s.add("table-rows", "<table>{% for r in rows %}<tr data-key=\"{{ r.id }}\"><td>{{ r.v }}</td></tr>{% endfor %}</table>",
          {"rows": [{"id": 1, "v": "a"}, {"id": 2, "v": "b"}]},
          updates=[{"rows": [{"id": 2, "v": "b"}, {"id": 1, "v": "a"}]}, {"rows": [{"id": 3, "v": "c"}]}, {"rows": []}], features=f)
    s.add("p-auto-close", "<p>{{ a }}<div>{{ b }}</div>", {"a": "x", "b": "y"}, updates=[{"a": "x2", "b": "y"}, {"a": "", "b": "y2"}], features=f)
    s.add("adjacent-text", "<span>{{ a }}{{ b }}{{ c }}</span>", {"a": "1", "b": "", "c": "3"},
          updates=[{"a": "", "b": "2", "c": ""}, {"a": "1", "b": "2", "c": "3"}, {"a": "", "b": "", "c": ""}], features=f)
    s.add("comment-nodes", "<div><!-- start -->{{ v }}<!-- end --></div>", {"v": "a"}, updates=[{"v": "b"}, {"v": ""}], features=f)
    s.add("textarea-content", "<textarea name=\"t\">{{ v }}</textarea>", {"v": "<b>"}, updates=[{"v": "line\nline"}, {"v": ""}], features=f)
    s.add("pre-whitespace", "<pre>\n{{ v }}\n</pre>", {"v": "  a"}, updates=[{"v": "b  "}], features=f)
    s.add("whitespace-between-items", "<ul>\n{% for x in v %}  <li>{{ x }}</li>\n{% endfor %}</ul>", {"v": [1, 2]},
          updates=[{"v": [2, 1, 3]}, {"v": []}, {"v": [4]}], features=f)
    s.add("unkeyed-list", "<ol>{% for x in v %}<li>{{ x }}</li>{% endfor %}</ol>", {"v": ["a", "b", "c"]},
          updates=[{"v": ["c", "a"]}, {"v": ["a", "a", "a", "b"]}, {"v": []}], features=f)
    s.add("nested-keyed", "{% for g in groups %}<section data-key=\"{{ g.id }}\"><h2>{{ g.name }}</h2><ul>{% for i in g.items %}<li data-key=\"{{ i.id }}\">{{ i.t }}</li>{% endfor %}</ul></section>{% endfor %}",
          {"groups": [{"id": 1, "name": "A", "items": [{"id": 1, "t": "x"}, {"id": 2, "t": "y"}]}, {"id": 2, "name": "B", "items": []}]},
          updates=[{"groups": [{"id": 2, "name": "B", "items": [{"id": 3, "t": "z"}]}, {"id": 1, "name": "A", "items": [{"id": 2, "t": "y"}, {"id": 1, "t": "x"}]}]},
                   {"groups": [{"id": 1, "name": "A!", "items": []}]}], features=f)
    s.add("boolean-attributes", "<button{% if off %} disabled{% endif %}{% if hidden %} hidden{% endif %}>go</button>", {"off": True, "hidden": False},
          updates=[{"off": False, "hidden": True}, {"off": False, "hidden": False}], features=f)
    s.add("attribute-escaping", "<div title=\"{{ t }}\" data-x='{{ t }}'>{{ t }}</div>", {"t": "a"},
          updates=[{"t": "\"q\" & 'a' <b>"}, {"t": safe("<i>&amp;</i>")}], features=f)
    s.add("entities-static", "<p>&amp; &lt;{{ v }}&gt; &nbsp;&copy;</p>", {"v": "x"}, updates=[{"v": "&"}], features=f)
    s.add("element-switch", "{% if kind == 'a' %}<a href=\"#\">{{ label }}</a>{% elif kind == 'b' %}<button>{{ label }}</button>{% else %}{{ label }}{% endif %}",
          {"kind": "a", "label": "L"}, updates=[{"kind": "b", "label": "L"}, {"kind": "c", "label": "M"}, {"kind": "a", "label": "N"}], features=f)
    s.add("markup-from-context", "<div>{{ html }}</div>", {"html": safe("<b>bold</b>")},
          updates=[{"html": safe("<i>x</i><i>y</i>")}, {"html": "<b>escaped</b>"}, {"html": safe("")}], features=f)
    s.add("ifchanged-headings", "{% for p in people %}{% ifchanged p.city %}<h3>{{ p.city }}</h3>{% endifchanged %}<p>{{ p.name }}</p>{% endfor %}",
          {"people": [{"name": "a", "city": "X"}, {"name": "b", "city": "X"}]},
          updates=[{"people": [{"name": "a", "city": "X"}, {"name": "b", "city": "Y"}]}, {"people": []}], features=f)
    s.add("deep-attribute-path", "<main><div><ul><li><span class=\"{{ c }}\">{{ t }}</span></li></ul></div></main>", {"c": "a", "t": "1"},
          updates=[{"c": "b", "t": "1"}, {"c": "b", "t": "2"}], features=f)
    return [s]
