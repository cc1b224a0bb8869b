"""View helpers: Vietnamese dates, the timeline layout, safe links, local media, parameters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.errors import BadParameter, NotFound
from newsdesk.model import Event
from newsdesk.web.views import (
    MediaFinder,
    Pager,
    clean_param,
    parse_day,
    safe_url,
    timeline_svg,
    to_date,
    vn_date,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-03-15", "15/3/2026"),
        ("2026-03-16T08:30:00", "16/3/2026 08:30"),
        ("2026-03-16 00:00:00", "16/3/2026"),
        ("2025-12", "tháng 12/2025"),
        ("2030", "năm 2030"),
        ("2026-spring", "mùa xuân 2026"),
        ("2025-winter", "mùa đông 2025"),
        (None, ""),
        ("sắp tới", "sắp tới"),
    ],
)
def test_vn_date(value, shown) -> None:
    assert vn_date(value) == shown


def test_to_date() -> None:
    assert to_date("2026-03-15T10:00:00") == date(2026, 3, 15)
    assert to_date("2025-12") == date(2025, 12, 15)
    assert to_date("2026-autumn") == date(2026, 10, 15)
    assert to_date("2030") == date(2030, 7, 1)
    assert to_date("2026-02-30") is None
    assert to_date("không rõ") is None


def test_timeline_layout() -> None:
    events = [
        Event(date="2026-01-01", granularity="day", text="a"),
        Event(date="2026-01-02", granularity="day", text="b"),
        Event(date="2026-12-31", granularity="day", text="c", planned=True),
        Event(date="không rõ", granularity="day", text="d"),
    ]
    t = timeline_svg(events, "2026-06-01")
    assert [d["index"] for d in t["dots"]] == [0, 1, 2]
    xs = [d["x"] for d in t["dots"]]
    assert xs[0] == t["x0"] and xs[2] == t["x1"]
    # two events a day apart would touch: the second goes up a lane
    assert t["dots"][0]["y"] != t["dots"][1]["y"]
    assert [d["planned"] for d in t["dots"]] == [False, False, True]
    assert t["x0"] < t["marker"]["x"] < t["x1"]
    assert t["breaks"] == []  # gaps of a similar size: a plain time axis
    assert [tick["label"] for tick in t["ticks"]] == ["1/1/2026", "31/12/2026"]
    one = [Event(date="2026-01-01", granularity="day", text="x")]
    assert timeline_svg(one, "2026-02-01") is None  # one event: the list alone says it


def test_one_old_event_does_not_squash_the_rest() -> None:
    days = ["2010", "2026-10-23", "2026-11-01", "2026-11-20", "2026-11-27"]
    t = timeline_svg([Event(date=d, granularity="day", text=d) for d in days], "2026-11-28")
    xs = [d["x"] for d in t["dots"]]
    assert xs == sorted(xs)
    assert min(b - a for a, b in zip(xs[1:], xs[2:], strict=False)) > 50
    assert len(t["breaks"]) == 1 and xs[0] < t["breaks"][0] < xs[1]  # the 16 years, cut short


@given(
    st.lists(
        st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), min_size=2, max_size=30
    )
)
def test_timeline_dots_stay_inside_the_drawing(days) -> None:
    events = [Event(date=d.isoformat(), granularity="day", text="x") for d in days]
    t = timeline_svg(events, None)
    if len(set(days)) < 1:
        return
    assert len(t["dots"]) == len(days)
    assert all(t["x0"] <= d["x"] <= t["x1"] and 0 < d["y"] < t["axis_y"] for d in t["dots"])
    assert len(t["ticks"]) <= 14


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://vnexpress.net/a", True),
        ("HTTP://x.vn", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example/x", False),
        ("/local", False),
        ('https://x.vn/"onmouseover=', False),
        (None, False),
    ],
)
def test_safe_url(url, kept) -> None:
    assert (safe_url(url) is not None) is kept


def test_media_finder(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.webp").write_bytes(b"RIFF")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("x")
    media = MediaFinder(tmp_path)
    assert media.url("images/a.webp") == "/media/images/a.webp"
    assert media.url("/images/a.webp") == "/media/images/a.webp"
    assert media.url("images/missing.webp") is None
    assert media.url("posts/a.md") is None
    assert media.url("../images/a.webp") is None
    assert media.url("https://example.invalid/a.webp") is None
    assert media.file("images/a.webp") == (tmp_path / "images" / "a.webp").resolve()
    assert media.file("../../etc/passwd") is None


def test_parameters() -> None:
    assert clean_param("q", "  gạo  ") == "gạo"
    assert clean_param("q", "   ") is None
    with pytest.raises(BadParameter, match="q: 201 characters; at most 200"):
        clean_param("q", "x" * 201)
    with pytest.raises(BadParameter, match="control characters"):
        clean_param("q", "a\x00b")
    assert parse_day("date_from", "2026-02-28") == "2026-02-28"
    with pytest.raises(BadParameter, match="not a real date"):
        parse_day("date_from", "2026-02-29")
    with pytest.raises(BadParameter, match="YYYY-MM-DD"):
        parse_day("date_to", "28/02/2026")


def test_pager() -> None:
    p = Pager(2, 10, 25)
    assert (p.pages, p.offset, p.has_prev, p.has_next) == (3, 10, True, True)
    assert Pager(1, 10, 0).check().pages == 1
    with pytest.raises(NotFound, match="page 4 does not exist: there are 3 page"):
        Pager(4, 10, 25).check()
