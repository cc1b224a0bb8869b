"""What the people tests ask of the entity extractor: names found, and their mentions."""

from __future__ import annotations

from pathlib import Path

from newsdesk.understand.entities import extract_entities

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "understand"


def people(text: str) -> set[str]:
    return {p.name for p in extract_entities(text)[0]}


def mentions(text: str) -> dict[str, set[str]]:
    return {p.name: {m.text for m in p.mentions} for p in extract_entities(text)[0]}
