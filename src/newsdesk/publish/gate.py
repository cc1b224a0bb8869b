"""The editorial gate: may a story be used (``use: true`` in its post)?

A story is used when all of these hold (the thresholds are settings):

1. it has Vietnamese text: at least one member article (not a duplicate) is in Vietnamese;
2. it is not a duplicate: at least one member is not a duplicate of another story's article;
3. it has substance: at least ``use_min_articles`` such articles, together holding at least
   ``use_min_chars`` characters of Vietnamese text.

``decide`` returns the verdict with a reason naming the first rule that failed (or the counts that
passed); ``explain`` prints the rule for ``newsdesk publish --explain``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.model import Article, Story, Understanding

if TYPE_CHECKING:
    from newsdesk.config import Settings

DEFAULT_MIN_ARTICLES = 1
DEFAULT_MIN_CHARS = 600
VIETNAMESE = "vi"


@dataclass(frozen=True, slots=True)
class Verdict:
    use: bool
    reason: str
    articles: int
    chars: int


def _thresholds(settings: Settings | None) -> tuple[int, int]:
    if settings is None:
        return DEFAULT_MIN_ARTICLES, DEFAULT_MIN_CHARS
    return int(settings.use_min_articles), int(settings.use_min_chars)


def _language(article: Article, u: Understanding | None) -> str | None:
    return (u.language if u is not None and u.language else None) or article.language


def decide(
    story: Story,
    articles: Mapping[str, Article],
    understandings: Mapping[str, Understanding] | None = None,
    settings: Settings | None = None,
) -> Verdict:
    min_articles, min_chars = _thresholds(settings)
    unds = understandings or {}
    originals = [m for m in story.articles if not m.duplicate_of]
    if story.articles and not originals:
        return Verdict(False, "every article of the story duplicates another one", 0, 0)
    vi = [
        articles[m.id]
        for m in originals
        if m.id in articles and _language(articles[m.id], unds.get(m.id)) == VIETNAMESE
    ]
    chars = sum(len(a.body) for a in vi)
    if not vi:
        return Verdict(False, "no Vietnamese text (await translation)", 0, 0)
    if len(vi) < min_articles:
        return Verdict(
            False,
            f"{len(vi)} Vietnamese article(s), fewer than use_min_articles={min_articles}",
            len(vi),
            chars,
        )
    if chars < min_chars:
        return Verdict(
            False,
            f"{chars} characters of Vietnamese text, fewer than use_min_chars={min_chars}",
            len(vi),
            chars,
        )
    return Verdict(True, f"{len(vi)} Vietnamese article(s), {chars} characters", len(vi), chars)


def explain(settings: Settings | None = None) -> str:
    """The rule in words, with the thresholds in force."""
    min_articles, min_chars = _thresholds(settings)
    return (
        "use is true when the story\n"
        "  1. has Vietnamese text (a member article in Vietnamese),\n"
        "  2. is not a duplicate (a member that duplicates no other article),\n"
        f"  3. has at least use_min_articles={min_articles} such article(s) holding at least\n"
        f"     use_min_chars={min_chars} characters of Vietnamese text.\n"
        "Change the thresholds in newsdesk.toml or with NEWSDESK_USE_MIN_ARTICLES /\n"
        "NEWSDESK_USE_MIN_CHARS."
    )


def combine(verdict: Verdict, decision: Mapping[str, object] | None) -> Verdict:
    """Fold a provider's ``use`` decision (``newsdesk publish --writer provider``) into the
    gate's verdict. The rules above are hard: a provider can withhold a story the rules let
    through (with its stated reason), never publish one they stopped."""
    if decision is None or not verdict.use or decision.get("use", True):
        return verdict
    who = decision.get("model") or decision.get("provider") or "provider"
    reason = str(decision.get("reason") or "no reason given")
    return Verdict(False, f"withheld by {who}: {reason}", verdict.articles, verdict.chars)
