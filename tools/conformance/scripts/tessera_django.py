"""Django as the oracle: settings, a frozen clock, and rendering one case (contexts in tagged JSON)."""
import datetime as _dt
import json
import os
import sys

FROZEN_NOW = _dt.datetime(2024, 6, 15, 12, 34, 56, tzinfo=_dt.timezone.utc)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    USE_TZ=True,
    TIME_ZONE="UTC",
    LANGUAGE_CODE="en-us",
    USE_I18N=True,
    USE_THOUSAND_SEPARATOR=False,
    STATIC_URL="/static/",
    ROOT_URLCONF="tessera_urls",
    INSTALLED_APPS=[],
    TEMPLATES=[],
)
django.setup()

from django.template import Context, Engine  # noqa: E402
from django.template import defaultfilters, defaulttags  # noqa: E402
from django.utils import timesince as _timesince  # noqa: E402
from django.utils import timezone as _timezone  # noqa: E402
# python/tagged_json.py: generate.py puts the repository's python/ folder on the path.
from tagged_json import decode  # noqa: E402


def _frozen_for(d):
    """The frozen instant, naive or aware to match `d` as Django's own default `now` would be."""
    if isinstance(d, _dt.datetime) and _timezone.is_aware(d):
        return FROZEN_NOW
    return FROZEN_NOW.replace(tzinfo=None)


class _FrozenClock:
    """Stands in for `datetime` inside defaulttags, whose only use is `datetime.now(tz=...)` in {% now %}."""

    @staticmethod
    def now(tz=None):
        return FROZEN_NOW.astimezone(tz) if tz else FROZEN_NOW.replace(tzinfo=None)


def _freeze_clock():
    defaulttags.datetime = _FrozenClock
    _timezone.now = lambda: FROZEN_NOW

    def timesince(d, now=None, *args, **kwargs):
        return _timesince.timesince(d, now or _frozen_for(d), *args, **kwargs)

    def timeuntil(d, now=None, *args, **kwargs):
        return _timesince.timeuntil(d, now or _frozen_for(d), *args, **kwargs)

    defaultfilters.timesince = timesince
    defaultfilters.timeuntil = timeuntil


_freeze_clock()

MAX_MESSAGE = 300


def check_context(value, where="context"):
    """Refuse values the JS side cannot reproduce exactly (see README, "Typed values")."""
    if isinstance(value, float) and value.is_integer():
        raise ValueError(f"{where}: integral float {value!r} is indistinguishable from an int in JS")
    if isinstance(value, dict):
        for k, v in value.items():
            if k.isdigit():
                raise ValueError(f"{where}: integer-like key {k!r} changes order in JS objects")
            check_context(v, f"{where}.{k}")
    if isinstance(value, list):
        for i, v in enumerate(value):
            check_context(v, f"{where}[{i}]")


def render(templates, entry, context):
    """Render with real Django; returns ("ok", output) or ("error", class name, message)."""
    try:
        decoded = decode(json.loads(json.dumps(context)))
    except Exception as e:  # a malformed tag is the case's error, as before
        return ("error", type(e).__name__, str(e)[:MAX_MESSAGE])
    return render_objects(templates, entry, decoded)


def render_objects(templates, entry, context):
    """`render` with a context of Python objects (the js-native cases), not tagged JSON."""
    engine = Engine(
        debug=False,
        loaders=[("django.template.loaders.locmem.Loader", templates)],
        string_if_invalid="",
        autoescape=True,
        # The only loadable library, matching the bundled `static` library of @tessera/template.
        libraries={"static": "django.templatetags.static"},
    )
    try:
        template = engine.get_template(entry)
        return ("ok", template.render(Context(context, autoescape=True)))
    except Exception as e:  # every exception class is a legitimate expected_error
        return ("error", type(e).__name__, str(e)[:MAX_MESSAGE])
