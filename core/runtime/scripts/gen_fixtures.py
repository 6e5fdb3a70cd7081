"""Record Django 5.2's output for the runtime's fixture cases: filters, {% if %}, lookups, {% for %}.

Usage: python3 scripts/gen_fixtures.py   (or `npm run fixtures -w @tessera/runtime`)
Writes test/filters.json. Runs in the repository's venv (python/pyenv.py, Django pinned in
python/requirements.txt), creating it on first use. Values in the cases are tagged JSON
(python/tagged_json.py): {"$date": iso} is an aware datetime, {"$safe": s} a SafeString, and in the
output NaN and infinities are {"$float": repr}. Following the Tessera value model, a float with an
integral value in the safe-integer range is turned into an int (JavaScript cannot tell 1.0 from 1), and
an int beyond it into a float.
"""

import datetime
import json
import os
import sys

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(PACKAGE, "..", "..", "python"))

from pyenv import ensure_venv  # noqa: E402

ensure_venv(__file__)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    USE_TZ=True,
    TIME_ZONE="UTC",
    LANGUAGE_CODE="en-us",
    USE_THOUSAND_SEPARATOR=False,
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
)
django.setup()

from django.template import Context, Engine  # noqa: E402
from django.utils import timezone  # noqa: E402

import tagged_json  # noqa: E402
from tagged_json import encode  # noqa: E402

engine = Engine()

D = {"$date": "2024-03-05T14:07:09Z"}
D_MS = {"$date": "2024-12-31T23:59:58.250Z"}
D_OLD = {"$date": "2021-01-01T00:00:00Z"}
D_MID = {"$date": "2023-06-15T12:00:00Z"}
S = lambda s: {"$safe": s}  # noqa: E731

# case(filter or None, value, arg or NOARG, autoescape, time zone)
NOARG = object()
CASES = []


def case(name, value, arg=NOARG, autoescape=True, tz="UTC"):
    CASES.append((name, value, arg, autoescape, tz))


# --- strings
for v in ["", "plain", "<b>it's \"x\" & y</b>", S("<b>safe</b>"), None, 42, 1.5, ["a", 1], "ünïcødé 😀"]:
    case("addslashes", v)
    case("capfirst", v)
    case("lower", v)
    case("upper", v)
    case("title", v)
    case("make_list", v)
    case("slugify", v)
    case("wordcount", v)
    case("escapejs", v)
    case("force_escape", v)
    case("escape", v)
    case("safe", v)
    case("striptags", v)
    case("linebreaksbr", v)
    case("linebreaks", v)
    case("linenumbers", v)
    case("iriencode", v)
    case("urlencode", v)
    case("phone2numeric", v)
case("addslashes", "back\\slash 'q' \"d\"")
case("capfirst", "éa")
case("capfirst", "ßa")
case("title", "they're bob's 1st o'neil 2nd-place hello_world ÉCOLE")
case("title", "mY fIRST pOST")
for v in ["ßa straße", "ﬁsh ǆa ǉ", "ŉx ΐ և", "ÉCOLE é", "ᾳ ᾀx ῳ ǰ ẖ ﬆ ﬓ"]:
    case("title", v)
    case("capfirst", v)
    case("upper", v)
    case("lower", v)
case("slugify", " Jack & Jill like numbers 1,2,3 and 4 and silly characters ?%.$!/ ")
case("slugify", "Un éléphant à l'orée du bois")
case("slugify", "--_foo bar_--")
case("wordcount", "  a  b\tc\nd  ")
case("escapejs", "\u2028\u2029 \x00\x1f <script>x='1';</script> a=b-c; `tick`")
case("phone2numeric", "1-800-COLLECT")
for arg in [10, "10", 3, 0, -1, "x", None, 2.7]:
    case("center", "ab", arg)
    case("ljust", "ab", arg)
    case("rjust", "ab", arg)
case("center", "abc", 8)
case("center", "abc", 9)
case("center", "ab", 9)
case("center", "😀", 5)
case("center", S("<i>"), 7)
case("cut", "a b c", " ")
case("cut", S("&amp;; x"), ";")
case("cut", S("<a b>"), " ")
case("cut", 123, "2")
case("cut", "aaa", "")
for arg in [0, 1, 3, 5, 20, "4", "x", -2]:
    case("truncatechars", "Hello wonderful world", arg)
    case("truncatewords", "Hello  wonderful\nworld of things", arg)
case("truncatechars", "abc", 3)
case("truncatechars", "abcd", 3)
case("truncatechars", "😀😀😀😀", 3)
case("truncatechars", "e\u0301e\u0301e\u0301e\u0301", 3)
case("truncatechars", S("<b>x</b> long text"), 5)
case("truncatechars", None, 2)
case("truncatewords", "", 2)
case("truncatewords", "one two", 2)
case("truncatewords", "one two …", 2)
case("truncatechars_html", "<p>Hello <b>wonderful</b> world</p>", 8)
case("truncatechars_html", "<p>Hello <b>wonderful</b> world</p>", 100)
case("truncatechars_html", "<p>Hello <b>wonder</b></p>", 11)
case("truncatechars_html", "<p>one<br>two<img src='x'/>three</p>", 6)
case("truncatechars_html", "a &amp; b &lt;c&gt; d", 6)
case("truncatechars_html", "<div><p>abc</p><p>def</p></div>", 4)
case("truncatechars_html", "<p>Hello", 3)
case("truncatechars_html", "x <!-- c --> y <script>var a = '<b>';</script> z", 9)
case("truncatechars_html", "plain", "x")
case("truncatechars_html", "plain", 0)
case("truncatewords_html", "<p>one <b>two three</b> four</p>", 2)
case("truncatewords_html", "<p>one <b>two three</b> four</p>", 3)
case("truncatewords_html", "<p>one <b>two three</b> four</p>", 10)
case("truncatewords_html", "<ul><li>a b</li><li>c d</li></ul>", 3)
case("truncatewords_html", "a &amp; b <br/> c", 2)
case("truncatewords_html", "<p>one</p> <p>two</p>", 1)
case("truncatewords_html", "words", "bad")
case("striptags", "<p>Hello <b>world</b>!</p> <br/>x &amp; y &#39; <!-- c --> <script>a<b</script>")
case("striptags", "<<b>b>text</</b>b>")
case("striptags", "a < b and c > d")
case("striptags", "<a href='x' title=\"y>z\">link</a> 5 &lt; 6")
case("striptags", "<p>unclosed <i")
case("striptags", "&amp &ampx &#x41 &#65; &bogus; &")
case("striptags", "<!DOCTYPE html><?php echo 1 ?><![CDATA[x]]>text</p  >")
for w in [1, 5, 10, 30]:
    case("wordwrap", "Joel is a slug that has a verylongwordthatdoesnotfit\nand more\ttabbed text here\n", w)
case("wordwrap", "abc def", 0)
case("wordwrap", "abc def", "x")
case("wordwrap", "", 3)
case("wordwrap", "  leading and trailing  ", 8)
case("linebreaks", "para one\nline two\n\n\npara two\r\nthird\rfourth")
case("linebreaks", "<b>x</b>\n\ny", NOARG, False)
case("linebreaksbr", "a\r\nb\rc\n<d>", NOARG, False)
case("linenumbers", "\n".join(["l<%d>" % i for i in range(12)]))
case("linenumbers", "\n".join(["l<%d>" % i for i in range(3)]), NOARG, False)
case("linenumbers", S("<a>\n<b>"))
case("iriencode", "/I ♥ Django/?q=1&b=ü#frag %20 'q'")
case("urlencode", "/a b/ü?x=1&y=2#z")
case("urlencode", "/a b/ü?x=1", "")
case("urlencode", "/a b/ü?x=1", "/?=")
case("urlencode", "a+b~c_d.e-f!*'()")
# stringformat
for fmt in ["s", "r", "d", "i", "5d", "-5d|", "05d", "+d", " d", ".3d", "x", "X", "#x", "o", "#o", "f", ".2f", "e", ".3E", "g", "G",
            "10.4f", "-10s|", ".2s", "c", "%", "%s", "s%%", "q", "", "(k)s", "#.0f", ".0f", ".0e", "#g"]:
    for v in [5, -5, 3.14159, 0.5, 2.5, 1e20, 1.5e-7, "text", "é", None, True, [1, "a"], {"k": "v"}]:
        case("stringformat", v, fmt)
case("stringformat", float("nan"), "f")
case("stringformat", float("inf"), "5.1f")
case("stringformat", 1234567.891, ".1f")
case("stringformat", 0.125, ".2f")
case("stringformat", 0.375, ".2f")
case("stringformat", 1e16, "g")
case("stringformat", 123456789, ".3g")
case("stringformat", 0.0001, "g")
case("stringformat", 0.00001, "g")

# --- numbers
for v in [1, "1", 1.9, "1.9", "abc", None, [1], "", True, -3]:
    for a in [2, "2", 2.5, "x", [3], None]:
        case("add", v, a)
case("add", "a", S("b"))
case("add", S("<a>"), S("<b>"))
case("add", [1, 2], [3])
case("add", float("nan"), 1)
for v in [4, "4", 5, "x", 4.5, None, True]:
    for a in [2, "2", 3, 0, "x"]:
        case("divisibleby", v, a)
for v in [0, 1, 2, 1023, 1024, 1536, 10**6, 123456789, 10**12, 10**15, 2**50 * 3, -2048, 1.5, "2048", "x", None, [1], 1024 * 1024 - 1]:
    case("filesizeformat", v)
FF_VALUES = [34.23234, 34.0, 34.26, 0, 1, -1.5, 0.5, 1.005, 2.675, -0.0001, 66666.6666, 10000, 1e-7, 1e16, 1234567.891,
             "34.26", "1e3", " 5.5 ", "abc", "", None, True, float("inf"), float("-inf"), float("nan"), 99.995, 12345678901234567890,
             "0.000000000000000000001", -1234.5]
FF_ARGS = [NOARG, 3, -3, 0, "2", "-2", "g", "2g", "-2g", "u", "2u", "3gu", "ug", "x", 1.5, -1, 50, S("2")]
for v in FF_VALUES:
    for a in FF_ARGS:
        case("floatformat", v, a)
case("floatformat", 1.5, "")
case("floatformat", 1.5, None)
for v in [123456789, "123", -123, 0, "x", 1.5, None, "12a"]:
    for a in [1, 2, 3, 10, 0, -1, "2", "x", None]:
        case("get_digit", v, a)

# --- lists
LIST_OF_DICTS = [{"name": "b", "age": 30, "n": {"x": 2}}, {"name": "a", "age": 25, "n": {"x": 3}}, {"name": "c", "age": 25, "n": {"x": 1}}]
for a in ["name", "age", "n.x", "missing", "_private", "n._x", 0, "0", 1.5]:
    case("dictsort", LIST_OF_DICTS, a)
    case("dictsortreversed", LIST_OF_DICTS, a)
case("dictsort", [[3, "c"], [1, "a"], [2, "b"]], 0)
case("dictsort", [[3, "c"], [1, "a"], [2, "b"]], "1")
case("dictsort", [{"k": 1}, {"k": "a"}], "k")
case("dictsort", [{"k": None}, {"k": None}], "k")
case("dictsort", [{"k": 2}], "k")
case("dictsort", "abc", "x")
case("dictsort", None, "x")
case("dictsort", [{"k": [2, 1]}, {"k": [1, 5]}], "k")
for v in [["a", "b"], [], "xyz", "", None, 5, {"a": 1}, [S("<x>"), "<y>"], [[1, 2]]]:
    case("first", v)
    case("last", v)
    case("length", v)
    case("join", v, ", ")
    case("join", v, S("<br>"))
    case("join", v, "<br>", False)
    case("safeseq", v)
    case("escapeseq", v)
    case("unordered_list", v)
case("join", ["<a>", S("<b>"), 1, None], " & ")
case("join", ["<a>", "b"], " & ", False)
case("join", ["<a>", 1], " & ", False)
case("join", ["a", "b"], 5)
case("length", S("<é>"))
case("length", "😀")
case("length", {"a": 1, "b": 2})
case("length", 12)
case("random", ["only"])
case("random", [])
case("random", "z")
for a in [":2", "1:", "-1:", "::2", "::-1", "1:3", "2", "0", "-1", "a", "1:2:3:4", "::0", ":", ""]:
    case("slice", [0, 1, 2, 3, 4], a)
    case("slice", "héllo😀", a)
case("slice", S("<b>x</b>"), ":3")
case("slice", None, ":1")
case("slice", 12345, ":2")
NESTED = ["States", ["Kansas", ["Lawrence", "Topeka"], "Illinois"]]
case("unordered_list", NESTED)
case("unordered_list", ["<a>", [S("<b>"), "c"], [], "d"])
case("unordered_list", ["<a>", ["<b>"]], NOARG, False)
case("unordered_list", [["x"], "y"])
case("escapeseq", ["<a>", S("<b>"), 1])
case("safeseq", ["<a>", 1, None])

# --- logic
for v in [None, "", 0, 0.0, False, [], {}, "x", 1, [0], S("")]:
    case("default", v, "dflt")
    case("default_if_none", v, "dflt")
    case("yesno", v)
    case("yesno", v, "yeah,no,maybe")
    case("yesno", v, "yeah,no")
    case("yesno", v, "a,b,c,d")
    case("yesno", v, "one")
for v in [0, 1, 2, "1", "2", "x", 1.0, 1.5, [1], [], [1, 2], None, True, {"a": 1}, "1.0"]:
    case("pluralize", v)
    case("pluralize", v, "es")
    case("pluralize", v, "y,ies")
    case("pluralize", v, "a,b,c")
for v in [None, "s", "<x>", 1.5, [1, "a", None, True], {"b": 1, "a": [1, 2]}, list(range(40)),
          {"key%d" % i: "value %d" % i for i in range(8)}, [{"name": "x" * 30, "tags": ["a" * 20, "b" * 30]}] * 2,
          "word " * 30, ["word " * 20, {"k": "long value " * 10}], {"a": ["x" * 50, "y" * 50]}, "line one\n" * 12,
          "x" * 100, ["a" * 77], ["a" * 76], {"é" * 40: "😀" * 40}, [{"z": 1, "a": [1, 2, 3] * 10}], "it's " * 20]:
    case("pprint", v)

# --- html-ish
for name in ["linebreaks", "linebreaksbr", "linenumbers", "unordered_list", "urlize"]:
    case(name, ["x"] if name == "unordered_list" else "x", "arg")
for v in ["<a>", {"a": "<\u00e9>&'", "b": [1, 2.5, None, True]}, None, "x\u2028\n", 1e16, float("nan"), [D]]:
    case("json_script", v)
    case("json_script", v, "my-id")
    case("json_script", v, "<q>")
URLIZE_TEXTS = [
    "Visit https://www.djangoproject.com/ now.",
    "see www.example.com, and example.org/path?q=1&x=2; ok",
    "mail me at foo@example.com!",
    "(http://example.com/a_(b)) [http://example.com]",
    "<b>http://x.com/?a=1&amp;b=2</b>",
    "http://example.com/some%20path/ü?q=a b",
    "nothing here. just text: ok",
    "trailing http://example.com/&lt; and http://e.com/;;",
    "https://[2001:db8::1]/x user@[127.0.0.1] bad@ip@x.com a@b",
    "ftp://example.com example.net/foo.",
]
for t in URLIZE_TEXTS:
    case("urlize", t)
    case("urlize", t, NOARG, False)
    case("urlize", S(t))
    case("urlizetrunc", t, 15)
    case("urlizetrunc", t, 1)
case("urlizetrunc", "x", "bad")

# --- dates
for fmt in [NOARG, "", "Y-m-d H:i:s", "D, d M Y", "jS F Y, P", "l jS \\o\\f F Y h:i:s A", "c", "r", "U", "e T O Z I",
            "N b E n m t L w W o z y", "a A f g G h H i s u", "DATE_FORMAT", "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT",
            "\\Y\\m\\d \\\\Y", "literal text!", "DECIMAL_SEPARATOR"]:
    for tz in ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"]:
        for v in [D, D_MS, D_OLD]:
            case("date", v, fmt, True, tz)
    for v in [None, "", "2024-01-01", 5]:
        case("date", v, fmt)
DST = [{"$date": "2024-03-10T06:59:59Z"}, {"$date": "2024-03-10T07:00:00Z"}, {"$date": "2024-11-03T05:30:00Z"},
       {"$date": "2024-11-03T06:30:00Z"}, {"$date": "2024-11-03T07:30:00Z"}]
for v in DST:
    for tz in ["America/New_York", "Europe/London", "Australia/Lord_Howe"]:
        case("date", v, "c e T O Z I P", True, tz)
for fmt in [NOARG, "H:i", "P", "g:i a", "Y", "TIME_FORMAT", "e O", "u"]:
    for v in [D, D_MS, D_OLD, D_MID, None, "x"]:
        case("time", v, fmt, True, "Europe/Paris")
for v, a in [(D_OLD, D), (D, D_OLD), (D_MID, D), ({"$date": "2024-03-05T14:00:00Z"}, D), ({"$date": "2024-02-29T00:00:00Z"}, {"$date": "2025-03-01T00:00:00Z"}),
             ({"$date": "2023-01-31T10:00:00Z"}, {"$date": "2023-03-01T09:00:00Z"}), ({"$date": "2024-03-05T14:07:08Z"}, D),
             ({"$date": "2024-02-20T14:07:09Z"}, D), (None, D), ("", D), ({"$date": "2010-01-01T00:00:00Z"}, D)]:
    case("timesince", v, a)
    case("timeuntil", a, v)

# --- seeded random inputs for the filters with the most intricate algorithms
import random as _random  # noqa: E402

rng = _random.Random(20261125)
ATOMS = ["<p>", "</p>", "<b>", "</b>", "<br>", "<br/>", "<img src=x>", "<a href='http://x.com'>", "</a>", "<!-- c -->",
         "&amp;", "&lt;", "&#39;", "&", "<", ">", " ", "  ", "\n", "\t", "word", "wörd", "x.com", "www.a.org", "http://e.com/a?b=1",
         "a@b.co", "(", ")", ".", ",", ";", "'", '"', "😀", "e\u0301", "1", "23", "-", "_", "O'Neil", "it's", "3rd", "ÉCOLE"]
for _ in range(300):
    text = "".join(rng.choice(ATOMS) for _ in range(rng.randint(0, 12)))
    name = rng.choice(["truncatechars_html", "truncatewords_html", "truncatechars", "truncatewords", "striptags", "wordwrap",
                       "urlize", "urlizetrunc", "slugify", "title", "linebreaks", "escapejs", "capfirst", "wordcount",
                       "iriencode", "urlencode", "center", "cut", "make_list", "length"])
    if name in ("truncatechars_html", "truncatewords_html", "truncatechars", "truncatewords", "wordwrap", "urlizetrunc", "center"):
        case(name, text, rng.randint(1, 12), rng.random() < 0.8)
    elif name == "cut":
        case(name, text, rng.choice(ATOMS))
    else:
        case(name, text, NOARG, rng.random() < 0.8)
for _ in range(300):
    v = rng.choice([rng.uniform(-1e6, 1e6), rng.uniform(-1, 1), rng.randint(-10**9, 10**9), round(rng.uniform(-100, 100), rng.randint(0, 4)),
                    rng.choice([0.5, 1.5, 2.5, -0.5, 0.125, 1.005, 1.015, 1.025]) * 10 ** rng.randint(-3, 3)])
    if rng.random() < 0.3:
        v = repr(v)
    case("floatformat", v, rng.choice([NOARG, rng.randint(-4, 4), str(rng.randint(-4, 4)) + rng.choice(["", "g", "u"])]))
for _ in range(200):
    v = rng.choice([rng.uniform(-1e6, 1e6), rng.randint(-10**6, 10**6), rng.uniform(-1, 1) * 10 ** rng.randint(-12, 20)])
    spec = rng.choice(["", "+", "-", "0", " ", "#"]) + rng.choice(["", "8", "12"]) + rng.choice(["", ".0", ".1", ".3", ".10"]) + rng.choice("dfeEgGxs")
    case("stringformat", v, spec)
for _ in range(150):
    v = rng.choice([rng.randint(0, 2**52), rng.randint(0, 10**5), rng.uniform(0, 1e13)])
    case("filesizeformat", v)
for _ in range(150):
    ts = rng.randint(0, 4102444800)
    d = {"$date": datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).isoformat().replace("+00:00", "Z")}
    d2 = {"$date": datetime.datetime.fromtimestamp(ts + rng.randint(0, 10**9), datetime.timezone.utc).isoformat().replace("+00:00", "Z")}
    case("date", d, "c D N jS Y W o z t L I e P", True, rng.choice(["UTC", "Europe/Paris", "America/Los_Angeles", "Australia/Sydney", "Asia/Tokyo"]))
    case("timesince", d, d2)

# --- plain output (no filter): renderValue
for v in [None, True, False, 0, -0.0, 1, 1.5, 0.1 + 0.2, 1e16, 1.5e16, 1e-7, 1e-5, 0.0001, 1e300, 1e-300, float("inf"), float("nan"), -2.5,
          "<x>", S("<x>"), [1, "a", None, 2.5, S("<s>"), [True]], {"a": 1, "b": "<c>", "d": {"e": None}}, D, D_MS, [], {},
          "it's", ["it's", 'say "hi"', "both ' \"", "\n\t\\"], 12345678901234567890]:
    case(None, v)
    case(None, v, NOARG, False)
case(None, D, NOARG, True, "America/New_York")


def js_numbers(v):
    """Numbers as JavaScript sees them: integral floats in the safe-integer range are ints, larger ints floats."""
    if isinstance(v, dict):
        return {k: js_numbers(x) for k, x in v.items()}
    if isinstance(v, list):
        return [js_numbers(x) for x in v]
    if isinstance(v, float) and v.is_integer() and abs(v) <= 2**53 - 1:
        return int(v)
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53 - 1:
        return float(v)
    return v


def decode(v):
    """A case value as Django receives it: tags decoded, numbers as JavaScript sees them."""
    return tagged_json.decode(js_numbers(v))


def render(name, value, arg, autoescape, tz):
    expr = "v" if name is None else ("v|%s" % name if arg is NOARG else "v|%s:a" % name)
    src = ("{%% autoescape %s %%}{{ %s }}{%% endautoescape %%}" % ("on" if autoescape else "off", expr))
    ctx = {"v": decode(value)}
    if arg is not NOARG:
        ctx["a"] = decode(arg)
    with timezone.override(tz):
        try:
            return {"expected": engine.from_string(src).render(Context(ctx))}
        except Exception as e:  # noqa: BLE001 - the class name is the fixture
            return {"error": type(e).__name__}


out = []
for name, value, arg, autoescape, tz in CASES:
    entry = {"filter": name, "value": encode(value)}
    if arg is not NOARG:
        entry["arg"] = encode(arg)
    if not autoescape:
        entry["autoescape"] = False
    if tz != "UTC":
        entry["tz"] = tz
    entry.update(render(name, value, arg, autoescape, tz))
    out.append(entry)

# --- {% if %} conditions: truthiness, comparisons, membership, identity
COND_VALUES = [None, True, False, 0, 1, 2, 1.5, -1, "", "a", "b", "ab", "1", S("a"), [], [1], [1, 2], [1, "a"], ["a"], {}, {"a": 1},
               {"a": 1, "b": 2}, D, D_OLD, float("nan")]


def cond(src, **ctx):
    template = "{%% if %s %%}T{%% else %%}F{%% endif %%}" % src
    try:
        return engine.from_string(template).render(Context({k: decode(v) for k, v in ctx.items()}))
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


# Compact: one T/F letter per (a, b) pair, a-major over `values`.
conditions = {
    "values": [encode(v) for v in COND_VALUES],
    "truthy": "".join(cond("a", a=a) for a in COND_VALUES),
    "ops": {
        op: "".join(cond("a %s b" % op, a=a, b=b) for a in COND_VALUES for b in COND_VALUES)
        for op in ["==", "!=", "<", ">", "<=", ">=", "in", "not in", "is", "is not"]
    },
}

# --- {{ a.b }} lookups on JSON-ish values
lookups = []
LOOKUP_VALUES = ["ßa ǆa ﬁsh", "Hello World", " padded\n", "ÉCOLE", "abc123", "123", "Line1\nLine2\r\n", S("<b>safe</b>"),
                 {"items": 1, "x": 2}, {"x": {"y": [10, 20]}}, {"1": "one"}, [5, 6, 7], [], "", None, 3, True]
SEGMENTS = ["items", "keys", "values", "upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "split",
            "splitlines", "isdigit", "isalpha", "isupper", "islower", "swapcase", "count", "index", "0", "1", "2", "9",
            "x", "length", "constructor", "__class__", "get", "join", "real", "imag", "casefold", "isalnum", "isspace",
            "istitle", "isnumeric", "isdecimal", "isascii", "toString", "hasOwnProperty", "__proto__", "prototype", "valueOf"]
# Not compared: Python methods that mutate (list.pop, dict.clear, ...), which Tessera deliberately does not call,
# and str.format, which is not emulated.
for v in LOOKUP_VALUES:
    for seg in SEGMENTS:
        if seg.startswith("_"):
            continue
        try:
            got = engine.from_string("{{ v.%s }}" % seg).render(Context({"v": decode(v)}))
        except Exception as e:  # noqa: BLE001
            got = type(e).__name__
        lookups.append({"value": encode(v), "segment": seg, "result": got})

# --- {% for %} iteration
loops = []
for v in [[1, "a"], "héllo", {"b": 1, "a": 2}, None, "", 5, 1.5, True, [[1, 2], [3, 4]], S("<s>")]:
    try:
        got = engine.from_string("{% for x in v %}{{ x }},{% empty %}E{% endfor %}").render(Context({"v": decode(v)}))
    except Exception as e:  # noqa: BLE001
        got = type(e).__name__
    loops.append({"value": encode(v), "result": got})

# --- the filter table: names, argument arity and flags
import inspect  # noqa: E402

from django.template.defaultfilters import register  # noqa: E402

table = {}
for fname, f in sorted(register.filters.items()):
    # Django's FilterExpression.args_check counts every parameter, `autoescape` included: a filter
    # `f(value, autoescape=True)` accepts an argument at parse time and fails with TypeError when rendered.
    params = list(inspect.signature(inspect.unwrap(f)).parameters.values())
    arity = "none" if len(params) < 2 else ("optional" if params[1].default is not inspect.Parameter.empty else "required")
    table[fname] = {
        "arg": arity,
        "isSafe": bool(getattr(f, "is_safe", False)),
        "needsAutoescape": bool(getattr(f, "needs_autoescape", False)),
        "expectsLocaltime": bool(getattr(f, "expects_localtime", False)),
    }

# One entry per line keeps the file small and its diffs readable.
sections = {"django": django.get_version(), "filters": table, "cases": out, "conditions": conditions, "lookups": lookups, "loops": loops}
with open(os.path.join(PACKAGE, "test", "filters.json"), "w", encoding="utf-8") as f:
    f.write("{\n")
    for i, (key, section) in enumerate(sections.items()):
        f.write("%s: " % json.dumps(key))
        if isinstance(section, list) and section:
            f.write("[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in section) + "\n]")
        else:
            f.write(json.dumps(section, ensure_ascii=False))
        f.write(",\n" if i < len(sections) - 1 else "\n")
    f.write("}\n")
print("wrote %d filter cases" % len(out))
