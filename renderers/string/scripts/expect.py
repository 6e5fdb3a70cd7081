"""Fill in Django's output for the string renderer's tag tests.

Usage: python3 scripts/expect.py test/tags.json   (from renderers/string)
Runs in the repository's venv (python/pyenv.py, Django pinned in python/requirements.txt), creating it
on first use. Each case gets "expected" (the rendered text) or "expected_error" (the exception class
name), computed by real Django.
"""
import json
import os
import sys
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "python"))

from pyenv import ensure_venv  # noqa: E402

ensure_venv(__file__)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    USE_TZ=True,
    TIME_ZONE="UTC",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    ROOT_URLCONF=__name__,
    STATIC_URL="/static/",
    INSTALLED_APPS=[],
)
django.setup()

from django.http import HttpResponse  # noqa: E402
from django.template import Context, Engine  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone as dj_timezone  # noqa: E402

urlpatterns = [
    path("", lambda r: HttpResponse(), name="home"),
    path("book/<int:pk>/", lambda r, pk: HttpResponse(), name="book"),
]

FROZEN = datetime(2024, 6, 15, 12, 34, 56, tzinfo=timezone.utc)
dj_timezone.now = lambda: FROZEN


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return FROZEN.astimezone(tz) if tz else FROZEN.replace(tzinfo=None)


import django.template.defaulttags as defaulttags  # noqa: E402

defaulttags.datetime = FrozenDatetime


def render(case):
    templates = dict(case.get("templates", {}))
    templates["t"] = case["template"]
    engine = Engine(loaders=[("django.template.loaders.locmem.Loader", templates)], libraries={"static": "django.templatetags.static"}, builtins=[])
    try:
        return {"expected": engine.get_template("t").render(Context(case.get("context", {})))}
    except Exception as exc:  # the class name is the expectation
        return {"expected_error": type(exc).__name__}


def main(path_):
    with open(path_) as f:
        data = json.load(f)
    for case in data["cases"]:
        case.pop("expected", None)
        case.pop("expected_error", None)
        case.update(render(case))
    with open(path_, "w") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
