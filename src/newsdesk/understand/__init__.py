"""Understand: what one article says.

``understand_article(article, registry=None)`` runs, on the body followed by its image captions:

    1. language    the article's, and each paragraph's (``lang.py``)
    2. sentences   the one split every later stage cites by index (``sentences.py``); body
                   sentences first, then ``caption_sentences`` sentences from image captions
    3. words       segmented content words, for grouping (``vi.py``; ``ja.py`` for Japanese)
    4. entities    people, organisations, places (``entities.py``, ``names.py``); with a
                   registry, one canonical name and a stable id per entity across articles
    5. dates       time expressions resolved against ``published`` or, without it, the latest
                   full date the text states (``dates.py``)
    6. figures     amounts, percentages, counts, changes (``figures.py``)
    7. quotes      direct quotes and their speakers (``quotes.py``)

``understand_pending(store, settings)`` runs it over every current article not yet understood
by this ``UNDERSTAND_VERSION`` (raise it when the extractors improve: old articles re-run).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from newsdesk.errors import Rejected
from newsdesk.model import Article, Entity, Understanding
from newsdesk.report import StageReport

if TYPE_CHECKING:
    from newsdesk.understand.names import Registry

__all__ = [
    "UNDERSTAND_VERSION",
    "analyse_article",
    "link_entities",
    "understand_article",
    "understand_pending",
]

# 2: people without titles, middle-name merge, pronoun speakers, whole counted nouns
# 3: dash pairs are no people (routes); a place inside a title's body is not a name's start
# 7: body words as given names (Đinh Quang Báo), ĐH named after people, singular "như" lists,
#    abbreviated Vietnamese names, a surname misspelt once by a vowel joins the usual spelling
UNDERSTAND_VERSION = 7
PARALLEL_FROM = 40  # articles: below this, one process is faster than starting workers

Progress = Callable[[str, int, int], None]


def understand_article(article: Article, *, registry: Registry | None = None) -> Understanding:
    """What ``article`` says (see the module docstring). Raises ``Rejected`` for an article
    with no text."""
    u = analyse_article(article)
    if registry is not None:
        link_entities(u, registry)
    return u


def analyse_article(article: Article) -> Understanding:
    """Steps 1-7 without the registry (pure: safe to run in worker processes)."""
    from newsdesk.understand import lang
    from newsdesk.understand.dates import parse_anchor
    from newsdesk.understand.entities import entities_in_spans
    from newsdesk.understand.figures import figures_in_spans
    from newsdesk.understand.quotes import quotes_in_spans
    from newsdesk.understand.sentences import sentence_spans
    from newsdesk.understand.vi import keywords

    body = article.body or ""
    if not body.strip():
        raise Rejected(article.id, "understand", "the article has no body text")
    captions = [i.caption.strip() for i in article.images if i.caption and i.caption.strip()]
    text = body + "".join("\n\n" + c for c in captions)
    spans = sentence_spans(text)
    n_body = len(sentence_spans(body))
    paragraphs = [p for p in body.split("\n") if p.strip()]
    language = article.language or lang.detect_language(body)
    para_langs = lang.paragraph_languages(paragraphs) if len(paragraphs) > 1 else [language]
    u = Understanding(
        article_id=article.id,
        language=language,
        sentences=[text[s:e] for s, e in spans],
        paragraph_languages=para_langs,
        caption_sentences=len(spans) - n_body,
    )
    u.keywords = keywords(body, language)
    if language == "ja":
        u.people, u.organizations, u.places = _japanese_entities(text, spans)
        return u
    if language not in (None, "vi"):
        return u  # the rules read Vietnamese; a translation gets the full treatment
    from newsdesk.understand.dates import dates_and_spans

    anchor = parse_anchor(article.published)
    u.dates, time_spans = dates_and_spans(text, spans, anchor)
    if u.dates:
        u.anchor = u.dates[0].anchor
        u.anchor_from_text = u.dates[0].anchor_from_text
    elif anchor:
        u.anchor = anchor.isoformat()
    u.figures = figures_in_spans(text, spans, time_spans)
    u.people, u.organizations, u.places = entities_in_spans(text, spans, n_body)
    _add_source_agencies(article, u)
    u.quotes = quotes_in_spans(text, spans, u.people)
    return u


def link_entities(u: Understanding, registry: Registry) -> None:
    """Give every entity its registry id and canonical name (creating or improving entries)."""
    from newsdesk.understand.names import resolve

    renamed: dict[str, str] = {}
    for group in (u.people, u.organizations, u.places):
        merged: dict[str, Entity] = {}
        for e in group:
            eid, name = resolve(registry, e.kind, e.name, [m.text for m in e.mentions])
            if e.kind == "person" and e.name != name:
                renamed[e.name] = name
            e.id, e.name = eid, name
            if eid in merged:  # two in-article entities turned out to be one
                first = merged[eid]
                first.mentions.extend(e.mentions)
                first.roles.extend(r for r in e.roles if r not in first.roles)
                continue
            merged[eid] = e
        group[:] = list(merged.values())
    for q in u.quotes:
        if q.speaker in renamed:
            q.speaker = renamed[q.speaker]


def _add_source_agencies(article: Article, u: Understanding) -> None:
    """An agency the article credits as its source ("Nguồn: NHK", "(Bloomberg):") is an
    organisation of the story, marked with the role "nguồn tin" and no mentions. Photo credits
    (``Image.credit``), photographers and authors are not."""
    from newsdesk.understand.entities import org_name

    have = {e.name for e in u.organizations}
    for agency in article.credited_agencies:
        name = org_name(agency)
        if name in have:
            continue
        u.organizations.append(Entity(name=name, kind="organization", roles=["nguồn tin"]))
        have.add(name)


def _japanese_entities(text: str, spans: list[tuple[int, int]]):
    from newsdesk.model import Mention
    from newsdesk.understand import ja

    groups: dict[str, dict[str, Entity]] = {"person": {}, "organization": {}, "place": {}}
    for index, (s, e) in enumerate(spans):
        for name in ja.proper_names(text[s:e]):
            at = text.find(name.text, s, e)
            ent = groups[name.kind].setdefault(name.text, Entity(name=name.text, kind=name.kind))
            ent.mentions.append(
                Mention(name.text, index, at, at + len(name.text) if at >= 0 else -1)
            )
    return (
        list(groups["person"].values()),
        list(groups["organization"].values()),
        list(groups["place"].values()),
    )


def _in_target_language(store: Any, article_id: str, target: str) -> bool:
    """Understand reads the target language (or text whose language is unknown); an original in
    another language waits for its translation, which is understood instead."""
    language = store.scalar("SELECT language FROM articles WHERE id = ?", (article_id,))
    return language in (None, target)


def _worker_count(settings: Any, n: int) -> int:
    wanted = int(getattr(settings, "understand_workers", 0) or 0)
    if wanted > 0:
        return wanted
    return min(2, os.cpu_count() or 1) if n >= PARALLEL_FROM else 1


def _analyse_safely(article: Article) -> Understanding | Rejected:
    try:
        return analyse_article(article)
    except Rejected as e:
        return e


def understand_pending(
    store: Any, settings: Any, *, progress: Progress | None = None, everything: bool = False
) -> StageReport:
    """Understand every current article that is new (or was understood by an older extractor;
    ``everything`` re-runs all). Extraction may run in worker processes; the registry and the
    store are written in this one, article by article, each in one transaction."""
    from newsdesk.store.understand import StoreRegistry

    report = StageReport("understand")
    if everything:
        ids = [r["id"] for r in store.article_rows()]
    else:
        ids = store.articles_needing_understanding(UNDERSTAND_VERSION)
    report.unchanged = store.count_articles() - len(ids)
    target = getattr(settings, "target_language", "vi") or "vi"
    waiting = {i for i in ids if not _in_target_language(store, i, target)}
    if waiting:
        ids = [i for i in ids if i not in waiting]
        report.notes.append(
            f"understand: {len(waiting)} article(s) in another language wait for their translation"
        )
    total = len(ids)
    if progress:
        progress("understand", 0, total)
    registry = StoreRegistry(store)
    articles = (a for a in (store.get_article(i) for i in ids) if a is not None)
    workers = _worker_count(settings, total)
    if workers > 1:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_analyse_safely, articles, chunksize=8)
    else:
        pool = None
        results = map(_analyse_safely, articles)
    try:
        for done, result in enumerate(results, 1):
            if isinstance(result, Rejected):
                store.add_reject(result.item, "understand", result.reason)
                report.reject(result.item, result.reason)
            else:
                published = store.scalar(
                    "SELECT published FROM articles WHERE id = ?", (result.article_id,)
                )
                with store.transaction():
                    link_entities(result, registry)
                    outcome = store.put_understanding(result, published=published)
                if outcome == "unchanged":
                    report.unchanged += 1
                else:
                    report.done += 1
            if progress:
                progress("understand", done, total)
    finally:
        if pool is not None:
            pool.shutdown()
    return report
