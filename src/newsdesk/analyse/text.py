"""Small text helpers shared by the analysis modules: words, phrases, date display."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsdesk.analyse.lexicon import SCALE_WORDS as _SCALE_WORDS
from newsdesk.analyse.lexicon import STOPWORDS
from newsdesk.model import Article, Story, StoryArticle, Understanding


@dataclass(frozen=True, slots=True)
class Doc:
    """One member article of a story with what the understand stage made of it."""

    article: Article
    understanding: Understanding
    member: StoryArticle
    order: int  # position in the story's article list

    @property
    def id(self) -> str:
        return self.article.id

    def sentence(self, index: int) -> str | None:
        sents = self.understanding.sentences
        return sents[index] if 0 <= index < len(sents) else None

    @property
    def anchor(self) -> str | None:
        return self.understanding.anchor or self.article.published


TARGET_LANGUAGE = "vi"  # the language the analysis writes in


def by_id(items: Mapping[str, Any] | Iterable[Any], attr: str) -> dict[str, Any]:
    if isinstance(items, Mapping):
        return dict(items)
    return {getattr(x, attr): x for x in items}


def story_docs(
    story: Story,
    articles: Mapping[str, Article] | Iterable[Article],
    understandings: Mapping[str, Understanding] | Iterable[Understanding],
) -> list[Doc]:
    """The story's non-duplicate members that have an article and an understanding, in order;
    only the Vietnamese ones when there are any (every line the analysis writes is Vietnamese:
    an article in another language counts through its translation)."""
    arts = by_id(articles, "id")
    unds = by_id(understandings, "article_id")
    docs: list[Doc] = []
    for i, member in enumerate(story.articles):
        if member.duplicate_of:
            continue
        a, u = arts.get(member.id), unds.get(member.id)
        if a is not None and u is not None:
            docs.append(Doc(a, u, member, i))
    vietnamese = [
        d for d in docs if (d.understanding.language or d.article.language) == TARGET_LANGUAGE
    ]
    return vietnamese or docs


_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (Vietnamese syllables, names, numbers)."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit()]


def features(text: str) -> set[str]:
    """Content syllables and syllable pairs: a bag of what a sentence is about."""
    toks = words(text)
    feats = {w for w in toks if w not in STOPWORDS and not w.isdigit()}
    for a, b in zip(toks, toks[1:], strict=False):
        if a in STOPWORDS and b in STOPWORDS:
            continue
        feats.add(f"{a} {b}")
    return feats


def has_phrase(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` on word boundaries (case-insensitive)."""
    return find_phrase(text, phrase) >= 0


def find_phrase(text: str, phrase: str, start: int = 0) -> int:
    pattern = r"(?<![^\W_])" + re.escape(phrase) + r"(?![^\W_])"
    m = re.compile(pattern, re.IGNORECASE).search(text, start)
    return -1 if m is None else m.start()


def last_phrase(text: str, phrases: Iterable[str]) -> tuple[int, str] | None:
    """The phrase of ``phrases`` that occurs last in ``text``; a match inside a longer match
    ("nhập khẩu" in "thuế nhập khẩu") does not count."""
    spans: list[tuple[int, int, str]] = []
    for phrase in phrases:
        pattern = r"(?<![^\W_])" + re.escape(phrase) + r"(?![^\W_])"
        for m in re.finditer(pattern, text, re.IGNORECASE):
            spans.append((m.start(), m.end(), phrase))
    best: tuple[int, str] | None = None
    for start, end, phrase in spans:
        if any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans):
            continue
        if best is None or start > best[0]:
            best = (start, phrase)
    return best


def cut_words(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """``text`` cut on a word boundary to at most ``limit`` characters (ellipsis included)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    cut = text[: room + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > room // 2 else text[:room]
    # never end inside an amount ("1,2 tỷ…"): drop its number and scale words
    words_kept = cut.split(" ")
    while len(words_kept) > 3 and (
        any(ch.isdigit() for ch in words_kept[-1]) or words_kept[-1].lower() in _SCALE_WORDS
    ):
        words_kept.pop()
    return " ".join(words_kept).rstrip(" ,;:–-") + ellipsis


_SEASONS = {"spring": "mùa xuân", "summer": "mùa hè", "autumn": "mùa thu", "winter": "mùa đông"}
_SEASON_MONTH = {"spring": "03", "summer": "06", "autumn": "09", "winter": "12"}


def _season(parts: list[str]) -> str | None:
    """The season name of an ISO-like ``YYYY-spring`` (None for other dates)."""
    if len(parts) == 2 and parts[1].lower() in _SEASONS:
        return parts[1].lower()
    return None


def display_date(value: str, granularity: str, end: str | None = None) -> str:
    """A Vietnamese reading of an ISO date at its granularity: 28/10/2025, tháng 10/2025, ..."""
    text = _display_one(value, granularity)
    if granularity == "range" and end:
        return f"{text} – {_display_one(end, 'range')}"
    return text


def display_iso(value: str) -> str:
    """``display_date`` with the granularity read from the value's shape (2025, 2025-10, ...)."""
    parts = value.split("-")
    if _season(parts):
        return display_date(value, "season")
    if not all(p.isdigit() for p in parts) or len(parts) > 3:
        return value
    return display_date(value, ("year", "month", "day")[len(parts) - 1])


def _display_one(value: str, granularity: str) -> str:
    parts = value.split("-")
    season = _season(parts)
    if season:
        return f"{_SEASONS[season]} {parts[0]}"
    if len(parts) >= 3:
        return f"{int(parts[2][:2])}/{int(parts[1])}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {int(parts[1])}/{parts[0]}"
    return f"năm {parts[0]}"


def date_key(value: str) -> tuple[str, ...]:
    """Sortable key of an ISO date of any granularity (seasons sort inside their year)."""
    parts = value.split("-")
    season = _season(parts)
    if season:
        return (parts[0], _SEASON_MONTH[season], "")
    return tuple(parts) + ("",) * (3 - len(parts))


def date_later(value: str, anchor: str) -> bool:
    """``value`` lies after ``anchor`` when both are read at the coarser of their granularities."""
    a = value.split("-")
    b = anchor[:10].split("-")
    if _season(a):
        a = a[:1]
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def date_earlier(value: str, anchor: str) -> bool:
    """``value`` lies before ``anchor`` when both are read at the coarser of their granularities."""
    a = value.split("-")
    b = anchor[:10].split("-")
    if _season(a):
        a = a[:1]
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def compatible_dates(a: str, b: str) -> bool:
    """Two ISO dates agree when one is a prefix of the other (2025 and 2025-10-28 agree)."""
    return a.startswith(b) or b.startswith(a)
