"""The other built-in tags, one category each: `tag-<name>`."""
from .common import MARKUP, simple_suite as _simple

def _filter():
    return _simple("tag-filter", [
        ("upper", "{% filter upper %}hello {{ v }}{% endfilter %}", {"v": "world"}),
        ("chain", "{% filter lower|capfirst %}HELLO THERE{% endfilter %}", {}),
        ("escape-body", "{% filter upper %}{{ v }}{% endfilter %}", {"v": "<b>"}),
        ("force-escape", "{% filter force_escape %}<b>{{ v }}</b>{% endfilter %}", {"v": "&"}),
        ("with-arg", "{% filter truncatewords:2 %}one two three four{% endfilter %}", {}),
        ("cut", "{% filter cut:' ' %}a b c{% endfilter %}", {}),
        ("escape-not-allowed", "{% filter escape %}x{% endfilter %}", {}),
        ("safe-not-allowed", "{% filter safe %}x{% endfilter %}", {}),
        ("linebreaksbr", "{% filter linebreaksbr %}a\nb{% endfilter %}", {}),
        ("autoescape-off", "{% autoescape off %}{% filter upper %}<b>{{ v }}</b>{% endfilter %}{% endautoescape %}", {"v": "<i>"}),
        ("unknown", "{% filter nope %}x{% endfilter %}", {}),
        ("nested-tags", "{% filter upper %}{% for x in v %}{{ x }}{% endfor %}{% endfilter %}", {"v": ["a", "b"]}),
        ("unclosed", "{% filter upper %}x", {}),
    ])


def _autoescape_tag():
    return _simple("tag-autoescape", [
        ("off", "{% autoescape off %}{{ v }}{% endautoescape %}", {"v": MARKUP}),
        ("on", "{% autoescape on %}{{ v }}{% endautoescape %}", {"v": MARKUP}),
        ("nested", "{% autoescape off %}{{ v }}{% autoescape on %}{{ v }}{% endautoescape %}{% endautoescape %}", {"v": "<>"}),
        ("bad-arg", "{% autoescape maybe %}x{% endautoescape %}", {}),
        ("no-arg", "{% autoescape %}x{% endautoescape %}", {}),
        ("unclosed", "{% autoescape off %}x", {}),
    ])


def _spaceless():
    return _simple("tag-spaceless", [
        ("basic", "{% spaceless %}<p>\n  <a href=\"x\">Foo</a>\n</p>{% endspaceless %}", {}),
        ("keeps-text-space", "{% spaceless %}<strong>\n  Hello\n</strong>{% endspaceless %}", {}),
        ("trailing", "{% spaceless %}  <b>x</b>  {% endspaceless %}", {}),
        ("with-vars", "{% spaceless %}<ul>\n{% for x in v %}  <li>{{ x }}</li>\n{% endfor %}</ul>{% endspaceless %}", {"v": [1, 2]}),
        ("value-space", "{% spaceless %}<i>{{ v }}</i> <i>x</i>{% endspaceless %}", {"v": "> <"}),
        ("tabs-newlines", "{% spaceless %}<a>\t\r\n <b>\n</b></a>{% endspaceless %}", {}),
        ("unclosed", "{% spaceless %}<a>", {}),
    ])


def _templatetag():
    cases = [(n, "{% templatetag " + n + " %}", {}) for n in
             ["openblock", "closeblock", "openvariable", "closevariable", "openbrace", "closebrace", "opencomment", "closecomment"]]
    cases += [("unknown", "{% templatetag nope %}", {}), ("no-arg", "{% templatetag %}", {})]
    return _simple("tag-templatetag", cases)


def _verbatim():
    return _simple("tag-verbatim", [
        ("basic", "{% verbatim %}{{ v }}{% if %}{% endverbatim %}", {"v": 1}),
        ("named", "{% verbatim x %}{% endverbatim %}{% endverbatim x %}", {}),
        ("then-var", "{% verbatim %}{{ a }}{% endverbatim %}{{ a }}", {"a": "<>"}),
        ("unclosed", "{% verbatim %}{{ a }}", {}),
    ])


def _comment():
    return _simple("tag-comment", [
        ("block", "a{% comment %}hidden {{ v }} {% if %}{% endcomment %}b", {"v": 1}),
        ("with-note", "a{% comment \"why\" %}hidden{% endcomment %}b", {}),
        ("multiline", "a{% comment %}\nline\nline\n{% endcomment %}b", {}),
        ("unclosed", "a{% comment %}b", {}),
        ("hash-comment", "a{# {% if %} #}b", {}),
    ])


def _now():
    fmts = ["Y-m-d H:i:s", "jS F Y H:i", "D d M Y", "U", "c", "r", "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT",
            "P", "N j, Y, P", "e O T", "W L t", "\\Y\\e\\a\\r Y", "<b>Y</b>"]
    cases = [(f"format-{i:02d}", "{% now \"" + fmt + "\" %}", {}) for i, fmt in enumerate(fmts)]
    cases += [
        ("single-quotes", "{% now 'Y' %}", {}),
        ("as-var", "{% now 'Y' as year %}[{{ year }}]", {}),
        ("no-arg", "{% now %}", {}),
        ("unquoted", "{% now Y %}", {}),
    ]
    return _simple("tag-now", cases)


def _lorem():
    # Django draws words past the 19 common ones, and paragraphs after the first, at random even without
    # `random`; only the deterministic part is a conformance case.
    cases = [
        ("default", "{% lorem %}", {}), ("words-5", "{% lorem 5 w %}", {}), ("words-1", "{% lorem 1 w %}", {}),
        ("words-19", "{% lorem 19 w %}", {}), ("plain-1", "{% lorem 1 b %}", {}),
        ("var-count", "{% lorem n w %}", {"n": 3}), ("zero-words", "[{% lorem 0 w %}]", {}),
        ("bad-method", "{% lorem 2 x %}", {}), ("one-paragraph", "{% lorem 1 p %}", {}),
        ("too-many-args", "{% lorem 1 w random x %}", {}),
    ]
    return _simple("tag-lorem", cases)


def _widthratio():
    return _simple("tag-widthratio", [
        ("basic", "{% widthratio 175 200 100 %}", {}),
        ("vars", "{% widthratio a b c %}", {"a": 50, "b": 80, "c": 30}),
        ("round-half", "{% widthratio 1 8 100 %}|{% widthratio 3 8 100 %}", {}),
        ("zero-max", "[{% widthratio 5 0 100 %}]", {}),
        ("string-numbers", "{% widthratio '10' '20' '30' %}", {}),
        ("bad-value", "[{% widthratio 'x' 10 100 %}]", {}),
        ("missing-value", "[{% widthratio nope 10 100 %}]", {}),
        ("float", "{% widthratio 2.5 10 100 %}", {}),
        ("as-var", "{% widthratio 1 2 10 as w %}[{{ w }}]", {}),
        ("bad-width", "{% widthratio 1 2 'x' %}", {}),
        ("too-few", "{% widthratio 1 2 %}", {}),
        ("negative", "{% widthratio -5 10 100 %}", {}),
    ])


def _regroup():
    people = [{"name": "Ann", "city": "Oslo"}, {"name": "Cy", "city": "Oslo"}, {"name": "Bob", "city": "Lyon"}, {"name": "Eve", "city": "Oslo"}]
    return _simple("tag-regroup", [
        ("basic", "{% regroup people by city as groups %}{% for g in groups %}{{ g.grouper }}:{% for p in g.list %}{{ p.name }},{% endfor %};{% endfor %}", {"people": people}),
        ("unpack", "{% regroup people by city as groups %}{% for city, members in groups %}{{ city }}={{ members|length }} {% endfor %}", {"people": people}),
        ("missing-list", "{% regroup nope by city as g %}[{{ g }}]", {}),
        ("filter-key", "{% regroup people by name|first as g %}{% for x in g %}{{ x.grouper }}{% endfor %}", {"people": people}),
        ("missing-key", "{% regroup people by nope as g %}{% for x in g %}[{{ x.grouper }}]{{ x.list|length }}{% endfor %}", {"people": people}),
        ("print-group", "{% regroup people by city as g %}{{ g.0 }}", {"people": people[:1]}),
        ("bad-syntax", "{% regroup people city as g %}", {"people": people}),
        ("dictsort-first", "{% regroup people|dictsort:'city' by city as g %}{% for x in g %}{{ x.grouper }}{% endfor %}", {"people": people}),
    ])


def _csrf():
    return _simple("tag-csrf_token", [
        ("with-token", "{% csrf_token %}", {"csrf_token": "abc123"}),
        ("no-token", "[{% csrf_token %}]", {}),
        ("notprovided", "[{% csrf_token %}]", {"csrf_token": "NOTPROVIDED"}),
        ("escaped-token", "{% csrf_token %}", {"csrf_token": "<x>"}),
    ])


def _url():
    return _simple("tag-url", [
        ("home", "{% url 'home' %}", {}),
        ("search", '{% url "search" %}', {}),
        ("article-int", "{% url 'article' 42 %}", {}),
        ("article-var", "{% url 'article' pk %}", {"pk": 7}),
        ("article-string-digits", "{% url 'article' '12' %}", {}),
        ("article-kwarg", "{% url 'article' pk=3 %}", {}),
        ("user", "{% url 'user-profile' 'ann' %}", {}),
        ("user-unicode", "{% url 'user-profile' name %}", {"name": "zoë bob"}),
        ("user-markup", "{% url 'user-profile' name %}", {"name": "a&b<c>"}),
        ("archive-args", "{% url 'archive' 2024 6 %}", {}),
        ("archive-kwargs", "{% url 'archive' year=2024 month=6 %}", {}),
        ("tag-slug", "{% url 'tag' 'my-tag_1' %}", {}),
        ("tag-bad-slug", "{% url 'tag' 'no spaces' %}", {}),
        ("view-name-var", "{% url view %}", {"view": "home"}),
        ("as-var", "{% url 'article' 5 as link %}<a href=\"{{ link }}\">x</a>", {}),
        ("as-var-missing", "{% url 'nope' as link %}[{{ link }}]", {}),
        ("unknown-name", "{% url 'nope' %}", {}),
        ("wrong-arg-type", "{% url 'article' 'abc' %}", {}),
        ("wrong-arg-count", "{% url 'archive' 2024 %}", {}),
        ("negative", "{% url 'article' -1 %}", {}),
        ("mixed-args", "{% url 'archive' 2024 month=6 %}", {}),
        ("missing-arg-var", "{% url 'article' nope %}", {}),
        ("no-args", "{% url %}", {}),
        ("filter-arg", "{% url 'user-profile' name|lower %}", {"name": "ANN"}),
        ("in-attribute", "<a href=\"{% url 'user-profile' n %}\">{{ n }}</a>", {"n": "x\"y"}),
        ("extra-kwarg", "{% url 'article' pk=1 other=2 %}", {}),
    ])


def _load():
    return _simple("tag-load", [
        ("static", "{% load static %}{% static 'css/site.css' %}", {}),
        ("static-space", "{% load static %}{% static 'img/a b.png' %}", {}),
        ("static-unicode", "{% load static %}{% static 'ünï.js' %}", {}),
        ("static-absolute", "{% load static %}{% static '/abs.css' %}", {}),
        ("static-var", "{% load static %}{% static path %}", {"path": "js/app.js"}),
        ("static-as", "{% load static %}{% static 'x.css' as u %}[{{ u }}]", {}),
        ("static-markup", "{% load static %}{% static 'a&b.css' %}", {}),
        ("static-query", "{% load static %}{% static 'a.css?v=1#f' %}", {}),
        ("static-prefix", "{% load static %}{% get_static_prefix %}", {}),
        ("static-without-load", "{% static 'x.css' %}", {}),
        ("unknown-library", "{% load nope %}", {}),
        ("from-syntax", "{% load static from static %}{% static 'a.css' %}", {}),
        ("from-unknown", "{% load nope from static %}", {}),
    ])


def build():
    return [_filter(), _autoescape_tag(), _spaceless(), _templatetag(), _verbatim(), _comment(), _now(), _lorem(), _widthratio(), _regroup(), _csrf(), _url(), _load()]
