"""Hand-built records for the analyse and publish tests: an article and its understanding from
a list of sentences and a few annotations, located by their text."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.model import (
    Article,
    Entity,
    Figure,
    Image,
    Mention,
    Story,
    StoryArticle,
    TimeRef,
    Understanding,
)


def _sentence_of(sentences: list[str], text: str) -> int:
    for i, s in enumerate(sentences):
        if text in s:
            return i
    raise AssertionError(f"{text!r} is in no sentence")


@dataclass
class Doc:
    id: str
    sentences: list[str]
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "vi"
    images: list[Image] = field(default_factory=list)
    dates: list[tuple[str, str, str]] = field(default_factory=list)  # (text, value, granularity)
    figures: list[dict] = field(default_factory=list)  # Figure fields, "text" located
    people: list[tuple[str, list[str], list[str]]] = field(
        default_factory=list
    )  # name, roles, mention texts
    duplicate_of: str | None = None

    def article(self) -> Article:
        return Article(
            id=self.id,
            source=self.source or f"/fixtures/{self.id}.txt",
            shape="plain_text",
            body="\n\n".join(self.sentences),
            language=self.language,
            title=self.title,
            published=self.published,
            outlet=self.outlet,
            url=self.url,
            images=list(self.images),
        )

    def understanding(self) -> Understanding:
        s = self.sentences
        dates = [
            TimeRef(
                text=t, value=v, granularity=g, sentence=_sentence_of(s, t), anchor=self.published
            )
            for t, v, g in self.dates
        ]
        figures = []
        for f in self.figures:
            text = f["text"]
            idx = f.get("sentence", _sentence_of(s, text))
            figures.append(Figure(sentence=idx, **{k: v for k, v in f.items() if k != "sentence"}))
        people = [
            Entity(
                name=name,
                kind="person",
                roles=roles,
                mentions=[Mention(text=m, sentence=_sentence_of(s, m)) for m in mentions],
                id=None,
            )
            for name, roles, mentions in self.people
        ]
        return Understanding(
            article_id=self.id,
            language=self.language,
            sentences=list(s),
            dates=dates,
            figures=figures,
            people=people,
            anchor=self.published,
        )

    def member(self) -> StoryArticle:
        return StoryArticle(
            id=self.id,
            source=self.source or f"/fixtures/{self.id}.txt",
            outlet=self.outlet,
            published=self.published,
            duplicate_of=self.duplicate_of,
        )


def story_of(docs: list[Doc], story_id: str = "s-trade") -> tuple[Story, dict, dict]:
    story = Story(id=story_id, articles=[d.member() for d in docs])
    return story, {d.id: d.article() for d in docs}, {d.id: d.understanding() for d in docs}
