"""Builds the web reader's fixture store from ``tests/fixtures/web/corpus.yaml``: articles,
their understandings and stories, written through the store's own methods."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsdesk.model import (
    Article,
    Citation,
    Disagreement,
    Entity,
    Event,
    Figure,
    Image,
    Mention,
    PersonEntry,
    Side,
    Story,
    StoryArticle,
    StoryFigure,
    TimeRef,
    Understanding,
)
from newsdesk.store.understand import StoreRegistry
from newsdesk.understand.names import MemoryRegistry, resolve

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "corpus.yaml"


@dataclass
class Corpus:
    articles: dict[str, Article] = field(default_factory=dict)  # by fixture key
    understandings: dict[str, Understanding] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)
    entities: dict[str, str] = field(default_factory=dict)  # fixture name -> registry id
    entity_specs: list[dict[str, Any]] = field(default_factory=list)

    def id(self, key: str) -> str:
        return self.articles[key].id

    def eid(self, key: str) -> str:
        return self.entities[key]


def _sentence_of(sentences: list[str], piece: str) -> int:
    for i, s in enumerate(sentences):
        if piece in s:
            return i
    raise ValueError(f"no sentence contains {piece!r}")


def load_corpus(path: Path = CORPUS) -> Corpus:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = Corpus()
    registry = MemoryRegistry()
    for ent in data["entities"]:
        eid, _ = resolve(registry, ent["kind"], ent["name"], ent["texts"])
        corpus.entities[ent["id"]] = eid
        corpus.entity_specs.append(ent)
    for key, spec in data["articles"].items():
        paragraphs = spec.pop("paragraphs")
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        sentences = [s for p in paragraphs for s in p]
        images = [Image(**i) for i in spec.pop("images", [])]
        article_id = hashlib.sha256(body.encode()).hexdigest()[:16]
        article = Article(id=article_id, body=body, images=images, **spec)
        corpus.articles[key] = article
        u = Understanding(
            article_id=article_id,
            language=article.language,
            sentences=sentences,
            anchor=(article.published or "")[:10] or None,
        )
        for ent in data["entities"]:
            mentions = [
                Mention(text=t, sentence=i, start=body.find(s) + s.find(t))
                for i, s in enumerate(sentences)
                for t in ent["texts"]
                if t in s
            ]
            if not mentions:
                continue
            entity = Entity(
                name=ent["name"],
                kind=ent["kind"],
                roles=ent.get("roles", []),
                mentions=mentions,
                id=corpus.entities[ent["id"]],
            )
            {"person": u.people, "organization": u.organizations, "place": u.places}[
                ent["kind"]
            ].append(entity)
        for d in data["dates"]:
            for i, s in enumerate(sentences):
                if d["text"] in s:
                    u.dates.append(
                        TimeRef(
                            text=d["text"],
                            value=d["value"],
                            granularity=d["granularity"],
                            sentence=i,
                            anchor=u.anchor,
                        )
                    )
        for f in data["figures"]:
            for i, s in enumerate(sentences):
                if f["text"] in s:
                    u.figures.append(
                        Figure(
                            text=f["text"],
                            value=f["value"],
                            unit=f["unit"],
                            sentence=i,
                            of=f.get("of"),
                        )
                    )
        corpus.understandings[key] = u

    def cites(pairs: list[list[str]]) -> list[Citation]:
        out = []
        for key, piece in pairs:
            u = corpus.understandings[key]
            n = _sentence_of(u.sentences, piece)
            out.append(Citation(article=corpus.id(key), sentence=n, text=u.sentences[n]))
        return out

    for spec in data["stories"]:
        members = [corpus.articles[k] for k in spec.pop("members")]
        story = Story(
            id=spec["id"],
            title=spec["title"],
            slug=spec["slug"],
            description=spec["description"],
            created_at=spec["created_at"],
            updated_at=spec["updated_at"],
            use=spec["use"],
            articles=[
                StoryArticle(id=a.id, source=a.source, outlet=a.outlet, published=a.published)
                for a in members
            ],
            timeline=[
                Event(
                    date=e["date"],
                    granularity=e["granularity"],
                    text=e["text"],
                    citations=cites(e["cite"]),
                    planned=e.get("planned", False),
                )
                for e in spec["timeline"]
            ],
            people=[
                PersonEntry(**{**p, "entity_id": corpus.entities[p["entity_id"]]})
                for p in spec["people"]
            ],
            figures=[
                StoryFigure(
                    text=f["text"],
                    value=f["value"],
                    unit=f["unit"],
                    of=f["of"],
                    citations=cites(f["cite"]),
                )
                for f in spec["figures"]
            ],
            disagreements=[
                Disagreement(
                    topic=d["topic"],
                    kind=d["kind"],
                    sides=[Side(value=s["value"], citations=cites(s["cite"])) for s in d["sides"]],
                )
                for d in spec["disagreements"]
            ],
        )
        corpus.stories.append(story)
    return corpus


def fill_store(store: Any, corpus: Corpus | None = None) -> Corpus:
    """Write the corpus into ``store`` and bring the search index up to date."""
    corpus = corpus or load_corpus()
    registry = StoreRegistry(store)
    for ent in corpus.entity_specs:
        eid, _ = resolve(registry, ent["kind"], ent["name"], ent["texts"])
        assert eid == corpus.entities[ent["id"]], (ent, eid)
    for key, article in corpus.articles.items():
        store.put_article(article)
        store.put_understanding(corpus.understandings[key])
    for story in corpus.stories:
        store.put_story(story)
        with store.transaction():
            for n, member in enumerate(story.articles):
                store.put_member(member.id, story.id, 1.0, "fixture", None, n, member.id)
    store.update_search_index()
    return corpus
