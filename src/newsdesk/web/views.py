"""What the pages need besides the records: parameters checked, dates in Vietnamese, paging,
the timeline laid out, articles grouped by outlet and date, local media found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from newsdesk.errors import BadParameter, NotFound
from newsdesk.model import Event, Story

MAX_PAGE = 100_000
UNKNOWN_OUTLET = "Không rõ nguồn"
MAX_QUERY = 200
STATUS_TITLES = {404: "Không tìm thấy", 405: "Không được phép", 422: "Tham số không hợp lệ"}
SEASONS = {"spring": "mùa xuân", "summer": "mùa hè", "autumn": "mùa thu", "winter": "mùa đông"}
SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "winter": 1}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,299}$")


# --------------------------------------------------------------------------- parameters


def clean_param(name: str, value: str | None, *, max_len: int = MAX_QUERY) -> str | None:
    """A text parameter, stripped; empty means absent. Control characters are refused."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > max_len:
        raise BadParameter(f"{name}: {len(value)} characters; at most {max_len} are accepted")
    if _BAD_CHARS.search(value):
        raise BadParameter(f"{name}: contains control characters")
    return value


def parse_day(name: str, value: str | None) -> str | None:
    value = clean_param(name, value, max_len=10)
    if value is None:
        return None
    if not _DATE.match(value):
        raise BadParameter(f"{name}: {value!r} is not a date written YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError as e:
        raise BadParameter(f"{name}: {value!r} is not a real date ({e})") from e
    return value


def check_id(name: str, value: str) -> str:
    """An id or slug from a URL: a plain token, else it cannot exist (404)."""
    if not _ID.match(value):
        raise NotFound(f"{name} {value[:80]!r} does not exist")
    return value


@dataclass(slots=True)
class Pager:
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def check(self) -> Pager:
        if self.page > self.pages:
            raise NotFound(f"page {self.page} does not exist: there are {self.pages} page(s)")
        return self

    def as_dict(self) -> dict[str, int]:
        return {
            "page": self.page,
            "per_page": self.per_page,
            "total": self.total,
            "pages": self.pages,
        }


def validation_message(errors: Any) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', '')}")
    return "; ".join(parts) or "Tham số không hợp lệ."


# --------------------------------------------------------------------------- dates


def vn_date(value: str | None) -> str:
    """ISO date or datetime to Vietnamese reading order: 28/10/2025 (09:30)."""
    if not value:
        return ""
    v = str(value)
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?", v)
    if m:
        y, mo, d, hh, mm = m.groups()
        out = f"{int(d)}/{int(mo)}/{y}"
        if hh and (hh, mm) != ("00", "00"):
            out += f" {hh}:{mm}"
        return out
    m = re.match(r"^(\d{4})-(\d{2})$", v)
    if m:
        return f"tháng {int(m.group(2))}/{m.group(1)}"
    m = re.match(r"^(\d{4})-([a-z]+)$", v)
    if m and m.group(2) in SEASONS:
        return f"{SEASONS[m.group(2)]} {m.group(1)}"
    if re.match(r"^\d{4}$", v):
        return f"năm {v}"
    return v


def event_label(event: Event) -> str:
    label = vn_date(event.date)
    if event.end:
        label += " – " + vn_date(event.end)
    return label


def to_date(value: str | None) -> date | None:
    """The date a point on the timeline stands for (a month at its middle, and so on)."""
    if not value:
        return None
    v = str(value)
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}", v):
            return date.fromisoformat(v[:10])
        if re.match(r"^\d{4}-\d{2}$", v):
            return date(int(v[:4]), int(v[5:7]), 15)
        m = re.match(r"^(\d{4})-([a-z]+)$", v)
        if m and m.group(2) in SEASON_MONTH:
            return date(int(m.group(1)), SEASON_MONTH.get(m.group(2), 7), 15)
        if re.match(r"^\d{4}$", v):
            return date(int(v), 7, 1)
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------- timeline


def timeline_svg(events: list[Event], last_report: str | None) -> dict[str, Any] | None:
    """Positions for the timeline overview: one dot per event on a time axis whose long empty
    stretches are cut short (drawn as a break), dots that would touch stacked in lanes, planned
    events hollow, a marker at the latest report. None when fewer than two events have a date."""
    points = [(i, to_date(e.date)) for i, e in enumerate(events)]
    points = [(i, d) for i, d in points if d is not None]
    if len(points) < 2:
        return None
    width, pad, lane_h, top = 1000, 48, 22, 34
    report = to_date(last_report)
    days = sorted({d.toordinal() for _, d in points} | ({report.toordinal()} if report else set()))
    gaps = sorted(b - a for a, b in zip(days, days[1:], strict=False)) or [1]
    cap = max(45, 3 * gaps[len(gaps) // 2])  # a gap over 3× the median one is cut to that
    visual = [0.0]
    breaks_at: list[float] = []
    for a, b in zip(days, days[1:], strict=False):
        gap = b - a
        if gap > cap:
            breaks_at.append(visual[-1] + cap / 2)
        visual.append(visual[-1] + min(gap, cap))
    scale = (width - 2 * pad) / max(visual[-1], 1)
    x_by_day = {d: round(pad + v * scale, 1) for d, v in zip(days, visual, strict=True)}
    lanes: list[float] = []
    dots = []
    for i, d in points:
        x = x_by_day[d.toordinal()]
        lane = next((n for n, last_x in enumerate(lanes) if x - last_x >= 18), len(lanes))
        if lane == len(lanes):
            lanes.append(x)
        else:
            lanes[lane] = x
        e = events[i]
        dots.append(
            {
                "x": x,
                "y": top + lane * lane_h,
                "index": i,
                "planned": e.planned,
                "label": event_label(e) + ": " + e.text[:120],
            }
        )
    axis_y = top + max(1, len(lanes)) * lane_h
    for dot in dots:
        dot["stem"] = axis_y
    ticks = []
    last_x = -1e9
    for day in days:
        x = x_by_day[day]
        if report and day == report.toordinal() and day not in {d.toordinal() for _, d in points}:
            continue
        if x - last_x >= 90:
            ticks.append({"x": x, "label": _short_date(date.fromordinal(day))})
            last_x = x
    breaks = [round(pad + v * scale, 1) for v in breaks_at]
    marker = None
    if report:
        mx = x_by_day[report.toordinal()]
        marker = {
            "x": mx,
            "label": "tin mới nhất " + vn_date(last_report),
            "anchor": "end" if mx > width / 2 else "start",
            "dx": -4 if mx > width / 2 else 4,
        }
    return {
        "width": width,
        "height": axis_y + 34,
        "axis_y": axis_y,
        "dots": dots,
        "ticks": ticks,
        "breaks": breaks,
        "marker": marker,
        "x0": pad,
        "x1": width - pad,
    }


def _short_date(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


# --------------------------------------------------------------------------- stories


def group_by_outlet(story: Story, rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The story's articles grouped by outlet (largest first), each group newest first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for member in story.articles:
        row = rows.get(member.id, {})
        outlet = member.outlet or row.get("outlet") or UNKNOWN_OUTLET
        groups.setdefault(outlet, []).append(
            {
                "id": member.id,
                "title": row.get("title") or row.get("generated_title") or member.source,
                "published": member.published or row.get("published"),
                "language": row.get("language"),
                "duplicate_of": member.duplicate_of,
                "source": member.source,
                "awaiting": row.get("awaiting", False),
            }
        )
    out = []
    for outlet, items in groups.items():
        items.sort(key=lambda a: a["published"] or "", reverse=True)
        out.append({"outlet": outlet, "articles": items})
    out.sort(key=lambda g: (-len(g["articles"]), g["outlet"].casefold()))
    return out


def last_report_day(story: Story) -> str | None:
    days = [a.published[:10] for a in story.articles if a.published]
    return max(days) if days else None


# --------------------------------------------------------------------------- media


def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the site; anything else (javascript:, data:, ...) is dropped."""
    if not url:
        return None
    u = url.strip()
    return u if re.match(r"^https?://[^\s<>\"']+$", u, re.IGNORECASE) else None


class MediaFinder:
    """Maps a thumbnail or image path written by the publish stage to a ``/media/`` URL, only
    when the file exists inside the output folder (nothing outside it, nothing remote)."""

    SUFFIXES = {".webp", ".jpg", ".jpeg", ".png", ".gif", ".avif", ".svg"}

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self._cache: dict[str, str | None] = {}

    def url(self, path: str | None) -> str | None:
        if not path or "://" in path or path.startswith("data:"):
            return None
        if path in self._cache:
            return self._cache[path]
        found = None
        rel = PurePosixPath(path.lstrip("/"))
        if ".." not in rel.parts and rel.suffix.lower() in self.SUFFIXES:
            for base in (self.out, self.out / "public", self.out / "posts", self.out / "site"):
                candidate = (base / rel).resolve()
                if candidate.is_file() and candidate.is_relative_to(self.out):
                    found = "/media/" + quote(candidate.relative_to(self.out).as_posix())
                    break
        if len(self._cache) < 10_000:
            self._cache[path] = found
        return found

    def file(self, rel: str) -> Path | None:
        """The image file behind a ``/media/<rel>`` URL, or None (404) for anything else."""
        path = PurePosixPath(rel)
        if ".." in path.parts or path.suffix.lower() not in self.SUFFIXES:
            return None
        candidate = (self.out / path).resolve()
        if candidate.is_file() and candidate.is_relative_to(self.out):
            return candidate
        return None


FILTERS = {"vn_date": vn_date, "event_label": event_label, "safe_url": safe_url}
