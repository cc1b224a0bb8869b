"""Exact copies and near-copies are found; different reports of one event are not copies."""

from __future__ import annotations

from group_fixtures import fixture_articles

from newsdesk.group.dedup import Deduper, exact_key, signature
from newsdesk.group.params import DEFAULT


def _by_id() -> dict[str, str]:
    return {a.id: a.body for a, _ in fixture_articles()}


def _index(*bodies: tuple[str, str]) -> Deduper:
    d = Deduper(DEFAULT)
    for i, (aid, body) in enumerate(bodies):
        d.add(signature(aid, 739000.0 + i, body, DEFAULT))
    return d


def test_exact_copy_ignores_case_spacing_and_punctuation() -> None:
    body = _by_id()["lu-01"]
    assert exact_key(body) == exact_key("  " + body.upper().replace(", ", " ,  ") + " ")
    d = _index(("lu-01", body))
    copy = d.find(signature("copy", 739001.0, body.replace(".", " . "), DEFAULT))
    assert copy is not None and copy.original == "lu-01" and copy.kind == "exact"


def test_near_copy_with_new_lead_other_byline_and_trimmed_ending() -> None:
    body = _by_id()["lu-01"]
    paragraphs = body.split("\n\n")
    wire = "\n\n".join(
        ["(TTXVN) Mưa lớn trút xuống miền Trung từ đêm qua, nước các sông lên rất nhanh."]
        + paragraphs[1:]
    )
    wire = wire[: int(len(wire) * 0.85)] + "\n\nPhóng viên Minh Anh/Đà Nẵng"
    d = _index(("lu-01", body))
    copy = d.find(signature("wire", 739001.0, wire, DEFAULT))
    assert copy is not None
    assert copy.original == "lu-01" and copy.kind == "near"
    assert copy.containment >= DEFAULT.dup_containment
    assert "near-copy of lu-01" in copy.reason


def test_other_reports_of_the_same_event_are_not_copies() -> None:
    bodies = _by_id()
    d = _index(("lu-01", bodies["lu-01"]), ("metro-01", bodies["metro-01"]))
    for other in ("lu-02", "lu-03", "metro-02"):
        assert d.find(signature(other, 739001.0, bodies[other], DEFAULT)) is None


def test_a_quoted_paragraph_is_not_a_copy_of_the_long_report() -> None:
    body = _by_id()["lu-01"]
    quote = body.split("\n\n")[1]
    d = _index(("lu-01", body))
    assert d.find(signature("short", 739001.0, quote, DEFAULT)) is None


def test_old_signatures_leave_the_window() -> None:
    body = _by_id()["lu-01"]
    d = Deduper(DEFAULT)
    d.add(signature("old", 739000.0, body, DEFAULT))
    d.add(signature("new", 739000.0 + DEFAULT.dup_window_days + 1, _by_id()["metro-01"], DEFAULT))
    assert "old" not in d.sigs and len(d) == 1
    assert d.find(signature("again", 739100.0, body, DEFAULT)) is None
