"""Score the understanding extractors against the hand-annotated VMDS gold set.

The gold file (``tests/data/understand_gold/vmds_gold.jsonl``, guide in ``GUIDE.md`` beside it)
holds, per article, the short surface spans of every time expression and figure with their
resolved values, and the people named. The article text itself is read from the VMDS folder at
evaluation time. ``evaluate(gold_path, vmds_dir)`` runs the public extractors on each article and
returns micro precision / recall / F1 per field:

1. dates: a prediction matches a gold item when the spans overlap and value, granularity (and
   for a range its end) are equal;
2. figures: spans overlap, units are equal (after folding the aliases below) and values agree
   to a relative tolerance of 1e-9;
3. people: a predicted person matches a gold name when the name equals ``Entity.name`` or the
   text of one of its mentions (case- and whitespace-folded).

Matching is one-to-one (each prediction matches at most one gold item). Every miss and every
spurious prediction is kept, classified, so that the extractor's author can act on it.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsdesk.errors import Rejected
from newsdesk.understand.eval_settings import GOLD_UNITS, SEASON_CODES, UNIT_ALIASES

STAGE = "eval understand"
FIELDS = ("dates", "figures", "people")
GRANULARITIES = ("day", "month", "season", "year", "range")
REL_TOL = 1e-9
_CURRENCY = re.compile(r"[A-Z]{3}")  # ISO 4217, written in capitals

_YEAR = r"\d{4}"
VALUE_FORMS = {
    "day": re.compile(rf"^{_YEAR}-\d\d-\d\d$"),
    "month": re.compile(rf"^{_YEAR}-\d\d$"),
    "year": re.compile(rf"^{_YEAR}$"),
    "season": re.compile(rf"^{_YEAR}-(spring|summer|autumn|winter)$"),
    "point": re.compile(rf"^{_YEAR}(-\d\d(-\d\d)?)?$"),
}


@dataclass(slots=True)
class Span:
    """One gold or predicted item located in the article text."""

    start: int
    end: int
    text: str
    key: tuple[Any, ...]  # what must be equal for a match (besides the span overlap)
    shown: str  # how to print the value in error reports


@dataclass(slots=True)
class FieldScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    articles: int = 0  # rows of the gold file that annotate this field
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, *, with_errors: bool = True) -> dict[str, Any]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out: dict[str, Any] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "articles": self.articles,
        }
        if with_errors:
            out["errors"] = self.errors
            out["error_classes"] = dict(Counter(e["kind"] for e in self.errors).most_common())
        return out


# ---------------------------------------------------------------- gold file


def fold(text: str) -> str:
    """NFC, casefolded, whitespace collapsed: how names and units are compared."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def unit_key(unit: str) -> str:
    u = fold(unit)
    u = UNIT_ALIASES.get(u, u)
    return (
        u
        if u in GOLD_UNITS or u in UNIT_ALIASES.values() or _CURRENCY.fullmatch(unit.strip())
        else "count"
    )


def season_key(value: str) -> str:
    year, _, name = value.partition("-")
    return f"{year}-{SEASON_CODES.get(name.casefold(), name.casefold())}"


def date_key(granularity: str, value: str, end: str | None) -> tuple[Any, ...]:
    if granularity == "season":
        value = season_key(value)
    return (granularity, value, end if granularity == "range" else None)


def check_gold_record(rec: Any, where: str) -> list[str]:
    """Every problem with one gold record (empty when it is well-formed)."""
    if not isinstance(rec, dict):
        return [f"{where}: not a JSON object"]
    problems: list[str] = []
    for key in ("doc", "anchor"):
        if not isinstance(rec.get(key), str):
            problems.append(f"{where}: field {key!r} missing or not a str")
    for key in FIELDS:
        if key in rec and not isinstance(rec[key], list):
            problems.append(f"{where}: field {key!r} is not a list")
    if not any(key in rec for key in FIELDS):
        problems.append(f"{where}: none of the fields {', '.join(FIELDS)} is given")
    if problems:
        return problems
    try:
        date.fromisoformat(rec["anchor"])
    except ValueError:
        problems.append(f"{where}: anchor {rec['anchor']!r} is not YYYY-MM-DD")
    for i, d in enumerate(rec.get("dates", [])):
        g, v, end = d.get("granularity"), d.get("value"), d.get("end")
        if not isinstance(d.get("text"), str) or not d["text"].strip():
            problems.append(f"{where}: date {i} has no text")
        elif d["text"] not in d.get("context", d["text"]):
            problems.append(f"{where}: date {i} context does not contain its text")
        if g not in GRANULARITIES:
            problems.append(f"{where}: date {i} granularity {g!r} not in {GRANULARITIES}")
        elif g == "range":
            if not (isinstance(v, str) and VALUE_FORMS["point"].match(v)) or not (
                isinstance(end, str) and VALUE_FORMS["point"].match(end)
            ):
                problems.append(f"{where}: range {i} needs value and end as YYYY[-MM[-DD]]")
            elif _point_start(v) > _point_start(end):
                problems.append(f"{where}: range {i} ends before it starts")
        elif not (isinstance(v, str) and VALUE_FORMS[g].match(v)):
            problems.append(f"{where}: date {i} value {v!r} does not fit granularity {g}")
        elif g in ("day", "month") and not _valid_point(v):
            problems.append(f"{where}: date {i} value {v!r} is not a real {g}")
    for i, f in enumerate(rec.get("figures", [])):
        if not isinstance(f.get("text"), str) or not f["text"].strip():
            problems.append(f"{where}: figure {i} has no text")
        elif f["text"] not in f.get("context", f["text"]):
            problems.append(f"{where}: figure {i} context does not contain its text")
        if not isinstance(f.get("value"), int | float) or isinstance(f.get("value"), bool):
            problems.append(f"{where}: figure {i} value is not a number")
        if not isinstance(f.get("unit"), str) or not f["unit"]:
            problems.append(f"{where}: figure {i} has no unit")
    for i, p in enumerate(rec.get("people", [])):
        if not isinstance(p, str) or not p.strip():
            problems.append(f"{where}: person {i} is empty")
    return problems


def _point_start(v: str) -> date:
    parts = [int(x) for x in v.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _valid_point(v: str) -> bool:
    try:
        _point_start(v)
    except ValueError:
        return False
    return True


def load_gold(gold_path: Path) -> list[dict[str, Any]]:
    """The gold records; a malformed line raises ``Rejected`` naming the line and the reason."""
    records = []
    for n, line in enumerate(Path(gold_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{Path(gold_path).name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise Rejected(where, STAGE, f"not JSON: {e}") from e
        problems = check_gold_record(rec, where)
        if problems:
            raise Rejected(where, STAGE, "; ".join(problems))
        records.append(rec)
    return records


def read_article(vmds_dir: Path, doc: str) -> str:
    path = Path(vmds_dir) / "clusters" / doc
    try:
        return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    except OSError as e:
        raise Rejected(doc, STAGE, f"cannot read {path}: {e.strerror or e}") from e


def locate_gold(
    text: str, items: list[dict[str, Any]], doc: str, what: str
) -> list[tuple[int, int]]:
    """Spans of gold items, each searched from the end of the previous one (document order).

    An item may carry ``context``: a longer string around its text that pins down which
    occurrence is meant (a bare ``7`` in ``7-7,2%``); the text is then taken inside it.
    """
    spans, pos = [], 0
    for item in items:
        needle = item.get("context") or item["text"]
        i = text.find(needle, pos)
        if i < 0:
            raise Rejected(doc, STAGE, f"{what} text {needle!r} not found after offset {pos}")
        i += needle.index(item["text"])
        spans.append((i, i + len(item["text"])))
        pos = i + len(item["text"])
    return spans


def _locate_predicted(text: str, found: str, start: int, cursor: int) -> tuple[int, int]:
    """Where a prediction sits: its own offset when it has one, else the next occurrence of its text."""
    if 0 <= start < len(text):
        return start, min(len(text), start + max(1, len(found)))
    i = text.find(found, cursor) if found else -1
    if i < 0 and found:
        i = text.find(found)
    return (i, i + len(found)) if i >= 0 else (-1, -1)


# ---------------------------------------------------------------- matching


def _overlap(a: Span, b: Span) -> bool:
    return a.start >= 0 and b.start >= 0 and a.start < b.end and b.start < a.end


def _same_figure(g: Span, p: Span) -> bool:
    (gu, gv), (pu, pv) = g.key, p.key
    return gu == pu and math.isclose(gv, pv, rel_tol=REL_TOL, abs_tol=1e-12)


def match_spans(
    doc: str,
    gold: list[Span],
    predicted: list[Span],
    score: FieldScore,
    same: Callable[[Span, Span], bool],
) -> None:
    """One-to-one greedy matching in document order; misses and spurious items go to ``errors``."""
    score.gold += len(gold)
    score.predicted += len(predicted)
    used = [False] * len(predicted)
    for g in gold:
        hit = next(
            (j for j, p in enumerate(predicted) if not used[j] and _overlap(g, p) and same(g, p)),
            None,
        )
        if hit is None:
            # the closest wrong answer: an unused prediction over the same words
            hit = next((j for j, p in enumerate(predicted) if not used[j] and _overlap(g, p)), None)
            near = None if hit is None else predicted[hit]
            score.errors.append(
                {
                    "doc": doc,
                    "kind": "missed" if near is None else _difference(g, near),
                    "text": g.text,
                    "expected": g.shown,
                    "got": None if near is None else f"{near.text!r} -> {near.shown}",
                }
            )
        else:
            score.matched += 1
        if hit is not None:
            used[hit] = True
    for j, p in enumerate(predicted):
        if not used[j]:
            # "extra": a second answer over words already answered; "spurious": nothing to find there
            kind = "extra" if any(_overlap(g, p) for g in gold) else "spurious"
            score.errors.append(
                {"doc": doc, "kind": kind, "text": p.text, "expected": None, "got": p.shown}
            )


def _difference(g: Span, p: Span) -> str:
    if len(g.key) == 3:  # dates: (granularity, value, end)
        if g.key[0] != p.key[0]:
            return "wrong granularity"
        return "wrong value" if g.key[1] != p.key[1] else "wrong range end"
    if g.key[0] != p.key[0]:
        return "wrong unit"
    return "wrong value"


# ---------------------------------------------------------------- per field


def _date_spans_gold(text: str, items: list[dict[str, Any]], doc: str) -> list[Span]:
    out = []
    for item, (s, e) in zip(items, locate_gold(text, items, doc, "date"), strict=True):
        key = date_key(item["granularity"], item["value"], item.get("end"))
        out.append(Span(s, e, item["text"], key, _show_date(key)))
    return out


def _date_spans_predicted(text: str, refs: Iterable[Any]) -> list[Span]:
    out, cursor = [], 0
    for r in sorted(refs, key=lambda r: getattr(r, "start", -1)):
        s, e = _locate_predicted(text, r.text, getattr(r, "start", -1), cursor)
        cursor = max(cursor, e)
        key = date_key(r.granularity, r.value, getattr(r, "end", None))
        out.append(Span(s, e, r.text, key, _show_date(key)))
    return out


def _show_date(key: tuple[Any, ...]) -> str:
    g, v, end = key
    return f"{v}..{end} (range)" if g == "range" else f"{v} ({g})"


def _figure_spans_gold(text: str, items: list[dict[str, Any]], doc: str) -> list[Span]:
    out = []
    for item, (s, e) in zip(items, locate_gold(text, items, doc, "figure"), strict=True):
        key = (unit_key(item["unit"]), float(item["value"]))
        out.append(Span(s, e, item["text"], key, f"{item['value']:g} {item['unit']}"))
    return out


def _figure_spans_predicted(text: str, figures: Iterable[Any]) -> list[Span]:
    out, cursor = [], 0
    for f in sorted(figures, key=lambda f: getattr(f, "start", -1)):
        s, e = _locate_predicted(text, f.text, getattr(f, "start", -1), cursor)
        cursor = max(cursor, e)
        out.append(Span(s, e, f.text, (unit_key(f.unit), float(f.value)), f"{f.value:g} {f.unit}"))
    return out


def match_people(doc: str, gold: list[str], people: Iterable[Any], score: FieldScore) -> None:
    """A gold name matches a predicted person whose name or any mention text folds to it."""
    entities = list(people)
    forms = [{fold(e.name)} | {fold(m.text) for m in getattr(e, "mentions", [])} for e in entities]
    score.gold += len(gold)
    score.predicted += len(entities)
    used = [False] * len(entities)
    for name in gold:
        hit = next((j for j, f in enumerate(forms) if not used[j] and fold(name) in f), None)
        if hit is None:
            score.errors.append(
                {"doc": doc, "kind": "missed", "text": name, "expected": name, "got": None}
            )
        else:
            used[hit] = True
            score.matched += 1
    for j, e in enumerate(entities):
        if not used[j]:
            score.errors.append(
                {"doc": doc, "kind": "spurious", "text": e.name, "expected": None, "got": e.name}
            )


# ---------------------------------------------------------------- the run


def _extractors() -> tuple[dict[str, Callable[..., Any]], dict[str, str]]:
    """The public extractor functions, and why any of them could not be loaded."""
    found: dict[str, Callable[..., Any]] = {}
    missing: dict[str, str] = {}
    for name, module, attr in (
        ("dates", "newsdesk.understand.dates", "extract_dates"),
        ("figures", "newsdesk.understand.figures", "extract_figures"),
        ("people", "newsdesk.understand.entities", "extract_entities"),
    ):
        try:
            mod = __import__(module, fromlist=[attr])
            found[name] = getattr(mod, attr)
        except (ImportError, AttributeError) as e:
            missing[name] = f"{module}.{attr} is not available: {e}"
    return found, missing


def evaluate(
    gold_path: Path,
    vmds_dir: Path,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, dict[str, Any]]:
    """Micro P/R/F1 per field over the gold set; each field also lists its errors.

    A field whose extractor cannot be imported scores zero and carries ``unavailable``.
    An article that cannot be read or whose gold spans are not in its text raises ``Rejected``.
    """
    records = load_gold(gold_path)
    extract, missing = _extractors()
    scores = {f: FieldScore() for f in FIELDS}
    for n, rec in enumerate(records, 1):
        doc = rec["doc"]
        text = read_article(vmds_dir, doc)
        # A field absent from a row (a people-only file) is not scored for that row.
        gold_dates = _date_spans_gold(text, rec["dates"], doc) if "dates" in rec else None
        gold_figures = _figure_spans_gold(text, rec["figures"], doc) if "figures" in rec else None
        if gold_dates is None:
            pass
        elif "dates" in extract:
            refs = extract["dates"](text, date.fromisoformat(rec["anchor"]))
            match_spans(
                doc,
                gold_dates,
                _date_spans_predicted(text, refs),
                scores["dates"],
                lambda g, p: g.key == p.key,
            )
        else:
            scores["dates"].gold += len(gold_dates)
        if gold_figures is None:
            pass
        elif "figures" in extract:
            figs = extract["figures"](text)
            match_spans(
                doc,
                gold_figures,
                _figure_spans_predicted(text, figs),
                scores["figures"],
                _same_figure,
            )
        else:
            scores["figures"].gold += len(gold_figures)
        if "people" not in rec:
            pass
        elif "people" in extract:
            people, _organizations, _places = extract["people"](text)
            match_people(doc, rec["people"], people, scores["people"])
        else:
            scores["people"].gold += len(rec["people"])
        for f in FIELDS:
            scores[f].articles += f in rec
        if progress:
            progress(STAGE, n, len(records))
    result = {f: scores[f].as_dict() for f in FIELDS}
    for f, reason in missing.items():
        result[f]["unavailable"] = reason
    return result


def summary(result: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The result without the error lists: the ``--json`` contract."""
    keys = ("precision", "recall", "f1", "gold", "predicted")
    return {f: {k: result[f][k] for k in keys} for f in FIELDS if f in result}


def worst_errors(
    result: dict[str, dict[str, Any]], field_name: str, limit: int = 15
) -> list[dict[str, Any]]:
    """Examples of the most frequent error classes of one field, most frequent class first."""
    errors = result[field_name]["errors"]
    order = {k: i for i, k in enumerate(result[field_name]["error_classes"])}
    return sorted(errors, key=lambda e: order[e["kind"]])[:limit]


__all__ = [
    "FIELDS",
    "evaluate",
    "load_gold",
    "check_gold_record",
    "summary",
    "worst_errors",
    "fold",
    "unit_key",
]
