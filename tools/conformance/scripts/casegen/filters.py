"""Every built-in filter, systematically: inputs x arguments, plus hand-written tricky chains."""
from .common import MARKUP, MISSING, STANDARD_INPUTS, TEXT_INPUTS, Suite, ctx, date, safe

NO_ARG = None

DATES = [
    date("2024-01-02T03:04:05Z"),
    date("2023-12-31T23:59:59Z"),
    date("2000-02-29T12:00:00Z"),
    date("1999-07-04T18:30:15+02:00"),
]
NEAR_NOW = [
    date("2024-06-14T12:34:56Z"),
    date("2024-06-15T12:00:00Z"),
    date("2023-01-01T00:00:00Z"),
    date("2024-06-20T08:00:00Z"),
    date("2024-06-15T12:34:56Z"),
]
NUMBERS = [0, 1, 2, -7, 2.5, 34.23234, -0.5, 1234567, "3", "7.25", "abc", None]
PEOPLE = [
    {"name": "bea", "age": 31, "city": "Lyon"},
    {"name": "Al", "age": 5, "city": "Oslo"},
    {"name": "cy", "age": 19, "city": "Lyon"},
]
LISTS = [[], [1, 2, 3], ["x", "<y>", "z"], [safe("<i>a</i>"), "<b>"], "abcdef", "ünï", None]

# (family, filter, inputs, raw argument sources; None = called without argument)
SPECS = [
    ("string", "addslashes", STANDARD_INPUTS + ['say "hi" \\ it\'s'], [NO_ARG]),
    ("string", "capfirst", STANDARD_INPUTS + ["élan", "1st"], [NO_ARG]),
    ("string", "center", ["", "abc", "ünï", MARKUP, 42, None], ["7", '"8"', "2", "0"]),
    ("string", "ljust", ["", "abc", "ünï", MARKUP, 42, None], ["7", '"8"', "2"]),
    ("string", "rjust", ["", "abc", "ünï", MARKUP, 42, None], ["7", '"8"', "2"]),
    ("string", "cut", STANDARD_INPUTS, ['" "', '"l"', '"&"']),
    ("string", "escapejs", STANDARD_INPUTS + ["a\nb\tc\u2028</script>"], [NO_ARG]),
    ("string", "lower", STANDARD_INPUTS + ["ÀÉÎ STRASSE"], [NO_ARG]),
    ("string", "upper", STANDARD_INPUTS + ["straße"], [NO_ARG]),
    ("string", "title", STANDARD_INPUTS + ["they're bill's friends", "hello-world 2nd_place"], [NO_ARG]),
    ("string", "make_list", STANDARD_INPUTS, [NO_ARG]),
    ("string", "phone2numeric", ["1-800-COLLECT", "abc xyz", "", None, MARKUP], [NO_ARG]),
    ("string", "slugify", STANDARD_INPUTS + ["  Jack & Jill -- like_numbers 123 ", "Ünïcode Tëxt"], [NO_ARG]),
    ("string", "stringformat", ["abc", 42, -3, 2.5, None, MARKUP, [1, 2], True],
        ['"s"', '"d"', '"05d"', '".2f"', '"x"', '"r"', '"10s"', '"-6s|"', '"E"', '"%"']),
    ("string", "truncatechars", STANDARD_INPUTS + TEXT_INPUTS, ["5", "1", '"0"', "30"]),
    ("string", "truncatewords", STANDARD_INPUTS + TEXT_INPUTS, ["2", '"1"', "0"]),
    ("string", "wordcount", STANDARD_INPUTS + TEXT_INPUTS, [NO_ARG]),
    ("string", "wordwrap", TEXT_INPUTS + ["", "ünïcödé wörds hëre", None, 12], ["5", '"10"', "1"]),
    ("string", "iriencode", ["/a b/ü?x=1&y=2", "", MARKUP, None, "https://ex.com/日本"], [NO_ARG]),
    ("string", "urlencode", ["/a b/ü?x=1&y=2", "", MARKUP, None, 42, "a/b c"], [NO_ARG, '""', '"/"']),
    ("string", "linenumbers", TEXT_INPUTS + ["", MARKUP, safe("<b>a</b>\nb"), None], [NO_ARG]),
    ("html", "escape", STANDARD_INPUTS, [NO_ARG]),
    ("html", "force_escape", STANDARD_INPUTS, [NO_ARG]),
    ("html", "escapeseq", LISTS + [[MARKUP, 1, None]], [NO_ARG]),
    ("html", "safe", STANDARD_INPUTS, [NO_ARG]),
    ("html", "safeseq", LISTS, [NO_ARG]),
    ("html", "linebreaks", STANDARD_INPUTS + TEXT_INPUTS, [NO_ARG]),
    ("html", "linebreaksbr", STANDARD_INPUTS + TEXT_INPUTS, [NO_ARG]),
    ("html", "striptags", STANDARD_INPUTS + ["<p>Hi <b>there</b><br/>you</p>", "a < b > c", "<!-- c -->x"], [NO_ARG]),
    ("html", "truncatechars_html", ["<p>Hello <b>brave</b> new world</p>", "plain text here", "", None, MARKUP],
        ["5", "12", "0", "100"]),
    ("html", "truncatewords_html", ["<p>Hello <b>brave</b> new world</p>", "plain text here", "", None, MARKUP],
        ["1", "2", "0", "100"]),
    ("html", "urlize", ["visit https://example.com/x?a=1&b=2 now", "mail me@example.com", "www.django.org.",
                        "no links", "", None, MARKUP, safe("<b>https://a.io</b>")], [NO_ARG]),
    ("html", "urlizetrunc", ["visit https://example.com/very/long/path now", "www.django.org", ""], ["10", "30"]),
    ("html", "json_script", ["text", {"a": "<b>&", "n": [1, None, True]}, 42, None, MARKUP], [NO_ARG, '"data-id"']),
    ("html", "unordered_list", [["a", ["b", "c"], "d"], ["<x>", [safe("<y>")]], [], ["solo"],
                                ["States", ["Kansas", ["Lawrence", "Topeka"], "Illinois"]]], [NO_ARG]),
    ("number", "add", NUMBERS + [[1], "", True], ["1", "-3", '"2"', '"x"', "2.5", "l"]),
    ("number", "divisibleby", [0, 6, 7, "12", -9, 2.5], ["2", "3", '"4"']),
    ("number", "filesizeformat", [0, 1, 1023, 1024, 1536, 10 ** 6, 123456789, 10 ** 12, 10 ** 15, 10 ** 18,
                                  -2048, "2048", "abc", None, 1.5], [NO_ARG]),
    ("number", "floatformat", [34.23234, 34.5, -0.5, 0, 7, "34.00000", "1.005", "abc", None, 1234567.891,
                               0.0001, "-66.6666", 2.5],
        [NO_ARG, "3", "-3", "0", '"2g"', '"-2u"', '"3gu"', "-1"]),
    ("number", "get_digit", [123456789, 0, "98765", "abc", None, -12], ["1", "2", "9", "10", '"x"']),
    ("list", "dictsort", [PEOPLE, [], None, "abc", [["b", 2], ["a", 9]]], ['"name"', '"age"', '"city"', '"missing"', '"0"']),
    ("list", "dictsortreversed", [PEOPLE, [], None, [["b", 2], ["a", 9]]], ['"name"', '"age"', '"1"']),
    ("list", "first", LISTS + [MISSING, 0], [NO_ARG]),
    ("list", "last", LISTS + [MISSING], [NO_ARG]),
    ("list", "join", LISTS + [[1, 2.5, None, True]], ['", "', '"<br>"', '""', "sep"]),
    ("list", "length", STANDARD_INPUTS + LISTS, [NO_ARG]),
    ("list", "random", [["only"], [MARKUP], []], [NO_ARG]),
    ("list", "slice", LISTS + [MISSING], ['":2"', '"1:"', '"-1"', '"::2"', '"1:3"', '"x"', '"-2:"', '"5"']),
    ("date", "date", DATES + ["2024-01-02", None, "", 42, MISSING],
        [NO_ARG, '"Y-m-d"', '"D, d M Y H:i:s"', '"jS F Y"', '"c"', '"r"', '"U"', '"N j, Y P"',
         '"l \\t\\h\\e jS"', '"z W t L o"', '"e O T Z I"', '"a A f g G h H i s u"', '"b E F m M n y"',
         '"DATE_FORMAT"', '"SHORT_DATETIME_FORMAT"']),
    ("date", "time", DATES + [None, "", MISSING], [NO_ARG, '"H:i"', '"g:i a"', '"P"', '"H:i:s.u"', '"TIME_FORMAT"']),
    ("date", "timesince", NEAR_NOW + [None, "", "x"], [NO_ARG, "ref"]),
    ("date", "timeuntil", NEAR_NOW + [None, "", "x"], [NO_ARG, "ref"]),
    ("logic", "default", STANDARD_INPUTS, ['"dflt"', '""', "0", "v2"]),
    ("logic", "default_if_none", STANDARD_INPUTS, ['"dflt"', "0"]),
    ("logic", "yesno", [True, False, None, 0, 1, "", "x", [], MISSING],
        [NO_ARG, '"yes,no"', '"yes,no,maybe"', '"a"', '"<b>,&"']),
    ("logic", "pluralize", [0, 1, 2, "1", "2", [], ["a"], ["a", "b"], None, "x", 1.5],
        [NO_ARG, '"es"', '"y,ies"', '"a,b,c"']),
    ("debug", "pprint", STANDARD_INPUTS + [{"b": [1, {"c": None}], "a": "x"}], [NO_ARG]),
]

# Extra names some argument sources refer to.
EXTRA_CONTEXT = {
    "l": [9],
    "sep": " | ",
    "v2": "fallback",
    "ref": date("2024-06-01T00:00:00Z"),
}


def _uses(arg, name):
    return arg == name


def build():
    suites = {}
    for family, name, inputs, args in SPECS:
        suite = suites.setdefault(family, Suite(f"filters-{family}"))
        for arg in args:
            for value in inputs:
                source = "{{ v|" + name + ("" if arg is None else ":" + arg) + " }}"
                context = ctx(value)
                for extra, extra_value in EXTRA_CONTEXT.items():
                    if arg is not None and _uses(arg, extra):
                        context[extra] = extra_value
                suite.add(suite.next_name(name), source, context, features=[f"filter:{name}"])
    _tricky(suites)
    return [*suites.values(), _escaping()]


ESCAPING_TEXT = "<b>Tom & 'Jerry'</b>\nline two https://example.com/?a=1&b=2"


def _escaping():
    """Every filter on markup that is safe or not, with autoescape on and off: Django's is_safe and
    needs_autoescape rules decide what comes out escaped."""
    s = Suite("filters-escaping")
    for family, name, _inputs, args in SPECS:
        if family == "date" or name == "divisibleby":
            continue  # they refuse text outright; their error cases live in their own categories
        arg = next((a for a in args if a is None or a.startswith('"') or a[0].isdigit()), args[0])
        call = "{{ v|" + name + ("" if arg is None else ":" + arg) + " }}"
        for label, value in (("plain", ESCAPING_TEXT), ("safe", safe(ESCAPING_TEXT))):
            for mode in ("on", "off"):
                if label == "plain" and mode == "on" and len(args) == 1 and arg is None:
                    continue  # already in the filter's own category
                source = call if mode == "on" else "{% autoescape off %}" + call + "{% endautoescape %}"
                if name == "random":
                    context = {"v": [value]}  # one element: the only deterministic choice
                elif name in ("join", "first", "last", "safeseq", "escapeseq", "unordered_list", "dictsort",
                              "dictsortreversed", "slice"):
                    context = {"v": [value, "&"]}
                else:
                    context = {"v": value}
                if arg in EXTRA_CONTEXT:
                    context[arg] = EXTRA_CONTEXT[arg]
                s.add(f"{name}-{label}-{mode}", source, context, features=[f"filter:{name}", "autoescape"])
    return s


def _tricky(suites):
    s = suites["string"]
    f = lambda *names: [f"filter:{n}" for n in names]  # noqa: E731
    s.add("chain-upper-truncate", "{{ v|upper|truncatechars:6 }}", {"v": "hello world"}, features=f("upper", "truncatechars"))
    s.add("chain-escape-twice", "{{ v|escape|escape }}", {"v": MARKUP}, features=f("escape"))
    s.add("chain-force-escape-twice", "{{ v|force_escape|force_escape }}", {"v": "<&>"}, features=f("force_escape"))
    s.add("chain-safe-then-upper", "{{ v|safe|upper }}", {"v": "<b>x</b>"}, features=f("safe", "upper"))
    s.add("chain-upper-then-safe", "{{ v|upper|safe }}", {"v": "<b>x</b>"}, features=f("safe", "upper"))
    s.add("chain-cut-safe", "{{ v|safe|cut:'b' }}", {"v": "<b>x</b>"}, features=f("safe", "cut"))
    s.add("chain-slugify-length", "{{ v|slugify|length }}", {"v": "Hello World!"}, features=f("slugify", "length"))
    s.add("chain-default-upper", "{{ missing|default:'none'|upper }}", {}, features=f("default", "upper"))
    s.add("chain-join-safe-list", "{{ v|safeseq|join:', ' }}", {"v": ["<a>", "<b>"]}, features=f("safeseq", "join"))
    s.add("chain-join-autoescape-off", "{% autoescape off %}{{ v|join:'<br>' }}{% endautoescape %}",
          {"v": ["<a>", "&"]}, features=f("join"))
    s.add("chain-linebreaks-autoescape-off", "{% autoescape off %}{{ v|linebreaks }}{% endautoescape %}",
          {"v": "a<b\n\nc"}, features=f("linebreaks"))
    s.add("chain-length-is-number", "{{ v|length|add:1 }}", {"v": "abc"}, features=f("length", "add"))
    s.add("arg-variable", "{{ v|truncatechars:n }}", {"v": "abcdefghij", "n": 4}, features=f("truncatechars"))
    s.add("arg-double-quoted", '{{ v|cut:"a" }}', {"v": "banana"}, features=f("cut"))
    s.add("arg-escaped-quote", '{{ v|default:"say \\"hi\\"" }}', {}, features=f("default"))
    s.add("arg-literal-markup-is-safe", '{{ v|default:"<b>x</b>" }}', {}, features=f("default"))
    s.add("arg-translated", '{{ v|default:_("hello") }}', {}, features=f("default"))
    s.add("arg-spaces-inside-literal", "{{ v|join:' - ' }}", {"v": [1, 2]}, features=f("join"))
    s.add("literal-base", '{{ "abc"|upper }}', {}, features=f("upper"))
    s.add("literal-number-base", "{{ 5|add:3 }}", {}, features=f("add"))
    s.add("literal-float-base", "{{ 1.0 }}", {}, features=["literal"])
    s.add("literal-float-filter", "{{ 2.50|floatformat }}", {}, features=f("floatformat"))
    s.add("literal-markup-base", '{{ "<i>x</i>" }}', {}, features=["literal"])
    s.add("literal-markup-filtered", '{{ "<i>x</i>"|upper }}', {}, features=f("upper"))
    s.add("date-from-context-format", "{{ v|date:fmt }}", {"v": date("2024-03-05T06:07:08Z"), "fmt": "Y/m/d"}, features=f("date"))
    s.add("date-default-print", "{{ v }}", {"v": date("2024-03-05T16:07:08Z")}, features=["variable"])
    s.add("add-lists", "{{ a|add:b }}", {"a": [1, 2], "b": [3]}, features=f("add"))
    s.add("add-strings", "{{ a|add:b }}", {"a": "ab", "b": "cd"}, features=f("add"))
    s.add("add-string-number", "{{ a|add:b }}", {"a": "ab", "b": 3}, features=f("add"))
    s.add("pluralize-in-sentence", "{{ n }} vote{{ n|pluralize }}", {"n": 3}, features=f("pluralize"))
    s.add("dictsort-then-loop",
          "{% for p in v|dictsort:'age' %}{{ p.name }}{% if not forloop.last %},{% endif %}{% endfor %}",
          {"v": PEOPLE}, features=f("dictsort") + ["tag:for"])
    s.add("dictsort-dotted-key", "{% for p in v|dictsort:'a.b' %}{{ p.n }}{% endfor %}",
          {"v": [{"n": 1, "a": {"b": 2}}, {"n": 2, "a": {"b": 1}}]}, features=f("dictsort"))
    s.add("slice-then-join", "{{ v|slice:':2'|join:'+' }}", {"v": ["a", "b", "c"]}, features=f("slice", "join"))
    s.add("first-of-string", "{{ v|first }}", {"v": "ünï"}, features=f("first"))
    s.add("length-unicode", "{{ v|length }}", {"v": "日本語☃"}, features=f("length"))
    s.add("length-emoji", "{{ v|length }}", {"v": "a😀b"}, features=f("length"))
    s.add("truncatechars-emoji", "{{ v|truncatechars:3 }}", {"v": "😀😀😀😀"}, features=f("truncatechars"))
    s.add("center-emoji", "{{ v|center:5 }}|", {"v": "😀"}, features=f("center"))
    s.add("unknown-arg-variable", "{{ v|default:nothere }}", {}, features=f("default"))
    s.add("arg-with-colon", '{{ v|default:"a:b" }}', {}, features=f("default"))
    s.add("arg-with-pipe", '{{ v|default:"a|b" }}', {}, features=f("default"))
    s.add("arg-with-spaces-and-quotes", "{{ v|default:'it\\'s' }}", {}, features=f("default"))
    s.add("literal-escaped-quote", '{{ "a\\"b" }}', {}, features=["literal"])
    s.add("date-empty-format", '{{ v|date:"" }}', {"v": date("2024-01-02T03:04:05Z")}, features=f("date"))
    s.add("date-escaped-chars", '{{ v|date:"jS \\o\\f F" }}', {"v": date("2024-01-02T03:04:05Z")}, features=f("date"))
    s.add("floatformat-exponent-string", "{{ v|floatformat:2 }}", {"v": "1e5"}, features=f("floatformat"))
    s.add("floatformat-negative-zero", "{{ v|floatformat }}", {"v": -0.04}, features=f("floatformat"))
    s.add("floatformat-half-up", "{{ v|floatformat:1 }}|{{ w|floatformat:1 }}", {"v": 0.25, "w": 0.35}, features=f("floatformat"))
    s.add("add-negative-strings", "{{ v|add:'-5' }}", {"v": "3"}, features=f("add"))
    s.add("join-safe-separator-unsafe-items", "{{ v|join:sep }}", {"v": ["<a>", "<b>"], "sep": safe("<br>")}, features=f("join"))
    s.add("join-unsafe-separator", "{{ v|join:sep }}", {"v": ["a", "b"], "sep": "<br>"}, features=f("join"))
    s.add("truncatewords-html-nested", "{{ v|truncatewords_html:3 }}", {"v": "<p>one <b>two <i>three four</i></b> five</p>"}, features=f("truncatewords_html"))
    s.add("truncatechars-html-entities", "{{ v|truncatechars_html:4 }}", {"v": "<b>&amp;&lt;abcdef</b>"}, features=f("truncatechars_html"))
    s.add("urlize-autoescape-off", "{% autoescape off %}{{ v|urlize }}{% endautoescape %}", {"v": "<x> https://a.io/?q=<y>"}, features=f("urlize"))
    s.add("linebreaks-crlf", "{{ v|linebreaks }}", {"v": "a\r\nb\r\n\r\nc"}, features=f("linebreaks"))
    s.add("slugify-unicode-drop", "{{ v|slugify }}", {"v": "日本 text ß"}, features=f("slugify"))
    s.add("wordwrap-long-word", "{{ v|wordwrap:3 }}", {"v": "abcdefgh ij"}, features=f("wordwrap"))
    s.add("stringformat-unicode", "{{ v|stringformat:'5s' }}|", {"v": "é"}, features=f("stringformat"))
    s.add("length-of-dict", "{{ v|length }}", {"v": {"a": 1, "b": 2}}, features=f("length"))
    s.add("first-of-dict", "[{{ v|first }}]", {"v": {"a": 1}}, features=f("first"))
    s.add("make-list-number", "{{ v|make_list }}", {"v": 123}, features=f("make_list"))
    s.add("yesno-none-two-choices", "{{ v|yesno:'y,n' }}", {"v": None}, features=f("yesno"))
    s.add("pluralize-float-one", "{{ v|pluralize }}", {"v": 1.5}, features=f("pluralize"))
    s.add("filesizeformat-float-string", "{{ v|filesizeformat }}", {"v": "1536.5"}, features=f("filesizeformat"))
    s.add("escapejs-unicode-separators", "{{ v|escapejs }}", {"v": "\u2028\u2029=<>&'\"`"}, features=f("escapejs"))
