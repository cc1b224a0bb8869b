"""The understanding gold set (tests/data/understand_gold) and the scorer that uses it.

Three groups: the scorer on hand-built records (always run), the gold file's own sanity (its
spans must be in the VMDS articles, so that part skips without ../shared), and the evaluation
itself, which prints the scores and fails under the issue's bars.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.errors import Rejected
from newsdesk.model import Entity, Figure, Mention, TimeRef
from newsdesk.understand import evaluate as ev

GOLD = Path(__file__).resolve().parents[1] / "data" / "understand_gold" / "vmds_gold.jsonl"
BARS = {"dates": 0.95, "figures": 0.95, "people": 0.90}

# A tiny corpus of our own, laid out like VMDS.
ARTICLE = (
    "Ngày 23-10, tỉnh Quảng Nam cho biết mưa lũ làm 12 người thiệt mạng, "
    "thiệt hại khoảng 1.200 tỷ đồng. Ông Nguyễn Văn An, Chủ tịch tỉnh, nói giá gạo tăng 27,5% "
    "so với tháng 9. Từ 23/10 đến hết ngày 25/10 trời còn mưa. Ông An hẹn gặp lại năm 2014."
)
GOLD_RECORD = {
    "doc": "cluster_1/1.body.txt",
    "anchor": "2013-10-24",
    "dates": [
        {"text": "Ngày 23-10", "value": "2013-10-23", "granularity": "day"},
        {"text": "tháng 9", "value": "2013-09", "granularity": "month"},
        {
            "text": "23/10 đến hết ngày 25/10",
            "value": "2013-10-23",
            "granularity": "range",
            "end": "2013-10-25",
        },
        {"text": "năm 2014", "value": "2014", "granularity": "year"},
    ],
    "figures": [
        {"text": "12 người", "value": 12, "unit": "person"},
        {"text": "1.200 tỷ đồng", "value": 1200000000000, "unit": "VND"},
        {"text": "27,5%", "value": 27.5, "unit": "percent"},
    ],
    "people": ["Nguyễn Văn An"],
}


def _at(text: str, needle: str) -> int:
    return ARTICLE.index(needle)


def _fake_dates(text: str, anchor: date) -> list[TimeRef]:
    assert anchor == date(2013, 10, 24)
    return [
        TimeRef("Ngày 23-10", "2013-10-23", "day", 0, start=_at(text, "Ngày 23-10")),
        TimeRef("tháng 9", "2013-09", "day", 1, start=_at(text, "tháng 9")),  # wrong granularity
        TimeRef("23/10", "2013-10-23", "day", 2, start=_at(text, "23/10")),  # range read as a day
        TimeRef("Ngày", "2013-10-24", "day", 0),  # spurious, located by text only
    ]


def _fake_figures(text: str) -> list[Figure]:
    return [
        Figure("12 người", 12.0, "người", 0, start=_at(text, "12 người")),  # alias of person
        Figure("1.200 tỷ đồng", 1.2e12 * (1 + 1e-12), "đồng", 0, start=_at(text, "1.200 tỷ")),
        Figure("27,5%", 2.75, "percent", 1, start=_at(text, "27,5%")),  # wrong value
        Figure("2014", 2014.0, "count", 3, start=_at(text, "2014")),  # spurious
    ]


def _fake_entities(text: str) -> tuple[list[Entity], list[Entity], list[Entity]]:
    people = [
        Entity("An", "person", mentions=[Mention("Nguyễn  Văn An", 1), Mention("An", 2)]),
        Entity("Quảng Nam", "person"),  # spurious
    ]
    return people, [], []


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    doc = tmp_path / "vmds" / "clusters" / "cluster_1" / "1.body.txt"
    doc.parent.mkdir(parents=True)
    doc.write_text(ARTICLE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setattr(
        ev,
        "_extractors",
        lambda: (
            {"dates": _fake_dates, "figures": _fake_figures, "people": _fake_entities},
            {},
        ),
    )
    return gold, tmp_path / "vmds"


# ---------------------------------------------------------------- the scorer


def test_scores_on_a_hand_built_article(tiny: tuple[Path, Path]) -> None:
    result = ev.evaluate(*tiny)
    assert ev.summary(result) == {
        "dates": {"precision": 0.25, "recall": 0.25, "f1": 0.25, "gold": 4, "predicted": 4},
        "figures": {"precision": 0.5, "recall": 0.6667, "f1": 0.5714, "gold": 3, "predicted": 4},
        "people": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "gold": 1, "predicted": 2},
    }
    assert result["dates"]["error_classes"] == {
        "wrong granularity": 2,
        "missed": 1,
        "extra": 1,
    }
    assert result["figures"]["error_classes"] == {"wrong value": 1, "spurious": 1}
    wrong = next(e for e in result["figures"]["errors"] if e["kind"] == "wrong value")
    assert wrong["text"] == "27,5%" and wrong["expected"] == "27.5 percent"


def test_a_missing_extractor_scores_zero_and_says_why(
    tiny: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        ev,
        "_extractors",
        lambda: ({"dates": _fake_dates}, {"people": "entities not available"}),
    )
    result = ev.evaluate(*tiny)
    assert result["people"]["unavailable"] == "entities not available"
    assert ev.summary(result)["people"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "gold": 1,
        "predicted": 0,
    }


def test_matching_is_one_to_one() -> None:
    score = ev.FieldScore()
    gold = [ev.Span(0, 7, "năm nay", ("year", "2013", None), "2013 (year)")]
    twice = [ev.Span(0, 7, "năm nay", ("year", "2013", None), "") for _ in range(2)]
    ev.match_spans("d", gold, twice, score, lambda g, p: g.key == p.key)
    assert (score.gold, score.predicted, score.matched) == (1, 2, 1)
    # the second copy overlaps a gold item already answered: an "extra", not a "spurious"
    assert [e["kind"] for e in score.errors] == ["extra"]


@pytest.mark.parametrize(
    ("unit", "key"),
    [
        ("tấn", "tonne"),
        ("VND", "vnd"),
        ("đồng", "vnd"),
        ("%", "percent"),
        ("country", "count"),
        ("JPY", "jpy"),
        ("minute", "count"),
        ("GB", "gb"),
    ],
)
def test_unit_folding(unit: str, key: str) -> None:
    assert ev.unit_key(unit) == key


def test_season_spellings_fold_together() -> None:
    assert ev.date_key("season", "2013-S4", None) == ev.date_key("season", "2013-winter", None)
    assert ev.date_key("season", "2013-24", None) == ev.date_key("season", "2013-Winter", None)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"anchor": "23/10/2013"}, "anchor"),
        (
            {"dates": [{"text": "x", "value": "2013-13", "granularity": "month"}]},
            "not a real month",
        ),
        ({"dates": [{"text": "x", "value": "2013-10", "granularity": "week"}]}, "granularity"),
        (
            {"dates": [{"text": "x", "value": "2013", "granularity": "range", "end": "2012"}]},
            "ends before",
        ),
        ({"figures": [{"text": "x", "value": "12", "unit": "person"}]}, "not a number"),
        ({"people": [""]}, "person 0 is empty"),
    ],
)
def test_malformed_gold_is_rejected_with_the_line_and_reason(
    tmp_path: Path, change: dict, problem: str
) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(
        json.dumps({**GOLD_RECORD, **change}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with pytest.raises(Rejected, match=rf"g\.jsonl:1: .*{problem}"):
        ev.load_gold(path)


def test_gold_span_absent_from_the_article_is_rejected(tiny: tuple[Path, Path]) -> None:
    gold, data = tiny
    bad = {**GOLD_RECORD, "dates": [{"text": "ngày 99-99", "value": "2013", "granularity": "year"}]}
    gold.write_text(json.dumps(bad, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(Rejected, match="cluster_1/1.body.txt: date text 'ngày 99-99' not found"):
        ev.evaluate(gold, data)


def test_context_pins_down_a_short_span() -> None:
    text = "bầu cử ngày 28/7, tăng trưởng từ 7-7,2%"
    items = [
        {"text": "7", "context": "7-7,2%", "value": 7, "unit": "percent"},
        {"text": "7,2%", "value": 7.2, "unit": "percent"},
    ]
    assert ev.locate_gold(text, items, "d", "figure") == [(33, 34), (35, 39)]
    assert ev.check_gold_record({**GOLD_RECORD, "figures": [{**items[0], "context": "8-9%"}]}, "x")


def test_cli_prints_the_json_contract(tiny: tuple[Path, Path]) -> None:
    from newsdesk.cli import app

    gold, data = tiny
    result = CliRunner().invoke(
        app, ["eval", "understand", "--gold", str(gold), "--data", str(data), "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"dates", "figures", "people"}
    assert out["people"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "gold": 1,
        "predicted": 2,
    }


def test_cli_says_when_the_data_is_missing(tmp_path: Path) -> None:
    from newsdesk.cli import app

    result = CliRunner().invoke(app, ["eval", "understand", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "VMDS data not found" in result.output


# ---------------------------------------------------------------- the gold file itself


def test_gold_file_size_and_form() -> None:
    records = ev.load_gold(GOLD)  # raises on any malformed record
    docs = [r["doc"] for r in records]
    assert len(records) >= 60 and len(set(docs)) == len(docs)
    assert len({d.split("/")[0] for d in docs}) >= 40
    assert sum(len(r["dates"]) for r in records) >= 300
    assert sum(len(r["figures"]) for r in records) >= 300
    assert sum(len(r["people"]) for r in records) >= 100
    for r in records:
        assert len(set(r["people"])) == len(r["people"]), r["doc"]


@pytest.mark.shared
def test_gold_spans_occur_in_their_articles(vmds_dir: Path) -> None:
    for r in ev.load_gold(GOLD):
        text = ev.read_article(vmds_dir, r["doc"])
        ev.locate_gold(text, r["dates"], r["doc"], "date")  # raises when a span is absent
        ev.locate_gold(text, r["figures"], r["doc"], "figure")
        folded = ev.fold(text)
        absent = [p for p in r["people"] if ev.fold(p) not in folded]
        assert not absent, f"{r['doc']}: people not in the text: {absent}"
        info = (vmds_dir / "clusters" / r["doc"].replace(".body.txt", ".info.txt")).read_text(
            encoding="utf-8"
        )
        d, m, y = re.search(r"TIME:\s*(\d+)/(\d+)/(\d{4})", info).groups()
        assert r["anchor"] == f"{int(y):04d}-{int(m):02d}-{int(d):02d}", r["doc"]


# ---------------------------------------------------------------- the evaluation


@pytest.mark.shared
def test_understanding_meets_the_bars_on_vmds(vmds_dir: Path) -> None:
    result = ev.evaluate(GOLD, vmds_dir)
    print()
    for f in ev.FIELDS:
        r = result[f]
        print(
            f"{f:8} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
            f"gold={r['gold']} predicted={r['predicted']} errors={r['error_classes']}"
        )
    below = {f: result[f]["f1"] for f, bar in BARS.items() if result[f]["f1"] < bar}
    assert not below, f"below the bars {BARS}: {below}"


# ---------------------------------------------------------------- the people-only holdout

HOLDOUT = GOLD.with_name("vmds_people_holdout.jsonl")
# The first holdout (15 articles of clusters the gold file does not use, annotated before the
# people rules of UNDERSTAND_VERSION 2 were written) read 0.787, then 0.841; its errors were read
# from version 4 on, so it no longer measures unseen text (0.966 at version 5, docs/evaluation.md).
# The floor is that figure - 0.02, to catch regressions.
HOLDOUT_PEOPLE_FLOOR = 0.946


def test_a_people_only_row_is_scored_for_people_only(
    tiny: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    gold, data = tiny
    row = {"doc": GOLD_RECORD["doc"], "anchor": GOLD_RECORD["anchor"], "people": ["Nguyễn Văn An"]}
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    result = ev.evaluate(gold, data)
    assert ev.summary(result) == {
        "dates": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 0, "predicted": 0},
        "figures": {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 0, "predicted": 0},
        "people": {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "gold": 1, "predicted": 2},
    }
    assert (result["dates"]["articles"], result["people"]["articles"]) == (0, 1)


def test_a_row_with_no_field_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"doc": "cluster_1/1.body.txt", "anchor": "2013-10-24"}) + "\n")
    with pytest.raises(Rejected, match=r"g\.jsonl:1: none of the fields dates, figures, people"):
        ev.load_gold(path)


def test_holdout_file_form() -> None:
    records = ev.load_gold(HOLDOUT)
    gold_clusters = {r["doc"].split("/")[0] for r in ev.load_gold(GOLD)}
    assert len(records) == 15
    assert all(set(r) == {"doc", "anchor", "people"} for r in records)
    assert not {r["doc"].split("/")[0] for r in records} & gold_clusters
    assert sum(len(r["people"]) for r in records) >= 40


@pytest.mark.shared
def test_holdout_people_in_their_articles(vmds_dir: Path) -> None:
    for r in ev.load_gold(HOLDOUT):
        folded = ev.fold(ev.read_article(vmds_dir, r["doc"]))
        assert not [p for p in r["people"] if ev.fold(p) not in folded], r["doc"]


@pytest.mark.shared
def test_people_on_the_unseen_holdout(vmds_dir: Path) -> None:
    r = ev.evaluate(HOLDOUT, vmds_dir)["people"]
    print(
        f"\nholdout people P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
        f"gold={r['gold']} predicted={r['predicted']} errors={r['error_classes']}"
    )
    assert r["articles"] == 15
    assert r["f1"] >= HOLDOUT_PEOPLE_FLOOR, r["errors"]


# ---------------------------------------------------------------- the fresh people holdouts
# Three holdouts of 22 articles each, from VMDS clusters used by no file before them, each
# annotated by hand before the rules of the next UNDERSTAND_VERSION were written (GUIDE.md;
# history in docs/evaluation.md). Floors: the latest score - 0.02, a guard against regressions.
# - fresh: 0.797 unseen (v4), 0.843 at the end of v5; v6 was written from its errors: 0.982.
# - fresh2 (third): 0.871 unseen (v5), 0.901 at the end of v6; v7 partly from it: 0.971.
# - fresh3 (fourth): 0.932 unseen (v6), 0.932 at the end of v7. Only its scores are printed.
FRESH = GOLD.with_name("vmds_people_fresh.jsonl")
FRESH2 = GOLD.with_name("vmds_people_fresh2.jsonl")
FRESH3 = GOLD.with_name("vmds_people_fresh3.jsonl")
FRESH_HOLDOUTS = [
    # (label, file, files annotated before it, people, floor)
    ("fresh holdout", FRESH, [GOLD, HOLDOUT], 83, 0.962),
    ("third holdout", FRESH2, [GOLD, HOLDOUT, FRESH], 88, 0.951),
    ("fourth holdout", FRESH3, [GOLD, HOLDOUT, FRESH, FRESH2], 68, 0.912),
]
_IDS = [label for label, *_ in FRESH_HOLDOUTS]


@pytest.mark.parametrize(("label", "path", "before", "people", "floor"), FRESH_HOLDOUTS, ids=_IDS)
def test_fresh_file_form(label, path, before, people, floor) -> None:
    records = ev.load_gold(path)
    used = {r["doc"].split("/")[0] for earlier in before for r in ev.load_gold(earlier)}
    clusters = [r["doc"].split("/")[0] for r in records]
    assert len(records) == 22 and len(set(clusters)) == 22
    assert all(set(r) == {"doc", "anchor", "people"} for r in records)
    assert not set(clusters) & used
    assert all(len(set(r["people"])) == len(r["people"]) for r in records)
    assert sum(len(r["people"]) for r in records) == people


@pytest.mark.shared
@pytest.mark.parametrize(("label", "path", "before", "people", "floor"), FRESH_HOLDOUTS, ids=_IDS)
def test_fresh_people_in_their_articles(label, path, before, people, floor, vmds_dir: Path) -> None:
    for r in ev.load_gold(path):
        folded = ev.fold(ev.read_article(vmds_dir, r["doc"]))
        assert not [p for p in r["people"] if ev.fold(p) not in folded], r["doc"]


@pytest.mark.shared
@pytest.mark.parametrize(("label", "path", "before", "people", "floor"), FRESH_HOLDOUTS, ids=_IDS)
def test_people_on_the_fresh_holdouts(label, path, before, people, floor, vmds_dir: Path) -> None:
    r = ev.evaluate(path, vmds_dir)["people"]
    print(
        f"\n{label} people P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
        f"gold={r['gold']} predicted={r['predicted']}"
    )
    assert r["articles"] == 22
    assert r["f1"] >= floor, f"{label} people F1 {r['f1']:.3f}"
