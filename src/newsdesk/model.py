"""The records that flow between the stages.

Plain slotted dataclasses with ``as_dict`` / ``from_dict``; no behaviour beyond validation.
Every record that says something about a story carries where it comes from: an article id and
the index of a sentence in that article's ``Understanding.sentences``.

    Article        one clean article (read + clean)
    Understanding  what one article says (understand): sentences, entities, dates, figures, quotes
    Story          a group of articles about one event, and its analysis (group + analyse)
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T", bound="Record")

Shape = Literal[
    "dated_text",
    "scraped_text",
    "plain_text",
    "markdown_frontmatter",
    "html",
    "jsonl",
    "feed",
]
SHAPES: tuple[str, ...] = get_args(Shape)

Granularity = Literal["day", "month", "season", "year", "range"]
GRANULARITIES: tuple[str, ...] = get_args(Granularity)

EntityKind = Literal["person", "organization", "place"]


class Record:
    """Mixin: conversion to and from plain JSON-ready dicts (nested records included)."""

    __slots__ = ()
    _hints: ClassVar[dict[type, dict[str, Any]]] = {}

    def as_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = Record._hints.get(cls)
        if hints is None:
            hints = get_type_hints(cls)
            Record._hints[cls] = hints
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(hint):
            if arg is type(None):
                continue
            return _load(arg, value)
    if origin is list:
        (inner,) = get_args(hint) or (Any,)
        return [_load(inner, v) for v in value]
    if isinstance(hint, type) and issubclass(hint, Record) and isinstance(value, dict):
        return hint.from_dict(value)
    return value


# --------------------------------------------------------------------------- reading


@dataclass(slots=True)
class Image(Record):
    src: str = ""
    caption: str | None = None
    credit: str | None = None


@dataclass(slots=True)
class Related(Record):
    title: str
    url: str | None = None


@dataclass(slots=True)
class Section(Record):
    heading: str | None
    text: str


@dataclass(slots=True)
class Article(Record):
    """One article as read and cleaned. ``body`` is the running text only (NFC)."""

    id: str
    source: str
    shape: str
    body: str
    language: str | None = None
    title: str | None = None
    generated_title: str | None = None
    published: str | None = None  # ISO date or datetime, never invented
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    credited_agencies: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    frontmatter: dict[str, Any] | None = None
    url: str | None = None
    translation_of: str | None = None  # id of the original when this is a translation

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"unknown shape {self.shape!r}")
        if not self.id:
            raise ValueError("article id is empty")

    @property
    def display_title(self) -> str:
        return self.title or self.generated_title or self.id


# --------------------------------------------------------------------------- understanding


@dataclass(slots=True)
class Mention(Record):
    text: str
    sentence: int
    start: int = -1  # character offset in the article body, -1 when unknown
    end: int = -1


@dataclass(slots=True)
class Entity(Record):
    name: str  # canonical name from the registry
    kind: str  # person | organization | place
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    id: str | None = None  # registry id, stable across articles


@dataclass(slots=True)
class TimeRef(Record):
    text: str
    value: str  # ISO: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-spring|summer|autumn|winter, or range start
    granularity: str  # day | month | season | year | range
    sentence: int
    end: str | None = None  # end of a range
    anchor: str | None = None  # the date it was resolved against
    anchor_from_text: bool = False  # True when the article had no date and the text gave one
    start: int = -1
    # True when the text gave no year and the article no date ("chiều 16/10" in an undated
    # article): ``value`` is then ``XXXX-10-16``; the analysis may take the year from the
    # story's dated members (the value then holds it and this stays True)
    unresolved: bool = False

    def __post_init__(self) -> None:
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"unknown granularity {self.granularity!r}")


@dataclass(slots=True)
class Figure(Record):
    text: str
    value: float
    unit: str  # percent | USD | JPY | VND | EUR | ... | count | person | ...
    sentence: int
    of: str | None = None  # what the figure measures, when the sentence says so
    change_from: float | None = None  # "từ 27,5% xuống còn 15%": from 27.5 ...
    change_to: float | None = None  # ... to 15
    start: int = -1


@dataclass(slots=True)
class Quote(Record):
    text: str
    speaker: str | None
    sentence: int
    start: int = -1


@dataclass(slots=True)
class Understanding(Record):
    article_id: str
    language: str | None
    sentences: list[str] = field(default_factory=list)
    paragraph_languages: list[str | None] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    dates: list[TimeRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # segmented content words, for grouping
    anchor: str | None = None  # date used to resolve relative dates
    anchor_from_text: bool = False
    caption_sentences: int = 0  # the last N sentences come from image captions, not the body


# --------------------------------------------------------------------------- stories


@dataclass(slots=True)
class Citation(Record):
    article: str
    sentence: int
    text: str = ""
    year_from_story: bool = False  # the cited date had no year: the story's dates gave it


@dataclass(slots=True)
class StoryArticle(Record):
    id: str
    source: str
    outlet: str | None
    published: str | None
    score: float = 1.0
    reason: str = ""
    duplicate_of: str | None = None


@dataclass(slots=True)
class Event(Record):
    date: str
    granularity: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    planned: bool = False
    end: str | None = None


@dataclass(slots=True)
class PersonEntry(Record):
    name: str
    roles: list[str] = field(default_factory=list)
    articles: int = 0
    entity_id: str | None = None
    mentions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StoryFigure(Record):
    text: str
    value: float
    unit: str
    of: str | None = None
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class Side(Record):
    value: str
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class Disagreement(Record):
    topic: str
    sides: list[Side] = field(default_factory=list)
    kind: str = "figure"  # figure | date


@dataclass(slots=True)
class Story(Record):
    id: str
    title: str = ""
    title_generated: bool = False
    slug: str = ""
    description: str = ""
    created_at: str | None = None  # "YYYY-MM-DD HH:MM:SS", first publication, never moves
    updated_at: str | None = None
    use: bool = False
    use_reason: str = ""
    thumbnail: str = ""
    articles: list[StoryArticle] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    people: list[PersonEntry] = field(default_factory=list)
    figures: list[StoryFigure] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    post_path: str | None = None
