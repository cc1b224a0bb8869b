"""Publication dates as written by documents, to ISO (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``).

Only what the document states is read; nothing is guessed. The wall-clock time is kept as
written (a time-zone offset, when given, is dropped rather than converted).
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?\s*$"
)
_DMY = re.compile(
    r"^\s*(?:[^\d,]*,\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:\s*[, -]?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*(?:\(?GMT[+-]\d+\)?)?\s*$"
)
_HMDMY = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _fmt(y: int, mo: int, d: int, h: int | None, mi: int | None, s: int | None) -> str | None:
    try:
        if h is None:
            return date(y, mo, d).isoformat()
        return datetime(y, mo, d, h, mi or 0, s or 0).strftime("%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None


def _int(v: str | None) -> int | None:
    return None if v is None else int(v)


def iso_datetime(value: Any) -> str | None:
    """``value`` (a date, datetime, struct_time or string) as ISO, or None when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _fmt(
            value.tm_year, value.tm_mon, value.tm_mday, value.tm_hour, value.tm_min, value.tm_sec
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 0 < value < 32503680000:  # seconds since 1970, before year 3000
            return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = _ISO.match(text)
    if m:
        y, mo, d, h, mi, s = m.groups()
        return _fmt(int(y), int(mo), int(d), _int(h), _int(mi), _int(s))
    m = _DMY.match(text)
    if m:
        d, mo, y, h, mi, s = m.groups()
        return _fmt(int(y), int(mo), int(d), _int(h), _int(mi), _int(s))
    m = _HMDMY.match(text)
    if m:
        h, mi, s, d, mo, y = m.groups()
        return _fmt(int(y), int(mo), int(d), int(h), int(mi), _int(s))
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%S")
