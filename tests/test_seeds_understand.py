"""The seed articles' expected.yaml, understand part: people (name + role), places,
organisations, dates, figures, quotes and one person per way of writing, through the real
reader. Skips when ../shared is absent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from newsdesk.model import Entity, Understanding
from newsdesk.read import read_document
from newsdesk.understand import understand_article
from newsdesk.understand.entities import strip_title
from newsdesk.understand.names import MemoryRegistry, fold

SEEDS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()


@pytest.fixture(scope="module")
def seeds() -> tuple[dict, dict[str, Understanding]]:
    folder = SEEDS
    if not (folder / "expected.yaml").exists():
        pytest.skip(f"{folder} is absent: the seed articles live beside the project in ../shared")
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    registry = MemoryRegistry()
    out: dict[str, Understanding] = {}
    for name in sorted(expected["articles"]):
        path = folder / name
        [article] = read_document(path.read_bytes(), str(path))
        out[name] = understand_article(article, registry=registry)
    return expected, out


def _names(entities: list[Entity]) -> set[str]:
    return {fold(e.name) for e in entities} | {fold(m.text) for e in entities for m in e.mentions}


def _find(entities: list[Entity], name: str) -> Entity | None:
    for e in entities:
        if fold(name) in {fold(e.name)} | {fold(m.text) for m in e.mentions}:
            return e
    return None


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _cases(kind: str) -> list[tuple[str, object]]:
    here = SEEDS / "expected.yaml"
    if not here.exists():
        return [("absent", None)]
    data = yaml.safe_load(here.read_text(encoding="utf-8"))
    return [(n, a) for n, a in sorted(data["articles"].items()) if a.get(kind)]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "spec"), _cases("people"))
def test_people(seeds, name: str, spec) -> None:
    _, out = seeds
    people = out[name].people
    for item in spec["people"]:
        found = _find(people, item["name"])
        assert found is not None, f"{name}: {item['name']} not among {[p.name for p in people]}"
        if item.get("role"):
            assert item["role"] in found.roles, f"{name}: {found.name} roles {found.roles}"


@pytest.mark.shared
@pytest.mark.parametrize("kind", ["places", "organizations"])
def test_places_and_organizations(seeds, kind: str) -> None:
    expected, out = seeds
    for name, spec in expected["articles"].items():
        for item in spec.get(kind) or []:
            got = _names(getattr(out[name], kind))
            assert fold(item) in got, f"{name}: {kind} {item!r} not in {sorted(got)}"


@pytest.mark.shared
def test_dates(seeds) -> None:
    expected, out = seeds
    for name, spec in expected["articles"].items():
        for text, value in (spec.get("dates") or {}).items():
            refs = [r for r in out[name].dates if text in r.text]
            assert refs, f"{name}: no date for {text!r}: {[r.text for r in out[name].dates]}"
            assert any(r.value == _iso(value) for r in refs), (
                f"{name}: {text!r} -> {[r.value for r in refs]}, expected {_iso(value)}"
            )


@pytest.mark.shared
def test_figures(seeds) -> None:
    expected, out = seeds
    for name, spec in expected["articles"].items():
        for text, want in (spec.get("figures") or {}).items():
            matches = [
                f
                for f in out[name].figures
                if f.text == text or (f.of and f"{f.text} {f.of}" == text)
            ]
            assert matches, (
                f"{name}: no figure {text!r}: {[(f.text, f.of) for f in out[name].figures]}"
            )
            assert any(
                f.unit == want["unit"] and f.value == pytest.approx(want["value"]) for f in matches
            ), f"{name}: {text!r} -> {[(f.value, f.unit) for f in matches]}"


@pytest.mark.shared
def test_quotes(seeds) -> None:
    expected, out = seeds
    for name, spec in expected["articles"].items():
        for speaker, start in (spec.get("quotes") or {}).items():
            quotes = [q for q in out[name].quotes if q.text.startswith(start)]
            assert quotes, f"{name}: no quote starting {start!r}"
            assert quotes[0].speaker == speaker, f"{name}: {start!r} by {quotes[0].speaker}"


@pytest.mark.shared
def test_one_person_each(seeds) -> None:
    expected, out = seeds
    for variants in expected["story"]["one_person_each"]:
        ids = set()
        for variant in variants:
            found = set()
            for u in out.values():
                for form in (variant, strip_title(variant)):
                    e = _find(u.people, form)
                    if e is not None:
                        found.add(e.id)
            assert found, f"{variant!r} found in no article"
            ids |= found
        assert len(ids) == 1, f"{variants}: {len(ids)} entities"
