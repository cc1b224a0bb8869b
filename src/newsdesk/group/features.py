"""Article -> weighted sparse features for grouping.

Three channels, each a bag of hashed terms:

* ``text``: syllable unigrams and bigrams of title (x2), lead (x1.5) and body (x1). Vietnamese
  words are one to four syllables; syllable bigrams catch most two-syllable words and fixed
  phrases without paying for a segmenter (measured: segmentation did not help and cost 5x).
* ``head``: the same over title and lead only: what the report is about, before the detail.
* ``entity``: people, organisations and places by registry id / canonical name (from the
  understanding stage), day-precise dates and figures with their unit. Without an
  understanding, capitalised syllable runs, ``d/m`` dates and numbers with units stand in.

Terms are hashed (crc32, stable across runs and machines) into ``2**hash_bits`` buckets so that
document frequencies fit in one fixed-size array. The readable term of each hash is kept on the
document only, to explain why it joined a story.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from newsdesk.group.lexicon import STOP_SYLLABLES
from newsdesk.group.params import GroupParams
from newsdesk.model import Article, Understanding

WORD = re.compile(r"\w+")
# A run of two or more capitalised syllables (not counting the first word of a sentence alone).
NAME = re.compile(r"(?<![\w])([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:[ \-][A-ZĐÀ-Ỹ][\wÀ-ỹ]*)+)")
DAY_MONTH = re.compile(r"\b(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?\b")
FIGURE = re.compile(
    r"\b(\d+(?:[.,]\d+)*)\s*(%|tỷ|triệu|nghìn|ngàn|usd|đồng|yên|euro|ha|km|tấn|người)",
    re.IGNORECASE,
)

CHANNEL_TEXT = "t"
CHANNEL_HEAD = "h"
CHANNEL_ENTITY = "e"


@dataclass(slots=True)
class Doc:
    """One article, ready for grouping."""

    id: str
    day: float | None  # days since 0001-01-01 (with the time of day), None when unknown
    text: Counter[str] = field(default_factory=Counter)
    head: Counter[str] = field(default_factory=Counter)
    entity: Counter[str] = field(default_factory=Counter)
    body: str = ""  # the text checked for copies
    hashed: list | None = None  # per channel (hashes, terms), filled once by the grouper
    # True when ``day`` is a date found in the text (no publication date): good enough to place
    # the report near its story, too weak to move the stream's clock (a law's effective date
    # months ahead would otherwise retire every story in memory).
    day_from_text: bool = False


def term_hash(channel: str, term: str, bits: int) -> int:
    return zlib.crc32(f"{channel}:{term}".encode()) & ((1 << bits) - 1)


def syllables(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _add_grams(counter: Counter[str], text: str, weight: float) -> None:
    tokens = syllables(text)
    for tok in tokens:
        if tok not in STOP_SYLLABLES:
            counter[tok] += weight
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a not in STOP_SYLLABLES or b not in STOP_SYLLABLES:
            counter[f"{a} {b}"] += weight


def split_lead(body: str, lead_chars: int) -> tuple[str, str]:
    """The lead (first paragraph, or the first sentences up to ``lead_chars``) and the rest."""
    body = body.strip()
    if "\n\n" in body:
        lead, rest = body.split("\n\n", 1)
        if len(lead) <= 3 * lead_chars:
            return lead, rest
    if len(body) <= lead_chars:
        return body, ""
    cut = body.rfind(". ", 0, lead_chars)
    cut = cut + 1 if cut > lead_chars // 3 else lead_chars
    return body[:cut], body[cut:]


def parse_day(value: str | None) -> float | None:
    """``YYYY-MM-DD[THH:MM[:SS]]`` -> days since 0001-01-01 (fractional); None when unreadable."""
    if not value:
        return None
    text = value.strip().replace(" ", "T")
    try:
        if len(text) <= 10:
            return float(date.fromisoformat(text[:10]).toordinal())
        moment = datetime.fromisoformat(text[:19])
    except ValueError:
        return None
    return moment.toordinal() + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400


def _entities_from_understanding(u: Understanding, counter: Counter[str]) -> None:
    for ent in [*u.people, *u.organizations, *u.places]:
        key = ent.id or ent.name.lower()
        counter[f"{ent.kind[0]}:{key}"] += 1.0 + 0.5 * min(len(ent.mentions), 4)
    for ref in u.dates:
        if ref.granularity == "day":
            counter[f"d:{ref.value[:10]}"] += 1.0
    for fig in u.figures:
        if fig.unit not in ("count",) or fig.value >= 100:
            counter[f"f:{fig.value:g}:{fig.unit}"] += 1.0


def _entities_from_text(text: str, year: int | None, counter: Counter[str]) -> None:
    for match in NAME.finditer(text):
        counter["n:" + match.group(1).lower()] += 1.0
    for match in DAY_MONTH.finditer(text):
        d, m, y = int(match.group(1)), int(match.group(2)), match.group(3)
        yy = int(y) if y else year
        if yy and 1 <= d <= 31 and 1 <= m <= 12:
            counter[f"d:{yy:04d}-{m:02d}-{d:02d}"] += 1.0
    for match in FIGURE.finditer(text):
        counter[f"f:{match.group(1)}:{match.group(2).lower()}"] += 1.0


def article_doc(article: Article, understanding: Understanding | None, params: GroupParams) -> Doc:
    """Features of one article (pure: the same article gives the same Doc)."""
    title = article.title or ""
    lead, rest = split_lead(article.body, params.lead_chars)
    doc = Doc(id=article.id, day=parse_day(article.published), body=article.body)
    if doc.day is None and understanding is not None and understanding.anchor:
        doc.day = parse_day(understanding.anchor)
        doc.day_from_text = doc.day is not None
    _add_grams(doc.text, title, params.title_weight)
    _add_grams(doc.text, lead, params.lead_weight)
    _add_grams(doc.text, rest, 1.0)
    _add_grams(doc.head, title, params.title_weight)
    _add_grams(doc.head, lead, 1.0)
    if understanding is not None and (
        understanding.people or understanding.organizations or understanding.places
    ):
        _entities_from_understanding(understanding, doc.entity)
    else:
        year = date.fromordinal(int(doc.day)).year if doc.day else None
        _entities_from_text(f"{title}\n{article.body}", year, doc.entity)
    return doc
