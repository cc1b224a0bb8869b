"""The glossary: how names (people, places, organisations) are written in Vietnamese.

Terms come from, later winning: the bundled base list (``newsdesk/data/translate/glossary_ja_vi.toml``),
the names the store has learnt (the entity registry's aliases, and renderings confirmed by earlier
translations), and the user's file (setting ``glossary``, TOML or CSV). The terms that occur in a
text go into the prompt; after translation ``enforce`` fixes what it can (a name left in its
original script, the order of a person's names) and flags what it cannot (the rendering is missing).

TOML::

    [person]
    "高市早苗" = "Takaichi Sanae"
    [place]
    "日本" = { target = "Nhật Bản", also = ["Nhật"] }
    [organization]
    "自民党" = { target = "Đảng Dân chủ Tự do", also = ["LDP"], wrong = ["Đảng Tự do Dân chủ"] }

CSV (header optional): ``source,target,kind,also,wrong`` with ``|`` between alternatives.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError

CJK_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

KINDS = {
    "person": "person", "people": "person", "persons": "person", "name": "person", "names": "person",
    "place": "place", "places": "place",
    "organization": "organization", "organizations": "organization", "organisation": "organization",
    "organisations": "organization", "org": "organization",
    "term": "term", "terms": "term",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    target: str
    kind: str = "term"
    also: tuple[str, ...] = ()  # other renderings that are acceptable
    wrong: tuple[str, ...] = ()  # renderings to replace by ``target``
    origin: str = "glossary"  # base | glossary | registry | reading
    enforced: bool = True  # flag the translation when the rendering is missing

    def wrong_forms(self) -> tuple[str, ...]:
        forms = list(self.wrong)
        words = self.target.split()
        if self.kind == "person" and len(words) == 2 and words[0].isascii():
            forms.append(f"{words[1]} {words[0]}")  # "Sanae Takaichi" for "Takaichi Sanae"
        return tuple(f for f in forms if f and f != self.target and f not in self.also)


@dataclass
class Glossary:
    terms: dict[str, Term] = field(default_factory=dict)

    def add(self, term: Term) -> None:
        if term.source and term.target and term.source != term.target:
            self.terms[term.source] = term

    def extend(self, terms: Iterable[Term]) -> Glossary:
        for term in terms:
            self.add(term)
        return self

    def __len__(self) -> int:
        return len(self.terms)

    def found_in(self, text: str) -> list[Term]:
        """Terms whose source occurs in ``text``, longest first."""
        return sorted(
            (t for t in self.terms.values() if t.source in text), key=lambda t: -len(t.source)
        )

    def prompt_lines(self, text: str) -> list[str]:
        lines = []
        for term in self.found_in(text):
            extra = f" (also: {', '.join(term.also)})" if term.also else ""
            lines.append(f"{term.source} = {term.target}{extra}")
        return lines

    def enforce(self, source: str, output: str) -> tuple[str, list[str], list[str]]:
        """(fixed output, fixes made, problems left) for the terms of ``source``."""
        fixes: list[str] = []
        problems: list[str] = []
        for term in self.found_in(source):
            if term.source in output:
                output = output.replace(term.source, term.target)
                fixes.append(f"{term.source} left untranslated, written {term.target}")
            for wrong in term.wrong_forms():
                # scan left to right, the right form first: "Takaichi Sanae Takaichi Sanae"
                # holds "Sanae Takaichi" only across two right ones, which stay
                pattern = re.compile(
                    rf"(?<!\w)(?:({re.escape(term.target)})|{re.escape(wrong)})(?!\w)",
                    re.IGNORECASE,
                )
                hits = [m for m in pattern.finditer(output) if m.group(1) is None]
                if hits:
                    output = pattern.sub(
                        lambda m, t=term.target: m.group(0) if m.group(1) else t, output
                    )
                    fixes.append(f"{hits[0].group(0)} written {term.target}")
            if not term.enforced:
                continue
            accepted = (term.target, *term.also)
            if not any(
                re.search(rf"(?<!\w){re.escape(a)}(?!\w)", output, re.IGNORECASE) for a in accepted
            ):
                problems.append(f"glossary: {term.source} must be rendered {term.target!r}")
            else:
                # right words, wrong case ("takaichi sanae"): fix the case
                exact = re.compile(rf"(?<!\w){re.escape(term.target)}(?!\w)", re.IGNORECASE)
                for m in list(exact.finditer(output)):
                    if m.group(0) != term.target:
                        output = output.replace(m.group(0), term.target)
                        fixes.append(f"{m.group(0)} written {term.target}")
        return output, fixes, problems


def _term(source: str, value: Any, kind: str, origin: str, where: str) -> Term:
    if isinstance(value, str):
        return Term(source.strip(), value.strip(), kind, origin=origin)
    if isinstance(value, dict) and isinstance(value.get("target"), str):
        also = value.get("also", [])
        wrong = value.get("wrong", [])
        if isinstance(also, str):
            also = [also]
        if isinstance(wrong, str):
            wrong = [wrong]
        return Term(
            source.strip(),
            value["target"].strip(),
            kind,
            tuple(also),
            tuple(wrong),
            origin,
            bool(value.get("enforced", True)),
        )
    raise ConfigError(f"{where}: glossary entry {source!r} needs a string or {{target = ...}}")


def parse_toml(text: str, *, origin: str = "glossary", where: str = "glossary") -> list[Term]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{where}: {e}") from e
    terms: list[Term] = []
    for section, entries in data.items():
        kind = KINDS.get(section.lower())
        if kind is None or not isinstance(entries, dict):
            raise ConfigError(
                f"{where}: unknown glossary section [{section}] "
                f"(use person, place, organization or term)"
            )
        for source, value in entries.items():
            terms.append(_term(source, value, kind, origin, where))
    return terms


def parse_csv(text: str, *, origin: str = "glossary", where: str = "glossary") -> list[Term]:
    terms: list[Term] = []
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if n == 1 and row[0].strip().lower() == "source":
            continue
        if len(row) < 2 or not row[1].strip():
            raise ConfigError(f"{where}:{n}: a glossary row needs source,target")
        kind = (
            KINDS.get(row[2].strip().lower(), "term") if len(row) > 2 and row[2].strip() else "term"
        )
        also = tuple(a.strip() for a in row[3].split("|") if a.strip()) if len(row) > 3 else ()
        wrong = tuple(w.strip() for w in row[4].split("|") if w.strip()) if len(row) > 4 else ()
        terms.append(Term(row[0].strip(), row[1].strip(), kind, also, wrong, origin))
    return terms


def load_file(path: str | Path) -> list[Term]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(f"glossary {path}: {e.strerror or e}") from e
    if path.suffix.lower() == ".csv":
        return parse_csv(text, where=str(path))
    return parse_toml(text, where=str(path))


def base_terms() -> list[Term]:
    text = (resources.files("newsdesk") / "data" / "translate" / "glossary_ja_vi.toml").read_text(
        "utf-8"
    )
    return parse_toml(text, origin="base", where="glossary_ja_vi.toml")


def store_terms(store: Any) -> list[Term]:
    """Names the store already knows: renderings confirmed by earlier translations, and the
    entity registry's aliases written in Japanese/Chinese script (高市早苗 → its entity's name)."""
    terms: list[Term] = []
    learnt: dict[str, dict] = {}
    if hasattr(store, "name_renderings"):
        learnt = {r["source_name"]: r for r in store.name_renderings()}
    for row in learnt.values():
        enforced = row["origin"] in ("glossary", "registry")
        terms.append(
            Term(
                row["source_name"],
                row["rendering"],
                row["kind"],
                origin=row["origin"],
                enforced=enforced,
            )
        )
    if hasattr(store, "iter_entities") and hasattr(store, "entity"):
        for row in store.iter_entities():
            entity = store.entity(row["id"]) or {}
            names = {row["name"], *entity.get("aliases", [])}
            for alias in entity.get("aliases", []):
                if not CJK_NAME.search(alias):
                    continue
                known = learnt.get(alias)
                if known is not None and known["rendering"] in names:
                    # the rendering the translations used, now confirmed by the registry
                    terms.append(Term(alias, known["rendering"], row["kind"], origin="registry"))
                    continue
                words = row["name"].split()
                also = (f"{words[1]} {words[0]}",) if len(words) == 2 else ()
                terms.append(Term(alias, row["name"], row["kind"], also, origin="registry"))
    return terms


def link_renderings(store: Any) -> int:
    """Add every learnt source-script name as an alias of the registry entity its rendering
    names (高市早苗 → the entity "Takaichi Sanae"), once that entity exists. Returns how many
    aliases were added. Safe to call often: entities appear when the understand stage runs."""
    if not (hasattr(store, "entity_by_name") and hasattr(store, "registry_add_alias")):
        return 0
    from newsdesk.understand.names import name_key

    added = 0
    for row in store.name_renderings():
        entity = store.entity_by_name(row["rendering"], row["kind"])
        if entity is None or row["source_name"] in entity.get("aliases", []):
            continue
        store.registry_add_alias(
            row["kind"], name_key(row["source_name"]), entity["id"], row["source_name"]
        )
        added += 1
    return added


def load_glossary(settings: Any = None, store: Any = None) -> Glossary:
    glossary = Glossary().extend(base_terms())
    if store is not None:
        glossary.extend(store_terms(store))
    path = getattr(settings, "glossary", "") if settings is not None else ""
    if path:
        glossary.extend(load_file(path))
    return glossary
