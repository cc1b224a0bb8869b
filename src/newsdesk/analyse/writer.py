"""Title and description without a language model: picked from what the sources wrote.

*Centrality* of a sentence = how much of it the story's articles share: every content word weighs
the share of member articles that use it, the sum is divided by the square root of the sentence's
length, and the first two sentences of an article (its lead) get ``LEAD_BONUS``.

- **title**: the most central headline among the member articles; when none has one, the most
  central lead sentence cut to its leading clauses (≤ ``TITLE_MAX_CHARS``), marked generated.
- **description**: the one or two most central sentences that fit ``DESCRIPTION_MAX_CHARS``.

``ExtractiveWriter.write(kind, story)`` is the slot a provider-backed writer (``newsdesk.translate``)
fills too, and falls back to.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from newsdesk.analyse.clause import clause_spans, strip_connectors
from newsdesk.analyse.lexicon import (
    DESCRIPTION_CANDIDATES,
    DESCRIPTION_MAX_CHARS,
    LEAD_BONUS,
    LEAD_SENTENCES,
    MIN_SENTENCE_WORDS,
    TITLE_MAX_CHARS,
)
from newsdesk.analyse.text import Doc, content_words, cut_words, story_docs
from newsdesk.model import Article, Story, StoryArticle, Understanding

REPORTED = ("cho biết", "cho hay", "nói rằng", "dẫn lời", "tiết lộ rằng", "thông báo rằng")
KINDS = ("title", "description")


class ExtractiveWriter:
    """Writes a story's title and description from its own sentences and headlines."""

    def __init__(
        self,
        articles: Mapping[str, Article],
        understandings: Mapping[str, Understanding],
    ) -> None:
        self.articles = articles
        self.understandings = understandings

    # ------------------------------------------------------------ public

    def write(self, kind: str, story: Story) -> str:
        if kind == "title":
            return self.title(story)[0]
        if kind == "description":
            return self.description(story)
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")

    def title(self, story: Story) -> tuple[str, bool]:
        """(title, generated): the best headline, or a cut lead sentence marked generated."""
        docs = self._docs(story)
        weights = _weights(docs)
        heads = [
            (d.article.title.strip(), d.order)
            for d in docs
            if d.article.title and d.article.title.strip()
        ]
        if heads:
            best = max(heads, key=lambda h: (_score(h[0], weights), -h[1]))
            return cut_words(best[0], TITLE_MAX_CHARS), False
        ranked = self._ranked(docs, weights, leads_only=True)
        if not ranked:
            fallback = next(
                (d.article.generated_title for d in docs if d.article.generated_title), ""
            )
            return cut_words(fallback, TITLE_MAX_CHARS), True
        return _headline_from(ranked[0]), True

    def description(self, story: Story) -> str:
        docs = self._docs(story)
        weights = _weights(docs)
        ranked = self._ranked(docs, weights, leads_only=False)
        if not ranked:
            return ""
        fitting = [
            r.strip()
            for r in ranked[:DESCRIPTION_CANDIDATES]
            if len(r.strip()) <= DESCRIPTION_MAX_CHARS
        ]
        if not fitting:
            return cut_words(ranked[0].strip(), DESCRIPTION_MAX_CHARS)
        first = fitting[0]
        ranked = [r for r in ranked if r.strip() != first]
        ranked.insert(0, first)
        for other in ranked[1:4]:
            other = other.strip()
            joined = f"{first} {other}"
            if other != first and len(joined) <= DESCRIPTION_MAX_CHARS:
                return joined
        return first

    # ------------------------------------------------------------ internals

    def _docs(self, story: Story) -> list[Doc]:
        docs = story_docs(story, self.articles, self.understandings)
        if docs:
            return docs
        # a story of duplicates only still gets words
        bare = Story(
            story.id,
            articles=[StoryArticle(m.id, m.source, m.outlet, m.published) for m in story.articles],
        )
        return story_docs(bare, self.articles, self.understandings)

    def _ranked(self, docs: list[Doc], weights: dict[str, float], *, leads_only: bool) -> list[str]:
        scored: list[tuple[float, int, int, str]] = []
        for d in docs:
            u = d.understanding
            body = u.sentences[: len(u.sentences) - u.caption_sentences]  # captions are no lead
            for i, sentence in enumerate(body):
                if leads_only and i >= LEAD_SENTENCES:
                    break
                if not _usable(sentence):
                    continue
                score = _score(sentence, weights) * (LEAD_BONUS if i < LEAD_SENTENCES else 1.0)
                scored.append((score, -d.order, -i, sentence))
        scored.sort(reverse=True)
        return [_lead_in_dropped(s) for *_, s in scored]


def _weights(docs: list[Doc]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for d in docs:
        seen = set(content_words(d.article.title or ""))
        for sentence in d.understanding.sentences:
            seen.update(content_words(sentence))
        df.update(seen)
    n = max(1, len(docs))
    return {w: c / n for w, c in df.items()}


def _score(text: str, weights: Mapping[str, float]) -> float:
    toks = content_words(text)
    if not toks:
        return 0.0
    return sum(weights.get(w, 0.0) for w in toks) / math.sqrt(len(toks))


def _usable(sentence: str) -> bool:
    s = sentence.strip()
    if len(content_words(s)) < MIN_SENTENCE_WORDS or s.endswith("?"):
        return False
    return s[:1] not in "“\"'‘-–—|!["


def _lead_in_dropped(sentence: str) -> str:
    """The sentence without a leading connector ("Trước đó, ..."), first letter capitalised."""
    text = strip_connectors(sentence.strip())
    return text[:1].upper() + text[1:] if text else sentence.strip()


def _headline_from(sentence: str) -> str:
    """The leading clauses of a sentence that fit a title, without the final full stop."""
    text = sentence.strip().rstrip(".!…")
    if len(text) <= TITLE_MAX_CHARS:
        return text
    # "X dẫn lời Y cho biết <news>": the news is what was reported, not who reported it
    for span in clause_spans(text):
        head = text[: span.end].rstrip(" ,;:").lower()
        if head.endswith(REPORTED) and len(text) - span.end > 30:
            reported = text[span.end :].strip(" ,;:")
            return _headline_from(reported[:1].upper() + reported[1:])
    spans = clause_spans(text)
    best = ""
    for span in spans:
        candidate = text[: span.end].rstrip(" ,;:–-")
        if len(candidate) > TITLE_MAX_CHARS:
            break
        best = candidate
    if len(best) >= TITLE_MAX_CHARS // 2:
        return best
    return cut_words(text, TITLE_MAX_CHARS)
