"""The TF-IDF baseline every grouping evaluation can print beside the production scores."""

from __future__ import annotations

import json
import random

import numpy as np
from group_fixtures import fixture_articles, write_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.group.baseline import (
    FIXED_THRESHOLD,
    batch_labels,
    evaluate_baseline,
    stream_labels,
    tfidf,
)
from newsdesk.group.evaluate import Labelled


def _partition(ids: list[str], labels: list[int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for i, label in zip(ids, labels, strict=True):
        groups.setdefault(label, set()).add(i)
    return {frozenset(g) for g in groups.values()}


def _fixtures() -> tuple[list[str], list[tuple[str, str]], set[frozenset[str]]]:
    rows = fixture_articles()
    ids = [a.id for a, _ in rows]
    gold: dict[str, set[str]] = {}
    for a, story in rows:
        gold.setdefault(story, set()).add(a.id)
    return ids, [(a.title or "", a.body) for a, _ in rows], {frozenset(g) for g in gold.values()}


def test_the_baseline_on_the_fixture_stories() -> None:
    ids, texts, gold = _fixtures()
    vectors = tfidf(texts)
    # average linkage at 0.25 leaves two reports apart (a match preview, the law's third report)
    assert _partition(ids, batch_labels(vectors, FIXED_THRESHOLD)) == {
        frozenset({"bong-01", "bong-03"}),
        frozenset({"bong-02"}),
        frozenset({"lu-01", "lu-02"}),
        frozenset({"lu-03"}),
        frozenset({"metro-01", "metro-02", "metro-03"}),
        frozenset({"xang-01", "xang-02"}),
    }
    # one pass in the fixtures' order finds the four stories
    assert _partition(ids, stream_labels(vectors, list(range(len(ids))), FIXED_THRESHOLD)) == gold


def test_vectors_are_unit_length_and_identical_texts_are_identical() -> None:
    text = ("Giá gạo tăng", "Giá gạo xuất khẩu tăng mạnh.")
    vectors = tfidf([text, text, ("Bão số 9", "Bão đổ bộ miền Trung.")])
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)
    sims = (vectors @ vectors.T).toarray()
    assert np.isclose(sims[0, 1], 1.0) and sims[0, 2] == 0.0


WORDS = ["lũ", "bão", "metro", "giá", "gạo", "vé", "tàu", "mưa", "đê", "xe", "thuế", "luật"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=2, max_size=12),
    st.integers(0, 1000),
)
def test_thresholds_bound_the_partition(bags: list[list[str]], seed: int) -> None:
    vectors = tfidf([("", " ".join(b)) for b in bags])
    n = len(bags)
    order = list(range(n))
    random.Random(seed).shuffle(order)
    # nothing is similar enough past 1: every article alone
    assert len(set(batch_labels(vectors, 1.01))) == n
    assert len(set(stream_labels(vectors, order, 1.01))) == n
    # everything is similar enough at -1: one group
    assert len(set(batch_labels(vectors, -1.0))) == 1
    assert len(set(stream_labels(vectors, order, -1.0))) == 1
    # the same input gives the same labels
    assert stream_labels(vectors, order, 0.3) == stream_labels(vectors, order, 0.3)


def test_evaluate_baseline_reports_fixed_and_best_thresholds() -> None:
    data = [Labelled(a, story) for a, story in fixture_articles()]
    result = evaluate_baseline(data)
    assert set(result) == {"batch_fixed", "batch_best", "stream_fixed", "stream_best"}
    assert result["batch_fixed"]["threshold"] == FIXED_THRESHOLD
    assert result["batch_fixed"]["stories"] == 6
    assert result["batch_best"]["bcubed_f1"] >= result["batch_fixed"]["bcubed_f1"]
    assert result["stream_best"]["bcubed_f1"] >= result["stream_fixed"]["bcubed_f1"]


def test_cli_prints_the_baseline_and_the_margin(tmp_path) -> None:
    data = write_jsonl(tmp_path / "gold.jsonl")
    runner = CliRunner()
    out = runner.invoke(
        app, ["eval", "grouping", str(data), "--format", "jsonl", "--json", "--baseline"]
    )
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    ref = result["baseline"]
    assert ref["batch_margin"] == round(
        result["batch"]["bcubed_f1"] - ref["batch_best"]["bcubed_f1"], 4
    )
    text = runner.invoke(app, ["eval", "grouping", str(data), "--format", "jsonl", "--baseline"])
    assert text.exit_code == 0
    assert (
        "baseline batch   B-cubed F1 " in text.stdout
        and " at 0.25 (best in hindsight" in text.stdout
    )
    assert "margin over the best" in text.stdout
