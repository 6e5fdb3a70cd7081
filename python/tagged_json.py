"""Tagged JSON, the Python side: values plain JSON cannot carry, written as one-key objects.

    {"$date": "2024-01-02T03:04:05Z"}   aware datetime (ISO 8601 with an offset)
    {"$safe": "<b>x</b>"}               SafeString (mark_safe)
    {"$float": "nan" | "inf" | "-inf"}  a non-finite float, as Python's repr() writes it

Any other object is a dict. The JavaScript decoder is `decodeTagged` of @tessera/runtime
(core/runtime/src/values/tagged-json.ts); both follow these rules. Needs Django (run in the venv).
"""

import datetime
import math

from django.utils.safestring import mark_safe

NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def _date(payload):
    # fromisoformat reads "Z" only from Python 3.11 on.
    value = datetime.datetime.fromisoformat(payload.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f'{{"$date": ...}} needs an offset, got {payload!r}')
    return value


def _float(payload):
    if payload not in NON_FINITE:
        raise ValueError(f'{{"$float": ...}} needs "nan", "inf" or "-inf", got {payload!r}')
    return NON_FINITE[payload]


TAGS = {"$date": _date, "$safe": mark_safe, "$float": _float}


def decode(value):
    """A tagged JSON value as the Python value it stands for, recursively."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((tag, payload),) = value.items()
            if tag in TAGS:
                return TAGS[tag](payload)
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def encode(value):
    """Tag the non-finite floats of a JSON-ready value (JSON has no NaN or infinities), recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value
