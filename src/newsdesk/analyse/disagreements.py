"""Where the sources give different values for the same thing.

A false disagreement costs more trust than a missed one, so two values are only set against each
other when their *subject key* matches strongly, and never when one article alone gives both:

- **a change** ("giảm thuế ... từ 27,5% xuống còn 15%"): same unit, same topic, same base, same
  role (``from``/``to``) and the *same other end* (15%). Two sources that agree on where a change
  ended but not on where it started disagree on the start.
- **a level reached in a year** ("nâng chi tiêu quốc phòng lên 2% GDP vào năm 2027"): a reach verb,
  the same topic, the same figure (value, unit, base), and one target date after the verb (year,
  season or month; not the day the words were spoken). Dates that agree at the coarser granularity
  (2025 and 2025-10) are one side.
- **a plain measurement** ("14 người chết"): same unit, topic and base, no change, not
  approximate ("khoảng", "hơn"), not a level something is brought to (no reach verb, no
  "mục tiêu"), and an anchor: the one day the sentence dates it to ("tính đến chiều 16/10"), or
  a person, organisation or other proper name both sentences give (places do not count), from
  articles published at most ``PLAIN_MAX_DAYS_APART`` apart (a toll that rises over a week is
  news, not a disagreement). The same conflict seen through several anchors is told once.

A key under which one article gives two different values is too loose and is dropped, except
for a total and its breakdown (12 dead = 6 + 4 + 2 by province): the parts are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date

from newsdesk.analyse.figures import FigureMention, same_value
from newsdesk.analyse.lexicon import (
    DISAGREEMENT_MIN_ARTICLES,
    PLAIN_MAX_DAYS_APART,
    SPAN_OPENERS,
    TARGET_GRANULARITIES,
)
from newsdesk.analyse.text import compatible_dates, display_iso, has_phrase
from newsdesk.fileio import day_of
from newsdesk.model import Citation, Disagreement, Side, TimeRef


@dataclass(frozen=True, slots=True)
class _Found:
    """A disagreement, where it first appears, and the values it compares (for merging)."""

    order: tuple[int, int]
    disagreement: Disagreement
    values: tuple[str, ...]  # the compared value of each side, in the sides' order


@dataclass(frozen=True, slots=True)
class _Claim:
    """One article's value for one subject key."""

    value: str  # what is compared: a figure value or an ISO date
    label: str  # how the side is written: "27,5%", "2027"
    citation: Citation
    article: str
    order: tuple[int, int]


def format_number(value: float) -> str:
    """Vietnamese convention: ``.`` groups thousands, ``,`` is the decimal mark."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, frac = f"{value:.6f}".rstrip("0").split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def format_figure(value: float, unit: str) -> str:
    if unit == "percent":
        return format_number(value) + "%"
    return f"{format_number(value)} {unit}"


def find_disagreements(mentions: list[FigureMention]) -> list[Disagreement]:
    found: list[_Found] = []
    found += _changes(mentions)
    found += _reached_dates(mentions)
    found += _plain(mentions)
    found.sort(key=lambda f: f.order)
    return [f.disagreement for f in found]


# ---------------------------------------------------------------- the three kinds


def _changes(mentions: list[FigureMention]) -> list[_Found]:
    groups: dict[Hashable, list[_Claim]] = {}
    topics: dict[Hashable, str] = {}
    for m in mentions:
        if m.role == "plain" or m.partner is None or m.topic is None:
            continue
        key = ("change", m.figure.unit, m.topic, m.base, m.role, round(m.partner, 9))
        groups.setdefault(key, []).append(_figure_claim(m))
        if key not in topics:
            end = format_figure(m.partner, m.figure.unit)
            label = _label(m)
            if m.role == "from":
                verb = "giảm xuống" if m.partner < m.figure.value else "tăng lên"
                topics[key] = f"{label} trước khi {verb} {end}"
            else:
                verb = "giảm" if m.partner > m.figure.value else "tăng"
                topics[key] = f"{label} sau khi {verb} từ {end}"
    return _collect(groups, topics, "figure", _same_number)


def _reached_dates(mentions: list[FigureMention]) -> list[_Found]:
    groups: dict[Hashable, list[_Claim]] = {}
    topics: dict[Hashable, str] = {}
    for m in mentions:
        if m.reach_at < 0 or m.topic is None or m.role == "from":
            continue
        targets = _targets(m)
        years = {t.value[:4] for t in targets}
        if len(years) != 1:
            continue  # no target date, or several: too unsure to compare
        ref = targets[0]
        key = ("reach", m.figure.unit, round(m.figure.value, 9), m.base, m.topic)
        cite = Citation(m.doc.id, m.figure.sentence, ref.text)
        groups.setdefault(key, []).append(
            _Claim(ref.value, ref.value, cite, m.doc.id, (m.doc.order, m.figure.sentence))
        )
        if key not in topics:
            what = m.figure.text
            if m.base == "gdp" and "gdp" not in what.lower():
                what += " GDP"
            label = _label(m).lower()
            topics[key] = f"Thời điểm {label} đạt {what}"
    return _collect(groups, topics, "date", compatible_dates)


def _plain(mentions: list[FigureMention]) -> list[_Found]:
    """Measurements keyed by what they measure plus an anchor: the one day the sentence dates
    them to ("tính đến chiều 16/10"), or a person or organisation the sentence names."""
    groups: dict[Hashable, list[_Claim]] = {}
    topics: dict[Hashable, str] = {}
    for m in mentions:
        if m.role != "plain" or not m.topic or m.approximate or _target(m):
            continue
        base = (m.figure.unit, m.topic, m.base)
        label = _label(m)
        day = _sentence_day(m)
        if day is not None:
            key = ("plain-day", *base, day)
            groups.setdefault(key, []).append(_figure_claim(m))
            topics.setdefault(key, f"{label} tính đến {display_iso(day)}")
        for ident, name in _named(m):
            key = ("plain-entity", *base, ident)
            groups.setdefault(key, []).append(_figure_claim(m))
            topics.setdefault(key, f"{label} ({name})")
    published = {
        m.doc.id: _day(m.doc.member.published or m.doc.article.published) for m in mentions
    }
    for key in list(groups):
        if key[0] != "plain-entity":
            continue
        days = [d for c in groups[key] if (d := published.get(c.article)) is not None]
        if days and (max(days) - min(days)).days > PLAIN_MAX_DAYS_APART:
            del groups[key]  # a count that moves over days is news, not a disagreement
    return _merge(_collect(groups, topics, "figure", _same_number))


def _merge(
    found: list[_Found],
) -> list[_Found]:
    """One disagreement per set of values: the same conflict seen through several anchors
    (a name, a date) is told once, with every citation."""
    merged: dict[frozenset[str], _Found] = {}
    for f in found:
        key = frozenset(f.values)
        if key not in merged:
            merged[key] = f
            continue
        kept = merged[key]
        union = {
            v: list(s.citations) for v, s in zip(kept.values, kept.disagreement.sides, strict=True)
        }
        for value, side in zip(f.values, f.disagreement.sides, strict=True):
            have = {(c.article, c.sentence) for c in union[value]}
            union[value] += [c for c in side.citations if (c.article, c.sentence) not in have]
        sides_of: dict[str, str] = {}
        if any(
            sides_of.setdefault(c.article, value) != value
            for value, cites in union.items()
            for c in cites
        ):
            continue  # the anchors disagree on who says what: keep the first reading only
        richer = max(
            (kept.disagreement, f.disagreement),
            key=lambda d: sum(len(s.citations) for s in d.sides),
        )
        sides = [
            Side(s.value, union[v])
            for v, s in zip(kept.values, kept.disagreement.sides, strict=True)
        ]
        merged[key] = _Found(
            min(f.order, kept.order),
            Disagreement(topic=richer.topic, kind=kept.disagreement.kind, sides=sides),
            kept.values,
        )
    return list(merged.values())


# ---------------------------------------------------------------- helpers


def _label(m: FigureMention) -> str:
    """What the figure measures: the source's own words when they name the topic."""
    of = (m.figure.of or "").strip()
    if of and m.topic and m.topic in of.lower() and of.lower() != m.topic and len(of) <= 60:
        return of[:1].upper() + of[1:]
    return m.topic_label or m.topic or ""


def _figure_claim(m: FigureMention) -> _Claim:
    return _Claim(
        repr(round(m.figure.value, 9)),
        m.figure.text,
        m.citation,
        m.doc.id,
        (m.doc.order, m.figure.sentence),
    )


def _same_number(a: str, b: str) -> bool:
    return same_value(float(a), float(b))


def _targets(m: FigureMention) -> list[TimeRef]:
    out: list[TimeRef] = []
    for ref in m.doc.understanding.dates:
        if ref.sentence != m.figure.sentence or ref.granularity not in TARGET_GRANULARITIES:
            continue
        pos = m.sentence.find(ref.text) if ref.text else -1
        if pos < 0 or pos < m.reach_at:
            continue
        head = m.sentence[:pos].rstrip().lower()
        if any(head.endswith(o) for o in SPAN_OPENERS):
            continue
        out.append(ref)
    return out


_PROPER = re.compile(r"(?<![\w])([A-ZĐ][\w-]*(?:\s+[A-ZĐ][\w-]*)+)")


def _named(m: FigureMention) -> list[tuple[str, str]]:
    """(key, name) of what the figure's sentence names: the people and organisations the
    understand stage found, and runs of capitalised words after the first ("Hanseo Display")."""
    u = m.doc.understanding
    found: dict[str, str] = {}
    for ent in (*u.people, *u.organizations):
        if any(x.sentence == m.figure.sentence for x in ent.mentions):
            found.setdefault(ent.id or ent.name.lower(), ent.name)
    places = {
        text.lower() for ent in u.places for text in (ent.name, *(x.text for x in ent.mentions))
    }
    first = re.match(r"\s*\S+", m.sentence)
    skip = first.end() if first else 0
    for run in _PROPER.finditer(m.sentence):
        name = run.group(1)
        if run.start() < skip:
            name = name.split(None, 1)[1] if " " in name[: run.end() - run.start()] else ""
            if " " not in name:
                continue
        if name.lower() in places:
            continue
        found.setdefault("name:" + name.lower(), name)
    return sorted(found.items())


def _sentence_day(m: FigureMention) -> str | None:
    days = {
        t.value
        for t in m.doc.understanding.dates
        if t.sentence == m.figure.sentence and t.granularity == "day"
    }
    return days.pop() if len(days) == 1 else None


def _target(m: FigureMention) -> bool:
    """A level something is brought to ("nâng ... lên 2% GDP", "yêu cầu tăng lên 5%") or a
    goal: not a measurement of what is."""
    return m.reach_at >= 0 or has_phrase(m.sentence, "mục tiêu")


def _day(published: str | None) -> date | None:
    return day_of(published)


def _collect(
    groups: dict[Hashable, list[_Claim]],
    topics: dict[Hashable, str],
    kind: str,
    agree: Callable[[str, str], bool],
) -> list[_Found]:
    out: list[_Found] = []
    for key, claims in groups.items():
        if len({c.article for c in claims}) < DISAGREEMENT_MIN_ARTICLES:
            continue
        claims = _without_breakdowns(claims)
        # sides: coarse values first, so "2025" gathers "2025-10"
        sides: list[tuple[str, str, list[_Claim]]] = []
        for claim in sorted(claims, key=lambda c: (len(c.value), c.order)):
            for value, _label, held in sides:
                if agree(value, claim.value):
                    held.append(claim)
                    break
            else:
                sides.append((claim.value, claim.label, [claim]))
        if len(sides) < 2:
            continue
        by_article: dict[str, int] = {}
        loose = False
        for i, (_v, _l, held) in enumerate(sides):
            for c in held:
                if by_article.setdefault(c.article, i) != i:
                    loose = True
        if loose:
            continue  # one article gives two values: the key does not pin one thing down
        if len({c.article for _v, _l, held in sides for c in held}) < DISAGREEMENT_MIN_ARTICLES:
            continue
        sides.sort(key=lambda s: min(c.order for c in s[2]))
        disagreement = Disagreement(
            topic=topics[key],
            kind=kind,
            sides=[
                Side(
                    value=value if kind == "date" else _side_label(label, held),
                    citations=_citations(held),
                )
                for value, label, held in sides
            ],
        )
        values = tuple(v for v, _l, _h in sides)
        out.append(_Found(min(c.order for c in claims), disagreement, values))
    return out


def _without_breakdowns(claims: list[_Claim]) -> list[_Claim]:
    """An article's total and its breakdown ("12 người chết … Huế 6 người, Quảng Trị 4 người và
    Đà Nẵng 2 người"): the parts that add up to a total the same article gives are not values of
    their own."""
    by_article: dict[str, list[_Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article, []).append(c)
    out: list[_Claim] = []
    for held in by_article.values():
        try:
            numbers = {c.value: float(c.value) for c in held}
        except ValueError:  # dates: no sums
            out.extend(held)
            continue
        if len(numbers) >= 3:
            for total, amount in numbers.items():
                parts = [v for k, v in numbers.items() if k != total]
                where = {c.citation.sentence for c in held if c.value == total}
                apart = {c.citation.sentence for c in held if c.value != total}
                # the total stands in a sentence of its own; the parts may share one
                if same_value(sum(parts), amount) and not where & apart:
                    held = [c for c in held if c.value == total]
                    break
        out.extend(held)
    return sorted(out, key=lambda c: c.order)


def _side_label(label: str, held: list[_Claim]) -> str:
    texts = [c.label for c in held]
    return max(set(texts), key=lambda t: (texts.count(t), -len(t))) if texts else label


def _citations(held: list[_Claim]) -> list[Citation]:
    seen: set[tuple[str, int]] = set()
    out: list[Citation] = []
    for c in sorted(held, key=lambda c: c.order):
        key = (c.citation.article, c.citation.sentence)
        if key not in seen:
            seen.add(key)
            out.append(c.citation)
    return out
