"""When a source is due: ``--every 15m`` durations and the times kept in the store.

Durations are written as a number and a unit, one or more times: ``90s``, ``15m``, ``2h``,
``1d``, ``1h30m``; a bare number means seconds. Times in the store are UTC
``YYYY-MM-DD HH:MM:SS`` strings (they sort as text).
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])", re.IGNORECASE)
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
MIN_EVERY = 1  # seconds


class BadDuration(ValueError):
    pass


def parse_duration(text: str | int | float) -> int:
    """Seconds in ``text`` (``15m`` -> 900). BadDuration names what could not be read."""
    if isinstance(text, int | float):
        if text < 0:
            raise BadDuration(f"negative duration: {text}")
        return int(text)
    raw = str(text).strip().lower().replace(" ", "")
    if not raw:
        raise BadDuration("empty duration")
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return int(float(raw))
    pos = 0
    total = 0.0
    for match in _PART.finditer(raw):
        if match.start() != pos:
            break
        total += float(match.group(1)) * UNITS[match.group(2)]
        pos = match.end()
    if pos != len(raw) or pos == 0:
        raise BadDuration(f"cannot read duration {text!r} (write e.g. 90s, 15m, 2h, 1d, 1h30m)")
    return int(total)


def format_duration(seconds: int) -> str:
    """``900`` -> ``15m``; ``5400`` -> ``1h30m``."""
    if seconds <= 0:
        return "0s"
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            count, seconds = divmod(seconds, size)
            out.append(f"{count}{unit}")
    return "".join(out)


def utc(now: datetime | None = None) -> datetime:
    moment = now or datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return utc(moment).astimezone(UTC).strftime(TIME_FORMAT)


def parse_stamp(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


def after(moment: datetime, seconds: float) -> str:
    """The stamp ``seconds`` after ``moment``."""
    return stamp(utc(moment) + timedelta(seconds=seconds))


def is_due(next_due: str | None, now: datetime) -> bool:
    """A source never run, or whose time has come, is due."""
    return next_due is None or next_due <= stamp(now)


def seconds_until(next_due: str | None, now: datetime) -> float:
    when = parse_stamp(next_due)
    if when is None:
        return 0.0
    return max(0.0, (when - utc(now)).total_seconds())


def hint_stamp(value: str | None) -> str | None:
    """A source's "last changed" hint (W3C datetime, ISO date, RFC 822 date) as a UTC stamp;
    None when it cannot be read (odd dates are hints only, never a reason to fail)."""
    if not value:
        return None
    text = str(value).strip()
    if not text:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return stamp(parsed)
