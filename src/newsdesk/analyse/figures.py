"""Key figures across a story, and what each figure is about in its sentence.

A ``FigureMention`` places one ``Figure`` of the understand stage in its sentence and reads what
the disagreement finder needs: the *topic* it measures (the closest topic phrase before it, e.g.
"thuế", "chi tiêu quốc phòng"), the *base* it is relative to ("gdp" for "2% GDP" or "2% Tổng sản
phẩm quốc nội"), its *role* in a change ("từ 27,5% xuống còn 15%": 27,5 is ``from`` with partner
15, 15 is ``to`` with partner 27,5), whether it is approximate ("khoảng", "hơn"), and whether a
verb brings the topic to it ("nâng ... lên 2% GDP").

``build_figures`` groups equal figures (unit, value, base) across the non-duplicate articles into
``StoryFigure`` entries with every citation, most widely reported first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from newsdesk.analyse.lexicon import (
    APPROXIMATE_WORDS,
    CHANGE_TO_WORDS,
    FIGURES_MAX,
    FIGURES_MIN,
    OF_SYNONYMS,
    REACH_VERBS,
    TOPIC_AFTER_CHARS,
    TOPIC_WINDOW_CHARS,
    TOPICS,
)
from newsdesk.analyse.text import Doc, find_phrase, last_phrase
from newsdesk.model import Citation, Figure, StoryFigure

_BASE_AFTER_CHARS = 40


@dataclass(frozen=True, slots=True)
class FigureMention:
    doc: Doc
    figure: Figure
    sentence: str
    start: int  # of the figure's text in the sentence
    end: int
    topic: str | None  # topic key (lexicon.TOPICS)
    topic_label: str | None
    base: str | None  # "gdp" for percent-of-GDP figures, or the normalized ``of``
    role: str  # "from" | "to" | "plain"
    partner: float | None  # the other end of a change
    approximate: bool
    reach_at: int  # position of a reach verb before the figure, -1 when none
    topic_after: bool = False  # the topic follows the figure ("12 người chết"): a sure reading

    @property
    def citation(self) -> Citation:
        return Citation(self.doc.id, self.figure.sentence, self.figure.text)


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _norm(text: str | None) -> str | None:
    if not text:
        return None
    low = re.sub(r"\s+", " ", text.lower()).strip(" .,;:")
    return OF_SYNONYMS.get(low, low) or None


def _base(fig: Figure, sentence: str, end: int) -> str | None:
    """What a relative figure is relative to: "2% GDP", "2% Tổng sản phẩm quốc nội (GDP)"."""
    inner = fig.text.lower()
    after = sentence[end : end + _BASE_AFTER_CHARS].lower().lstrip()
    after = after.removeprefix("của ").lstrip()
    of = _norm(fig.of) or ""
    for phrase, key in sorted(OF_SYNONYMS.items(), key=lambda kv: -len(kv[0])):
        if phrase in inner or after.startswith(phrase) or of == key:
            return key
    return None


def _locate(sentence: str, text: str, after: int) -> int:
    pos = sentence.find(text, after)
    if pos < 0:
        pos = sentence.find(text)
    return pos


def mentions_of(doc: Doc) -> list[FigureMention]:
    figs = sorted(doc.understanding.figures, key=lambda f: (f.sentence, f.start))
    placed: list[tuple[Figure, str, int]] = []
    cursor: dict[int, int] = {}
    for fig in figs:
        sentence = doc.sentence(fig.sentence)
        if sentence is None or not fig.text:
            continue
        pos = _locate(sentence, fig.text, cursor.get(fig.sentence, 0))
        if pos < 0:
            continue  # the figure is not in the sentence it claims: nothing to cite
        cursor[fig.sentence] = pos + len(fig.text)
        placed.append((fig, sentence, pos))
    out: list[FigureMention] = []
    for i, (fig, sentence, pos) in enumerate(placed):
        end = pos + len(fig.text)
        window = sentence[max(0, pos - TOPIC_WINDOW_CHARS) : pos]
        topic_key, topic_label, topic_after = _topic(fig, sentence, pos, end, window)
        role, partner = _role(fig, placed, i)
        before = sentence[max(0, pos - 25) : pos].lower()
        approximate = any(re.search(r"(?<!\w)" + a + r"\s*$", before) for a in APPROXIMATE_WORDS)
        reach = last_phrase(window, REACH_VERBS)
        reach_at = -1 if reach is None else max(0, pos - TOPIC_WINDOW_CHARS) + reach[0]
        out.append(
            FigureMention(
                doc,
                fig,
                sentence,
                pos,
                end,
                topic_key,
                topic_label,
                _base(fig, sentence, end),
                role,
                partner,
                approximate,
                reach_at,
            )
        )
    return out


_TOPIC_PHRASES = [t[0] for t in TOPICS]
_TOPIC_BY_PHRASE = {t[0]: (t[1], t[2]) for t in TOPICS}
_AFTER_STOP = re.compile(r"[,.;:()\d]")


def _topic(
    fig: Figure, sentence: str, pos: int, end: int, window: str
) -> tuple[str | None, str | None, bool]:
    """The topic right after the figure ("12 người chết"), else the closest one before it
    or in the understand stage's ``of``."""
    after = sentence[end : end + TOPIC_AFTER_CHARS]
    stop = _AFTER_STOP.search(after)
    probe = sentence[pos:end] + (after[: stop.start()] if stop else after)
    hits = [(find_phrase(probe, p), p) for p in _TOPIC_PHRASES]
    hits = [h for h in hits if h[0] >= 0]
    if hits:
        first = min(h[0] for h in hits)
        phrase = max((h[1] for h in hits if h[0] == first), key=len)
        return (*_TOPIC_BY_PHRASE[phrase], True)
    hit = last_phrase(window + " " + (fig.of or ""), _TOPIC_PHRASES)
    return (*_TOPIC_BY_PHRASE[hit[1]], False) if hit is not None else (None, None, False)


def _role(fig: Figure, placed: list[tuple[Figure, str, int]], i: int) -> tuple[str, float | None]:
    """Which end of a change ``fig`` is, from the understand stage's fields or the sentence."""
    if fig.change_from is not None and fig.change_to is not None:
        if same_value(fig.value, fig.change_from) and not same_value(fig.value, fig.change_to):
            return "from", fig.change_to
        if same_value(fig.value, fig.change_to) and not same_value(fig.value, fig.change_from):
            return "to", fig.change_from
    _, sentence, pos = placed[i]
    end = pos + len(fig.text)
    before = sentence[:pos].rstrip().lower()
    # "từ X xuống (còn) Y": X is from, Y is to
    if before.endswith("từ") and i + 1 < len(placed):
        nfig, nsent, npos = placed[i + 1]
        if nsent is sentence and nfig.unit == fig.unit:
            between = sentence[end:npos].strip().lower()
            if between in CHANGE_TO_WORDS:
                return "from", nfig.value
    if i > 0:
        pfig, psent, ppos = placed[i - 1]
        if psent is sentence and pfig.unit == fig.unit:
            between = sentence[ppos + len(pfig.text) : pos].strip().lower()
            head = sentence[:ppos].rstrip().lower()
            if between in CHANGE_TO_WORDS and head.endswith("từ"):
                return "to", pfig.value
    return "plain", None


def build_figures(mentions: list[FigureMention]) -> list[StoryFigure]:
    groups: dict[tuple[str, float, str | None], list[FigureMention]] = {}
    for m in mentions:
        key = (m.figure.unit, round(m.figure.value, 9), m.base)
        groups.setdefault(key, []).append(m)
    ranked = []
    for (unit, value, _base_key), group in groups.items():
        articles = {m.doc.id for m in group}
        texts = Counter(m.figure.text for m in group)
        ofs = Counter(m.figure.of for m in group if m.figure.of)
        of = (
            ofs.most_common(1)[0][0]
            if ofs
            else next((m.topic_label for m in group if m.topic_label and m.topic_after), None)
        )
        citations: list[Citation] = []
        seen: set[tuple[str, int]] = set()
        for m in sorted(group, key=lambda m: (m.doc.order, m.figure.sentence)):
            if (m.doc.id, m.figure.sentence) not in seen:
                seen.add((m.doc.id, m.figure.sentence))
                citations.append(m.citation)
        informative = bool(of or any(m.topic for m in group)) or any(
            m.role != "plain" for m in group
        )
        first = min((m.doc.order, m.figure.sentence) for m in group)
        entry = StoryFigure(
            text=texts.most_common(1)[0][0],
            value=float(value),
            unit=unit,
            of=of,
            citations=citations,
        )
        ranked.append(((-len(articles), not informative, first), entry))
    ranked.sort(key=lambda pair: pair[0])
    # key figures: told by several sources, or saying what they measure; a few others at most
    key = [e for rank, e in ranked if rank[0] <= -2 or not rank[1]]
    rest = [e for rank, e in ranked if not (rank[0] <= -2 or not rank[1])]
    return (key + rest[: max(0, FIGURES_MIN - len(key))])[:FIGURES_MAX]
